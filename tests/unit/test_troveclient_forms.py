"""python-troveclient's spellings of options: each sends what osc-trove's own does,
and none shows in the usage line."""

import pytest

from tests.unit.helpers import IID

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
    trove.on("GET", "/instances", {"instances": []})
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
        f"/mgmt/instances?project_id={PROJECT}&deleted=false",
        f"/backups?project_id={PROJECT}",
        f"/backup_strategies?project_id={PROJECT}",
    ]


def test_strategy_create_refuses_project_id_rather_than_drop_it(trove):
    code, out, err = trove.run("database", "backup", "strategy", "create", "--swift-container",
                               "c", "--project-id", PROJECT)
    assert (code, out) == (1, "")
    assert err.startswith("Trove creates a backup strategy in your own project only")
    assert trove.requests == []


# --- python-troveclient 2.x-8.x forms osc-trove took later (issue 22) -----------------

IMAGE_ID = "3e50414a-8532-4646-982c-a66fe8f0411b"
CREATED = {"instance": {"id": IID, "name": "db1", "status": "BUILD"}}


def answer_the_older_forms(trove):
    trove.on("GET", "/flavors", {"flavors": [{"id": 2, "str_id": "2", "name": "m1.small"}]})
    trove.on("POST", "/instances", CREATED)
    trove.on("POST", "/configurations", {"configuration": {"id": "g1", "name": "tuned"}})
    trove.on("POST", f"/instances/{IID}/users", status=202)
    trove.on("POST", "/backups", {"backup": {"id": "b1", "name": "nightly", "status": "NEW"}})
    trove.on("POST", "/mgmt/datastore-versions", status=202)
    trove.on("GET", "/mgmt/datastore-versions", {"versions": [
        {"id": "v1", "name": "8.0", "datastore_name": "mysql", "datastore_id": "d1"}]})
    trove.on("POST", f"/instances/{IID}/action", status=202)
    trove.on("PATCH", f"/instances/{IID}", status=202)
    trove.on("GET", f"/instances/{IID}", {"instance": {"id": IID, "name": "db1"}})
    trove.on("POST", f"/instances/{IID}/log", {"log": {"name": "general", "status": "Enabled"}})


# (troveclient's command line, osc-trove's own): the same requests, bodies included
OLDER = [
    # underscore spellings and the flavor as a second argument (2.14.0-4.1.0)
    (["database", "instance", "create", "db1", "--volume_type", "ssd", "2", "--size", "1",
      "--availability_zone", "az1", "--datastore", "mysql", "--datastore_version", "5.7"],
     ["database", "instance", "create", "db1", "--flavor", "2", "--volume-type", "ssd",
      "--size", "1", "--availability-zone", "az1", "--datastore", "mysql",
      "--datastore-version", "5.7"]),
    (["database", "instance", "create", "db2", "--replica_of", IID, "--replica_count", "1"],
     ["database", "instance", "create", "db2", "--replica-of", IID, "--replica-count", "1"]),
    (["database", "configuration", "create", "tuned", "--datastore_version", "5.7", "{}"],
     ["database", "configuration", "create", "tuned", "{}", "--datastore-version", "5.7"]),
    # positional arguments after options
    (["database", "backup", "create", IID, "--description", "d", "nightly"],
     ["database", "backup", "create", "nightly", "--instance", IID, "--description", "d"]),
    (["database", "user", "create", IID, "bob", "--host", "%", "Pw-3"],
     ["database", "user", "create", IID, "bob", "Pw-3", "--host", "%"]),
    (["datastore", "version", "create", "8.0", "mysql", "mysql", "--active", IMAGE_ID],
     ["datastore", "version", "create", "8.0", "mysql", "mysql", IMAGE_ID, "--active"]),
    # command names of 2.14.0-3.3.2
    (["database", "instance", "detach", "replica", IID], ["database", "instance", "detach", IID]),
    (["database", "instance", "promote", "to", "replica", "source", IID],
     ["database", "instance", "promote", IID]),
    (["database", "instance", "eject", "replica", "source", IID],
     ["database", "instance", "eject", IID]),
    (["database", "log", "enable", IID, "general"],
     ["database", "log", "set", IID, "general", "--enable"]),
]


@pytest.mark.parametrize("older, own", OLDER, ids=lambda v: " ".join(v[:4]))
def test_the_older_form_sends_the_same_requests(trove, older, own):
    answer_the_older_forms(trove)
    code, _, err = trove.run(*own)
    assert code == 0, err
    expected = sent(trove)
    assert expected and expected[-1][0] in ("POST", "PATCH", "GET")
    trove.mocker.reset_mock()
    code, _, err = trove.run(*older)
    assert code == 0, err
    assert sent(trove) == expected


def test_the_flavor_given_twice_is_one_line(trove):
    code, out, err = trove.run("database", "instance", "create", "db1", "m1.small",
                               "--flavor", "m1.large")
    assert (code, out, err.strip()) == (1, "", "Give the flavor once: --flavor <flavor>.")
    assert trove.requests == []


def test_log_enable_takes_no_other_action(trove):
    with pytest.raises(SystemExit):
        trove.run("database", "log", "enable", IID, "general", "--publish")
    assert trove.requests == []


@pytest.mark.parametrize("nic, instead", [
    (f"port-id={IID}", "give net-id=<network>[,subnet-id=<subnet>][,ip-address=<ip>] instead"),
    ("net-id=n1,v4-fixed-ip=10.0.0.5", "give ip-address=<ip> (with net-id or subnet-id) instead"),
])
def test_nic_keys_trove_dropped_are_one_line_saying_so(trove, nic, instead):
    key = nic.split(",")[-1].split("=")[0]
    code, out, err = trove.run("database", "instance", "create", "db1", "--flavor", "2",
                               "--nic", nic)
    assert (code, out) == (1, "")
    assert err.strip() == (f"--nic key '{key}': Trove 12.0.0 dropped {key} from its NIC "
                           f"schema; {instead}.")
    assert trove.requests == []


def test_backup_execution_delete_says_trove_removed_it(trove):
    code, out, err = trove.run("database", "backup", "execution", "delete", "e1")
    assert (code, out) == (1, "")
    assert err.strip().startswith("Trove 14.0.0 removed the Mistral workflow")
    assert "openstack workflow execution delete" in err and "\n" not in err.strip()
    assert trove.mocker.request_history == []  # no login either: nothing to ask a cloud
    code, out, _ = trove.run("help")
    assert "backup execution delete" not in out
