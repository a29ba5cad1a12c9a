"""OpenStackClient plugin hooks for the Database service.

`openstack` imports this module on every run, whatever the command, so it must
stay tiny: the API layer and the commands are imported only when used.
"""

import os

API_NAME = "database"
API_VERSION_OPTION = "os_database_api_version"
DEFAULT_API_VERSION = "1"
API_VERSIONS = ("1",)


def make_client(instance):
    """Return the TroveClient that commands reach as `self.app.client_manager.database`."""
    from osc_trove.api import TroveClient

    return TroveClient(
        instance.session,
        region_name=instance.region_name,
        interface=instance.interface,
    )


def build_option_parser(parser):
    parser.add_argument(
        "--os-database-api-version",
        metavar="<database-api-version>",
        default=os.environ.get("OS_DATABASE_API_VERSION", DEFAULT_API_VERSION),
        help="Database API version, default=%s (Env: OS_DATABASE_API_VERSION)"
        % DEFAULT_API_VERSION,
    )
    return parser
