"""tools/local-cloud, loaded as a module: its secrets, the privacy of its state, and
--trove VERSION (the release table, the choice of release, where each release keeps
its state). No network, nothing installed."""

import importlib.machinery
import importlib.util
import os
import pathlib
import stat

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "local-cloud"


@pytest.fixture
def tool():
    loader = importlib.machinery.SourceFileLoader("local_cloud_tool", str(TOOL))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.fixture
def releases(tool):
    return tool.releases


def test_every_release_has_its_series_and_keystone(releases):
    assert releases.RELEASES == {
        "21.1.0": ("2024.1", "25.0.0"),
        "22.0.1": ("2024.2", "26.1.1"),
        "23.1.0": ("2025.1", "27.1.0"),
        "24.1.0": ("2025.2", "28.1.0"),
        "25.1.0": ("2026.1", "29.1.0"),
        "26.0.0": ("2026.2", "30.0.0"),
    }
    assert releases.DEFAULT == "26.0.0"


def test_each_release_installs_with_its_series_constraints(releases):
    for version, (series, keystone) in releases.RELEASES.items():
        args = releases.requirements(version)
        assert args[0] == "-c" and pathlib.Path(args[1]).name == f"{series}.txt"
        text = pathlib.Path(args[1]).read_text()
        # The file pins the libraries, never the servers themselves.
        assert "\noslo.db===" in text and "\ntrove===" not in text
        assert args[2:] == [f"keystone=={keystone}", f"trove=={version}", "werkzeug>=3,<4"]


def test_the_default_release_keeps_its_state_directory(tool, releases):
    assert tool.install_marker_text(tool.REQUIREMENTS) == \
        "-c\n2026.2.txt\nkeystone==30.0.0\ntrove==26.0.0\nwerkzeug>=3,<4\n"
    assert tool.STATE_DIR == str(ROOT / ".local-cloud")
    values = tool.template_values({"keystone_port": 1, "trove_port": 2}, {
        "trove_password": "p", "taskmanager_rpc_encr_key": "k",
        "inst_rpc_key_encr_key": "i"})
    # Every release, the default too, reads Keystone's SQLite from any thread.
    assert values["KEYSTONE_DB_QUERY"] == "?check_same_thread=false"


def test_the_marker_names_the_constraints_file_not_its_path(tool, releases):
    assert tool.install_marker_text(releases.requirements("21.1.0")) == \
        "-c\n2024.1.txt\nkeystone==25.0.0\ntrove==21.1.0\nwerkzeug>=3,<4\n"


@pytest.mark.parametrize("flag, environ, chosen", [
    (None, {}, "26.0.0"),
    ("21.1.0", {}, "21.1.0"),
    (None, {"LOCAL_CLOUD_TROVE": "23.1.0"}, "23.1.0"),
    ("22.0.1", {"LOCAL_CLOUD_TROVE": "23.1.0"}, "22.0.1"),
    (None, {"LOCAL_CLOUD_TROVE": ""}, "26.0.0"),
])
def test_the_flag_wins_over_the_environment(releases, flag, environ, chosen):
    assert releases.choose(flag, environ) == chosen


def test_an_unknown_release_is_refused_with_the_known_ones(releases):
    with pytest.raises(releases.UnknownRelease, match="21.1.0, 22.0.1"):
        releases.choose("21.0.0", {})


def test_each_other_release_has_a_directory_of_its_own(tool, releases):
    dirs = {releases.state_dir(str(ROOT), v) for v in releases.RELEASES}
    assert len(dirs) == len(releases.RELEASES)
    tool.select_release("21.1.0")
    state = ROOT / ".local-cloud-21.1.0"
    assert tool.STATE_DIR == str(state)
    for path in (tool.VENV_PYTHON, tool.CLOUDS_YAML, tool.SECRETS_FILE, tool.STATE_FILE,
                 tool.INSTALL_MARKER, tool.log_file("trove"), tool.pid_file("keystone")):
        assert pathlib.Path(path).is_relative_to(state), path


@pytest.fixture
def kept_umask():
    """main() sets the private umask of the tool: give pytest its own back."""
    umask = os.umask(0o022)
    os.umask(umask)
    yield
    os.umask(umask)


def test_the_command_line_selects_the_release(tool, capsys, monkeypatch, kept_umask):
    monkeypatch.delenv("LOCAL_CLOUD_TROVE", raising=False)
    assert tool.main(["--trove", "24.1.0", "env"]) == 0
    assert capsys.readouterr().out == \
        f"export OS_CLIENT_CONFIG_FILE={ROOT}/.local-cloud-24.1.0/clouds.yaml\n"
    monkeypatch.setenv("LOCAL_CLOUD_TROVE", "25.1.0")
    assert tool.main(["env"]) == 0
    assert ".local-cloud-25.1.0/clouds.yaml" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        tool.main(["--trove", "9.9.9", "env"])
    assert exit_.value.code == 2
    assert "unknown Trove release '9.9.9'" in capsys.readouterr().err


# --- secrets and privacy -----------------------------------------------------


def test_generated_passwords_never_start_with_a_dash(tool, monkeypatch):
    draws = iter(["-first-draw-is-an-option", "-so-is-the-second", "fine-at-last"] * 3)
    monkeypatch.setattr(tool.secrets, "token_urlsafe", lambda n: next(draws))
    generated = tool.new_secrets()
    for key in ("admin_password", "demo_password", "trove_password"):
        assert generated[key] == "fine-at-last"
    for key in ("taskmanager_rpc_encr_key", "inst_rpc_key_encr_key"):
        assert len(generated[key]) == 32 and not generated[key].startswith("-")


def test_bootstrap_glues_a_dash_password_to_its_option(tool):
    # secrets.json is reused across runs: an old password may still start with '-'.
    args = tool.bootstrap_args({"admin_password": "-looks-like-an-option"})
    assert "--bootstrap-password=-looks-like-an-option" in args
    assert "-looks-like-an-option" not in args
    # keystone-manage parses with argparse: the glued form reads back whole.
    import argparse

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    boot = sub.add_parser("bootstrap")
    boot.add_argument("--bootstrap-password")
    boot.add_argument("--bootstrap-region-id")
    assert parser.parse_args(args).bootstrap_password == "-looks-like-an-option"


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_an_older_install_is_made_private(tool, tmp_path, monkeypatch):
    state = tmp_path / ".local-cloud"
    monkeypatch.setattr(tool, "STATE_DIR", str(state))
    for rel in ("etc/trove.conf", "data/keystone.db", "logs/trove.log", "state.json",
                "venv/bin/python"):
        (state / rel).parent.mkdir(parents=True, exist_ok=True)
        (state / rel).write_text("x")
        (state / rel).chmod(0o755 if rel.startswith("venv") else 0o644)
    for directory in (state, state / "etc", state / "data", state / "venv"):
        directory.chmod(0o755)
    tool.make_private()
    assert mode(state) == 0o700
    assert mode(state / "etc") == mode(state / "data") == 0o700
    for rel in ("etc/trove.conf", "data/keystone.db", "logs/trove.log", "state.json"):
        assert mode(state / rel) == 0o600, rel
    # The virtualenv keeps its modes: the top directory already shuts others out.
    assert mode(state / "venv") == mode(state / "venv/bin/python") == 0o755
