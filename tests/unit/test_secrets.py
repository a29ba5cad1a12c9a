"""No secret given to a command shows in its --debug output, its --log-file or its errors.

Every command taking a secret, every way of giving it, and three endings:
success, an error from Trove, and an answer that is not Trove's (a proxy's page).
"""

import pytest

from tests.unit.helpers import FLAVORS, IID

SECRET = "Sh0uld-N3ver-Show"
USER = f"/instances/{IID}/users"

# (argv, stdin, method and path of the request carrying the secret, success status, body)
COMMANDS = [
    (["database", "user", "create", IID, "bob", SECRET], "", "POST", USER, 202),
    (["database", "user", "create", IID, "bob", "--password-stdin"], SECRET + "\n", "POST",
     USER, 202),
    (["database", "user", "update", "attributes", IID, "bob", "--new-password", SECRET], "",
     "PUT", f"{USER}/bob", 202),
    (["database", "user", "update", "attributes", IID, "bob", f"--new-password={SECRET}"], "",
     "PUT", f"{USER}/bob", 202),
    (["database", "user", "update", "attributes", IID, "bob", "--new-password-stdin"],
     SECRET + "\n", "PUT", f"{USER}/bob", 202),
    (["database", "root", "enable", IID, "--root-password", SECRET], "", "POST",
     f"/instances/{IID}/root", 200),
    (["database", "root", "enable", IID, "--root-password-stdin"], SECRET + "\n", "POST",
     f"/instances/{IID}/root", 200),
    (["database", "instance", "create", "db1", "--flavor", "2", "--size", "1",
      "--users", f"bob:{SECRET}", f"carol:{SECRET}x"], "", "POST", "/instances", 200),
]

ENDINGS = {
    "success": {},
    "trove-error": {"status_code": 400,
                    "json": {"badRequest": {"code": 400, "message": "Not accepted."}}},
    "proxy-page": {"status_code": 502, "text": "<html>Bad gateway</html>",
                   "headers": {"Content-Type": "text/html"}},
}


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("argv, stdin, method, path, status", COMMANDS,
                         ids=[" ".join(c[0][1:4]) + ("-stdin" if c[1] else "") for c in COMMANDS])
def test_the_secret_stays_out_of_debug_output_logs_and_errors(trove, tmp_path, argv, stdin,
                                                              method, path, status, ending):
    from tests.unit.conftest import TROVE

    trove.on("GET", "/flavors", FLAVORS)
    trove.on("GET", "/flavors/2", {"flavor": FLAVORS["flavors"][0]})
    created = {"id": IID, "name": "db1", "status": "BUILD", "flavor": {"id": "2"}}
    answer = ENDINGS[ending] or {"status_code": status,
                                 "json": {"instance": created} if "instances" == path[1:]
                                 else {"user": {"name": "root", "password": SECRET}}}
    trove.mocker.register_uri(method, TROVE + path, **answer)
    log_file = tmp_path / "osc.log"
    code, out, err = trove.run("--debug", "--log-file", str(log_file), *argv, stdin=stdin)

    sent = [r for r in trove.mocker.request_history if r.method == method]
    assert sent and SECRET in sent[-1].text  # the secret did travel, to Trove only
    assert code == (0 if ending == "success" else 1), err
    log = log_file.read_text()
    assert "REQ: curl" in log and "REQ: curl" in err  # the request was logged, masked
    assert SECRET not in err and SECRET not in log
    if not (ending == "success" and "root" in argv):
        # `root enable` shows the root password it set, on purpose, and only on stdout.
        assert SECRET not in out
