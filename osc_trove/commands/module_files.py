"""Module contents in files: read one to upload, write retrieved ones without surprises."""

import base64
import binascii
import os
import re

from osc_lib import exceptions

from osc_trove.cli import files

# Anything but letters, digits, '.', '_' and '-' (path separators among them)
# becomes '_' in a file name made from a module's name.
_UNSAFE = re.compile(r"[^\w.-]")


# Licence keys, certificates and scripts fit many times over; the whole file
# goes in one request, base64-encoded, and is held in memory a few times.
MODULE_FILE_LIMIT = 16 * files.MIB


def encoded_contents(path):
    """The file's bytes, base64-encoded as Trove wants module contents."""
    data = files.read_regular_file(path, "module file", MODULE_FILE_LIMIT)
    if not data:
        raise exceptions.CommandError(f"Module file '{path}' is empty: a module needs contents.")
    return base64.b64encode(data).decode("ascii")


def safe_name(text):
    """`text` as one file name: no path separators, no leading dot."""
    name = _UNSAFE.sub("_", text)
    return "_" + name[1:] if name.startswith(".") else name


def file_names(modules, prefix=None):
    """`<prefix>_<name>_<datastore>_<version>.dat` for each module (python-troveclient's
    names, made safe); modules whose names would collide get their ID added."""
    prefix = prefix or ""
    if prefix and not prefix.endswith("_"):
        prefix += "_"
    stems = [
        safe_name(f"{prefix}{m.get('name')}_{m.get('datastore')}_{m.get('datastore_version')}")
        for m in modules
    ]
    return [
        f"{stem}_{safe_name(str(m.get('id')))}.dat" if stems.count(stem) > 1 else f"{stem}.dat"
        for stem, m in zip(stems, modules, strict=True)
    ]


def write_contents(modules, directory=None, prefix=None, force=False):
    """Write each module's (base64) contents, decoded, to a file in `directory`.

    Nothing is written unless every file can be: an existing file is refused
    without `force` (with it, the old file is removed first, so a symbolic
    link is replaced, never followed). Returns [(module name, path)].
    """
    directory = directory or "."
    paths = [os.path.join(directory, name) for name in file_names(modules, prefix)]
    if not force:
        existing = [path for path in paths if os.path.lexists(path)]
        if existing:
            raise exceptions.CommandError(
                f"'{existing[0]}' already exists ({len(existing)} of {len(paths)} files); "
                "use --force to overwrite."
            )
    payloads = [_decoded(module) for module in modules]
    try:
        os.makedirs(directory, exist_ok=True)
        for path, data in zip(paths, payloads, strict=True):
            if force and os.path.lexists(path):
                os.unlink(path)
            with open(path, "xb") as stream:
                stream.write(data)
    except OSError as err:
        where = err.filename or directory
        raise exceptions.CommandError(f"Cannot write '{where}': {err.strerror or err}.") from None
    return [(module.get("name"), path) for module, path in zip(modules, paths, strict=True)]


def _decoded(module):
    try:
        return base64.b64decode(module.get("contents") or "", validate=True)
    except (binascii.Error, ValueError):
        raise exceptions.CommandError(
            f"The guest sent the contents of module '{module.get('name')}' in a form that is "
            "not base64; nothing was written."
        ) from None
