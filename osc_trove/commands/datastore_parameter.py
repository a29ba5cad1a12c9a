"""openstack datastore version parameter create/set/delete (admin only): define
what configuration groups of a datastore version may set."""

from osc_lib import exceptions

from osc_trove.cli import arguments, base, output, refusals

TYPES = ("boolean", "float", "integer", "string")


def _add_arguments(parser, creating):
    arguments.add_version_arguments(parser)
    parser.add_argument("name", metavar="<name>", help="Name of the parameter")
    parser.add_argument(
        "--type", dest="data_type", choices=TYPES, required=creating,
        help="Type of the values groups may give it" + ("" if creating else
                                                          " (default: kept)"),
    )
    parser.add_argument("--min", dest="min_size", metavar="<min>", type=int,
                        help="Smallest value (integer parameters need it)")
    parser.add_argument("--max", dest="max_size", metavar="<max>", type=int,
                        help="Largest value (integer parameters need it)")
    restart = parser.add_mutually_exclusive_group()
    restart.add_argument(
        "--restart-required", dest="restart_required", action="store_true",
        default=None, help="A new value takes effect only after the instance restarts",
    )
    restart.add_argument(
        "--no-restart-required", dest="restart_required", action="store_false",
        help="A new value takes effect at once" + (" (default)" if creating else ""),
    )


def _definition(args, current=None):
    """The whole definition to send: the options given over `current` (Trove's PUT
    replaces every field); a range is checked here, before any request."""
    current = current or {}
    fields = {
        "data_type": args.data_type or current.get("type"),
        "restart_required": (bool(current.get("restart_required"))
                             if args.restart_required is None else args.restart_required),
        "min_size": args.min_size if args.min_size is not None else current.get("min"),
        "max_size": args.max_size if args.max_size is not None else current.get("max"),
    }
    if fields["data_type"] == "integer" and None in (fields["min_size"], fields["max_size"]):
        raise exceptions.CommandError("An integer parameter needs --min and --max.")
    if fields["data_type"] != "integer":
        fields["min_size"] = fields["max_size"] = None
    elif fields["min_size"] > fields["max_size"]:
        raise exceptions.CommandError(
            f"--min {fields['min_size']} is above --max {fields['max_size']}.")
    return fields


def _shown(command, version, name):
    param = command.trove.configuration_parameters.get(version, name)
    return output.show(param, first=("name",))


class CreateDatastoreVersionParameter(base.ShowOne):
    """Define a configuration parameter for a datastore version (admin only).

    Configuration groups of that version may then set it; its type and range
    are what Trove checks their values against.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _add_arguments(parser, creating=True)
        return parser

    def take_action(self, parsed_args):
        fields = _definition(parsed_args, {"restart_required": False})
        with refusals.admin_only(f"defining parameter '{parsed_args.name}'"):
            version = self.trove.mgmt_datastore_versions.resolve(
                parsed_args.datastore_version, parsed_args.datastore)
            self.trove.parameter_definitions.create(version, [{"name": parsed_args.name,
                                                               **fields}])
        return _shown(self, version, parsed_args.name)


class SetDatastoreVersionParameter(base.ShowOne):
    """Change a configuration parameter of a datastore version (admin only).

    What is not given is kept: the definition is read first, since Trove
    replaces it whole.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        _add_arguments(parser, creating=False)
        return parser

    def take_action(self, parsed_args):
        with refusals.admin_only(f"changing parameter '{parsed_args.name}'"):
            version = self.trove.mgmt_datastore_versions.resolve(
                parsed_args.datastore_version, parsed_args.datastore)
            current = self.trove.configuration_parameters.get(version, parsed_args.name)
            fields = _definition(parsed_args, current)
            self.trove.parameter_definitions.update(version, parsed_args.name, **fields)
        return _shown(self, version, parsed_args.name)


class DeleteDatastoreVersionParameter(base.Command):
    """Delete configuration parameters of a datastore version (admin only).

    Groups that set one keep the value, but no new value can be given.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_version_arguments(parser)
        parser.add_argument("names", metavar="<name>", nargs="+",
                            help="Name(s) of the parameter(s)")
        return parser

    def take_action(self, parsed_args):
        with refusals.admin_only("deleting configuration parameters"):
            version = self.trove.mgmt_datastore_versions.resolve(
                parsed_args.datastore_version, parsed_args.datastore)
            for name in parsed_args.names:
                self.trove.parameter_definitions.delete(version, name)
