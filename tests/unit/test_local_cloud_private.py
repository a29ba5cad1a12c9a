"""tools/local-cloud keeps .local-cloud (passwords, keys, Keystone's database) to its owner."""

import importlib.machinery
import importlib.util
import pathlib
import stat

TOOL = pathlib.Path(__file__).resolve().parents[2] / "tools" / "local-cloud"


def load_tool():
    loader = importlib.machinery.SourceFileLoader("local_cloud_tool", str(TOOL))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_an_older_install_is_made_private(tmp_path, monkeypatch):
    tool = load_tool()
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
