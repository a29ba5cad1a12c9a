"""Projects given by name or ID (--project, --project-domain, <project>), found
through the Identity service."""

from osc_lib import exceptions

from osc_trove.cli.arguments import hidden


def project_id(command, project, domain=None):
    """The ID of a project given by name or ID, through the Identity service."""
    from openstackclient.identity import common as identity_common

    identity = command.app.client_manager.identity
    return identity_common.find_project(identity, project, domain).id


def add_project_domain_argument(parser):
    """--project-domain, for a --project (or <project>) given by a name."""
    parser.add_argument(
        "--project-domain",
        metavar="<project-domain>",
        help="Domain the project belongs to (name or ID), if its name is not unique",
    )


def add_project_arguments(parser, help_text):
    """--project (name or ID), --project-domain, and python-troveclient's --project-id
    (an ID, hidden)."""
    parser.add_argument("--project", metavar="<project>", help=help_text)
    add_project_domain_argument(parser)
    hidden(parser, "--project-id", metavar="<project-id>")


def project_of(command, parsed_args):
    """The project ID that --project (through Identity, in --project-domain) or
    --project-id names, or None."""
    if parsed_args.project and parsed_args.project_id:
        raise exceptions.CommandError("Give --project or --project-id, not both.")
    if parsed_args.project:
        return project_id(command, parsed_args.project, parsed_args.project_domain)
    return parsed_args.project_id
