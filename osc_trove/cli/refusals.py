"""What the cloud's policy refuses, said in one line."""

import contextlib

from osc_lib import exceptions


@contextlib.contextmanager
def admin_only(what):
    """Say in one line that the cloud's policy refused `what` (e.g. "deleting a datastore").

    Trove refuses with 403, and with 401 on its management routes ("User does
    not have admin privileges"); the session itself stays valid either way.
    """
    try:
        yield
    except (exceptions.Forbidden, exceptions.Unauthorized) as err:
        raise exceptions.CommandError(
            f"The cloud's policy refused {what} (an admin role is needed): {err.message}"
        ) from None
