"""openstack database instance list/show/delete/force delete, and what instance commands share."""


from osc_trove.api.resource import looks_like_uuid
from osc_trove.commands import base, instance_view, multidelete, wait

ADMIN_NOTE = (
    "Admins also get a Project ID column with --all-projects or --project, and "
    "'database instance show' adds Tenant ID, Server ID, Volume ID and "
    "Encrypted Rpc Messaging for them."
)


def find_id(resource, name_or_id):
    """An ID for a request body: IDs go as they are (the server checks them); names are found."""
    if looks_like_uuid(name_or_id):
        return name_or_id
    return resource.id_of(resource.find(name_or_id))


def wait_until_active(command, instance_id, label, parsed_args):
    """--wait for an action that ends in ACTIVE; returns the instance as it ended."""
    instances = command.trove.instances
    return wait.wait_for(
        lambda: instances.get(instance_id),
        f"instance {label}",
        wait.status_in("ACTIVE"),
        timeout=parsed_args.wait_timeout,
        stream=command.app.stderr,
    )


def add_instance_argument(parser, help_text="Instance (name or ID)"):
    parser.add_argument("instance", metavar="<instance>", help=help_text)


class ListInstances(base.Lister):
    __doc__ = f"""List database instances (every page unless --limit is given).

    {ADMIN_NOTE}
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        base.add_paging_arguments(
            parser,
            "instances",
            "List only instances whose ID sorts after this one (Trove pages in ID order)",
        )
        parser.add_argument(
            "--include-clustered",
            action="store_true",
            help="Include instances that belong to a cluster",
        )
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument(
            "--all-projects",
            action="store_true",
            help="List the instances of every project (admin only)",
        )
        scope.add_argument(
            "--project",
            metavar="<project>",
            help="List the instances of this project (name or ID; admin only)",
        )
        parser.add_argument(
            "--project-domain",
            metavar="<project-domain>",
            help="Domain the project belongs to (name or ID), if its name is not unique",
        )
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        base.check_limit(args)
        params = {}
        if args.marker:
            params["marker"] = args.marker
        if args.include_clustered:
            params["include_clustered"] = "true"
        admin = args.all_projects or args.project
        if admin:
            project_id = None
            if args.project:
                project_id = self._project_id(args.project, args.project_domain)
            rows = self.trove.instances.list_all_projects(
                limit=args.limit, project_id=project_id, **params
            )
        else:
            rows = self.trove.instances.list(limit=args.limit, detail=True, **params)
        return instance_view.table(rows, with_project=bool(admin))

    def _project_id(self, project, domain):
        from openstackclient.identity import common as identity_common

        identity = self.app.client_manager.identity
        return identity_common.find_project(identity, project, domain).id


class ShowInstance(base.ShowOne):
    __doc__ = f"""Show a database instance.

    Datastore, volume, addresses, access and fault are summarised in tables and
    kept as the server sent them with -f json or yaml. {ADMIN_NOTE}
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        add_instance_argument(parser)
        return parser

    def take_action(self, parsed_args):
        instances = self.trove.instances
        found = instances.find(parsed_args.instance)
        if "created" not in found:  # a row of the list (found by name): get the details
            found = instances.get(instances.id_of(found))
        return instance_view.show(found)


def _error_after_other_status():
    """Deletes: ERROR fails the wait only if the instance was not in ERROR already."""
    seen = []

    def failed(item):
        seen.append(item.get("status"))
        return seen[-1] == "ERROR" and seen[0] != "ERROR"

    return failed


def wait_until_deleted(command, instance_id, name, timeout):
    instances = command.trove.instances
    wait.wait_for(
        lambda: instances.get(instance_id),
        f"instance {name}",
        lambda item: False,
        _error_after_other_status(),
        until_gone=True,
        timeout=timeout,
        stream=command.app.stderr,
    )


class DeleteInstance(base.Command):
    """Delete one or more database instances.

    Every instance named is tried; each failure is reported and the command then
    exits 1. With --force, the status of each is reset first, so that instances
    stuck in a task (BUILD, RESIZE, ...) or in ERROR can be deleted; the same as
    'database instance force delete' (resetting is for admins under Trove's
    default policy).
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "instances", metavar="<instance>", nargs="+", help="Instance(s) to delete (name or ID)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Reset each instance's status before deleting it",
        )
        wait.add_wait_options(parser, "every instance is gone")
        return parser

    def take_action(self, parsed_args):
        instances = self.trove.instances
        force = getattr(parsed_args, "force", False)

        def delete_one(name):
            def delete(instance_id):
                if force:
                    instances.reset_status(instance_id)
                instances.delete(instance_id)

            instance_id, _ = base.act_on(instances, name, delete)
            return instance_id

        def wait_one(name, instance_id):
            wait_until_deleted(self, instance_id, name, parsed_args.wait_timeout)

        multidelete.delete_each(
            parsed_args.instances,
            delete_one,
            "instance",
            "instances",
            self.app.stderr,
            wait_one if parsed_args.wait else None,
        )


class ForceDeleteInstance(DeleteInstance):
    """Reset the status of database instances, then delete them.

    For instances stuck in a task or in ERROR, which a plain delete refuses.
    Admins only under Trove's default policy.
    """

    def get_parser(self, prog_name):
        parser = base.Command.get_parser(self, prog_name)
        parser.add_argument(
            "instances", metavar="<instance>", nargs="+", help="Instance(s) to delete (name or ID)"
        )
        wait.add_wait_options(parser, "every instance is gone")
        parser.set_defaults(force=True)
        return parser
