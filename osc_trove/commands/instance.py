"""openstack database instance list/show/delete/force delete."""

from osc_lib import exceptions

from osc_trove.api import upgrades
from osc_trove.api.resource import first_page_fetched
from osc_trove.cli import arguments, base, multidelete, output, projects, refusals, templates, wait
from osc_trove.commands import instance_view


class ListInstances(base.Lister):
    """List database instances (every page unless --limit is given).

    Admins also get Server ID, Tenant ID and Project ID columns with --all-projects
    or --project ('database instance show' gives them tenant_id, server_id,
    volume_id and encrypted_rpc_messaging).
    """

    long_columns = ("Fault",)

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_paging_arguments(
            parser,
            "instances",
            "List only instances whose ID sorts after this one (Trove pages in ID order)",
        )
        arguments.add_include_clustered(parser)
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
        projects.add_project_domain_argument(parser)
        # python-troveclient's form: a project ID, sent as it is.
        arguments.hidden(parser, "--project-id", metavar="<project-id>")
        view = parser.add_mutually_exclusive_group()
        view.add_argument(
            "--deleted", action="store_true",
            help="List deleted instances instead, with when each was deleted, of every "
            "project or of --project's (admin only)",
        )
        view.add_argument(
            "--outdated", action="store_true",
            help="List only instances whose datastore version is not their datastore's "
            "default or is inactive, with the version they could upgrade to",
        )
        return parser

    def take_action(self, parsed_args):
        args = parsed_args
        if args.deleted:
            return self.deleted(args)
        if args.outdated:
            return self.outdated(args)
        params = {"marker": args.marker}
        if args.include_clustered:
            params["include_clustered"] = "true"
        admin = args.all_projects or args.project or args.project_id
        if admin:
            project_id = projects.project_of(self, args)
            rows = self.trove.instances.list_all_projects(
                limit=args.limit, project_id=project_id, **params
            )
        else:
            # The summary view has every column but Fault, for less of the
            # server's time per page; --long's Fault needs the detail view.
            rows = self.trove.instances.list(limit=args.limit, detail=args.long, **params)
        return instance_view.table(rows, admin=bool(admin))

    def deleted(self, args):
        project_id = projects.project_of(self, args) if args.project or args.project_id \
            else None
        with refusals.admin_only("listing deleted instances"):
            rows = first_page_fetched(self.trove.mgmt_instances.list_deleted(
                limit=args.limit, project_id=project_id))
        return instance_view.table(rows, deleted=True)

    def outdated(self, args):
        # Two lists: the instances (the caller's, or every project's for an
        # admin's --all-projects/--project) and the datastores with their versions.
        admin = args.all_projects or args.project or args.project_id
        if admin:
            rows = self.trove.instances.list_all_projects(
                project_id=projects.project_of(self, args))
        else:
            rows = self.trove.instances.list()
        found = upgrades.outdated(rows, self.trove.datastores.list())
        keys = instance_view.OUTDATED_KEYS
        return (tuple(output.title(k) for k in keys),
                (tuple(row[k] for k in keys) for row in found[:args.limit]))


class ShowInstance(base.ShowOne):
    """Show a database instance.

    Datastore, volume, addresses, access and fault are summarised in tables and
    kept as the server sent them with -f json or yaml. Admins also get tenant_id,
    server_id, volume_id and encrypted_rpc_messaging.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        arguments.add_resource_argument(parser, "instance")
        parser.add_argument(
            "--deleted", action="store_true",
            help="Show the instance even if it was deleted: the management view, with "
            "deleted_at (admin only; a name is looked for among every project's instances, "
            "deleted ones included)",
        )
        return parser

    def take_action(self, parsed_args):
        if parsed_args.deleted:
            with refusals.admin_only("showing deleted instances"):
                return instance_view.show(
                    self.trove.mgmt_instances.find_even_deleted(parsed_args.instance))
        # A listed row (found by name) lacks the details: fetch them then.
        found = self.trove.instances.find(parsed_args.instance, needs=("created",))
        return instance_view.show(found)


class DeleteInstance(templates.DeleteMany):
    """Delete one or more database instances.

    Every instance named is tried; each failure is reported and the command then
    exits 1. A replica source named with all its replicas is deleted once they
    are gone (Trove refuses it while it has replicas): the replicas are waited
    for, --wait or not, up to --wait-timeout. With --force, the status of each
    is reset first, so that instances stuck in a task (BUILD, RESIZE, ...) or in
    ERROR can be deleted; the same as 'database instance force delete'
    (resetting is for admins under Trove's default policy).
    """

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Reset each instance's status before deleting it",
        )

    def delete(self, instances, instance_id, parsed_args):
        if parsed_args.force:
            instances.reset_status(instance_id)
        instances.delete(instance_id)

    def take_action(self, parsed_args):
        instances = self.trove.instances
        sent = {}  # instance ID -> the name given, for every deletion Trove took
        refused = {}  # name given -> the replica source Trove refused (its GET)

        def delete_one(name):
            found = []

            def delete(instance_id):
                found.append(instance_id)
                self.delete(instances, instance_id, parsed_args)

            try:
                instance_id, _ = instances.act_on(name, delete)
            except exceptions.Forbidden:
                # Trove's 403 for a source with replicas: its GET tells it from a policy's.
                source = instances.get(found[0]) if found else {}
                if not source.get("replicas"):
                    raise
                refused[name] = source
                return found[0]
            sent[instance_id] = name
            return instance_id

        def finish_one(name, instance_id):
            if name in refused:
                self.delete_after_replicas(instances, refused[name], sent, parsed_args)
            if parsed_args.wait:
                self.wait_gone(instances, instance_id, name, parsed_args)

        # finish_one runs once every deletion is sent, --wait or not: a refused
        # source is deleted there.
        multidelete.delete_each(parsed_args.names, delete_one, self.noun(), self.plural,
                                self.app.stderr, finish_one)

    def delete_after_replicas(self, instances, source, sent, parsed_args):
        """Delete a replica source once every replica is gone, if this command
        deleted them all; else Trove's refusal, naming the replicas left."""
        replicas = [str(replica.get("id")) for replica in source["replicas"]]
        left = [replica for replica in replicas if replica not in sent]
        if left:
            raise exceptions.CommandError(
                f"Trove refuses to delete a replica source while it has replicas: delete "
                f"{', '.join(left)} in the same command, or detach them first "
                "('openstack database instance detach <replica>')."
            )
        for replica in replicas:  # Trove counts a replica as attached until it is gone
            self.wait_gone(instances, replica, sent[replica], parsed_args)
        self.delete(instances, source["id"], parsed_args)

    def wait_gone(self, instances, instance_id, name, parsed_args):
        wait.until_gone(self, lambda: instances.get(instance_id), f"instance {name}",
                        parsed_args.wait_timeout, self.failed())

    def failed(self):
        """ERROR fails the wait only if the instance was not in ERROR already."""
        seen = []

        def failed(item):
            seen.append(item.get("status"))
            return seen[-1] == "ERROR" and seen[0] != "ERROR"

        return failed


class ForceDeleteInstance(DeleteInstance):
    """Reset the status of database instances, then delete them.

    For instances stuck in a task or in ERROR, which a plain delete refuses.
    Admins only under Trove's default policy.
    """

    def add_arguments(self, parser):
        parser.set_defaults(force=True)
