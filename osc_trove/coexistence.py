"""The one line that tells a user python-troveclient is installed beside us."""

import sys

from osc_trove.plugin import TROVECLIENT_PLUGIN


def warn_if_troveclient_is_loaded():
    """Say so on stderr when python-troveclient's OSC plugin is loaded in this run.

    OSC has already imported every plugin module by now, so a look at
    sys.modules answers without touching the disk or importing troveclient.
    """
    if TROVECLIENT_PLUGIN not in sys.modules:
        return
    print(
        "Note: python-troveclient is also installed; `openstack database` commands that "
        "osc-trove lacks run its code. To use osc-trove alone: "
        f"{sys.executable} -m pip uninstall python-troveclient",
        file=sys.stderr,
    )
