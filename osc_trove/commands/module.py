"""openstack database module create/list/show/set/delete/reapply/query/list instance/
instance count, and database instance list/set/remove/show module."""


from osc_lib import exceptions

from osc_trove.api import quirks
from osc_trove.cli import arguments, base, output, templates
from osc_trove.commands import instance_view, module_files

# python-troveclient's `trove module-*` titles where they differ from the attribute's.
_TITLES = {
    "Datastore Version": "Version",
    "Priority Apply": "Priority",
    "Apply Order": "Order",
    "Is Admin": "Admin",
    "Module Md5": "Module MD5",
    "Instance Count": "Count",
}
LIST_KEYS = (
    "id", "name", "type", "datastore", "datastore_version", "auto_apply", "priority_apply",
    "apply_order", "is_admin", "tenant", "visible",
)
INSTANCE_KEYS = ("id", "name", "type", "md5", "created", "updated")
APPLY_KEYS = ("name", "type", "datastore", "datastore_version", "status", "message")
QUERY_KEYS = APPLY_KEYS + ("created", "updated")
COUNT_KEYS = (
    "module_name", "min_updated_date", "max_updated_date", "module_md5", "current",
    "instance_count",
)
# Attributes of the module that are 0/1 in requests.
_SWITCHES = ("auto_apply", "all_tenants", "visible", "live_update", "priority_apply",
             "full_access")


def table(rows, keys):
    columns, values = output.table(rows, keys)
    return tuple(_TITLES.get(title, title) for title in columns), values


# --- options shared by create and set ------------------------------------------------------


def _switch(parser, dest, *choices):
    """A yes/no attribute, left out of the request unless one of its flags is given.

    `choices`: (flag, value, help, older spellings) for each flag.
    """
    group = parser.add_mutually_exclusive_group()
    for flag, value, text, old in choices:
        action = "store_true" if value else "store_false"
        group.add_argument(flag, dest=dest, action=action, default=None, help=text)
        for spelling in old:
            arguments.hidden(group, spelling, dest=dest, action=action, default=None)


def _add_definition_options(parser, updating):
    """Options describing a module; `updating` (set) adds the way back for each."""

    def switch(dest, on, off):
        _switch(parser, dest, *((on, off) if updating else (on,)))

    parser.add_argument("--description", metavar="<description>", help="Module description")
    datastore = parser.add_mutually_exclusive_group()
    datastore.add_argument(
        "--datastore",
        metavar="<datastore>",
        help="Datastore the module can be applied to (name or ID; default: every datastore)",
    )
    version = parser.add_mutually_exclusive_group()
    version.add_argument(
        "--datastore-version",
        metavar="<datastore_version>",
        help="Datastore version the module can be applied to (name or ID, with --datastore; "
        "default: every version)",
    )
    arguments.hidden(version, "--datastore_version", dest="datastore_version")
    if updating:
        datastore.add_argument(
            "--all-datastores", action="store_true",
            help="Make the module valid for every datastore",
        )
        arguments.hidden(datastore, "--all_datastores", dest="all_datastores", action="store_true")
        version.add_argument(
            "--all-datastore-versions", action="store_true",
            help="Make the module valid for every version of its datastore",
        )
        arguments.hidden(version, "--all_datastore_versions", dest="all_datastore_versions",
                      action="store_true")
    switch(
        "auto_apply",
        ("--auto-apply", True, "Apply the module automatically to every new instance or "
         "cluster it fits (admin only)", ("--auto_apply",)),
        ("--no-auto-apply", False, "Stop applying the module automatically (admin only)",
         ("--no_auto_apply",)),
    )
    switch(
        "all_tenants",
        ("--all-projects", True, "Make the module available to every project (admin only)",
         ("--all-tenants", "--all_tenants")),
        ("--no-all-projects", False, "Make the module available to its own project only "
         "(admin only)", ("--no-all-tenants", "--no_all_tenants")),
    )
    switch(
        "visible",
        ("--hidden", False, "Hide the module from users who are not admins, for instance "
         "an auto-apply module that should not clutter their lists (admin only)", ()),
        ("--visible", True, "Show the module to every user (admin only)",
         ("--no-hidden", "--no_hidden")),
    )
    switch(
        "live_update",
        ("--live-update", True, "Allow the module to be changed or deleted while instances "
         "have it applied", ("--live_update",)),
        ("--no-live-update", False, "Refuse changes and deletion while instances have the "
         "module applied", ("--no_live_update",)),
    )
    switch(
        "priority_apply",
        ("--priority-apply", True, "Apply the module before every module without priority "
         "(admin only)", ("--priority_apply",)),
        ("--no-priority-apply", False, "Remove the module's apply priority (admin only)",
         ("--no_priority_apply",)),
    )
    parser.add_argument(
        "--apply-order",
        metavar="<0-9>",
        type=int,
        choices=range(10),
        help="Order of application: lower values are applied first, equal values in any "
        "order" + ("" if updating else " (default on the server: 5)"),
    )
    arguments.hidden(parser, "--apply_order", dest="apply_order", type=int, choices=range(10))
    switch(
        "full_access",
        ("--full-access", True, "Let users who are not admins change the module, unless an "
         "admin-only option is set (admin only)", ("--full_access",)),
        ("--no-full-access", False, "Let only admins change the module (admin only)",
         ("--no_full_access",)),
    )


def _definition_fields(args):
    """The request's fields for the options given (yes/no ones as 0 or 1)."""
    fields = {}
    if args.description is not None:
        fields["description"] = args.description
    datastore = {
        key: value
        for key, value in (("type", args.datastore), ("version", args.datastore_version))
        if value
    }
    if datastore:
        fields["datastore"] = datastore
    for key in ("all_datastores", "all_datastore_versions"):
        if getattr(args, key, False):
            fields[key] = 1
    for key in _SWITCHES:
        value = getattr(args, key)
        if value is not None:
            fields[key] = int(value)
    if args.apply_order is not None:
        fields["apply_order"] = args.apply_order
    return fields


# --- module commands -----------------------------------------------------------------------


class CreateModule(base.ShowOne):
    """Create a module: a file that the guest agent applies on database instances.

    The file is read as bytes (any content) and sent base64-encoded; the server
    limits its size. The <type> must be one of the module types the cloud
    enables (Trove's defaults: ping, new_relic_license).
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("name", metavar="<name>", help="Name of the module")
        parser.add_argument(
            "type", metavar="<type>",
            help="Type of the module, handled by a module driver on the guest",
        )
        parser.add_argument("file", metavar="<filename>", help="File holding the module contents")
        _add_definition_options(parser, updating=False)
        return parser

    def take_action(self, parsed_args):
        contents = module_files.encoded_contents(parsed_args.file)
        created = self.trove.modules.create(
            name=parsed_args.name, module_type=parsed_args.type, contents=contents,
            **_definition_fields(parsed_args),
        )
        return output.show(created)


class ListModules(base.Lister):
    """List the modules you can see (every one)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "--datastore",
            metavar="<datastore>",
            help="Only modules for this datastore (name or ID); 'all': only modules for "
            "every datastore",
        )
        return parser

    def take_action(self, parsed_args):
        return table(self.trove.modules.list(datastore=parsed_args.datastore), LIST_KEYS)


class ShowModule(base.ShowOne):
    """Show a module, with the number of instances that have its current contents."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "module")
        return parser

    def take_action(self, parsed_args):
        return output.show(self.trove.modules.find(parsed_args.module, needs=("live_update",)))


class SetModule(base.ShowOne):
    """Change a module: its contents, name, type, datastore or options.

    Trove refuses to change a module applied on instances unless it has
    --live-update.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "module")
        parser.add_argument("--name", metavar="<name>", help="New name")
        parser.add_argument("--type", metavar="<type>", help="New module type")
        parser.add_argument(
            "--file", metavar="<filename>", help="File holding the new module contents"
        )
        _add_definition_options(parser, updating=True)
        return parser

    def take_action(self, parsed_args):
        fields = _definition_fields(parsed_args)
        if parsed_args.name is not None:
            fields["name"] = parsed_args.name
        if parsed_args.type is not None:
            fields["module_type"] = parsed_args.type
        if parsed_args.file is not None:
            fields["contents"] = module_files.encoded_contents(parsed_args.file)
        modules = self.trove.modules
        _, answer = modules.act_on(
            parsed_args.module, lambda module_id: modules.update(module_id, **fields)
        )
        return output.show((answer or {}).get("module") or {})


class DeleteModule(templates.DeleteMany):
    """Delete one or more modules.

    Trove refuses to delete a module applied on instances unless it was made
    or set with 'database module set --live-update'. Every module named is
    tried; each failure is reported and the command then exits 1.
    """

    resource = "modules"
    argument = "module"
    plural = "modules"


class ReapplyModule(templates.Action):
    """Apply a module again on the instances that have it.

    The task manager works through the instances in the background, in
    batches; the command returns at once.
    """

    resource = "modules"
    argument = "module"

    def add_arguments(self, parser):
        parser.add_argument(
            "--md5", metavar="<md5>",
            help="Only instances that have the module contents with this MD5",
        )
        arguments.add_include_clustered(parser)
        parser.add_argument(
            "--batch-size", metavar="<batch_size>", type=arguments.positive_int,
            help="Instances to reapply the module to before each pause (default: the cloud's)",
        )
        arguments.hidden(parser, "--batch_size", dest="batch_size", type=arguments.positive_int)
        parser.add_argument(
            "--delay", metavar="<seconds>", type=arguments.at_least(0),
            help="Pause between batches, in seconds (default: the cloud's)",
        )
        parser.add_argument(
            "--force", action="store_true",
            help="Reapply even where the instance already has the current contents",
        )

    def prepare(self, parsed_args):
        options = {}
        if parsed_args.md5:
            options["md5"] = parsed_args.md5
        if parsed_args.include_clustered:
            options["include_clustered"] = 1
        if parsed_args.batch_size is not None:
            options["batch_size"] = parsed_args.batch_size
        if parsed_args.delay is not None:
            options["batch_delay"] = parsed_args.delay
        if parsed_args.force:
            options["force"] = 1
        return options

    def act(self, modules, module_id, parsed_args, options):
        modules.reapply(module_id, **options)


def query_modules(trove, instance):
    """What the guest agent of the instance says about its modules."""
    rows = trove.instance_modules.list_in(instance, from_guest=True)
    return table(rows, QUERY_KEYS)


class QueryModules(base.Lister):
    """Ask an instance's guest agent about the modules on it: status and message of each."""

    aliases = ("database instance list module <instance> --status",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        return parser

    def take_action(self, parsed_args):
        return query_modules(self.trove, parsed_args.instance)


class ListModuleInstances(base.Lister):
    """List the modules applied to an instance (as Trove recorded them)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        rows = trove.instance_modules.list_in(parsed_args.instance)
        return table(rows, INSTANCE_KEYS)


class CountModuleInstances(base.Lister):
    """Count the instances that have a module, per MD5 of the contents they were given.

    Current says whether that MD5 is the module's current one.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "module")
        arguments.add_include_clustered(parser)
        return parser

    def take_action(self, parsed_args):
        modules = self.trove.modules
        _, rows = modules.act_on(
            parsed_args.module,
            lambda module_id: modules.instance_count(module_id, parsed_args.include_clustered),
        )
        return table(rows, COUNT_KEYS)


# --- instance commands about modules -------------------------------------------------------


class ListInstanceModules(base.Lister):
    """List the instances that have a module applied (every page).

    With --status the positional is an instance instead, and the command
    shows what the instance's guest agent says about its modules (the same as
    'database module query <instance>').
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "target", metavar="<module>",
            help="Module (name or ID); with --status, an instance (name or ID)",
        )
        parser.add_argument(
            "--status", action="store_true",
            help="Treat <module> as an instance and show the status of each module on it",
        )
        arguments.add_include_clustered(parser)
        arguments.add_paging_arguments(
            parser, "instances", "Show only instances whose ID sorts after this one"
        )
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        if args.status:
            if args.include_clustered or args.limit or args.marker:
                raise exceptions.CommandError(
                    "--status cannot go with --include-clustered, --limit or --marker."
                )
            return query_modules(self.trove, args.target)
        modules = self.trove.modules
        rows = modules.list_under(args.target, modules.instances, limit=args.limit,
                                 include_clustered=args.include_clustered, marker=args.marker)
        return instance_view.table(rows)


class SetInstanceModules(base.Lister):
    """Apply one or more modules to an instance now; shows the guest's result of each."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        arguments.add_resource_argument(parser, "module", "Module(s) to apply", nargs="+")
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        module_ids = [trove.modules.resolve(module) for module in parsed_args.module]
        _, rows = trove.instance_modules.act_in(
            parsed_args.instance,
            lambda instance_id: trove.instance_modules.apply(instance_id, module_ids),
        )
        return table(rows, APPLY_KEYS)


class RemoveInstanceModule(base.Command):
    """Remove a module from an instance (the guest agent undoes what it applied)."""

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        arguments.add_resource_argument(parser, "module")
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        trove.instance_modules.act_in(
            parsed_args.instance,
            lambda instance_id: trove.instance_modules.delete(
                instance_id, quirks.module_on_instance(
                    trove.modules, trove.instance_modules, instance_id, parsed_args.module)),
        )


class ShowInstanceModules(base.Lister):
    """Write the contents of each module on an instance to files, and list the files.

    Each module's contents, as the instance's guest agent has them, go to
    <prefix>_<module>_<datastore>_<version>.dat in the directory; every
    character but letters, digits, '.', '_' and '-' becomes '_', so a file
    never lands outside it. If any of the files exists, nothing is written
    unless --force is given.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        parser.add_argument(
            "--directory", metavar="<directory>",
            help="Directory to write the files in, created if needed (default: the current one)",
        )
        parser.add_argument(
            "--prefix", metavar="<prefix>", help="Prefix for the name of each file"
        )
        parser.add_argument(
            "--force", action="store_true", help="Overwrite files that already exist"
        )
        return parser

    def take_action(self, parsed_args):
        trove = self.trove
        modules = list(trove.instance_modules.list_in(
            parsed_args.instance, from_guest=True, include_contents=True))
        empty = [m for m in modules if not m.get("contents")]
        for module in empty:
            self.app.stderr.write(f"Module '{module.get('name')}' has no contents to write.\n")
        written = module_files.write_contents(
            [m for m in modules if m.get("contents")],
            parsed_args.directory, parsed_args.prefix, parsed_args.force,
        )
        return ("Module", "File"), written
