"""kg.distributed: a build on a real Dask cluster equals the single-process build, errors and duplicates included."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

import kg  # noqa: E402
from kg.batch import BuildReport, extraction_key  # noqa: E402
from kg.distributed import (  # noqa: E402
    ClusterError,
    _File,
    _run,
    _Skipped,
    _split_points,
    extract_on_cluster,
    require_dask,
)
from kg.graph import KnowledgeGraph  # noqa: E402
from kg.ingest import IngestError, read_file  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PARTITION = 100  # bytes: the JSON Lines file below is cut into many ranges

# Short invented sentences about well-known organizations.
ICBC = "2021年，中国工商银行推出了“工银e生活”App。"
FILES = {
    "a.txt": ICBC,
    "a_copy.txt": ICBC,
    "b.md": "---\ntitle: 云闪付\ndate: 2020-05-01\n---\n\n"
    "2020年，中国银联推出了“云闪付”App。华为与中国银联达成合作。\n",
    "broken.md": "---\ntitle: [oops\n---\n中国银联推出云闪付。\n",
    "sub/d.md": "2022年，招商银行联合中国银联推出“掌上生活”App。腾讯与中国银联签署合作协议。",
}


def _line(record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


NEWS_LINES = [
    _line({"id": "n1", "title": "建行", "text": "2021年，中国建设银行推出“建行生活”App。"}),
    _line({"text": "2019年，支付宝与中国银联达成合作。"}),
    b"",
    b'{"text": "broken',  # line 4: invalid JSON
    _line({"text": ICBC}),  # the content of a.txt again
    _line({"id": "a.txt", "text": "2023年，京东与中国银行签署合作协议。"}),  # an id already taken
    _line({"text": 5}),  # line 7: no text
    _line({"text": "2022年，微信支付在香港推出跨境支付服务。"}),
    b"[1, 2]",  # line 9: not an object
    _line({"text": "2020年，美团联合中国农业银行推出乡村振兴卡。"}),
    json.dumps({"text": "2018年，招商银行推出“一网通”服务。"}, ensure_ascii=False).encode("gb18030"),
    b'{"text": "\xff\xff\xff"}',  # line 12: neither UTF-8 nor GB18030
    _line({"text": "2024年，中国银联在上海推出“银联手机闪付”。"}),
]
STDIN = "\n".join([json.dumps({"text": "2017年，平安银行推出“口袋银行”App。"}, ensure_ascii=False), "not json", ""])


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes of one thread, as on a real cluster; torn down after the module."""
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c,
        distributed.Client(c) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in FILES.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "bad.md").write_bytes(b"%PDF-1.4\n\x00\x01\x02binary")
    (folder / "news.jsonl").write_bytes(b"\n".join(NEWS_LINES) + b"\n")
    packed = _line({"text": "2016年，中国银行推出“中银易商”App。"}) + b"\n" + _line({"text": ICBC}) + b"\n"
    (folder / "packed.jsonl.gz").write_bytes(gzip.compress(packed, mtime=0))
    return folder


@pytest.fixture(scope="module")
def inputs(corpus: Path) -> list[str | Path]:
    return [EXAMPLES, corpus, corpus / "a.txt", "-"]


@pytest.fixture(scope="module")
def single(inputs) -> tuple[KnowledgeGraph, BuildReport, list[IngestError]]:
    report, shown = BuildReport(), []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", io.StringIO(STDIN))
        graph = kg.build(inputs, report=report, on_error=shown.append)
    return graph, report, shown


@pytest.fixture(scope="module")
def clustered(cluster, inputs) -> tuple[KnowledgeGraph, BuildReport, list[IngestError]]:
    report, shown = BuildReport(), []
    extractions = extract_on_cluster(
        inputs,
        scheduler=cluster.scheduler.address,
        report=report,
        on_error=shown.append,
        partition_bytes=PARTITION,
        stdin=io.StringIO(STDIN),
    )
    return KnowledgeGraph().update(extractions), report, shown


def test_the_jsonl_file_is_cut_on_newlines_and_gzip_is_not(corpus: Path) -> None:
    data = (corpus / "news.jsonl").read_bytes()
    bounds = _split_points(corpus / "news.jsonl", PARTITION)
    assert len(bounds) >= 5
    assert bounds[0] == 0 and bounds[-1] == len(data)
    assert all(data[b - 1 : b] == b"\n" for b in bounds[1:])
    assert _split_points(corpus / "packed.jsonl.gz", PARTITION) == []
    assert _split_points(corpus / "news.jsonl", len(data)) == []


def test_same_documents_entities_and_relations_as_one_process(single, clustered) -> None:
    (one, _, _), (many, _, _) = single, clustered
    assert many.documents == one.documents
    assert many.entities() == one.entities()
    assert many.relations() == one.relations()  # evidence included
    assert len(many.documents) == 15
    assert len(many.relations()) > 40


def test_exports_are_byte_identical(single, clustered, tmp_path: Path) -> None:
    one = single[0].save(tmp_path / "one")
    many = clustered[0].save(tmp_path / "many")
    assert [p.name for p in many] == [p.name for p in one]
    for a, b in zip(one, many):
        assert b.read_bytes() == a.read_bytes(), b.name


def test_errors_name_the_file_and_line(single, clustered, corpus: Path) -> None:
    (_, one, _), (_, report, shown) = single, clustered
    where = [(Path(e.path).name, e.line) for e in report.errors]
    assert where == [
        ("bad.md", None),
        ("broken.md", 3),
        ("news.jsonl", 4),
        ("news.jsonl", 7),
        ("news.jsonl", 9),
        ("news.jsonl", 12),
        ("<stdin>", 2),
    ]
    assert [str(e) for e in report.errors] == [str(e) for e in one.errors]
    assert shown == report.errors
    assert report.errors[0].path == str(corpus / "bad.md")


def test_duplicates_are_counted_once_and_ids_stay_unique(single, clustered) -> None:
    (_, one, _), (graph, report, _) = single, clustered
    assert (report.documents, report.duplicates, report.characters) == (one.documents, one.duplicates, one.characters)
    assert report.duplicates == 4  # a_copy.txt, news.jsonl line 5, packed.jsonl.gz line 2, the explicit a.txt
    ids = [d.id for d in graph.documents]
    assert "a.txt#2" in ids and "news.jsonl#2" in ids and "news.jsonl#13" in ids
    renamed = {e.sentence for r in graph.relations() for e in r.evidence if e.document == "a.txt#2"}
    assert renamed == {"2023年，京东与中国银行签署合作协议。"}


def test_each_worker_keeps_one_extractor(cluster, clustered) -> None:
    cached = cluster.run(lambda: list(__import__("kg.distributed").distributed._EXTRACTORS))
    assert len(cached) == 2
    assert all(pipelines in ([(None, False)], []) for pipelines in cached.values())
    assert [(None, False)] in cached.values()


def test_known_content_is_skipped_as_unchanged(cluster) -> None:
    known = set(kg.build([EXAMPLES / "02_ccb_life_app.md"]).documents)
    report = BuildReport()
    graph = KnowledgeGraph().update(
        extract_on_cluster([EXAMPLES], scheduler=cluster.scheduler.address, report=report, known=known)
    )
    assert (report.documents, report.unchanged) == (2, 1)
    assert [d.id for d in graph.documents] == ["01_icbc_unionpay_green_card.md", "03_shenzhen_ecny_pilot.md"]


def test_workers_skip_known_content_without_extracting_it() -> None:
    path = EXAMPLES / "02_ccb_life_app.md"
    (doc,) = read_file(path)
    assert _run(_File(str(path), path.name, str(path)), None, frozenset({extraction_key(doc.meta())})) == [
        _Skipped(doc.meta())
    ]


def test_workers_run_the_backbone_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text("南湖传媒总编辑马丽说，新栏目反响良好。", encoding="utf-8")  # an organization only LAC finds
    unit = _File(str(path), path.name, str(path))
    plain, accurate = (_run(unit, None, frozenset(), backbone=backbone) for backbone in (False, True))
    assert "南湖传媒" not in {e.label for e in plain[0].entities}
    assert "南湖传媒" in {e.label for e in accurate[0].entities if e.type == "ORG"}


def test_an_error_handler_that_raises_stops_the_build(cluster, corpus: Path) -> None:
    def stop(error: IngestError) -> None:
        raise error

    with pytest.raises(IngestError, match=r"bad\.md"):
        list(extract_on_cluster([corpus], scheduler=cluster.scheduler.address, on_error=stop))


def test_without_dask_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ClusterError, match=r"pip install 'kg\[dask\]'"):
        require_dask()
    with pytest.raises(ClusterError):
        extract_on_cluster([EXAMPLES], scheduler="tcp://127.0.0.1:8786")


def test_an_unreachable_scheduler_is_one_clear_error() -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), pytest.raises(ClusterError, match="reach"):
        list(extract_on_cluster([EXAMPLES], scheduler="tcp://127.0.0.1:9"))
