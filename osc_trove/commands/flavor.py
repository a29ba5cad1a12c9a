"""openstack database flavor list/show."""

from osc_lib import exceptions

from osc_trove.cli import base, output

_COLUMNS = ("id", "name", "ram", "vcpus", "disk", "ephemeral")


def _with_real_id(flavor):
    # Trove gives a numeric ID as a number in `id` and leaves `id` empty for
    # other IDs, which only `str_id` has: the ID as python-troveclient prints it
    # (a number stays a number in -f json).
    row = {k: v for k, v in flavor.items() if k != "str_id"}
    if row.get("id") is None:
        row["id"] = flavor.get("str_id")
    return row


class ListFlavors(base.Lister):
    """List the flavors database instances can be created with."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "--datastore-type",
            metavar="<datastore>",
            help="Only flavors for this datastore (name or ID); needs --datastore-version-id",
        )
        parser.add_argument(
            "--datastore-version-id",
            metavar="<datastore_version>",
            help="Only flavors for this datastore version (name or ID); needs --datastore-type",
        )
        return parser

    def take_action(self, parsed_args):
        store, version = parsed_args.datastore_type, parsed_args.datastore_version_id
        if bool(store) != bool(version):
            raise exceptions.CommandError(
                "--datastore-type and --datastore-version-id must be given together."
            )
        if store:
            version = self.trove.datastore_versions.resolve(version, within=store)
            flavors = self.trove.flavors.list_for_version(store, version)
        else:
            flavors = self.trove.flavors.list()
        return output.table((_with_real_id(f) for f in flavors), _COLUMNS)


class ShowFlavor(base.ShowOne):
    """Show a flavor."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("flavor", metavar="<flavor>", help="Flavor (name or ID)")
        return parser

    def take_action(self, parsed_args):
        return output.show(_with_real_id(self.trove.flavors.find(parsed_args.flavor)))
