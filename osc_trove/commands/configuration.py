"""openstack database configuration ...: configuration groups, attaching them to
instances, and the parameters each datastore version lets them set."""

import json
import shlex

from osc_lib import exceptions

from osc_trove.api import configuration_files
from osc_trove.cli import arguments, base, files, output, templates, wait
from osc_trove.commands import config_values

LIST_KEYS = (
    "id", "name", "description", "datastore_name", "datastore_version_name",
    "datastore_version_number",
)
LONG_KEYS = ("created", "updated")  # --long
PARAMETER_COLUMNS = ("Name", "Type", "Min Size", "Max Size", "Restart Required")


def shown(group):
    """A group as show prints it: `values` as JSON text (python-troveclient's shape)."""
    data = dict(group)
    data["values"] = json.dumps(data.get("values") or {})
    return output.show(data)


def add_values_arguments(parser, what):
    parser.add_argument(
        "values",
        metavar="<values>",
        nargs="?",
        help=f"{what}, as a JSON object, e.g. '{{\"max_connections\": 200}}' "
        "(or use --value)",
    )
    parser.add_argument(
        "--value",
        metavar="<name=value>",
        action="append",
        help="One value, e.g. max_connections=200; repeat for several. Values are typed "
        "from the datastore version's parameter list and checked before anything is sent",
    )


def typed_values(trove, values, version_id, where):
    """`values` typed from the version's parameter list, and that list (no request for {})."""
    if not values:
        return {}, []
    params = list(trove.configuration_parameters.list(version_id))
    return config_values.typed(values, params, where), params


def restart_notice(command, trove, group_id, values, params):
    """One stderr line naming the group's instances that need a restart for `values`.

    An instance needs one when a changed parameter is `restart_required`, or
    when Trove left it in RESTART_REQUIRED. Costs the group's instance list,
    and one instance list when no changed parameter needs a restart.
    """
    attached = list(trove.configurations.instances(group_id))
    if not attached:
        return
    needing = {p["name"].lower() for p in params if p.get("restart_required")}
    if any(name.lower() in needing for name in values):
        names = [row.get("name") or row["id"] for row in attached]
    else:
        ids = {row["id"] for row in attached}
        names = [
            row.get("name") or row["id"]
            for row in trove.instances.list()
            if row["id"] in ids and row.get("status") == "RESTART_REQUIRED"
        ]
    tell_restart(command, names)


def tell_restart(command, names):
    if names:
        command.app.stderr.write(
            f"Restart to apply the new values: {', '.join(names)} "
            "('openstack database instance restart <instance>').\n"
        )


class CreateConfiguration(base.ShowOne):
    """Create a configuration group: values for a datastore version's parameters.

    Give the values as a JSON object or with --value name=value; each is typed
    from the parameter list of the datastore version and checked (name, type,
    range) before the group is created. Typing needs the version: give
    --datastore (its default version is used) and/or --datastore-version.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("name", metavar="<name>", help="Name of the configuration group")
        add_values_arguments(parser, "Values to set")
        arguments.add_datastore_options(
            parser,
            "Datastore of the group (name or ID; default: the cloud's default datastore)",
            "Datastore version of the group (name or ID; default: the datastore's default "
            "version)",
        )
        parser.add_argument(
            "--description", metavar="<description>", help="Description of the group"
        )
        parser.add_argument(
            "--from-file", metavar="<file>",
            help="A group exported by 'database configuration export' (JSON, at most 1 MiB): "
            "its values, datastore, version and description",
        )
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        values = config_values.given(args.values, args.value)
        if args.from_file:
            if values:
                raise exceptions.CommandError(
                    "Give the values in --from-file or on the command line, not both.")
            values = self.exported(args)
        datastore = arguments.datastore_request(args)
        if values:
            version = self.version(args)
            if version is None and args.value:
                raise exceptions.CommandError(
                    "--value needs --datastore or --datastore-version, to type the values "
                    "from that version's parameters."
                )
            if version is not None:
                values, _ = typed_values(self.trove, values, *version)
        fields = {"name": args.name, "values": values}
        if datastore:
            fields["datastore"] = datastore
        if args.description is not None:
            fields["description"] = args.description
        return shown(self.trove.configurations.create(**fields))

    @staticmethod
    def exported(args):
        """The values of the export file --from-file names; its datastore, version
        and description fill the options not given."""
        path = args.from_file
        text = files.read_regular_file(path, "configuration export", files.MIB)
        exported = configuration_files.read_export(text.decode("utf-8", "replace"), f"'{path}'")
        store = exported.get("datastore") or {}
        args.datastore = args.datastore or store.get("type")
        args.datastore_version = args.datastore_version or store.get("version")
        if args.description is None:
            args.description = exported.get("description")
        return exported["values"]

    def version(self, args):
        """(ID, name for messages) of the group's datastore version; None: the server's default.

        Costs one request: the datastore's version list, the version, or the datastore.
        """
        versions = self.trove.datastore_versions
        if args.datastore_version_number:
            if not args.datastore:
                raise exceptions.CommandError("--datastore-version-number needs --datastore.")
            found = versions.find_numbered(args.datastore_version_number, args.datastore,
                                           args.datastore_version)
            return found["id"], f"{args.datastore} {args.datastore_version_number}"
        if args.datastore_version:
            found = versions.find(args.datastore_version, args.datastore)
            return found["id"], f"{args.datastore or 'datastore version'} {found['name']}"
        if args.datastore:
            store, default = versions.find_default(args.datastore)
            return default["id"], " ".join([store["name"], *filter(None, [default.get("name")])])
        return None


class ListConfigurations(base.Lister):
    """List configuration groups (every page)."""

    long_columns = tuple(output.title(key) for key in LONG_KEYS)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_paging_arguments(
            parser, "groups", "Show configuration groups after this group ID"
        )
        return parser

    def take_action(self, parsed_args):
        rows = self.trove.configurations.list(limit=parsed_args.limit, marker=parsed_args.marker)
        return output.table(rows, LIST_KEYS + LONG_KEYS)


class ShowConfiguration(base.ShowOne):
    """Show a configuration group and its values."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "configuration_group", "Configuration group")
        return parser

    def take_action(self, parsed_args):
        return shown(self.trove.configurations.find(parsed_args.configuration_group,
                                                    needs=("values",)))


class DeleteConfiguration(templates.DeleteMany):
    """Delete one or more configuration groups.

    Every group named is tried; each failure is reported (a group still
    attached to instances names them) and the command then exits 1.
    """

    resource = "configurations"
    argument = "configuration_group"
    plural = "configuration groups"

    def delete(self, groups, group_id, parsed_args):
        try:
            groups.delete(group_id)
        except exceptions.BadRequest as err:
            names = [row.get("name") or row["id"] for row in groups.instances(group_id)]
            if not names:
                raise
            raise exceptions.CommandError(
                f"{err.message} Attached to: {', '.join(names)}."
            ) from None


class SetConfiguration(base.ShowOne):
    """Replace every value of a configuration group (and its name or description).

    Values the command does not give are removed from the group: to change
    some values and keep the others, use 'database configuration parameter
    set' (or --patch). Every instance using the group gets the new values;
    those that need a restart for them are named on stderr. Shows the group
    afterwards.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "configuration_group", "Configuration group")
        add_values_arguments(parser, "Every value of the group (the others are removed)")
        parser.add_argument("--name", metavar="<name>", help="New name of the group")
        parser.add_argument(
            "--description", metavar="<description>", help="New description of the group"
        )
        parser.add_argument(
            "--patch",
            action="store_true",
            help="Change only the values given, keeping the others (same as "
            "'database configuration parameter set')",
        )
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        if args.patch and (args.name is not None or args.description is not None):
            raise exceptions.CommandError("--patch changes values only: not with --name or "
                                          "--description.")
        if args.values is None and not args.value:
            raise exceptions.CommandError(
                "Give the group's values (JSON or --value): this command replaces all of them."
            )
        return change_values(self, args, patch=args.patch)


class SetConfigurationParameter(base.ShowOne):
    """Set some values of a configuration group, keeping the others.

    Every instance using the group gets the new values; those that need a
    restart for them are named on stderr. Shows the group afterwards.
    """

    aliases = ("database configuration set --patch",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "configuration_group", "Configuration group")
        add_values_arguments(parser, "Values to set or change")
        return parser

    def take_action(self, parsed_args):
        if parsed_args.values is None and not parsed_args.value:
            raise exceptions.CommandError("Give the values to set (JSON or --value).")
        return change_values(self, parsed_args, patch=True)


def change_values(command, args, patch):
    """PATCH (merge) or PUT (replace) a group's values, typed first; show the group after."""
    trove = command.trove
    groups = trove.configurations
    values = config_values.given(args.values, args.value)
    # A replacement also needs the values it replaces, to name those it removes.
    needs = ("datastore_version_id",) if patch else ("datastore_version_id", "values")
    group = groups.find(args.configuration_group, needs=needs)
    group_id = groups.id_of(group)
    where = f"{group.get('datastore_name')} {group.get('datastore_version_name')}"
    values, params = typed_values(trove, values, group["datastore_version_id"], where)
    if patch:
        groups.patch(group_id, values=values)
    else:
        fields = {"values": values}
        if args.name is not None:
            fields["name"] = args.name
        if args.description is not None:
            fields["description"] = args.description
        groups.update(group_id, **fields)
        tell_removed(command, group, values)
    restart_notice(command, trove, group_id, values, params)
    return shown(groups.get(group_id))


def tell_removed(command, group, values):
    """One stderr line naming the values a replacement (PUT) dropped from `group`,
    with the command that puts them back."""
    kept = {name.lower() for name in values}
    removed = {k: v for k, v in (group.get("values") or {}).items() if k.lower() not in kept}
    if not removed:
        return
    pairs = [f"{name}={json.dumps(v) if isinstance(v, bool) else v}"
             for name, v in removed.items()]
    again = " ".join(f"--value {shlex.quote(pair)}" for pair in pairs)
    command.app.stderr.write(
        f"Removed from configuration group '{group.get('name') or group['id']}' (set replaces "
        f"every value): {', '.join(pairs)}. To put them back: 'openstack database "
        f"configuration parameter set {group['id']} {again}'.\n"
    )


class UnsetConfiguration(base.ShowOne):
    """Remove values from a configuration group, keeping the others.

    Trove has no request that removes one value: the group's values are read,
    the named ones dropped and the rest sent back (replacing them all). Every
    instance using the group gets the new values; those that need a restart
    for them are named on stderr. Shows the group afterwards.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "configuration_group", "Configuration group")
        parser.add_argument(
            "parameters", metavar="<parameter>", nargs="+",
            help="Name of a value to remove; several may be given",
        )
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        groups = trove.configurations
        group = groups.find(parsed_args.configuration_group,
                            needs=("values", "datastore_version_id"))
        values = group.get("values") or {}
        unknown = [name for name in parsed_args.parameters if name not in values]
        if unknown:
            raise exceptions.CommandError(
                f"Configuration group '{parsed_args.configuration_group}' has no value for "
                f"{', '.join(unknown)} (it has: {', '.join(sorted(values)) or 'none'})."
            )
        group_id = groups.id_of(group)
        removed = {name: values[name] for name in parsed_args.parameters}
        params = list(trove.configuration_parameters.list(group["datastore_version_id"]))
        groups.update(group_id, values={k: v for k, v in values.items() if k not in removed})
        restart_notice(self, trove, group_id, removed, params)
        return shown(groups.get(group_id))


# Where --wait of attach and detach ends: Trove has applied the values it
# could at once (ACTIVE) or left the rest for a restart (RESTART_REQUIRED).
APPLIED = ("ACTIVE", "RESTART_REQUIRED")


def group_of(instance):
    """The ID of the group an instance shows attached, or None."""
    return (instance.get("configuration") or {}).get("id")


class AttachConfiguration(base.Command):
    """Attach a configuration group to an instance.

    When the instance needs a restart for the group's values to apply, the
    command says so on stderr.
    """

    aliases = ("database configuration add",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        arguments.add_resource_argument(parser, "configuration", "Configuration group to attach")
        wait.add_wait_options(parser, "the instance shows the group as its configuration and "
                              f"is {' or '.join(APPLIED)}")
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        instances = trove.instances
        group_id = trove.configurations.resolve(parsed_args.configuration)
        instance_id, _ = instances.act_on(
            parsed_args.instance,
            lambda found_id: instances.update(found_id, configuration=group_id),
        )
        if parsed_args.wait:
            instance = wait.until_status(
                self, lambda: instances.get(instance_id), f"instance {parsed_args.instance}",
                APPLIED, parsed_args.wait_timeout, also=lambda row: group_of(row) == group_id)
        else:
            instance = instances.get(instance_id)
        if instance.get("status") == "RESTART_REQUIRED":
            tell_restart(self, [instance.get("name") or instance_id])


class DetachConfiguration(templates.Action):
    """Detach the configuration group from an instance."""

    aliases = ("database configuration remove",)
    wait_statuses = APPLIED
    wait_target = f"the instance shows no configuration group and is {' or '.join(APPLIED)}"

    @staticmethod
    def settled(instance):
        return group_of(instance) is None

    def act(self, instances, instance_id, parsed_args, prepared):
        instances.update(instance_id, configuration=None)


class DefaultConfiguration(templates.ShowAction):
    """Show the configuration an instance's datastore uses where no group sets a value."""

    first = ()

    def act(self, instances, instance_id, parsed_args, prepared):
        return instances.default_configuration(instance_id)


class ListConfigurationInstances(base.Lister):
    """List the instances a configuration group is attached to (every page)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "configuration_group", "Configuration group")
        arguments.add_paging_arguments(parser, "instances", "Show instances after this instance ID")
        return parser

    def take_action(self, parsed_args):
        groups = self.trove.configurations
        rows = groups.list_under(parsed_args.configuration_group, groups.instances,
                                 limit=parsed_args.limit, marker=parsed_args.marker)
        return output.table(rows, ("id", "name"))


def version_path(trove, args):
    """(version, datastore) for the parameter URLs: within --datastore the server
    resolves a version name; without, the version's ID (a name is looked up)."""
    if args.datastore:
        return args.datastore_version, args.datastore
    return trove.datastore_versions.resolve(args.datastore_version), None


class ListConfigurationParameters(base.Lister):
    """List the parameters configuration groups may set for a datastore version."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_version_arguments(parser)
        return parser

    def take_action(self, parsed_args):
        version, datastore = version_path(self.trove, parsed_args)
        params = self.trove.configuration_parameters.list(version, datastore=datastore)
        rows = (
            (p.get("name"), p.get("type"), p.get("min", "-"), p.get("max", "-"),
             p.get("restart_required"))
            for p in params
        )
        return PARAMETER_COLUMNS, rows


class ShowConfigurationParameter(base.ShowOne):
    """Show one configuration parameter of a datastore version: type, range, restart."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_version_arguments(parser)
        parser.add_argument("parameter", metavar="<parameter>", help="Name of the parameter")
        return parser

    def take_action(self, parsed_args):
        version, datastore = version_path(self.trove, parsed_args)
        param = self.trove.configuration_parameters.get(version, parsed_args.parameter,
                                                        datastore=datastore)
        return output.show(param, first=("name",))


AttachConfigurationAlias = base.alias_of(AttachConfiguration)
DetachConfigurationAlias = base.alias_of(DetachConfiguration)
