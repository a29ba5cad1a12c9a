"""The three layers import downwards only: commands -> cli -> api.

osc_trove.api (the REST client) knows nothing of the command line; the
command framework (osc_trove.cli) knows no command family; and no command
module decides by itself whether a reference is a name or an ID.
"""

import ast
import pathlib

PACKAGE = pathlib.Path(__file__).resolve().parents[2] / "osc_trove"


def imported(path):
    """Every module `path` imports (absolute names)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def offenders(layer, forbidden):
    return sorted(
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in (PACKAGE / layer).glob("*.py")
        for name in imported(path)
        if any(name == f or name.startswith(f + ".") for f in forbidden)
    )


def test_the_api_imports_neither_the_framework_nor_the_commands():
    assert offenders("api", ("osc_trove.cli", "osc_trove.commands", "openstackclient")) == []


def test_the_framework_imports_no_command_family():
    assert offenders("cli", ("osc_trove.commands",)) == []


def test_no_command_module_tells_names_from_ids_itself():
    found = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "commands").glob("*.py")
        if "looks_like_uuid" in path.read_text()
    ]
    assert found == []


def test_no_command_family_imports_another():
    families = {path.stem for path in (PACKAGE / "commands").glob("*.py")} - {"__init__"}
    helpers = {"cluster_spec", "cluster_view", "config_values", "instance_view", "module_files",
               "nic_keys"}  # one family's pieces, or two families' shared Trove knowledge
    assert offenders("commands", tuple(f"osc_trove.commands.{name}"
                                       for name in families - helpers)) == []
