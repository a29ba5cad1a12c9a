"""`delete a b c`: try every one, report each failure, fail at the end if any failed."""

from osc_lib import exceptions

from osc_trove.api.errors import TroveError
from osc_trove.cli import wait

# What one failed deletion may raise: server errors, unknown or ambiguous names,
# and a failed --wait.
_FAILURES = (exceptions.ClientException, TroveError, exceptions.CommandError)


def delete_named(names, delete_one, singular, plural, stream, wait_one=None):
    """delete_each for a command that took one name before it took several: one name
    still fails with its own one-line error, as it did."""
    if len(names) == 1:
        handle = delete_one(names[0])
        if wait_one is not None:
            wait_one(names[0], handle)
    else:
        delete_each(names, delete_one, singular, plural, stream, wait_one)


def delete_each(names, delete_one, singular, plural, stream, wait_one=None):
    """Delete every resource in `names`, in order, whatever happens to the others.

    `delete_one(name)` sends one deletion and returns what `wait_one(name,
    handle)` needs to wait for it (with --wait; waits start once every
    deletion has been sent). Each failure is one line on `stream`; then
    CommandError says how many of how many failed.
    """
    failed = 0
    sent = []
    tried = 0
    try:
        for name in names:
            tried += 1
            try:
                sent.append((name, delete_one(name)))
            except _FAILURES as err:
                failed += 1
                stream.write(f"Failed to delete {singular} '{name}': {err}\n")
    except KeyboardInterrupt:
        # The name being sent may or may not have reached Trove.
        _tell_interrupted(stream, [n for n, _ in sent], names[tried - 1], names[tried:])
        raise
    if wait_one is not None:
        for name, handle in sent:
            try:
                wait_one(name, handle)
            except _FAILURES as err:
                failed += 1
                stream.write(f"Failed to delete {singular} '{name}': {err}\n")
            except KeyboardInterrupt:
                if len(names) > 1:  # the wait's own line speaks for one
                    _tell_interrupted(stream, [n for n, _ in sent], None, [])
                raise
    if failed:
        noun = singular if len(names) == 1 else plural
        raise exceptions.CommandError(f"{failed} of {len(names)} {noun} failed to delete.")


def _tell_interrupted(stream, sent, unsure, unsent):
    """One line after Ctrl-C: which deletions Trove has (and goes on with), which not."""
    def quoted(some):
        return ", ".join(f"'{name}'" for name in some)

    parts = [f"deletion sent for {quoted(sent)} (Trove goes on with it)" if sent
             else "no deletion sent"]
    if unsure is not None:
        parts.append(f"perhaps sent for '{unsure}' (interrupted while sending it)")
    if unsent:
        parts.append(f"not sent for {quoted(unsent)}")
    wait.tell_interrupted(stream, "; ".join(parts))
