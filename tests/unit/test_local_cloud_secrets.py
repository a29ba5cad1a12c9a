"""tools/local-cloud's generated secrets survive being handed to a command line."""

import importlib.machinery
import importlib.util
import pathlib

import pytest

TOOL = pathlib.Path(__file__).resolve().parents[2] / "tools" / "local-cloud"


@pytest.fixture
def local_cloud():
    loader = importlib.machinery.SourceFileLoader("local_cloud_tool", str(TOOL))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_generated_passwords_never_start_with_a_dash(local_cloud, monkeypatch):
    draws = iter(["-first-draw-is-an-option", "-so-is-the-second", "fine-at-last"] * 3)
    monkeypatch.setattr(local_cloud.secrets, "token_urlsafe", lambda n: next(draws))
    generated = local_cloud.new_secrets()
    for key in ("admin_password", "demo_password", "trove_password"):
        assert generated[key] == "fine-at-last"
    for key in ("taskmanager_rpc_encr_key", "inst_rpc_key_encr_key"):
        assert len(generated[key]) == 32 and not generated[key].startswith("-")


def test_bootstrap_glues_a_dash_password_to_its_option(local_cloud):
    # secrets.json is reused across runs: an old password may still start with '-'.
    args = local_cloud.bootstrap_args({"admin_password": "-looks-like-an-option"})
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
