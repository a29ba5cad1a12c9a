"""openstack database quota show/update: how much of the Database service a project may use."""

from osc_lib import exceptions

from osc_trove.api.quotas import RESOURCES, UNLIMITED
from osc_trove.cli import base, output, projects, refusals


class QuotaCommand:
    def project(self, parsed_args):
        """The ID of the project named on the command line, else of your own project."""
        if parsed_args.project is None:
            return self.app.client_manager.auth_ref.project_id
        return projects.project_id(self, parsed_args.project, parsed_args.project_domain)


class ShowQuotas(QuotaCommand, base.Lister):
    """Show the quotas of a project: what it uses, has reserved, and may use (-1: no limit).

    Your own project by default; other projects need an admin role.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            "project", metavar="<project>", nargs="?",
            help="Project (name or ID; default: your own project)",
        )
        projects.add_project_domain_argument(parser)
        return parser

    def take_action(self, parsed_args):
        project_id = self.project(parsed_args)
        with refusals.admin_only(f"showing the quotas of project '{parsed_args.project}'"):
            quotas = self.trove.quotas.show(project_id)
        return output.table(quotas, ("resource", "in_use", "reserved", "limit"))


class UpdateQuota(QuotaCommand, base.ShowOne):
    """Set quota limits of a project (admin only); shows the limits set.

    Name one resource and its limit as positionals, or set several at once
    with --instances, --ram, --volumes and --backups. A limit of -1 means no
    limit.
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument("project", metavar="<project>", help="Project (name or ID)")
        parser.add_argument(
            "resource", metavar="<resource>", nargs="?",
            help=f"Resource whose limit to set: {', '.join(RESOURCES)}",
        )
        parser.add_argument(
            "limit", metavar="<limit>", nargs="?", type=int,
            help="New limit of that resource (-1: no limit)",
        )
        for resource in RESOURCES:
            unit = " (MB)" if resource == "ram" else (" (GB)" if resource == "volumes" else "")
            parser.add_argument(
                f"--{resource}", metavar="<limit>", type=int,
                help=f"Limit of {resource}{unit} (-1: no limit)",
            )
        projects.add_project_domain_argument(parser)
        return parser

    def take_action(self, parsed_args):
        limits = self.limits(parsed_args)
        project_id = self.project(parsed_args)
        with refusals.admin_only(f"updating the quotas of project '{parsed_args.project}'"):
            answer = self.trove.quotas.set(project_id, limits)
        return output.show(answer, first=RESOURCES)

    def limits(self, parsed_args):
        """{resource: limit} from the command line, every mistake refused."""
        given = {resource: getattr(parsed_args, resource) for resource in RESOURCES}
        limits = {resource: limit for resource, limit in given.items() if limit is not None}
        resource = parsed_args.resource
        if resource is not None:
            if resource not in RESOURCES:
                raise exceptions.CommandError(
                    f"Unknown quota resource '{resource}': use one of {', '.join(RESOURCES)}."
                )
            if parsed_args.limit is None:
                raise exceptions.CommandError(f"Give the new limit of {resource} after its name.")
            if limits.get(resource, parsed_args.limit) != parsed_args.limit:
                raise exceptions.CommandError(f"Two different limits given for {resource}.")
            limits[resource] = parsed_args.limit
        if not limits:
            raise exceptions.CommandError(
                "Nothing to update: give <resource> <limit>, or --instances, --ram, "
                "--volumes or --backups."
            )
        for resource, limit in limits.items():
            if limit < UNLIMITED:
                raise exceptions.CommandError(
                    f"The limit of {resource} must be -1 (no limit) or more, not {limit}."
                )
        return limits
