"""`delete a b c`: try every one, report each failure, fail at the end if any failed."""

from osc_lib import exceptions

from osc_trove.api.errors import TroveError

# What one failed deletion may raise: server errors, unknown or ambiguous names,
# and a failed --wait.
_FAILURES = (exceptions.ClientException, TroveError, exceptions.CommandError)


def delete_named(names, delete_one, singular, plural, stream):
    """delete_each for a command that took one name before it took several: one name
    still fails with its own one-line error, as it did."""
    if len(names) == 1:
        delete_one(names[0])
    else:
        delete_each(names, delete_one, singular, plural, stream)


def delete_each(names, delete_one, singular, plural, stream, wait_one=None):
    """Delete every resource in `names`, in order, whatever happens to the others.

    `delete_one(name)` sends one deletion and returns what `wait_one(name,
    handle)` needs to wait for it (with --wait; waits start once every
    deletion has been sent). Each failure is one line on `stream`; then
    CommandError says how many of how many failed.
    """
    failed = 0
    sent = []
    for name in names:
        try:
            sent.append((name, delete_one(name)))
        except _FAILURES as err:
            failed += 1
            stream.write(f"Failed to delete {singular} '{name}': {err}\n")
    if wait_one is not None:
        for name, handle in sent:
            try:
                wait_one(name, handle)
            except _FAILURES as err:
                failed += 1
                stream.write(f"Failed to delete {singular} '{name}': {err}\n")
    if failed:
        noun = singular if len(names) == 1 else plural
        raise exceptions.CommandError(f"{failed} of {len(names)} {noun} failed to delete.")
