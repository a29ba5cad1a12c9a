"""openstack datastore version volume type list: what a version's instances may use."""

from osc_trove.cli import arguments, base, output

COLUMNS = ("id", "name", "is_public", "description")


class ListDatastoreVersionVolumeTypes(base.Lister):
    """List the volume types a datastore version allows.

    Every volume type of the cloud when the version names none. The version
    is looked up first: Trove reads it as an ID only, and would list every
    type for a name or an unknown ID.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_version_arguments(parser)
        return parser

    def take_action(self, parsed_args):
        types = self.trove.datastore_versions.volume_types(parsed_args.datastore_version,
                                                           parsed_args.datastore)
        return output.table(types, COLUMNS)
