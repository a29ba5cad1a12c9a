"""openstack database configuration export, diff and copy: groups as documents."""

from osc_lib import exceptions

from osc_trove.api import configuration_files
from osc_trove.api.resource import ResourceNotFound, unknown
from osc_trove.cli import arguments, base, output
from osc_trove.commands import config_values


class ExportConfiguration(base.ShowOne):
    """Print a configuration group as JSON: name, description, datastore, version, values.

    'database configuration create <name> --from-file <file>' makes the
    group again from it, here or on another cloud (names, not IDs).
    """

    formatter_default = "json"  # a document to save, not a table to read

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "configuration_group", "Configuration group")
        return parser

    def take_action(self, parsed_args):
        group = self.trove.configurations.find(parsed_args.configuration_group,
                                               needs=("values",))
        return output.show(configuration_files.export(group),
                           first=configuration_files.EXPORT_KEYS)


class DiffConfigurations(base.Lister):
    """Compare the values of a configuration group with another group's or an instance's.

    Lists the values set on one side only and those set differently; an
    instance's side is the values of its configuration group (none without
    one). The columns are Parameter and each side's name.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "configuration_group", "Configuration group")
        parser.add_argument("other", metavar="<group-or-instance>",
                            help="Configuration group, or instance whose group to compare "
                            "with (name or ID)")
        return parser

    def take_action(self, parsed_args):
        groups = self.trove.configurations
        left = groups.find(parsed_args.configuration_group, needs=("values",))
        right_label, right_values = self.side(parsed_args.other)
        left_label = left.get("name") or left["id"]
        if right_label == left_label:
            right_label = f"{right_label} ({parsed_args.other})"
        rows = configuration_files.diff(left.get("values") or {}, right_values)
        # A value not set is empty in a table and null in json.
        return ("Parameter", left_label, right_label), (
            (name, output.DataColumn(mine), output.DataColumn(theirs))
            for name, mine, theirs in rows)

    def side(self, ref):
        """(label, values) of a group, else of an instance's group."""
        trove = self.trove
        try:
            group = trove.configurations.find(ref, needs=("values",))
            return group.get("name") or group["id"], group.get("values") or {}
        except ResourceNotFound:
            try:
                instance = trove.instances.find(ref, detail=True)
            except ResourceNotFound:
                raise unknown("configuration group or instance", ref) from None
        name = instance.get("name") or instance["id"]
        group_id = (instance.get("configuration") or {}).get("id")
        if not group_id:
            self.app.stderr.write(f"Instance {name} has no configuration group: its side has "
                                  "no values.\n")
            return f"instance {name}", {}
        group = trove.configurations.get(group_id)
        return f"instance {name} ({group.get('name')})", group.get("values") or {}


def copyable(values, parameters):
    """(the values `parameters` allow, typed; {name: why} of the others)."""
    by_name = {param["name"].lower(): param for param in parameters}
    kept, dropped = {}, {}
    for name, value in values.items():
        param = by_name.get(name.lower())
        if param is None:
            dropped[name] = f"{name} (no such parameter)"
            continue
        try:
            kept[name] = config_values.typed_value(name, value, param)
        except exceptions.CommandError:
            dropped[name] = f"{name}={value} (takes {config_values.allowed(param)})"
    return kept, dropped


class CopyConfiguration(base.ShowOne):
    """Copy a configuration group to another datastore version.

    Keeps every value the new version's parameters allow (name, type,
    range); the others are named in one line on stderr, with why. Creates the
    group and shows it.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "configuration_group",
                                        "Configuration group to copy")
        parser.add_argument("new_name", metavar="<new name>", help="Name of the new group")
        parser.add_argument("--datastore-version", metavar="<datastore_version>", required=True,
                            help="Datastore version of the new group (name or ID)")
        parser.add_argument("--datastore", metavar="<datastore>",
                            help="Datastore of the new group (name or ID; default: the "
                            "group's)")
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        trove = self.trove
        group = trove.configurations.find(args.configuration_group,
                                          needs=("values", "datastore_name"))
        datastore = args.datastore or group["datastore_name"]
        version = trove.datastore_versions.find(args.datastore_version, datastore)
        params = trove.configuration_parameters.list(version["id"])
        kept, dropped = copyable(group.get("values") or {}, params)
        if dropped:
            self.app.stderr.write(
                f"Not copied to {args.new_name}, which {datastore} {version.get('name')} does "
                f"not allow: {', '.join(dropped.values())}.\n")
        fields = {"name": args.new_name, "values": kept,
                  "datastore": {"type": datastore, "version": version["id"]}}
        if group.get("description") is not None:
            fields["description"] = group["description"]
        return output.show(trove.configurations.create(**fields))
