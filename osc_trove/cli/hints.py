"""What the API's errors leave to their caller, said for `openstack` users.

The API says of a mutating request whose answer was lost that it "may have
reached the server: check its state before trying again"; a command names the
`openstack` command that shows that state. Where the API says which argument
tells ambiguous names apart, a command names its option.
"""

from osc_trove.api import errors

# How to see what a request on a collection did: the first match in the path wins.
_HOW_TO_CHECK = (
    ("users", "openstack database user list <instance>"),
    ("databases", "openstack database db list <instance>"),
    ("root", "openstack database root show <instance>"),
    ("backup_strategies", "openstack database backup strategy list"),
    ("backups", "openstack database backup list"),
    ("instances", "openstack database instance list"),
)


def add_hint(err):
    """`err`, its message saying what to do with `openstack`: Http.on_error of
    the command line's client (request errors, before any command code, quirks
    included, sees them), and the commands' run (lookups). Adds a hint once."""
    if getattr(err, "narrowed_by", None):
        err.message = f"{err.message.rstrip('.')}; name one with --{err.narrowed_by}."
        err.narrowed_by = None
    method_path = getattr(err, "uncertain_request", None)
    if method_path is None:
        return err
    words = method_path[1].split("?", 1)[0].split("/")
    check = next((how for word, how in _HOW_TO_CHECK if word in words), None)
    if check:
        err.message = err.message.replace(errors.CHECK_STATE, f"check with `{check}`", 1)
    return err
