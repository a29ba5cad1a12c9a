"""Reading a password from the command line, a hidden prompt, or standard input.

One password is offered in three ways, for every command that takes one:

    <password> or --<name> <password>   the value itself (visible in `ps` and shell history)
    --<name>-prompt                     typed twice at a hidden prompt (needs a terminal)
    --<name>-stdin                      the first line of standard input

`add_arguments(parser, "password", positional=True)` gives the first as a
positional argument (`user create`); `add_arguments(parser, "new-password")`
gives `--new-password`, `--new-password-prompt` and `--new-password-stdin`.
`read(parsed_args, name, stdin)` then returns the one password given, or None.
The value's argument is marked secret (`masking.secret`): it reads *** in
the command line `openstack` logs, and every osc-trove command masks
passwords in its `--debug` log (see `base.TroveCommandMixin.run`).
"""

import getpass
import sys

from osc_lib import exceptions

from osc_trove.cli import masking, wait


def _dest(name):
    return name.replace("-", "_")


def add_arguments(parser, name, what="password", positional=False):
    """Add the value, `--<name>-prompt` and `--<name>-stdin` ways to give `name`."""
    if positional:
        value = parser.add_argument(
            _dest(name),
            metavar=f"<{name}>",
            nargs="?",
            help=f"The {what} (legacy form: visible to other users of this machine and in "
            f"shell history; prefer --{name}-prompt or --{name}-stdin)",
        )
    else:
        value = parser.add_argument(
            f"--{name}",
            metavar=f"<{name}>",
            dest=_dest(name),
            help=f"The {what} (visible to other users of this machine and in shell history; "
            f"prefer --{name}-prompt or --{name}-stdin)",
        )
    masking.secret(value)  # masked in logs, and so is any older spelling with its dest
    masking.mask_usage_errors(parser)  # `-S3cret` taken for an option is not echoed
    parser.add_argument(
        f"--{name}-prompt",
        dest=f"{_dest(name)}_prompt",
        action="store_true",
        help=f"Type the {what} at a hidden prompt, twice (needs a terminal)",
    )
    parser.add_argument(
        f"--{name}-stdin",
        dest=f"{_dest(name)}_stdin",
        action="store_true",
        help=f"Read the {what} from the first line of standard input",
    )


def _forms(name, positional):
    value = f"<{name}>" if positional else f"--{name}"
    return f"{value}, --{name}-prompt or --{name}-stdin"


def read(parsed_args, name, stdin, what="password", positional=False, required=False):
    """The password given for `name` in one of its three ways, or None.

    Raises CommandError, before any request is sent, when several ways are
    used, when `required` and none is, when the prompt has no terminal or
    the two entries differ, and when the password is empty.
    """
    dest = _dest(name)
    value = getattr(parsed_args, dest)
    prompt = getattr(parsed_args, f"{dest}_prompt")
    from_stdin = getattr(parsed_args, f"{dest}_stdin")
    if (value is not None) + prompt + from_stdin > 1:
        raise exceptions.CommandError(
            f"Give the {what} one way only: {_forms(name, positional)}."
        )
    if prompt:
        value = _prompt(stdin, what, name)
    elif from_stdin:
        value = _first_line(stdin, what)
    elif value is None:
        if required:
            raise exceptions.CommandError(
                f"A {what} is required: give {_forms(name, positional)}."
            )
        return None
    if value == "":
        raise exceptions.CommandError(f"The {what} is empty.")
    return value


def is_terminal(stream):
    return bool(getattr(stream, "isatty", None) and stream.isatty())


def _prompt(stdin, what, name):
    if not is_terminal(stdin):
        raise exceptions.CommandError(
            f"--{name}-prompt needs a terminal; use --{name}-stdin to read the {what} "
            "from standard input."
        )
    try:
        first = getpass.getpass(f"{what.capitalize()}: ")
        second = getpass.getpass(f"Repeat {what}: ")
    except EOFError:
        sys.stderr.write("\n")  # end the prompt's line, as Enter would have
        raise exceptions.CommandError(f"No {what} was typed.") from None
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        wait.tell_interrupted(sys.stderr, "nothing was sent to Trove")
        raise
    if first != second:
        raise exceptions.CommandError(f"The two {what}s typed differ.")
    return first


def _first_line(stdin, what):
    line = stdin.readline()
    if not line:
        raise exceptions.CommandError(f"Standard input is empty: no {what} to read.")
    return line.rstrip("\r\n")
