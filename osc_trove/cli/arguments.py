"""Argument helpers shared by the command families: resources given by name or
ID, datastore versions, paging, locality, older spellings kept hidden, and
the datastore options and the request's datastore object from them."""

import argparse

from osc_lib import exceptions


def at_least(minimum):
    """argparse type: a whole number of at least `minimum`."""

    def whole_number(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more, not {value}")
        return value

    return whole_number


positive_int = at_least(1)


def add_resource_argument(parser, name, what=None, nargs=None):
    """The positional `<name>` naming a resource by name or ID (`what` labels it in help)."""
    label = what or name.replace("_", " ").capitalize()
    kwargs = {"nargs": nargs} if nargs else {}
    parser.add_argument(name, metavar=f"<{name}>", help=f"{label} (name or ID)", **kwargs)


def add_version_arguments(parser, nargs=None):
    """<datastore_version> (name or ID; `nargs` "+" for several) and --datastore,
    which a name may need."""
    parser.add_argument(
        "datastore_version",
        metavar="<datastore_version>",
        help="Datastore version (name or ID)" if nargs is None else "Datastore version(s) "
        "(name or ID)",
        **({"nargs": nargs} if nargs else {}),
    )
    parser.add_argument(
        "--datastore",
        metavar="<datastore>",
        help="Datastore of the version (name or ID); needed only when a version name "
        "exists in several datastores",
    )


def add_paging_arguments(parser, what, marker_help):
    """--limit and --marker for a list command (lists follow every page without a
    limit; every list also takes OSC's --max-items for the same total)."""
    parser.add_argument(
        "--limit",
        metavar="<num-" + what + ">",
        type=positive_int,
        help=f"The maximum number of {what} to return (without it, every page is listed)",
    )
    parser.add_argument("--marker", metavar="<marker>", help=marker_help)


# Server group policies Trove takes: the soft ones since Trove 23.0.0 for instances
# and 26.0.0 for clusters (older Troves refuse them with 400).
LOCALITIES = ("affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity")


def add_locality_argument(parser, what):
    """--locality: the server group policy of `what` (e.g. "the members")."""
    parser.add_argument(
        "--locality", metavar="<policy>", choices=LOCALITIES,
        help=f"Server group policy for {what}: {', '.join(LOCALITIES)} (soft: best "
        "effort, as far as the compute hosts allow)",
    )


def hidden(parser, *flags, **kwargs):
    """An older spelling of an option (python-troveclient's), accepted but kept out of help."""
    parser.add_argument(*flags, help=argparse.SUPPRESS, **kwargs)


def add_older_positional(parser, dest):
    """python-troveclient's positional form of the option whose value is `dest`
    (e.g. `instance create <name> <flavor>` for --flavor), kept out of help;
    `take_older_positional` moves its value to `dest`."""
    parser.add_argument(f"positional_{dest}", nargs="?", help=argparse.SUPPRESS)


def take_older_positional(parsed_args, dest, what, option):
    """Set `dest` from its positional form; given both ways is one line (`what` names
    the value in it, `option` its usual spelling, e.g. "--flavor <flavor>")."""
    positional = getattr(parsed_args, f"positional_{dest}")
    if positional is None:
        return
    if getattr(parsed_args, dest) is not None:
        raise exceptions.CommandError(f"Give {what} once: {option}.")
    setattr(parsed_args, dest, positional)


def add_datastore_options(parser, datastore_help, version_help):
    """--datastore, --datastore-version and --datastore-version-number of a request
    that names its datastore version (`*_help`: what each means for this command)."""
    parser.add_argument("--datastore", metavar="<datastore>", help=datastore_help)
    parser.add_argument("--datastore-version", metavar="<datastore_version>", help=version_help)
    hidden(parser, "--datastore_version", dest="datastore_version")
    parser.add_argument(
        "--datastore-version-number", metavar="<version_number>",
        help="Version number, to tell apart datastore versions sharing a name",
    )


def datastore_body(datastore=None, version=None, number=None):
    """The request's `datastore` object, of the parts given (names or IDs, as the
    server resolves them)."""
    given = (("type", datastore), ("version", version), ("version_number", number))
    return {key: value for key, value in given if value}


def datastore_request(args):
    """The request's `datastore` object from the options of `add_datastore_options`."""
    return datastore_body(args.datastore, args.datastore_version, args.datastore_version_number)


def add_include_clustered(parser):
    """--include-clustered (python-troveclient's --include_clustered too)."""
    parser.add_argument(
        "--include-clustered", action="store_true",
        help="Include instances that belong to a cluster",
    )
    hidden(parser, "--include_clustered", dest="include_clustered", action="store_true")
