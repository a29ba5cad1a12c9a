"""Faults of Trove releases (osc_trove.api.quirks): what a user sees, and what is sent."""

MID = "8f1a3c59-0c6e-4a8b-9d7f-1b2c3d4e5f60"
IID = "44b277eb-39be-4921-be31-3d61b43651d7"
BID = "5d0c2a41-7e2b-4c3d-9e8f-0a1b2c3d4e5f"
CID = "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e"
# What Trove's fault wrapper answers for an exception it did not expect.
TROVE_500 = {"instanceFault": {"code": 500, "message": "Internal Server Error. Please keep "
                                                       "this ID to help us: (abc)."}}
ADMIN_LIST = (
    "Trove answered 500 Internal Server Error to the module list, as Trove 21.0.0 and later "
    "do for every admin (a fault of Trove); give the module by its ID, or list modules as a "
    "user without the admin role (HTTP 500)"
)


def one_line(code, out, err):
    assert (code, out) == (1, ""), err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# --- an admin's module list -----------------------------------------------------------------


def test_admin_module_list_is_one_line(trove):
    trove.on("GET", "/modules", TROVE_500, status=500)
    assert one_line(*trove.run("database", "module", "list")) == ADMIN_LIST


def test_module_lookup_by_name_for_an_admin_says_give_the_id(trove):
    trove.on("GET", "/modules", TROVE_500, status=500)
    code, out, err = trove.run("database", "module", "delete", "license")
    assert code == 1 and err.splitlines() == [
        f"Failed to delete module 'license': {ADMIN_LIST}",
        "1 of 1 module failed to delete.",
    ]
    assert trove.requests == [("GET", "/modules")]


def test_other_module_list_errors_are_left_alone(trove):
    trove.on("GET", "/modules", {"forbidden": {"code": 403, "message": "Not allowed."}},
             status=403)
    assert one_line(*trove.run("database", "module", "list")) == "Not allowed. (HTTP 403)"


def test_removing_a_module_by_name_finds_it_on_the_instance_when_the_list_fails(trove):
    trove.on("GET", "/modules", TROVE_500, status=500)
    trove.on("GET", f"/instances/{IID}/modules",
             {"modules": [{"id": MID, "name": "license", "type": "ping"}]})
    trove.on("DELETE", f"/instances/{IID}/modules/{MID}", status=200)
    code, out, err = trove.run("database", "instance", "remove", "module", IID, "license")
    assert code == 0, err
    assert trove.requests == [
        ("GET", "/modules"), ("GET", f"/instances/{IID}/modules"),
        ("DELETE", f"/instances/{IID}/modules/{MID}"),
    ]


def test_removing_a_module_the_instance_lacks_says_give_the_id(trove):
    trove.on("GET", "/modules", TROVE_500, status=500)
    trove.on("GET", f"/instances/{IID}/modules", {"modules": []})
    line = one_line(*trove.run("database", "instance", "remove", "module", IID, "license"))
    assert line == ADMIN_LIST


# --- deleting a running backup --------------------------------------------------------------


def test_deleting_a_running_backup_says_wait(trove):
    trove.on("DELETE", f"/backups/{BID}", TROVE_500, status=500)
    trove.on("GET", f"/backups/{BID}", {"backup": {"id": BID, "status": "BUILDING"}})
    code, out, err = trove.run("database", "backup", "delete", BID)
    assert code == 1 and err.splitlines() == [
        f"Failed to delete backup '{BID}': Trove answered 500 Internal Server Error to "
        f"deleting backup {BID}, which is running (BUILDING): Trove 25.0.0 and later fail so "
        "for a running backup (a fault of Trove) and delete nothing; wait until the backup is "
        "COMPLETED or FAILED, then delete it (HTTP 500)",
        "1 of 1 backup failed to delete.",
    ]


def test_a_500_deleting_a_finished_backup_stays_what_it_was(trove):
    trove.on("DELETE", f"/backups/{BID}", TROVE_500, status=500)
    trove.on("GET", f"/backups/{BID}", {"backup": {"id": BID, "status": "COMPLETED"}})
    code, out, err = trove.run("database", "backup", "delete", BID)
    assert code == 1 and err.splitlines()[0].startswith(
        f"Failed to delete backup '{BID}': Internal Server Error. Please keep this ID")
    assert "may have reached the server" in err


# --- growing a cluster ----------------------------------------------------------------------


FLAVORS = {"flavors": [{"id": "1", "str_id": "1", "name": "m1.tiny", "ram": 512, "vcpus": 1,
                        "disk": 1, "ephemeral": 0, "links": []}]}


def cluster(datastore):
    return {"cluster": {"id": CID, "name": "c1", "datastore": {"type": datastore,
                                                               "version": "7.0"},
                        "task": {"name": "NONE"}, "instances": []}}


def test_growing_a_redis_cluster_names_the_fault(trove):
    trove.on("GET", f"/clusters/{CID}", cluster("redis"))
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", f"/clusters/{CID}", TROVE_500, status=500)
    line = one_line(*trove.run("database", "cluster", "grow", CID, "--instance",
                               "flavor=1,volume=1"))
    assert line == (
        f"Trove answered 500 Internal Server Error to growing redis cluster {CID}: Trove "
        "18.0.0 and later cannot grow redis clusters (a fault of Trove) and change nothing; "
        "create a new cluster with the members you need (HTTP 500)"
    )


def test_a_500_growing_a_galera_cluster_stays_what_it_was(trove):
    trove.on("GET", f"/clusters/{CID}", cluster("mariadb"))
    trove.on("GET", "/flavors", FLAVORS)
    trove.on("POST", f"/clusters/{CID}", TROVE_500, status=500)
    line = one_line(*trove.run("database", "cluster", "grow", CID, "--instance",
                               "flavor=1,volume=1"))
    assert line.startswith("Internal Server Error. Please keep this ID")
    assert "may have reached the server" in line
