"""The committed exports/ folder is exactly what README command 1 (`kg build examples -o exports`) writes, less the
HTML view, which inlines the view's templates and is written by the command but not kept in the repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.cli import main
from kg.validate import validate

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = ROOT / "exports"
COMMITTED = ["kg.jsonld", "kg.nq", "kg.nt", "kg.rdf", "kg.trig", "kg.ttl"]
VIEW = "kg.html"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory, monkeypatch_module: pytest.MonkeyPatch) -> Path:
    """`kg build examples -o TMP`, run from the repository root as the README says."""
    out = tmp_path_factory.mktemp("exports")
    monkeypatch_module.chdir(ROOT)
    assert main(["build", "examples", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("SOURCE_DATE_EPOCH", raising=False)
        yield mp


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_the_same_files_exist_but_the_view(fresh: Path) -> None:
    assert _files(fresh) == sorted([*COMMITTED, VIEW])
    assert [name for name in _files(EXPORTS) if name != VIEW] == COMMITTED


def test_the_view_is_not_kept_in_the_repository() -> None:
    assert f"/exports/{VIEW}" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: cannot list the files the repository keeps")
    tracked = subprocess.run([git, "ls-files", "exports"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert sorted(Path(line).name for line in tracked.stdout.splitlines()) == COMMITTED


@pytest.mark.parametrize("name", COMMITTED)
def test_committed_export_is_byte_identical_to_a_fresh_build(fresh: Path, name: str) -> None:
    committed = EXPORTS / name
    assert committed.exists(), f"exports/{name} is missing: run `kg build examples -o exports`"
    assert committed.read_bytes() == (fresh / name).read_bytes(), (
        f"exports/{name} is stale: run `kg build examples -o exports`"
    )


def test_committed_turtle_parses_with_rdflib_and_pyoxigraph() -> None:
    data = (EXPORTS / "kg.ttl").read_bytes()
    graph = rdflib.Graph().parse(data=data, format="turtle")
    triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    assert len(graph) == len({str(t) for t in triples}) > 100
    quads = list(ox.parse((EXPORTS / "kg.nq").read_bytes(), format=ox.RdfFormat.N_QUADS))
    assert len(quads) >= len(graph)


def test_committed_turtle_conforms_to_the_shapes() -> None:
    result = validate(EXPORTS / "kg.ttl")
    assert result.conforms, result.text
