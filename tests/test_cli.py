"""The `kg` command, run in-process through kg.cli.main and once as `python -m kg`."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXPORTS = ["kg.html", "kg.jsonld", "kg.nq", "kg.nt", "kg.rdf", "kg.trig", "kg.ttl"]
GOOD = "2021年，中国工商银行推出了“工银e生活”App。华为与中国银联达成合作。"
COUNT_ENTITIES = (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e skos:prefLabel ?label }"
)
LABELS = (
    "PREFIX kg: <https://w3id.org/kg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?label WHERE { ?e a kg:Organization ; skos:prefLabel ?label FILTER(lang(?label) = 'zh') } ORDER BY ?label"
)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of the examples, shared by the read-only commands."""
    out = tmp_path_factory.mktemp("export")
    assert main(["build", str(EXAMPLES), "-o", str(out)]) == 0
    return out


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err
    assert "Error:" not in err.replace("IngestError", "")


# build ------------------------------------------------------------------------------------------------
def test_build_writes_every_export(export: Path) -> None:
    assert sorted(p.name for p in export.iterdir() if p.is_file()) == EXPORTS
    assert all((export / name).stat().st_size > 0 for name in EXPORTS)


def test_build_store_holds_the_nquads_export_and_the_ontology(inputs: Path, tmp_path: Path) -> None:
    import pyoxigraph as ox

    from kg.store import ONTOLOGY_GRAPH, open_store

    out = tmp_path / "out"
    assert main(["build", str(inputs), "-o", str(out), "--store", str(tmp_path / "store")]) == 0
    stored = set(open_store(tmp_path / "store"))
    exported = ox.Store()  # the store's own typing of literals, to compare like with like
    exported.load(path=str(out / "kg.nq"), format=ox.RdfFormat.N_QUADS)
    ontology = ox.NamedNode(ONTOLOGY_GRAPH)
    assert {q for q in stored if q.graph_name != ontology} == set(exported)
    assert any(q.graph_name == ontology for q in stored)


def test_build_exit_0_and_summary_on_stderr(inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["build", str(inputs), "-o", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "built 1 documents" in err
    assert not (tmp_path / "out" / "errors.jsonl").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file()) == EXPORTS


def test_build_exit_1_when_an_input_fails(inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (inputs / "bad.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    out_dir = tmp_path / "out"
    assert main(["build", str(inputs), "-o", str(out_dir)]) == 1
    err = capsys.readouterr().err
    _no_traceback(err)
    lines = [line for line in err.splitlines() if "bad.md" in line]
    assert lines and lines[0].startswith("kg: ") and "binary" in lines[0]
    errors = [json.loads(line) for line in (out_dir / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [Path(e["path"]).name for e in errors] == ["bad.md"]
    assert set(errors[0]) == {"path", "line", "problem", "hint"}
    assert "errors.jsonl" in err
    assert (out_dir / "kg.ttl").exists()


def test_build_strict_stops_with_exit_1(inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (inputs / "a_broken.md").write_text("---\ntitle: [oops\n---\n正文。\n", encoding="utf-8")
    assert main(["build", str(inputs), "-o", str(tmp_path / "out"), "--strict"]) == 1
    err = capsys.readouterr().err
    _no_traceback(err)
    assert "a_broken.md" in err
    assert "--strict" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["build", "x", "-o", "out", "--workers", "0"],
        ["build", "x", "-o", "out", "--min-confidence", "2"],
        ["build", "x"],
        ["frobnicate"],
        [],
        ["query", "SELECT * WHERE {}"],
    ],
)
def test_usage_errors_exit_2(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        status = main(args)
    except SystemExit as exit_:
        status = exit_.code
    assert status == 2
    err = capsys.readouterr().err
    assert err.strip()
    _no_traceback(err)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("content", [None, b"%PDF-1.7\n\x00\x00\x00\xff\xfe binary"])
def test_input_problems_never_print_a_traceback(
    content: bytes | None, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = tmp_path / "input.md"
    if content is not None:
        path.write_bytes(content)
    assert main(["build", str(path), "-o", str(tmp_path / "out")]) == 1
    assert main(["extract", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    _no_traceback(err)
    assert err.count("input.md") >= 2


# extract ------------------------------------------------------------------------------------------------
def test_extract_prints_one_json_object_per_document(capsys: pytest.CaptureFixture) -> None:
    assert main(["extract", str(EXAMPLES), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["document"] for r in records] == sorted(p.name for p in EXAMPLES.glob("*.md"))
    for record in records:
        ids = {e["id"] for e in record["entities"]}
        assert len(ids) == len(record["entities"])
        for e in record["entities"]:
            assert {"id", "label", "type", "aliases"} <= set(e)
            assert e["type"] in {"ORG", "PRODUCT", "INITIATIVE", "LOC"}
            assert isinstance(e["aliases"], list)
        assert record["relations"]
        for r in record["relations"]:
            assert r["head"] in ids and r["tail"] in ids
            assert r["evidence"] and r["start"] < r["end"]
    ccb = next(r for r in records if r["document"] == "02_ccb_life_app.md")
    label = {e["id"]: e["label"] for e in ccb["entities"]}
    facts = {(label[r["head"]], r["relation"], label[r["tail"]]) for r in ccb["relations"]}
    assert ("中国建设银行", "launched", "建行生活") in facts


def test_extract_a_single_file(inputs: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["extract", str(inputs / "good.txt")]) == 0
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["document"] == "good.txt"
    labels = {e["label"] for e in record["entities"]}
    assert {"中国工商银行", "工银e生活", "华为", "中国银联"} <= labels


# validate -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["kg.ttl", "kg.nq"])
def test_validate_a_fresh_export(export: Path, name: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(export / name)]) == 0
    out = capsys.readouterr().out
    assert out.strip() == "Conforms."


def test_validate_reports_violations(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kg: <https://w3id.org/kg/ontology#> .\n<https://w3id.org/kg/id/entity/x> a kg:Organization .\n",
        encoding="utf-8",
    )
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "Conforms" not in out
    lines = out.splitlines()
    assert lines[0].startswith("Violation:")
    assert any("entity/x" in line and "skos:prefLabel" in line for line in lines)


def test_validate_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(tmp_path / "nope.ttl")]) == 2
    assert "no such file" in capsys.readouterr().err


# query ----------------------------------------------------------------------------------------------------
def test_query_table(export: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", COUNT_ENTITIES, "--data", str(export / "kg.nq")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].strip() == "n"
    assert int(lines[1]) > 10
    assert lines[-1] == "(1 rows)"


def test_query_csv_and_json_agree(export: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", LABELS, "--data", str(export / "kg.ttl"), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert main(["query", LABELS, "--data", str(export / "kg.ttl"), "--format", "json"]) == 0
    as_json = json.loads(capsys.readouterr().out)
    labels = [r["label"] for r in rows]
    assert labels == [r["label"] for r in as_json]
    assert {"中国银联", "中国建设银行"} <= set(labels)
    assert labels == sorted(labels)


def test_query_from_a_file(export: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    query = tmp_path / "q.rq"
    query.write_text(COUNT_ENTITIES, encoding="utf-8")
    assert main(["query", f"@{query}", "--data", str(export / "kg.trig"), "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert int(row["n"]) > 10


def test_query_missing_data(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", COUNT_ENTITIES, "--data", str(tmp_path / "none.nq")]) == 2
    assert "no such file" in capsys.readouterr().err


# view -----------------------------------------------------------------------------------------------------
def test_view_prints_the_html_path(
    export: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert main(["view", str(export)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.endswith(str(export / "kg.html"))
    assert "opened" not in out


def test_view_writes_html_next_to_an_rdf_file(
    export: Path, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    data = tmp_path / "kg.nq"
    data.write_bytes((export / "kg.nq").read_bytes())
    assert main(["view", str(data)]) == 0
    assert capsys.readouterr().out.strip().endswith(str(tmp_path / "kg.html"))
    assert "中国银联" in (tmp_path / "kg.html").read_text(encoding="utf-8")


def test_view_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["view", str(tmp_path / "nowhere")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_view_focus_prints_the_link_to_the_neighbourhood(
    export: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    page = (export / "kg.html").resolve().as_uri()
    for name in ("中国银联", "银联", "UnionPay"):  # the label and two aliases
        assert main(["view", str(export), "--focus", name, "--depth", "1"]) == 0
        assert capsys.readouterr().out == f"kg: view {page}#focus=%E4%B8%AD%E5%9B%BD%E9%93%B6%E8%81%94&depth=1\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "不存在的公司"], "no entity is named '不存在的公司'"),
        (["--focus", "银联", "--depth", "0"], "--depth 0: give 1 or more"),
    ],
)
def test_view_focus_errors_are_one_line(export: Path, args: list[str], message: str, capsys) -> None:
    assert main(["view", str(export), *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert message in captured.err and "Traceback" not in captured.err


# accurate mode: --backbone ----------------------------------------------------------------------------
# Organizations with no cue for the rules (no head word, an unknown name before a job title), which LAC finds.
LAC_ONLY = {
    "a.txt": ("明远能源", "明远能源董事长李强表示，公司将继续扩大产能。"),
    "b.txt": ("南湖传媒", "南湖传媒总编辑马丽说，新栏目反响良好。"),
}


@pytest.fixture
def lac_only(tmp_path: Path) -> Path:
    folder = tmp_path / "lac"
    folder.mkdir()
    for name, (_, text) in LAC_ONLY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _extracted_orgs(out: str) -> set[str]:
    records = [json.loads(line) for line in out.splitlines()]
    return {e["label"] for r in records for e in r["entities"] if e["type"] == "ORG"}


def test_extract_backbone_puts_lac_in_the_pipeline(lac_only: Path, capsys) -> None:
    names = {name for name, _ in LAC_ONLY.values()}
    assert main(["extract", str(lac_only)]) == 0
    assert not names & _extracted_orgs(capsys.readouterr().out)
    assert main(["extract", "--backbone", str(lac_only)]) == 0
    assert names <= _extracted_orgs(capsys.readouterr().out)


def test_build_backbone_reaches_the_worker_processes(lac_only: Path, tmp_path: Path, monkeypatch) -> None:
    from kg import builder

    monkeypatch.setattr(builder, "SHARD_SIZE", 1)  # one shard per document, so both workers can get one
    out = tmp_path / "out"
    assert main(["build", str(lac_only), "-o", str(out), "--workers", "2", "--backbone"]) == 0
    graph = kg.load(out / "kg.nq")
    assert {name for name, _ in LAC_ONLY.values()} <= {e.label for e in graph.entities("ORG")}


def _dies(documents: list) -> list:
    """A worker killed outright (out of memory, `kill -9`) while it extracts."""
    os.kill(os.getpid(), signal.SIGKILL)
    return []


_dies.__module__, _dies.__qualname__ = "kg.builder", "_extract_shard"  # what the workers look up by name


def test_build_with_a_worker_that_dies_says_so_in_one_line_and_keeps_the_exports(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    from kg import builder

    out = tmp_path / "out"
    assert main(["build", str(EXAMPLES), "-o", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    capsys.readouterr()
    monkeypatch.setattr(builder, "_extract_shard", _dies)
    assert main(["build", str(EXAMPLES), "-o", str(out), "--workers", "2"]) == 1
    err = capsys.readouterr().err
    assert "stopped unexpectedly (exit code -9)" in err
    assert "Traceback" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_eval_backbone_does_not_apply_to_given_predictions(tmp_path: Path, capsys) -> None:
    assert main(["eval", str(tmp_path), "--predictions", str(tmp_path / "p.jsonl"), "--backbone"]) == 2
    assert "--backbone does not apply to --predictions" in capsys.readouterr().err


# python -m kg ---------------------------------------------------------------------------------------------
def test_python_dash_m_kg(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"%PDF-1.4\n\x00\x01")
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    run = subprocess.run(
        [sys.executable, "-m", "kg", "build", "good.txt", "bad.md", "-o", "out"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "bad.md" in run.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file()) == sorted([*EXPORTS, "errors.jsonl"])
    version = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0
    assert version.stdout.startswith("kg ")
