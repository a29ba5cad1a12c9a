"""OpenStackClient plugin hooks for the Database service.

`openstack` imports this module on every run, whatever the command, so it must
stay tiny: the API layer and the commands are imported only when used.
"""

import logging
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
    # osc-lib logs the whole command line before any command is loaded: this
    # is the only hook early enough to mask the passwords in it.
    shell_logger = logging.getLogger("osc_lib.shell")
    if _mask_command_line not in shell_logger.filters:
        shell_logger.addFilter(_mask_command_line)
    parser.add_argument(
        "--os-database-api-version",
        metavar="<database-api-version>",
        default=os.environ.get("OS_DATABASE_API_VERSION", DEFAULT_API_VERSION),
        help="Database API version, default=%s (Env: OS_DATABASE_API_VERSION)"
        % DEFAULT_API_VERSION,
    )
    return parser


def _mask_command_line(record):
    # Runs only for records actually logged (-v, --debug, --log-file), so
    # the masking code is imported only then.
    from osc_trove.masking import CommandLineFilter

    return CommandLineFilter().filter(record)
