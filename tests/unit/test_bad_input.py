"""Bad input, table-driven over the commands: refused in one line, before any request
where the client can tell, or with the server's own message where only it can."""

import pytest

from tests.unit.conftest import sample
from tests.unit.helpers import FLAVORS, IID, list_body, row

OTHER = "7d9c4b1e-2f3a-4c5d-8e9f-0a1b2c3d4e5f"
INSTANCES = list_body(row(IID, "twin"), row(OTHER, "twin"), row("5a0c7d9e-1111-4222-8333-"
                                                                 "444455556666", "solo"))
NOT_FOUND = {"itemNotFound": {"code": 404, "message": "User nobody cannot be found on the "
                                                      "instance."}}


def answer_everything(trove):
    """Lists the commands look names up in: two instances called `twin`, one `solo`."""
    trove.on("GET", "/instances", INSTANCES)
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("GET", "/datastores", sample("datastore-list-response.json"))
    trove.on("GET", "/backups", {"backups": [{"id": "b1", "name": "twin"},
                                             {"id": "b2", "name": "twin"}]})
    trove.on("GET", "/clusters", {"clusters": []})
    trove.on("GET", "/datastores/nope", {"itemNotFound": {"code": 404, "message": "x"}},
             status=404)
    trove.on("GET", f"/instances/{IID}", {"instance": row(IID, "twin")})
    trove.on("GET", f"/instances/{IID}/users/nobody", NOT_FOUND, status=404)


# (argv, stdin, exit code, the one line on stderr (or its start, ending in ...), requests sent)
# Creating a database or user with an empty name is left to Trove, whose message says why
# (tests/functional/test_bad_input.py).
CASES = [
    # unknown names
    (["database", "instance", "show", "nope"], "", 1,
     "No instance with a name or ID of 'nope' exists.", [("GET", "/instances")]),
    (["database", "flavor", "show", "nope"], "", 1,
     "No flavor with a name or ID of 'nope' exists.", [("GET", "/flavors")]),
    (["datastore", "show", "nope"], "", 1,
     "No datastore with a name or ID of 'nope' exists.", [("GET", "/datastores/nope")]),
    (["database", "backup", "show", "nope"], "", 1,
     "No backup with a name or ID of 'nope' exists.", [("GET", "/backups")]),
    (["database", "db", "list", "nope"], "", 1,
     "No instance with a name or ID of 'nope' exists.", [("GET", "/instances")]),
    (["database", "root", "show", "nope"], "", 1,
     "No instance or cluster with a name or ID of 'nope' exists.",
     [("GET", "/instances"), ("GET", "/clusters")]),
    (["database", "user", "show", IID, "nobody"], "", 1,
     "User nobody cannot be found on the instance. (HTTP 404)",
     [("GET", f"/instances/{IID}/users/nobody"), ("GET", f"/instances/{IID}")]),
    # ambiguous names
    (["database", "instance", "show", "twin"], "", 1,
     f"More than one instance is named 'twin' ({IID}, {OTHER}); use an ID.",
     [("GET", "/instances")]),
    (["database", "user", "list", "twin"], "", 1,
     f"More than one instance is named 'twin' ({IID}, {OTHER}); use an ID.",
     [("GET", "/instances")]),
    (["database", "backup", "show", "twin"], "", 1,
     "More than one backup is named 'twin' (b1, b2); use an ID.", [("GET", "/backups")]),
    # malformed key=value and name:password options
    (["database", "instance", "create", "db1", "--flavor", "1", "--nic", "net-id"], "", 1,
     "--nic takes net-id=<network>,subnet-id=<subnet>,ip-address=<ip> (at least net-id or "
     "subnet-id); 'net-id' is not that.", []),
    (["database", "instance", "create", "db1", "--flavor", "1", "--nic", "colour=blue"], "", 1,
     "--nic takes net-id=<network>,...", []),
    (["database", "instance", "create", "db1", "--flavor", "1", "--users", "bob"], "", 1,
     "--users bob has no password: give bob:<password>, or add --password-prompt or "
     "--password-stdin.", []),
    # negative, zero and huge numbers
    # empty strings: never a request that would address a whole collection
    (["database", "instance", "show", " "], "", 1, "No instance with a name or ID of ' ' "
     "exists.", [("GET", "/instances")]),
    (["datastore", "show", ""], "", 1, "The datastore name or ID is empty.", []),
    (["database", "user", "show", IID, ""], "", 1, "The user name is empty.", []),
    (["database", "db", "delete", IID, ""], "", 1, "The database name is empty.", []),
    # names Trove's URLs cannot carry
    (["database", "db", "delete", IID, "keep.me"], "", 1,
     "Trove's API cannot address database 'keep.me': it reads what follows a '.' in the URL "
     "as a file type, and would act on another database.", []),
    (["database", "db", "delete", IID, ".."], "", 1,
     "Trove's API cannot address database '..': it reads what follows a '.' ...", []),
    (["database", "db", "delete", IID, "a/b"], "", 1,
     "Trove's API cannot address database 'a/b': its router splits URLs at '/'.", []),
    (["database", "db", "delete", IID, "ünï"], "", 1,
     "Trove's API cannot address database 'ünï': its router misreads characters beyond ASCII "
     "in URLs.", []),
    # a password given twice, and standard input closed for --password-stdin
    (["database", "user", "create", IID, "bob", "pw1", "--password-stdin"], "pw2\n", 1,
     "Give the user's password one way only: <password>, --password-prompt or "
     "--password-stdin.", []),
    (["database", "user", "create", IID, "bob", "--password-stdin"], "", 1,
     "Standard input is empty: no user's password to read.", []),
    (["database", "user", "update", "attributes", IID, "bob", "--new-password-stdin"], "", 1,
     "Standard input is empty: no new password to read.", []),
    (["database", "root", "enable", IID, "--root-password-stdin"], "", 1,
     "Standard input is empty: no root password to read.", []),
    (["database", "user", "update", "attributes", IID, "bob", "--new-password", "a",
      "--new-password-stdin"], "b\n", 1,
     "Give the new password one way only: --new-password, --new-password-prompt or "
     "--new-password-stdin.", []),
]


@pytest.mark.parametrize("argv, stdin, code, line, sent", CASES,
                         ids=[" ".join(c[0][1:]) or "-" for c in CASES])
def test_bad_input(trove, argv, stdin, code, line, sent):
    answer_everything(trove)
    got_code, out, err = trove.run(*argv, stdin=stdin)
    assert (got_code, out) == (code, ""), err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    message = err.strip()
    if line.endswith("..."):
        assert message.startswith(line[:-3]), message
    else:
        assert message == line
    assert trove.requests == sent


@pytest.mark.parametrize("argv", [
    ["database", "instance", "list", "--limit", "ten"],
    # cliff reads an empty word after `instance show` as the start of `instance
    # show module`, whose parser then misses its <instance>.
    ["database", "instance", "show", ""],
    # Counts below 1: the one check, common.positive_int, is argparse's.
    ["database", "instance", "list", "--limit", "0"],
    ["database", "instance", "list", "--limit", "-3"],
    ["database", "backup", "list", "--limit", "0"],
    ["database", "instance", "resize", "volume", IID, "0"],
    ["database", "instance", "resize", "volume", IID, "-1"],
    ["database", "instance", "create", "db1", "--flavor", "1", "--size", "0"],
    ["database", "instance", "create", "db1", "--flavor", "1", "--size", "-5"],
    ["database", "instance", "restart", IID, "--wait", "--wait-timeout", "0"],
    ["database", "instance", "resize", "volume", IID, "99999999999999999999x"],
    ["database", "instance", "create", "db1", "--flavor", "1", "--locality", "near"],
])
def test_what_argparse_refuses_exits_2_before_any_request(trove, argv):
    with pytest.raises(SystemExit) as exit_:
        trove.run(*argv)
    assert exit_.value.code == 2 and trove.requests == []


def test_a_huge_number_is_passed_on_for_the_server_to_judge(trove):
    huge = str(10**30)
    trove.on("POST", f"/instances/{IID}/action",
             {"badRequest": {"code": 400, "message": "Volume size too large."}}, status=400)
    code, out, err = trove.run("database", "instance", "resize", "volume", IID, huge)
    assert (code, out, err.strip()) == (1, "", "Volume size too large. (HTTP 400)")
    assert trove.bodies() == [{"resize": {"volume": {"size": 10**30}}}]


def test_a_password_option_given_twice_keeps_the_last(trove):
    # argparse's rule for any repeated option; neither value is ever logged.
    trove.on("PUT", f"/instances/{IID}/users/bob", status=202)
    code, _, err = trove.run("database", "user", "update", "attributes", IID, "bob",
                             "--new-password", "first", "--new-password", "second")
    assert code == 0, err
    assert trove.bodies() == [{"user": {"password": "second"}}]
