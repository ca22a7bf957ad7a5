"""The layout of kg: imports flow one way (no circle), `import kg` stays light, and every module stays small."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 450


def modules_of(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every Python file of the package under ``root``."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _absolute(module: str | None, level: int, importer: str, is_package: bool) -> str:
    """The module a ``from`` statement names, relative levels resolved against the importing module."""
    if level == 0:
        return module or ""
    package = importer if is_package else importer.rpartition(".")[0]
    for _ in range(level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{module}" if module else package


def _ancestors(name: str) -> set[str]:
    parts = name.split(".")
    return {".".join(parts[:k]) for k in range(1, len(parts))}


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports, at the top level or inside functions.

    ``from P import x`` imports the module ``P.x`` when there is one, else ``P``. Importing ``P.Q.m`` runs
    ``P/Q/__init__.py`` first, so the packages above an imported module count as imported too, except the
    importer's own packages, which Python has set up before it ran.
    """
    is_package = path.name == "__init__.py"
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module, node.level, name, is_package)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                named.add(submodule if submodule in modules else base)
    edges: set[str] = set()
    for target in named:
        while target and target not in modules:  # `import a.b.c` of a module inside the package
            target = target.rpartition(".")[0]
        if target:
            edges.add(target)
            edges.update(_ancestors(target) - _ancestors(name) - {name})
    edges.discard(name)
    return edges


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    modules = modules_of(root, package)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle of imports (first module repeated at the end) per strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(node: str) -> None:  # Tarjan's algorithm; the package is small enough for recursion
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return [_circle(group, graph) for group in sorted(groups)]


def _circle(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest circle through the first module of a strongly connected group, for the failure message."""
    start, members = group[0], set(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & members):
                if nxt == start:
                    return [*paths[node], start]
                if nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"{group} is not strongly connected")


def test_kg_has_no_import_cycle() -> None:
    found = cycles(import_graph(ROOT, "kg"))
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(circle) for circle in found)


def test_the_cycle_finder_sees_function_level_relative_and_package_imports(tmp_path: Path) -> None:
    files = {
        "pkg/__init__.py": "from pkg.low import helper\n",
        "pkg/low.py": "def helper():\n    from .sub import leaf\n    return leaf\n",
        "pkg/sub/__init__.py": "from ..top import value\n",
        "pkg/sub/leaf.py": "import json\n",
        "pkg/top.py": "from pkg import low\nvalue = 1\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    graph = import_graph(tmp_path, "pkg")
    assert graph == {
        "pkg": {"pkg.low"},
        "pkg.low": {"pkg.sub", "pkg.sub.leaf"},  # relative, in a function, and the package that runs first
        "pkg.sub": {"pkg.top"},
        "pkg.sub.leaf": set(),
        "pkg.top": {"pkg.low"},
    }
    assert cycles(graph) == [["pkg.low", "pkg.sub", "pkg.top", "pkg.low"]]  # only through pkg/sub/__init__.py
    (tmp_path / "pkg/sub/__init__.py").write_text("")
    assert cycles(import_graph(tmp_path, "pkg")) == []


def test_import_kg_loads_no_spacy_and_no_pipeline() -> None:
    probe = (
        "import json, sys, kg; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'jieba') "
        "or m.startswith(('kg.nlp', 'kg.extract', 'kg.builder', 'kg.train')))))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True, cwd=ROOT, timeout=120)
    assert json.loads(done.stdout) == []


def test_kg_build_is_still_the_build_function() -> None:
    probe = "import kg, kg.builder, kg.batch; print(callable(kg.build), kg.build.__module__, kg.BuildReport.__module__)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True, cwd=ROOT, timeout=120)
    assert done.stdout.split() == [b"True", b"kg", b"kg.batch"]


@pytest.mark.parametrize("path", sorted(modules_of(ROOT, "kg").values()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_the_line_limit(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines; split it by job (at most {MAX_LINES})"
