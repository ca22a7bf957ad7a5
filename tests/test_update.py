"""`kg build --update` merges new documents into an earlier build and gives what a full build gives."""

from __future__ import annotations

import shutil
from pathlib import Path

from kg.cli import main

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
    for name in sorted(p.name for p in (tmp_path / "full").iterdir()):
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
    assert "建行星河信用卡" in nq
    assert "工银星河信用卡" not in nq
