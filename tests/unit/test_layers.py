"""The three layers import downwards only: commands -> cli -> api.

osc_trove.api (the REST client) knows nothing of the command line, and
importing it loads nothing else of osc_trove; the command framework
(osc_trove.cli) knows no command family; no module of osc_trove imports one
that imports it back, however indirectly (imports inside functions and for
type checking count too); and no command module decides by itself whether a
reference is a name or an ID.
"""

import ast
import pathlib
import subprocess
import sys

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


def test_importing_the_api_loads_no_command_line_code():
    script = ("import sys, osc_trove.api; print(' '.join(sorted(m for m in sys.modules "
              "if m.startswith('osc_trove'))))")
    loaded = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True,
                            text=True).stdout.split()
    assert "osc_trove.api.redact" in loaded
    assert [m for m in loaded if m != "osc_trove" and not m.startswith("osc_trove.api")] == []


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph():
    """{module: the osc_trove modules it imports}, every import statement counted.

    `from package import name` counts package.name where that is a module, else
    the package (importing any module runs its packages' __init__ first, which
    is no import of the module's own).
    """
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        edges = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                edges.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    edges.add(sub if sub in modules else node.module)
        graph[name] = {edge for edge in edges if edge in modules and edge != name}
    return graph


def cycles(graph):
    """Every import circle, each as the modules on it (found once per circle)."""
    found, done = set(), set()

    def walk(module, path):
        for imported_module in sorted(graph[module]):
            if imported_module in path:
                circle = path[path.index(imported_module):]
                start = circle.index(min(circle))
                found.add(tuple(circle[start:] + circle[:start]))
            elif imported_module not in done:
                walk(imported_module, path + [imported_module])
        done.add(module)

    for module in sorted(graph):
        if module not in done:
            walk(module, [module])
    return sorted(found)


def test_no_module_imports_one_that_imports_it_back():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [("a", "b", "c")]


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
