"""python-troveclient's spellings of options: each sends what osc-trove's own does,
and none shows in the usage line."""

import pytest

IID = "7de1bed8-6983-4d46-9a52-0abfbb0d27a2"
PROJECT = "c0ffee00c0ffee00c0ffee00c0ffee00"
USER = f"/instances/{IID}/users/bob"

# (troveclient's command line, osc-trove's own, the hidden spelling)
PAIRS = [
    (["database", "root", "enable", IID, "--root_password", "Pw-1"],
     ["database", "root", "enable", IID, "--root-password", "Pw-1"], "--root_password"),
    (["database", "user", "update", "attributes", IID, "bob", "--new_name", "rob",
      "--new_host", "10.0.0.1", "--new_password", "Pw-2"],
     ["database", "user", "update", "attributes", IID, "bob", "--new-name", "rob",
      "--new-host", "10.0.0.1", "--new-password", "Pw-2"], "--new_name"),
    (["database", "db", "create", IID, "shop", "--character_set", "utf8mb4"],
     ["database", "db", "create", IID, "shop", "--character-set", "utf8mb4"], "--character_set"),
    (["database", "instance", "update", IID, "--detach_replica_source"],
     ["database", "instance", "update", IID, "--detach-replica-source"],
     "--detach_replica_source"),
    (["database", "instance", "update", IID, "--remove_configuration"],
     ["database", "instance", "update", IID, "--remove-configuration"],
     "--remove_configuration"),
    (["database", "instance", "list", "--include_clustered"],
     ["database", "instance", "list", "--include-clustered"], "--include_clustered"),
    (["database", "backup", "list", "--instance-id", IID],
     ["database", "backup", "list", "--instance", IID], "--instance-id"),
    (["database", "backup", "list", "-i", IID],
     ["database", "backup", "list", "--instance", IID], "-i"),
    (["database", "backup", "strategy", "list", "--instance-id", IID],
     ["database", "backup", "strategy", "list", "--instance", IID], "--instance-id"),
    (["database", "backup", "strategy", "delete", "--instance-id", IID],
     ["database", "backup", "strategy", "delete", "--instance", IID], "--instance-id"),
    (["database", "backup", "create", "nightly", "-i", IID],
     ["database", "backup", "create", "nightly", "--instance", IID], "-i"),
]


def answer_everything(trove):
    trove.on("POST", f"/instances/{IID}/root", {"user": {"name": "root", "password": "Pw-1"}})
    trove.on("PUT", USER, status=202)
    trove.on("POST", f"/instances/{IID}/databases", status=202)
    trove.on("GET", f"/instances/{IID}",
             {"instance": {"id": IID, "name": "db1", "status": "ACTIVE"}})
    trove.on("PUT", f"/instances/{IID}", status=202)
    trove.on("PATCH", f"/instances/{IID}", status=202)
    trove.on("GET", "/instances/detail", {"instances": []})
    trove.on("GET", "/backups", {"backups": []})
    trove.on("POST", "/backups", {"backup": {"id": "b1", "name": "nightly", "status": "NEW"}})
    trove.on("GET", "/backup_strategies", {"backup_strategies": []})
    trove.on("DELETE", "/backup_strategies", status=202)


def sent(trove):
    return [(method, path, body) for (method, path), body in zip(
        trove.requests, [r.json() if r.body else None for r in trove.mocker.request_history
                         if r.url.startswith("http://trove.test")], strict=True)]


@pytest.mark.parametrize("older, own, hidden", PAIRS, ids=lambda v: " ".join(v)
                         if isinstance(v, list) else v)
def test_the_older_spelling_sends_the_same_requests(trove, older, own, hidden):
    answer_everything(trove)
    code, _, err = trove.run(*own)
    assert code == 0, err
    expected = sent(trove)
    trove.mocker.reset_mock()
    code, _, err = trove.run(*older)
    assert code == 0, err
    assert sent(trove) == expected
    words = []
    for word in own:
        if word.startswith("-") or word in (IID, "nightly"):
            break
        words.append(word)
    code, out, _ = trove.run("help", *words)
    assert code == 0 and f" {' '.join(words)} [-h]" in out  # the command's own usage
    assert f" {hidden} " not in out.replace("\n", " ").replace("[", " ").replace("]", " ")


def test_project_id_is_sent_as_given_where_troveclient_took_it(trove):
    trove.on("GET", f"/mgmt/instances?project_id={PROJECT}", {"instances": []})
    trove.on("GET", f"/backups?project_id={PROJECT}", {"backups": []})
    trove.on("GET", f"/backup_strategies?project_id={PROJECT}", {"backup_strategies": []})
    for argv in (["database", "instance", "list"], ["database", "backup", "list"],
                 ["database", "backup", "strategy", "list"]):
        code, _, err = trove.run(*argv, "--project-id", PROJECT)
        assert code == 0, err
    assert [path for _, path in trove.requests] == [
        f"/mgmt/instances?project_id={PROJECT}",
        f"/backups?project_id={PROJECT}",
        f"/backup_strategies?project_id={PROJECT}",
    ]


def test_strategy_create_refuses_project_id_rather_than_drop_it(trove):
    code, out, err = trove.run("database", "backup", "strategy", "create", "--swift-container",
                               "c", "--project-id", PROJECT)
    assert (code, out) == (1, "")
    assert err.startswith("Trove creates a backup strategy in your own project only")
    assert trove.requests == []
