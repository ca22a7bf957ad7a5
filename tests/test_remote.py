"""Loading into real SPARQL servers over HTTP: an Oxigraph server the tests start, and Virtuoso.

No mocks: the examples are built, exported, pushed and queried back over the network. Without
a server the tests skip with the reason, unless the environment variable CI is set: CI must
run them (.ci/services.sh starts Virtuoso), so there they fail. Virtuoso is shared with whoever
else uses it, so its tests write under a base IRI of their own, query only their own graphs and
drop them afterwards.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from samples import HOSTILE, sample_graph
from test_queries import readme_queries

import kg
from kg import rdf, remote
from kg.iri import document_iri
from kg.loading import drops, read_graphs
from kg.model import DocumentMeta, EntityRecord, Evidence, Extraction, RelationRecord, normalize_name
from kg.remote import RemoteError, load_remote, query_remote
from kg.store import EXAMPLE_QUERIES, ONTOLOGY_GRAPH, query_graph

ROOT = Path(__file__).resolve().parent.parent
VIRTUOSO = os.environ.get("KG_VIRTUOSO_URL", "http://127.0.0.1:8890/sparql")
VIRTUOSO_USER = os.environ.get("KG_VIRTUOSO_USER", "dba")
VIRTUOSO_PASSWORD_FILE = Path(os.environ.get("KG_VIRTUOSO_PASSWORD_FILE", "/var/lib/kg-ci/virtuoso-password"))


def _virtuoso_password() -> str | None:
    """The password .ci/services.sh generated (its file), or KG_VIRTUOSO_PASSWORD; never a default."""
    if "KG_VIRTUOSO_PASSWORD" in os.environ:
        return os.environ["KG_VIRTUOSO_PASSWORD"]
    try:
        return VIRTUOSO_PASSWORD_FILE.read_text(encoding="utf-8").strip()
    except OSError:
        return None


VIRTUOSO_PASSWORD = _virtuoso_password()

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the server tests must run: see .ci/services.sh)")
    pytest.skip(reason)


@dataclass
class Server:
    """A SPARQL server under test, and how to talk to it."""

    name: str
    endpoint: str
    user: str | None = None
    password: str | None = None
    shared: bool = False  # shared servers: stay within the test's own graphs

    def load(self, path: Path, **options) -> remote.LoadReport:
        return load_remote(path, self.endpoint, user=self.user, password=self.password, timeout=30, **options)

    def query(self, query: str, bindings: dict | None = None, graphs: list[str] | None = None) -> list[dict]:
        return query_remote(
            self.endpoint,
            query,
            bindings,
            graphs=graphs if self.shared else None,
            user=self.user,
            password=self.password,
            timeout=30,
        )

    def update(self, body: bytes) -> None:
        urls = remote.endpoint_urls(self.endpoint, authenticated=self.user is not None)
        client = remote._Client(remote._opener(self.endpoint, self.user, self.password), 30)
        client.send("POST", urls.update, body, "application/sparql-update")

    def drop(self, g: kg.KnowledgeGraph) -> None:
        """Remove a test's graphs from a shared server (the ontology graph is everybody's)."""
        if self.shared:
            self.update(drops(n for n in _graph_names(g) if n != ONTOLOGY_GRAPH))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        unavailable("no oxigraph server binary: pip install oxigraph (it is in the test extra)")
    folder = tmp_path_factory.mktemp("oxigraph")
    port = _free_port()
    with (folder / "server.log").open("wb") as log:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while not _answers(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D"):
            if process.poll() is not None or time.monotonic() > deadline:
                unavailable(f"oxigraph serve did not start: {(folder / 'server.log').read_text(errors='replace')}")
            time.sleep(0.1)
        yield Server("oxigraph", f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def virtuoso() -> Server:
    if not _answers(VIRTUOSO + "?query=ASK%7B%7D"):
        unavailable(f"no Virtuoso at {VIRTUOSO}: run .ci/services.sh as root (or set KG_VIRTUOSO_URL)")
    if VIRTUOSO_PASSWORD is None:
        unavailable(
            f"no Virtuoso password in {VIRTUOSO_PASSWORD_FILE}: run .ci/services.sh or set KG_VIRTUOSO_PASSWORD"
        )
    return Server("virtuoso", VIRTUOSO, VIRTUOSO_USER, VIRTUOSO_PASSWORD, shared=True)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest) -> Server:
    """Each server in turn; the tests' own Oxigraph server starts every test empty."""
    chosen = request.getfixturevalue(request.param)
    if not chosen.shared:
        chosen.update(b"DROP ALL")
    return chosen


@pytest.fixture(scope="module")
def examples() -> kg.KnowledgeGraph:
    return kg.build([str(ROOT / "examples")])


@pytest.fixture
def graph(examples: kg.KnowledgeGraph, server: Server) -> Iterator[kg.KnowledgeGraph]:
    """The examples under a base IRI of this test's own, so a shared server's other data never mixes in."""
    g = examples.filtered(0.0)
    g.base = f"https://w3id.org/kg/test/{uuid.uuid4().hex}/"
    yield g
    server.drop(g)


def _export(g: kg.KnowledgeGraph, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kg.nq").write_bytes(rdf.serialize(g, "nquads"))
    return folder


def _graph_names(g: kg.KnowledgeGraph) -> list[str]:
    """Every graph a load of g replaces: one per document, the default graph's, the ontology's."""
    return sorted({document_iri(g.base, doc.id) for doc in g.documents} | {g.base + "graph", ONTOLOGY_GRAPH})


def _counts(server: Server, g: kg.KnowledgeGraph) -> dict[str, int]:
    names = _graph_names(g)
    rows = server.query(COUNTS, {"g": [ox.NamedNode(n) for n in names]}, graphs=names)
    return {r["g"]: r["n"] for r in rows}


def _expected_counts(path: Path) -> dict[str, int]:
    return {name: len(set(triples)) for name, triples in read_graphs(path).items()}


def test_the_readme_queries_answer_as_in_memory(server: Server, graph: kg.KnowledgeGraph, tmp_path: Path) -> None:
    report = server.load(_export(graph, tmp_path))
    assert report.method == ("bulk" if server.name == "oxigraph" else "gsp")
    queries = readme_queries()
    assert len(queries) == 5
    names = _graph_names(graph)
    for text in queries:
        expected = query_graph(graph, text)
        assert expected, text
        assert server.query(text, graphs=names) == expected, text


def test_bound_names_answer_as_in_memory(server: Server, graph: kg.KnowledgeGraph, tmp_path: Path) -> None:
    """Names go in as VALUES written by pyoxigraph: any alias works, a hostile one matches nothing."""
    server.load(_export(graph, tmp_path))
    names = _graph_names(graph)
    query = EXAMPLE_QUERIES["products_launched_by"]
    for name in ("ICBC", "工行", "中国建设银行"):
        assert server.query(query, {"name": name}, names) == query_graph(graph, query, {"name": name})
    assert server.query(query, {"name": '工行" } ; DROP ALL #'}, names) == []
    assert _counts(server, graph) == _expected_counts(tmp_path / "kg.nq")


def test_loading_twice_does_not_duplicate(server: Server, graph: kg.KnowledgeGraph, tmp_path: Path) -> None:
    export = _export(graph, tmp_path)
    first = server.load(export)
    counts = _counts(server, graph)
    expected = _expected_counts(export / "kg.nq")
    assert counts == expected
    assert (first.graphs, first.triples) == (len(expected), sum(len(t) for t in read_graphs(export).values()))
    server.load(export)
    assert _counts(server, graph) == counts


def test_a_changed_document_replaces_its_graph(server: Server, graph: kg.KnowledgeGraph, tmp_path: Path) -> None:
    server.load(_export(graph, tmp_path / "before"))
    doc = graph.documents[0]
    sentence = "测试银行推出测试卡。"
    graph.add(
        Extraction(
            DocumentMeta(id=doc.id, title="改过的文章", date="2024-06-01", length=10),
            (EntityRecord("测试银行", "ORG"), EntityRecord("测试卡", "PRODUCT")),
            (RelationRecord("测试银行", "launched", "测试卡", Evidence(doc.id, sentence, 0, 10, "r", 0.9, 2024)),),
        )
    )
    after = _export(graph, tmp_path / "after")
    server.load(after)
    names = _graph_names(graph)
    sentences = "SELECT ?g ?sentence WHERE { GRAPH ?g { ?a kg:evidence ?sentence } } ORDER BY ?sentence"
    rows = server.query(sentences, {"g": ox.NamedNode(document_iri(graph.base, doc.id))}, names)
    assert [r["sentence"] for r in rows] == [sentence]
    assert _counts(server, graph) == _expected_counts(after / "kg.nq")
    titles = "SELECT ?id ?title WHERE { ?d dcterms:identifier ?id ; dcterms:title ?title }"
    assert server.query(titles, {"id": doc.id}, names) == [{"id": doc.id, "title": "改过的文章"}]


@pytest.fixture(scope="module")
def two_examples() -> kg.KnowledgeGraph:
    """The examples without their last article: a build after a document was dropped."""
    return kg.build(sorted(str(p) for p in (ROOT / "examples").glob("*.md"))[:-1])


@pytest.mark.parametrize("method", [None, "update"])
def test_prune_drops_the_graph_of_a_dropped_document(
    server: Server, graph: kg.KnowledgeGraph, two_examples: kg.KnowledgeGraph, method: str | None, tmp_path: Path
) -> None:
    server.load(_export(graph, tmp_path / "three"), method=method)
    smaller = two_examples.filtered(0.0)
    smaller.base = graph.base
    after = _export(smaller, tmp_path / "two")
    dropped = sorted(set(_graph_names(graph)) - set(_graph_names(smaller)))
    assert len(dropped) == 1
    server.load(after, method=method)
    assert dropped[0] in _counts(server, graph)  # without --prune it stays
    report = server.load(after, method=method, prune=True)
    assert report.pruned == 1
    assert _counts(server, graph) == _expected_counts(after / "kg.nq")  # gone, and every other graph intact
    again = server.load(after, method=method, prune=True)
    assert again.pruned == 0 and _counts(server, graph) == _expected_counts(after / "kg.nq")


def test_sparql_update_carries_hostile_text_as_data(server: Server, tmp_path: Path) -> None:
    """Quotes, braces, `DROP ALL #`, newlines and emoji in names and sentences reach the server as literals."""
    g = sample_graph(f"https://w3id.org/kg/test/{uuid.uuid4().hex}/")
    export = _export(g, tmp_path)
    try:
        report = server.load(export, method="update")
        assert report.method == "update"
        names = _graph_names(g)
        assert _counts(server, g) == _expected_counts(export / "kg.nq")
        rows = server.query(EXAMPLE_QUERIES["partners_of"], {"name": HOSTILE}, names)
        assert [(r["name"], r["partner"]) for r in rows] == [(normalize_name(HOSTILE), "中国银联")]  # found by its key
        partners = server.query(EXAMPLE_QUERIES["partners_of"], {"name": "中国银联"}, names)
        assert [r["partner"] for r in partners] == [HOSTILE, "华为"]
    finally:
        server.drop(g)


def test_an_endpoint_without_graph_store_put_gets_sparql_update(
    oxigraph: Server, examples: kg.KnowledgeGraph, tmp_path: Path
) -> None:
    """Oxigraph's /update answers PUT with 404 "not supported": the loader falls back to SPARQL Update."""
    oxigraph.update(b"DROP ALL")
    export = _export(examples, tmp_path)
    report = load_remote(export, oxigraph.endpoint + "/update", timeout=30)
    assert report.method == "update"
    assert report.requests == 1 + len(read_graphs(export))  # the refused PUT, then one update per graph
    assert _counts(oxigraph, examples) == _expected_counts(export / "kg.nq")
    gsp = load_remote(export, oxigraph.endpoint, method="gsp", timeout=30)
    assert (gsp.method, gsp.requests) == ("gsp", len(read_graphs(export)))
    assert _counts(oxigraph, examples) == _expected_counts(export / "kg.nq")


def test_a_triples_file_goes_to_one_graph(oxigraph: Server, examples: kg.KnowledgeGraph, tmp_path: Path) -> None:
    oxigraph.update(b"DROP ALL")
    (tmp_path / "kg.ttl").write_bytes(rdf.serialize(examples, "turtle"))
    report = load_remote(tmp_path / "kg.ttl", oxigraph.endpoint, graph="https://example.org/mine", timeout=30)
    assert report.graphs == 2  # https://example.org/mine and the ontology
    rows = oxigraph.query(COUNTS)
    mine = {r["g"]: r["n"] for r in rows}["https://example.org/mine"]
    assert mine == len({(q.subject, q.predicate, q.object) for q in rdf.to_quads(examples)})


def _large_graph(relations: int) -> kg.KnowledgeGraph:
    """One invented document with many facts: megabytes in one graph, many SPARQL Update chunks."""
    doc = DocumentMeta(id="large", title="大文件", length=relations * 20)
    entities = [EntityRecord(f"公司{i}", "ORG") for i in range(relations)]
    entities += [EntityRecord(f"产品{i}", "PRODUCT") for i in range(relations)]
    facts = [
        RelationRecord(
            f"公司{i}", "launched", f"产品{i}", Evidence("large", f"公司{i}推出产品{i}。", i * 20, i * 20 + 9, "r", 0.9)
        )
        for i in range(relations)
    ]
    g = kg.KnowledgeGraph(f"https://w3id.org/kg/test/{uuid.uuid4().hex}/")
    return g.update([Extraction(doc, tuple(entities), tuple(facts))])


def test_a_large_graph_goes_through_digest_authentication(virtuoso: Server, tmp_path: Path) -> None:
    """Megabytes in one PUT: sent once, signed up front (Virtuoso resets a 401'd upload)."""
    g = _large_graph(1000)
    export = _export(g, tmp_path)
    assert (export / "kg.nq").stat().st_size > 5_000_000
    try:
        report = virtuoso.load(export)
        assert report.method == "gsp"
        assert _counts(virtuoso, g) == _expected_counts(export / "kg.nq")
    finally:
        virtuoso.drop(g)


def test_sparql_update_in_chunks(oxigraph: Server, tmp_path: Path) -> None:
    oxigraph.update(b"DROP ALL")
    g = _large_graph(200)
    export = _export(g, tmp_path)
    graphs = read_graphs(export)
    report = oxigraph.load(export, method="update")
    assert report.requests == sum(max(1, -(-len(t) // remote.CHUNK)) for t in graphs.values()) > len(graphs)
    assert _counts(oxigraph, g) == _expected_counts(export / "kg.nq")


# Errors: one line that says what to do --------------------------------------------------------
def _one_line(error: pytest.ExceptionInfo[RemoteError]) -> str:
    text = str(error.value)
    assert "\n" not in text and "Traceback" not in text
    return text


def test_wrong_password(virtuoso: Server, tmp_path: Path) -> None:
    with pytest.raises(RemoteError) as error:
        load_remote(_export(sample_graph(), tmp_path), VIRTUOSO, user="dba", password="wrong", timeout=30)
    assert re.search(r"HTTP 401 .*check --user and --password$", _one_line(error))


def test_anonymous_writes_to_virtuoso_are_refused(virtuoso: Server, tmp_path: Path) -> None:
    with pytest.raises(RemoteError) as error:
        load_remote(_export(sample_graph(), tmp_path), VIRTUOSO, timeout=30)
    text = _one_line(error)
    assert "HTTP 403" in text and "Permission denied" in text and "--user dba" in text


def test_no_server_and_bad_input(tmp_path: Path) -> None:
    export = _export(sample_graph(), tmp_path)
    with pytest.raises(RemoteError) as error:
        load_remote(export, f"http://127.0.0.1:{_free_port()}", timeout=5)
    assert "cannot connect" in _one_line(error) and "is the server running?" in str(error.value)
    with pytest.raises(RemoteError, match="no such file"):
        load_remote(tmp_path / "missing.nq", "http://127.0.0.1:1")
    with pytest.raises(RemoteError, match="not an http"):
        load_remote(export, "file:///etc/passwd")
    (tmp_path / "bad.nq").write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(RemoteError, match="cannot read it as RDF"):
        load_remote(tmp_path / "bad.nq", "http://127.0.0.1:1")


def test_endpoint_conventions() -> None:
    ox_root = remote.endpoint_urls("http://h:7878/")
    assert (ox_root.flavour, ox_root.gsp, ox_root.update) == ("oxigraph", "http://h:7878/store", "http://h:7878/update")
    assert ox_root.bulk == "http://h:7878/store?no_transaction&lenient"
    assert remote.endpoint_urls("http://h:7878/store") == ox_root
    virt = remote.endpoint_urls("http://h:8890/sparql", authenticated=True)
    assert (virt.gsp, virt.graph_parameter, virt.update, virt.query) == (
        "http://h:8890/sparql-graph-crud-auth", "graph-uri", "http://h:8890/sparql-auth", "http://h:8890/sparql",
    )  # fmt: skip
    assert remote.endpoint_urls("http://h:8890/sparql").gsp == "http://h:8890/sparql-graph-crud"
    fuseki = remote.endpoint_urls("http://h:3030/ds")
    assert (fuseki.flavour, fuseki.gsp, fuseki.update, fuseki.bulk) == (
        "generic",
        "http://h:3030/ds",
        "http://h:3030/ds",
        None,
    )
