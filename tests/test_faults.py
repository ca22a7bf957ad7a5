"""Faults that used to lose data or hang, each reproduced as a careful tester found it, through the real command.

1. one record aborts everything (a lone surrogate escape; a JSON array nested too deep; a document whose extraction
   raises), in one process, with --workers 2 and on Dask;
3. a mistyped input path wipes a good graph, and an old errors.jsonl outlives a clean build;
4. unbounded time and memory (runs of unknown characters, one sentence repeated, a huge single line);
7. control characters in kg.rdf, local names rdflib cannot read, a full disk, file names that drive the terminal,
   and a file that starts like UTF-16 but is not.
"""

from __future__ import annotations

import errno
import json
import os
import random
import subprocess
import sys
import xml.dom.minidom
from pathlib import Path

import jieba
import pytest
import rdflib
from jieba import finalseg

import kg
from kg import extract
from kg.batch import BuildReport
from kg.cli import main
from kg.extract import MAX_READINGS, Extractor, extraction_to_json
from kg.ingest import read_documents
from kg.model import Document
from kg.nlp import segmenter

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
EXPORTS = ["kg.html", "kg.jsonld", "kg.nq", "kg.nt", "kg.rdf", "kg.trig", "kg.ttl"]
# the two records of the report: the first ends in a lone surrogate escape, valid JSON that no UTF-8 file can hold
SURROGATE = '{"id":"a","text":"中国银行推出中银卡。\\ud800"}\n{"id":"b","text":"交通银行推出买单吧。"}\n'
REPEATED = "2019年，中国银联联合中国农业银行推出乡村振兴主题卡。"  # a sentence of our own, repeated below
FAILED_A = "document a: extraction failed: ValueError: a rule broke"


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err
    assert all(line.startswith("kg: ") for line in err.splitlines()), err


def _build(capsys: pytest.CaptureFixture, *args: str | Path) -> tuple[int, str]:
    status = main(["build", *map(str, args)])
    err = capsys.readouterr().err
    _no_traceback(err)
    return status, err


def _errors(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


# 1. every record is its own unit of failure ------------------------------------------------------------------------
@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_lone_surrogate_costs_nothing(workers: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "s.jsonl").write_text(SURROGATE, encoding="utf-8")
    status, err = _build(capsys, tmp_path / "s.jsonl", "-o", tmp_path / "o", "--workers", workers)
    assert status == 0, err
    graph = kg.load(tmp_path / "o" / "kg.nq")
    assert [d.id for d in graph.documents] == ["a", "b"]
    assert {"中国银行", "交通银行"} <= {e.label for e in graph.entities()}
    assert [d.text[-1] for d in read_documents([tmp_path / "s.jsonl"])] == ["\ufffd", "。"]  # as a bad byte would be


def _nested_too_deep(tmp_path: Path) -> Path:
    """The surrogate file with a record between its two that nests arrays too deep for the JSON parser."""
    first, second = SURROGATE.splitlines()
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join([first, '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", second]) + "\n")
    return path


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_record_that_breaks_the_reader_is_one_error(
    workers: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    status, err = _build(capsys, _nested_too_deep(tmp_path), "-o", tmp_path / "o", "--workers", workers)
    assert status == 1
    assert [line for line in err.splitlines() if "deep.jsonl:2:" in line and "RecursionError" in line]
    assert [(e["line"], e["problem"].split(":")[0]) for e in _errors(tmp_path / "o")] == [(2, "cannot read")]
    assert [d.id for d in kg.load(tmp_path / "o" / "kg.nq").documents] == ["a", "b"]


def _fail_on_a(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction raises for the document 'a', as a bug in a rule would: in the middle of the group of documents
    that share one pass of the pipeline."""
    real = extract._collect

    def broken(document: Document, *args, **kwargs) -> None:
        if document.id == "a":
            raise ValueError("a rule broke")
        real(document, *args, **kwargs)

    monkeypatch.setattr(extract, "_collect", broken)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_document_whose_extraction_raises_is_one_error(
    workers: str, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_on_a(monkeypatch)  # the pool forks after this, so its workers break on 'a' too
    (tmp_path / "s.jsonl").write_text(SURROGATE, encoding="utf-8")
    status, err = _build(capsys, tmp_path / "s.jsonl", "-o", tmp_path / "o", "--workers", workers)
    assert status == 1
    assert FAILED_A in err
    assert "built 1 documents; 1 failed" in err
    assert [e["problem"] for e in _errors(tmp_path / "o")] == [FAILED_A]
    assert [d.id for d in kg.load(tmp_path / "o" / "kg.nq").documents] == ["b"]


def test_kg_extract_goes_on_after_a_failed_document(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_on_a(monkeypatch)
    (tmp_path / "s.jsonl").write_text(SURROGATE, encoding="utf-8")
    assert main(["extract", str(tmp_path / "s.jsonl")]) == 1
    out, err = capsys.readouterr()
    _no_traceback(err)
    assert [json.loads(line)["document"] for line in out.splitlines()] == ["b"]


def test_on_dask_a_failed_extraction_is_an_error_in_its_place(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The worker's half (`_run`) and the driver's half (`_Merger`), in this process, where the broken rule is."""
    pytest.importorskip("distributed")
    from kg.distributed import _File, _Merger, _run

    _fail_on_a(monkeypatch)
    path = tmp_path / "s.jsonl"
    path.write_text(SURROGATE + SURROGATE, encoding="utf-8")  # twice: the second 'a' is a duplicate id and content
    events = _run(_File(str(path), path.name, str(path)), None, frozenset())
    report, shown = BuildReport(), []
    built = list(_Merger(report, shown.append, frozenset())(events))
    assert [x.document.id for x in built] == ["b"]
    assert [e.problem for e in shown] == [FAILED_A]
    assert report.errors == shown
    assert (report.documents, report.duplicates) == (1, 2)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as c,
        distributed.Client(c) as client,
    ):
        yield client


def test_on_dask_the_surrogate_and_the_deep_record_cost_nothing(cluster, tmp_path: Path) -> None:
    report, shown = BuildReport(), []
    inputs = [_nested_too_deep(tmp_path)]
    graph = kg.build(inputs, scheduler=cluster.scheduler.address, report=report, on_error=shown.append)
    assert [d.id for d in graph.documents] == ["a", "b"]
    assert [(e.line, "RecursionError" in e.problem) for e in shown] == [(2, True)]


# 3. a build that reads nothing leaves a good graph alone --------------------------------------------------------------
@pytest.fixture
def good(tmp_path: Path, capsys: pytest.CaptureFixture) -> Path:
    out = tmp_path / "x"
    assert _build(capsys, EXAMPLES, "-o", out)[0] == 0
    return out


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_mistyped_input_leaves_the_exports_alone(good: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    before = _snapshot(good)
    status, err = _build(capsys, tmp_path / "examplez", "-o", good)
    assert status == 1
    assert "examplez: no such file or folder" in err
    assert f"the exports in {good} are left as they were" in err
    assert _snapshot(good) == before


def test_a_build_that_reads_no_document_leaves_the_exports_alone(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    before = _snapshot(good)
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.md").write_bytes(b"%PDF-1.7\n\x00binary")
    status, err = _build(capsys, tmp_path / "empty", tmp_path / "bad.md", "-o", good)
    assert status == 1
    assert "no document was read" in err and "left as they were" in err
    assert _snapshot(good) == before
    status, err = _build(capsys, tmp_path / "empty", "-o", tmp_path / "new")
    assert status == 1 and "nothing was written" in err
    assert not (tmp_path / "new").exists()


def test_a_clean_build_clears_the_errors_of_the_last(good: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "bad.md").write_bytes(b"%PDF-1.7\n\x00binary")
    assert _build(capsys, EXAMPLES, tmp_path / "bad.md", "-o", good)[0] == 1
    assert [Path(e["path"]).name for e in _errors(good)] == ["bad.md"]
    assert _build(capsys, EXAMPLES, "-o", good)[0] == 0
    assert sorted(p.name for p in good.iterdir() if p.is_file()) == EXPORTS


def test_a_build_that_reads_nothing_keeps_the_graph_and_the_errors_that_go_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """`kg build examples -o x; kg build examplez -o x` (also with --update) keeps x as the first build left it."""
    out = tmp_path / "x"
    (tmp_path / "bad.md").write_bytes(b"%PDF-1.7\n\x00binary")
    assert _build(capsys, EXAMPLES, tmp_path / "bad.md", "-o", out)[0] == 1
    before = _snapshot(out)
    assert "errors.jsonl" in before and "kg.nq" in before
    for update in ([], ["--update"]):
        status, err = _build(capsys, tmp_path / "examplez", "-o", out, *update)
        assert status == 1 and "left as they were" in err
        assert _snapshot(out) == before
    assert _build(capsys, EXAMPLES, "-o", out, "--update")[0] == 0
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == EXPORTS
    assert len(kg.load(out / "kg.nq").documents) == 3


# 4. work bounded by the input ---------------------------------------------------------------------------------------
def test_a_run_of_unknown_characters_reaches_the_hmm_in_bounded_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """jieba's HMM is quadratic in the length of a run; no run longer than MAX_HMM_RUN may reach it."""
    lengths: list[int] = []
    real = finalseg.cut

    def counted(run: str):
        lengths.append(len(run))
        return real(run)

    monkeypatch.setattr(finalseg, "cut", counted)
    rng = random.Random(0)
    run = "".join(rng.choices([chr(c) for c in range(0x9F00, 0x9FA0)], k=20_000))  # outside the dictionary
    words = segmenter.Segmenter(jieba.Tokenizer()).cut(run)
    assert "".join(words) == run
    assert lengths and max(lengths) == segmenter.MAX_HMM_RUN


def test_a_repeated_sentence_keeps_a_bounded_evidence_with_a_count_of_the_rest(tmp_path: Path) -> None:
    copies = 1000
    extraction = Extractor().extract(Document(id="rep.txt", text=REPEATED * copies))
    facts = extraction_to_json(extraction)["relations"]
    assert facts and all(f["support"] == copies for f in facts)
    by_fact: dict[tuple[str, str, str], list[int]] = {}
    for r in extraction.relations:
        by_fact.setdefault((r.head, r.relation, r.tail), []).append(r.evidence.more)
    for mores in by_fact.values():
        assert len(mores) == MAX_READINGS
        assert sorted(mores) == [0] * (MAX_READINGS - 1) + [copies - MAX_READINGS]
    g = kg.KnowledgeGraph().update([extraction])
    g.save(tmp_path)
    quads = (tmp_path / "kg.nq").read_text(encoding="utf-8")
    assert quads.count("moreEvidence") == len(by_fact)
    assert len(quads) < 500_000  # about 17 statements of 160 bytes a reading: every copy kept would be 11 MB
    back = kg.load(tmp_path / "kg.nq")
    assert sorted(e.more for r in back.relations() for e in r.evidence if e.more) == [copies - MAX_READINGS] * len(
        by_fact
    )
    from kg.validate import validate

    assert validate(tmp_path / "kg.ttl").conforms


def test_a_repeated_figure_is_kept_a_bounded_number_of_times() -> None:
    figure = "截至2022年底，中国银联的合作机构已超过2000家。"  # a sentence of our own
    once = Extractor().extract(Document(id="one.txt", text=figure)).measurements
    assert once, "the sentence states a figure about 中国银联"
    repeated = Extractor().extract(Document(id="rep.txt", text=figure * 200)).measurements
    assert len(repeated) == MAX_READINGS * len(once)
    assert [m.start for m in repeated] == sorted(m.start for m in repeated)  # the earliest are kept


def test_a_huge_single_line_is_built_in_bounded_memory(tmp_path: Path) -> None:
    """One line of 200,000 characters: unknown characters, names run together and a sentence repeated, built by a
    fresh process that reports its peak memory; the pipeline alone takes about 0.3 GB."""
    names = "".join(f"{a}{b}科技公司" for a in "华信通达安泰恒盛鑫源" for b in "汇联创丰瑞宏博嘉隆兴")
    unknown = "".join(chr(0x9F00 + (i * 7919) % 0xA0) for i in range(40_000))
    text = unknown + names * 60 + REPEATED * 5000
    assert "\n" not in text and len(text) > 200_000
    (tmp_path / "line.txt").write_text(text, encoding="utf-8")
    # the peak of the process's own memory: on Linux, ru_maxrss of a process that the big test process started also
    # counts the memory of its parent at the start, VmHWM does not
    script = (
        "import re, resource, sys\nfrom pathlib import Path\nfrom kg.cli import main\n"
        "status = main(['build', sys.argv[1], '-o', sys.argv[2]])\n"
        "status_file = Path('/proc/self/status')\n"
        "hwm = re.search(r'VmHWM:\\s+(\\d+) kB', status_file.read_text()) if status_file.exists() else None\n"
        "print(status, int(hwm[1]) // 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "line.txt"), str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert "Traceback" not in run.stderr, run.stderr
    status, peak_mb = map(int, run.stdout.split())
    assert status == 0, run.stderr
    assert peak_mb < 1000, f"peak memory {peak_mb} MB"
    assert (tmp_path / "o" / "kg.nq").stat().st_size < 2_000_000


def test_chunks_are_cut_from_a_window_at_sentence_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "CHUNK_CHARS", 1000)
    text = ("银行推出新卡。" * 50 + "\n\n" + "  " * 300 + "平台上线，" * 80) * 5
    chunks = list(extract._chunks(text))
    assert "".join(t for _, t in chunks) == text
    assert [o for o, _ in chunks] == [sum(len(t) for _, t in chunks[:i]) for i in range(len(chunks))]
    for _, chunk in chunks[1:]:
        assert not chunk[0].isspace()  # every chunk but the first starts a sentence


# 7. smaller ones ----------------------------------------------------------------------------------------------------
def test_control_characters_in_a_title_never_reach_kg_rdf(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    record = {"id": "c", "title": "标题\x01控制\x1b[2J符\x7f", "text": REPEATED}
    (tmp_path / "c.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert _build(capsys, tmp_path / "c.jsonl", "-o", tmp_path / "o")[0] == 0
    data = (tmp_path / "o" / "kg.rdf").read_bytes()
    xml.dom.minidom.parseString(data)
    assert len(rdflib.Graph().parse(data=data, format="xml")) > 0
    assert [d.title for d in kg.load(tmp_path / "o" / "kg.nq").documents] == ["标题 控制 [2J符"]


@pytest.mark.parametrize("doc_id", ["a.", "中文.", "a..", "v1.0."])
def test_every_parser_reads_ids_that_end_in_a_dot(doc_id: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": doc_id, "text": REPEATED}) + "\n", encoding="utf-8")
    assert _build(capsys, tmp_path / "d.jsonl", "-o", tmp_path / "o")[0] == 0
    out = tmp_path / "o"
    expected = set(rdflib.Graph().parse(out / "kg.nt", format="nt"))
    assert set(rdflib.Graph().parse(out / "kg.ttl", format="turtle")) == expected
    assert set(rdflib.Graph().parse(out / "kg.rdf", format="xml")) == expected
    trig = rdflib.Dataset().parse(out / "kg.trig", format="trig")
    nquads = rdflib.Dataset().parse(out / "kg.nq", format="nquads")
    assert set(trig.quads()) == set(nquads.quads())


def test_a_full_disk_while_writing_the_exports_is_one_line(
    good: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(good)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    status, err = _build(capsys, EXAMPLES, "-o", good)
    assert status == 1
    assert err.splitlines()[-1] == (
        f"kg: cannot write the exports: {os.strerror(errno.ENOSPC)}; the exports in {good} are left as they were"
    )
    assert _snapshot(good) == before  # no temporary file left either


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_a_full_standard_output_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPEATED, encoding="utf-8")
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "kg", "extract", str(tmp_path / "a.txt")],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"kg: {os.strerror(errno.ENOSPC)}"]


@pytest.mark.parametrize("name", ["a\nkg: built 9 documents.md", "\x1b[2J\x1b[31mred.md", "bell\x07.md"])
def test_file_names_are_escaped_in_messages(name: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(b"%PDF-1.7\n\x00binary")  # an input that fails, so that its name is printed
    (folder / "good.md").write_text(REPEATED, encoding="utf-8")
    (folder / f"{name}.png").write_bytes(b"\x89PNG")
    status, err = _build(capsys, folder, "-o", tmp_path / "o")
    assert status == 1
    assert "\x1b" not in err and "\x07" not in err
    assert not any(line.startswith("kg: built 9") for line in err.splitlines())  # no line faked by a name
    assert repr(str(folder / name)) in err
    assert len(err.splitlines()) == 4  # the error, the skipped .png, the summary, the counts
    assert name in [Path(e["path"]).name for e in _errors(tmp_path / "o")]  # errors.jsonl keeps the real name


def test_a_utf16_mark_on_bytes_that_are_no_utf16_is_undecodable(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xff\xfe" + "中国银行推出中银卡。".encode("gbk") + b"\x80\x81\xfe")
    status, err = _build(capsys, path, "-o", tmp_path / "o")
    assert status == 1
    assert f"kg: {path}: not UTF-16, UTF-8 or GB18030 text, although it starts with a UTF-16 mark" in err
    assert "invalid UTF-16" not in err
    errors: list = []
    assert list(read_documents([path], on_error=errors.append)) == []
    assert [e.problem for e in errors] == ["not UTF-16, UTF-8 or GB18030 text, although it starts with a UTF-16 mark"]
