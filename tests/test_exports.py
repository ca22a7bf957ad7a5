"""The committed exports/ folder is exactly what README command 1 (`kg build examples -o exports`) writes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.cli import main
from kg.validate import validate

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = ROOT / "exports"


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


def test_the_same_files_exist(fresh: Path) -> None:
    assert _files(EXPORTS) == _files(fresh)
    assert "kg.ttl" in _files(EXPORTS)


@pytest.mark.parametrize("name", ["kg.ttl", "kg.nt", "kg.nq", "kg.trig", "kg.jsonld", "kg.rdf", "kg.html"])
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
