"""save_all: every file written, parseable, identical across runs, and all or nothing on error."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from samples import sample_graph

from kg import export, rdf

NAMES = ["kg.ttl", "kg.nt", "kg.nq", "kg.trig", "kg.jsonld", "kg.rdf", "kg.html"]


def test_save_all_writes_every_export_in_order(tmp_path: Path) -> None:
    out = tmp_path / "new" / "dir"
    paths = export.save_all(sample_graph(), out)
    assert paths == [out / name for name in NAMES]
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)
    for path in paths[:-1]:
        quads = list(ox.parse(path=str(path)))
        assert any(q.predicate.value == rdf.KG + "evidence" for q in quads), path
    html = paths[-1].read_text(encoding="utf-8")
    assert "中国银联" in html
    assert '</script> " }' not in html  # article text is escaped, never pasted raw


def test_save_all_is_deterministic_and_the_graph_method_uses_it(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in export.save_all(sample_graph(), tmp_path / "a")]
    second = [p.read_bytes() for p in sample_graph().save(tmp_path / "b")]
    assert first == second


def test_a_failure_leaves_earlier_exports_intact_and_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export.save_all(sample_graph(), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken(g: object, **kwargs: object) -> str:
        raise RuntimeError("viz failed")

    monkeypatch.setattr(export, "render_html", broken)
    with pytest.raises(RuntimeError, match="viz failed"):
        export.save_all(sample_graph("https://example.org/other/"), tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_failure_on_a_fresh_directory_leaves_it_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = rdf.serialize

    def fail_on_jsonld(quads: object, fmt: str, **kwargs: object) -> bytes:
        if fmt == "json-ld":
            raise ValueError("boom")
        return real(quads, fmt, **kwargs)

    monkeypatch.setattr(rdf, "serialize", fail_on_jsonld)
    with pytest.raises(ValueError, match="boom"):
        export.save_all(sample_graph(), tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_two_processes_write_the_same_files(tmp_path: Path) -> None:
    one = [p.read_bytes() for p in export.save_all(sample_graph(), tmp_path / "one")]
    two = [p.read_bytes() for p in export.save_all(sample_graph(), tmp_path / "two", workers=2)]
    assert one == two
    assert export._INHERITED is None  # the helper's copy of the graph and statements is not kept alive


@pytest.mark.parametrize("failing", ["turtle", "json-ld", "view"])
def test_a_failure_in_either_process_leaves_earlier_exports_and_no_temp_files(
    failing: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export.save_all(sample_graph(), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real = rdf.serialize

    def fail_on(source: object, fmt: str, **kwargs: object) -> bytes:
        if fmt == failing:
            raise ValueError(f"{fmt} failed")
        return real(source, fmt, **kwargs)

    def fail_on_view(g: object, **kwargs: object) -> str:
        raise ValueError("view failed")

    monkeypatch.setattr(rdf, "serialize", fail_on)  # the forked helper inherits the patch
    monkeypatch.setattr(export, "render_html", fail_on_view if failing == "view" else export.render_html)
    with pytest.raises(ValueError, match=f"{failing} failed"):
        export.save_all(sample_graph("https://example.org/other/"), tmp_path, workers=2)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
