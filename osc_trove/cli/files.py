"""Reading a file the user names: regular files only, and only so much of one.

A device (`/dev/zero`) would be read until memory runs out and a named pipe
would block until a writer comes, so both are refused in one line before any
byte is read; so is a file over the stated limit.
"""

import os
import stat

from osc_lib import exceptions

MIB = 1024 * 1024


def read_regular_file(path, what, limit):
    """The bytes of the regular file `path` (`what` names it in messages, e.g.
    "module file"), refused when larger than `limit` bytes."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as err:
        raise exceptions.CommandError(f"Cannot read {what} '{path}': {err.strerror or err}.") \
            from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise exceptions.CommandError(
            f"Cannot read {what} '{path}': not a regular file ({_kind(mode)}).")
    with os.fdopen(fd, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise exceptions.CommandError(
            f"Cannot read {what} '{path}': it is larger than {_size(limit)}, "
            f"the most osc-trove sends.")
    return data


def _kind(mode):
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def _size(limit):
    return f"{limit // MIB} MiB" if limit % MIB == 0 else f"{limit} bytes"
