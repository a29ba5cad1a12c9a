"""No secret given to a command shows in its --debug output, its --log-file or its errors.

Every command taking a secret, every way of giving it, and three endings:
success, an error from Trove, and an answer that is not Trove's (a proxy's page).
"""

import base64

import pytest

from tests.unit.helpers import FLAVORS, IID, one_line_error

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


# Trove's 400 for a password its schema refuses quotes the value (jsonschema's repr),
# under a key path that changes with the request: as the local cloud's Trove wrote them.
REFUSED = [
    (["database", "user", "create", IID, "bob", "!!!!"], "POST", USER,
     "Validation error: users[0]['password'] '!!!!' does not match '^.*[0-9a-zA-Z]+.*$'"),
    (["database", "user", "update", "attributes", IID, "bob", "--new-password", "p" * 300],
     "PUT", f"{USER}/bob", f"Validation error: user['password'] '{'p' * 300}' is too long"),
    (["database", "instance", "create", "db1", "--flavor", "2", "--size", "1",
      "--users", "bob:it's!!"], "POST", "/instances",
     "Validation error: instance['users'][0]['password'] \"it's!!\" does not match '^x$'"),
    # Any other spelling still names the very value sent.
    (["database", "user", "create", IID, "bob", "!!!!"], "POST", USER,
     "Password !!!! refused (not a word)"),
]


@pytest.mark.parametrize("argv, method, path, message", REFUSED)
def test_a_password_trove_refuses_is_masked_in_its_message_and_the_log(trove, argv, method,
                                                                       path, message):
    secret = argv[-1].partition(":")[2] or argv[-1]
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("GET", "/flavors/2", {"flavor": FLAVORS["flavors"][0]})
    trove.on(method, path, {"badRequest": {"code": 400, "message": message}}, status=400)
    line = one_line_error(*trove.run(*argv))
    assert line.endswith("(HTTP 400)") and "***" in line and secret not in line
    code, _, err = trove.run("--debug", *argv)
    assert code == 1 and "RESP BODY" in err and secret not in err
    sent = [r for r in trove.mocker.request_history if r.method == method]
    assert secret in sent[-1].text  # Trove got it, and said it back


def test_module_contents_stay_out_of_the_debug_log(trove, tmp_path):
    licence = tmp_path / "licence.key"
    licence.write_bytes(b"LICENCE-KEY-0123456789")
    trove.on("POST", "/modules", {"module": {"id": "m1", "name": "lic"}})
    code, _, err = trove.run("--debug", "database", "module", "create", "lic", "ping",
                             str(licence))
    assert code == 0, err
    encoded = base64.b64encode(licence.read_bytes()).decode()
    assert trove.bodies()[-1]["module"]["contents"] == encoded
    assert '"contents": "***"' in err and encoded not in err
