"""`kg build --update` merges new documents into an earlier build and gives what a full build gives."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from invented_news import invented_article, invented_news

from kg.cli import main
from kg.state import SCHEMA_VERSION, read_state

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _build(*args: str) -> int:
    return main(["build", *args])


def test_update_equals_a_full_build_and_skips_what_it_has(tmp_path: Path, capsys):
    articles = sorted(EXAMPLES.glob("*.md"))
    inputs = tmp_path / "in"
    inputs.mkdir()
    for article in articles[:-1]:
        shutil.copy(article, inputs)
    assert _build(str(inputs), "-o", str(tmp_path / "out")) == 0
    shutil.copy(articles[-1], inputs)
    capsys.readouterr()
    assert _build(str(inputs), "-o", str(tmp_path / "out"), "--update") == 0
    err = capsys.readouterr().err
    assert f"built 1 documents; {len(articles) - 1} unchanged since the last build" in err
    assert _build(str(inputs), "-o", str(tmp_path / "full")) == 0
    for name in sorted(p.name for p in (tmp_path / "full").iterdir() if p.is_file()):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name


def test_update_without_an_earlier_build_builds_from_scratch(tmp_path: Path, capsys):
    assert _build(str(EXAMPLES), "-o", str(tmp_path / "out"), "--update") == 0
    assert "building from scratch" in capsys.readouterr().err
    assert (tmp_path / "out" / "kg.nq").exists()


def test_a_changed_document_replaces_its_old_facts(tmp_path: Path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    article = inputs / "a.md"
    article.write_text("2021年，中国工商银行推出了工银星河信用卡。\n", encoding="utf-8")
    assert _build(str(inputs), "-o", str(tmp_path / "out")) == 0
    article.write_text("2022年，中国建设银行推出了建行星河信用卡。\n", encoding="utf-8")
    assert _build(str(inputs), "-o", str(tmp_path / "out"), "--update") == 0
    nq = (tmp_path / "out" / "kg.nq").read_text(encoding="utf-8")
    assert '"星河信用卡"@zh' in nq and "中国建设银行" in nq  # the card, beside its issuer (建行|星河信用卡)
    assert "工银星河信用卡" not in nq and "中国工商银行" not in nq


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _exports(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_an_update_after_adding_editing_and_deleting_gives_the_full_build(tmp_path: Path, capsys):
    """Issue 16's case at its size: a 3,000-document build, then 300 added, 100 edited and 150 deleted."""
    news = invented_news(3300, seed=1)
    first, added = news[:3000], news[3000:]
    assert _build(str(_write_jsonl(tmp_path / "first.jsonl", first)), "-o", str(tmp_path / "out")) == 0
    rng = random.Random(7)
    changed = rng.sample([r["id"] for r in first], 250)
    edited, deleted = set(changed[:100]), set(changed[100:])
    second = [{**r, "text": invented_article(rng)} if r["id"] in edited else r for r in first if r["id"] not in deleted]
    inputs = str(_write_jsonl(tmp_path / "second.jsonl", second + added))
    capsys.readouterr()
    assert _build(inputs, "-o", str(tmp_path / "out"), "--update", "--prune") == 0
    err = capsys.readouterr().err
    assert "built 400 documents; 2,750 unchanged since the last build; 150 removed" in err
    assert _build(inputs, "-o", str(tmp_path / "full")) == 0
    updated, full = _exports(tmp_path / "out"), _exports(tmp_path / "full")
    assert sorted(updated) == sorted(full)
    for name in full:
        assert updated[name] == full[name], name
    assert b"ontology#Measurement>" in full["kg.nq"]  # figures are among what survives the update
    settings = {"min_confidence": 0.0, "model": None, "backbone": False}
    kept = list(read_state(tmp_path / "out", settings).extractions())
    assert kept == list(read_state(tmp_path / "full", settings).extractions())
    assert len(kept) == 3150


def test_without_prune_documents_not_among_the_inputs_stay(tmp_path: Path):
    news = invented_news(150, seed=2)
    old = str(_write_jsonl(tmp_path / "old.jsonl", news[:100]))
    assert _build(old, "-o", str(tmp_path / "out")) == 0
    new = str(_write_jsonl(tmp_path / "new.jsonl", news[100:]))
    assert _build(new, "-o", str(tmp_path / "out"), "--update") == 0
    assert _build(old, new, "-o", str(tmp_path / "full")) == 0
    assert _exports(tmp_path / "out") == _exports(tmp_path / "full")


def test_an_unusable_state_falls_back_with_one_line(tmp_path: Path, capsys):
    out = tmp_path / "out"
    assert _build(str(EXAMPLES), "-o", str(out)) == 0
    full = _exports(out)
    state = out / ".kg" / "state.sqlite"
    state.write_bytes(b"not a database")
    capsys.readouterr()
    assert _build(str(EXAMPLES), "-o", str(out), "--update") == 0
    err = capsys.readouterr().err
    assert "state.sqlite: cannot be read" in err and "kg.nq read back" in err
    assert _exports(out) == full
    with sqlite3.connect(state) as db:  # the update wrote a good state again; now make it the version before's
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION - 1),))
    db.close()
    assert _build(str(EXAMPLES), "-o", str(out), "--update") == 0
    err = capsys.readouterr().err
    assert f"schema version {SCHEMA_VERSION - 1}, this kg reads version {SCHEMA_VERSION}" in err
    assert len([line for line in err.splitlines() if "state.sqlite" in line]) == 1
    assert _exports(out) == full
    assert _build(str(EXAMPLES), "-o", str(out), "--update", "--min-confidence", "0.5") == 0
    err = capsys.readouterr().err
    assert "made with other --min-confidence" in err and "building from scratch" in err


def test_prune_needs_update(tmp_path: Path, capsys):
    assert _build(str(EXAMPLES), "-o", str(tmp_path / "out"), "--prune") == 2
    assert "--prune applies to --update" in capsys.readouterr().err


def test_formats_writes_the_exports_named_and_removes_the_others(tmp_path: Path, capsys):
    assert _build(str(EXAMPLES), "-o", str(tmp_path / "full")) == 0
    out = tmp_path / "out"
    assert _build(str(EXAMPLES), "-o", str(out)) == 0
    assert _build(str(EXAMPLES), "-o", str(out), "--update", "--formats", "nq,trig") == 0
    assert sorted(_exports(out)) == ["kg.nq", "kg.trig"]
    full = _exports(tmp_path / "full")
    assert _exports(out) == {name: full[name] for name in ("kg.nq", "kg.trig")}
    assert _build(str(EXAMPLES), "-o", str(out), "--formats", "ttl", "--store", str(tmp_path / "s")) == 2
    assert "add nq to --formats" in capsys.readouterr().err


def test_the_layout_of_the_exports_is_kept_and_an_edited_export_is_not_copied_from(tmp_path: Path, capsys):
    """A build keeps where each part of each export stands (`kg.rdf.layout`); the next update copies the unchanged
    parts from those files. A file changed since (here kg.nq, touched by hand) is not copied from: the update
    renders every part again, and the exports are still the full build's."""
    from kg.export import RDF_FILES
    from kg.state import read_layout

    out = tmp_path / "out"
    assert _build(str(EXAMPLES), "-o", str(out)) == 0
    files = {fmt: out / name for name, fmt in RDF_FILES}
    layout = read_layout(out, files)
    assert layout is not None and set(layout.files) == set(files)
    assert all(held.size == files[fmt].stat().st_size for fmt, (_, held) in layout.files.items())
    assert any(unit.startswith("d") for unit in layout.signatures) and any(u.startswith("e") for u in layout.signatures)
    full = _exports(out)
    nq = out / "kg.nq"
    nq.write_bytes(nq.read_bytes())  # same bytes, another modification time
    assert read_layout(out, files) is None
    assert _build(str(EXAMPLES), "-o", str(out), "--update") == 0
    assert _exports(out) == full
    assert read_layout(out, files) is not None  # kept again for the next update


def test_the_layout_keeps_any_document_id(tmp_path: Path):
    """Unit names hold document ids, which may hold any character: they read back as they were written."""
    from array import array

    from kg.rdf.layout import FileLayout, Layout
    from kg.state import _SCHEMA, read_layout, write_layout

    odd = ["d a\nb", "d\u2028x", 'd"q"', "e中国银联"]
    layout = Layout(
        {unit: f"s{i}" for i, unit in enumerate(odd)},
        {family: [f"k{i}" for i in range(len(odd))] for family in ("q", "t", "j")},
        {family: list(odd) for family in ("q", "t", "j")},
        {},
    )
    (tmp_path / ".kg").mkdir()
    db = sqlite3.connect(tmp_path / ".kg" / "state.sqlite")
    db.executescript(_SCHEMA)
    db.close()
    file = tmp_path / "kg.nq"
    file.write_bytes(b"abcd")
    status = file.stat()
    layout.files["nquads"] = (file, FileLayout(0, array("q", [1, 1, 1, 1]), status.st_size, status.st_mtime_ns))
    write_layout(tmp_path, layout)
    again = read_layout(tmp_path, {"nquads": file})
    assert again is not None
    assert (again.signatures, again.keys, again.units) == (layout.signatures, layout.keys, layout.units)
    assert again.files["nquads"][1] == layout.files["nquads"][1]


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed from now on."""
    import kg.ingest.files as files

    parsed: list[str] = []
    original = files.read_path

    def read_path(path: Path, **kwargs):
        parsed.append(Path(path).name)
        return original(path, **kwargs)

    monkeypatch.setattr(files, "read_path", read_path)
    return parsed


def test_an_unchanged_input_file_is_not_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    news = invented_news(60, seed=4)
    old = str(_write_jsonl(tmp_path / "old.jsonl", news[:50]))
    assert _build(old, "-o", str(tmp_path / "out")) == 0
    new = str(_write_jsonl(tmp_path / "new.jsonl", news[50:]))
    parsed = _reads(monkeypatch)
    capsys.readouterr()
    assert _build(old, new, "-o", str(tmp_path / "out"), "--update") == 0
    assert parsed == ["new.jsonl"]
    assert "built 10 documents; 50 unchanged since the last build" in capsys.readouterr().err
    assert _build(old, new, "-o", str(tmp_path / "full")) == 0
    assert _exports(tmp_path / "out") == _exports(tmp_path / "full")
    _write_jsonl(tmp_path / "old.jsonl", news[:49])  # edited: read again
    parsed.clear()
    assert _build(old, new, "-o", str(tmp_path / "out"), "--update", "--prune") == 0
    assert parsed == ["old.jsonl"]


def test_a_held_document_that_is_needed_again_is_read_from_its_file(tmp_path: Path, monkeypatch, capsys):
    """b.jsonl repeats a document of a.jsonl, so the first build skips it as a duplicate. Once a.jsonl is gone, the
    unchanged b.jsonl's copy is the one a full build keeps: the update reads it from the file and builds it."""
    news = invented_news(6, seed=5)
    a = _write_jsonl(tmp_path / "a.jsonl", news[:3])
    b = str(_write_jsonl(tmp_path / "b.jsonl", [{**news[0], "id": "copy"}, *news[3:]]))
    assert _build(str(a), b, "-o", str(tmp_path / "out")) == 0
    a.unlink()
    parsed = _reads(monkeypatch)
    capsys.readouterr()
    assert _build(b, "-o", str(tmp_path / "out"), "--update", "--prune") == 0
    assert parsed == ["b.jsonl"]  # once, for the one document needed
    assert "built 1 documents; 3 unchanged since the last build; 3 removed" in capsys.readouterr().err
    assert _build(b, "-o", str(tmp_path / "full")) == 0
    assert _exports(tmp_path / "out") == _exports(tmp_path / "full")
