"""OpenStackClient plugin hooks for the Database service.

`openstack` imports this module on every run, whatever the command, so it must
stay tiny: the API layer and the commands are imported only when used.

Living beside python-troveclient, whose OSC plugin also calls itself
"database" and registers many of the same command names:

- API_NAME is not "database": OSC sets `client_manager.<API_NAME>` to the last
  plugin of that name it loads, so sharing the name would take the client away
  from python-troveclient's own commands (or from ours, the other way round).
  Ours is `client_manager.osc_trove` (`TroveCommandMixin.trove`).
- The commands are registered in the `openstack.extension` group, which OSC
  loads after every plugin's `openstack.<api>.v<N>` group: where both packages
  name the same command, ours is found last and wins, whatever the order in
  which Python lists the two packages.
- Both packages offer `--os-database-api-version`; it is added once.
"""

import logging
import os
import sys

# Loaded on every run anyway: its entry points are in the group cliff loads.
from osc_trove.entry import COMMAND_GROUP, may_name_our_command

API_NAME = "osc_trove"
API_VERSION_OPTION = "os_database_api_version"
DEFAULT_API_VERSION = "1"
# The client class of each version; "1.0" is what the Trove API calls itself
# and what older guides export.
API_VERSIONS = {
    "1": "osc_trove.api.client.TroveClient",
    "1.0": "osc_trove.api.client.TroveClient",
}
SERVICE_TYPE = "database"

# OSC imports every plugin module before any option parser is built, so this
# module being loaded means python-troveclient's plugin is active in this run.
TROVECLIENT_PLUGIN = "troveclient.osc.plugin"


def check_api_version(version):
    """OSC's hook, on every run: a version osc-trove lacks fails its commands
    (client_class), not other services' commands; True skips OSC's warning."""
    return True


def client_class(version):
    """The client class of API version `version`, from API_VERSIONS."""
    path = API_VERSIONS.get(str(version))
    if path is None:
        from osc_lib import exceptions

        raise exceptions.UnsupportedVersion(
            f"Database API version '{version}' is not supported; the versions there are: "
            f"{', '.join(API_VERSIONS)} (--os-database-api-version, OS_DATABASE_API_VERSION)."
        )
    import importlib

    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


def make_client(instance):
    """The client of a ClientManager (OSC's hook, called once per run when a
    command first uses `client_manager.osc_trove`): its API version, session,
    region, interface and the cloud's endpoint override for the service, if any
    (TroveCommandMixin.trove then fits it to the command line)."""
    config = instance.get_configuration()
    # OSC leaves the version out when it is set empty: the default then.
    return client_class(instance._api_version.get(API_NAME) or DEFAULT_API_VERSION)(
        instance.session,
        region_name=instance.region_name,
        interface=instance.interface,
        # clouds.yaml's database_endpoint_override, or OS_DATABASE_ENDPOINT_OVERRIDE.
        endpoint_override=config.get(f"{SERVICE_TYPE}_endpoint_override"),
    )


# cliff's own commands that osc-trove replaces in COMMAND_GROUP, to leave hidden
# commands out (osc_trove.entry); not osc-trove's commands.
SHELL_COMMANDS = ("help", "complete")


def command_entry_points():
    """The entry points of osc-trove's commands, each naming its command's class
    (for docs and tests; never on a run, where they name stand-ins: osc_trove.entry)."""
    from importlib.metadata import EntryPoint, entry_points

    return [EntryPoint(ep.name, ep.load().target, ep.group)
            for ep in entry_points(group=COMMAND_GROUP)
            if ep.value.startswith("osc_trove.") and ep.name not in SHELL_COMMANDS]


# `openstack`'s own option parser of this run: masking tells its options from the command's.
_global_parser = None


def build_option_parser(parser):
    # osc-lib logs the whole command line before any command is loaded: this
    # is the only hook early enough to mask the passwords in it.
    global _global_parser
    _global_parser = parser
    shell_logger = logging.getLogger("osc_lib.shell")
    if _mask_command_line not in shell_logger.filters:
        shell_logger.addFilter(_mask_command_line)
    # python-troveclient adds the same option without checking first: when
    # its plugin is loaded, whether before or after us, the option is its.
    if (
        "--os-database-api-version" in parser._option_string_actions
        or TROVECLIENT_PLUGIN in sys.modules
    ):
        return parser
    parser.add_argument(
        "--os-database-api-version",
        metavar="<database-api-version>",
        default=os.environ.get("OS_DATABASE_API_VERSION", DEFAULT_API_VERSION),
        help="Database API version, default=%s (Env: OS_DATABASE_API_VERSION)"
        % DEFAULT_API_VERSION,
    )
    return parser


def _mask_command_line(record):
    # Runs for every record of osc-lib's shell logger (OSC sets the root logger
    # to DEBUG): the masking code is imported only for a line that may name one
    # of our commands, never with the plugin.
    try:
        words = record.getMessage().split(" ")
    except Exception:  # a broken record is logging's to report, not ours
        return True
    if not may_name_our_command(words):
        return True
    from osc_trove.cli.masking import CommandLineFilter

    return CommandLineFilter(_global_parser).filter(record)

