"""Load an export into a SPARQL server over HTTP, and query it there.

Each graph of the export is *replaced* on the server, never appended to, so loading the same
build twice stores every fact once and a document whose content changed loses its old facts.
A dataset export (kg.nq, kg.trig, kg.jsonld) keeps one named graph per document; its default
graph (entities, documents, the build) and the whole of a triples export (kg.ttl, kg.nt,
kg.rdf) go to one named graph, ``graph`` (default: the export's base IRI + "graph"), because
servers disagree on what "the default graph" is. ontology/kg.ttl is replaced in
<https://w3id.org/kg/ontology>, so queries can read kg:code. Graphs on the server that this
export does not name (a document dropped since the last load) are left alone, unless ``prune``
asks to drop the export's document graphs it no longer names (kg.loading).

The endpoint URL selects the server's conventions:

- ``http://host:7878`` or ``.../store`` — Oxigraph server. Drops the graphs being replaced
  with one SPARQL Update, then posts the whole export as N-Quads to
  ``/store?no_transaction&lenient``, Oxigraph's bulk loader (several times faster than one
  transaction; readers see the graphs empty while it runs). Queries go to
  ``/query?union-default-graph``.
- ``.../sparql`` — Virtuoso. Graph Store Protocol at ``/sparql-graph-crud-auth?graph-uri=``
  with digest authentication (``/sparql-graph-crud`` without a user, which Virtuoso refuses
  to anonymous writers), SPARQL Update at ``/sparql-auth``, queries at ``/sparql``.
- anything else — a Graph Store Protocol URL taking ``?graph=`` that also accepts SPARQL
  Update and queries (Fuseki's ``/dataset``, for instance).

Per graph, an HTTP PUT replaces it (SPARQL 1.1 Graph Store HTTP Protocol). When the server
does not offer PUT there (404, 405, 501 or "not supported"), every graph is sent as SPARQL
Update instead: ``DROP SILENT GRAPH <g>`` and ``INSERT DATA`` in chunks of ``CHUNK`` triples.
Every IRI and literal in a request body is written by pyoxigraph's serializer, never by
pasting text from the export into a string.
"""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import rdf
from kg.bindings import key_objects
from kg.loading import ExportGraphs, LoadReport, RemoteError, drops, read_export
from kg.model import normalize_name
from kg.store import binding_term, python_value

CHUNK = 1_000  # triples per SPARQL Update request; Virtuoso 7 parses no more than about 5,000
METHODS = ("bulk", "gsp", "update")
_NOT_OFFERED = {404, 405, 501}
_JSON_RESULTS = "application/sparql-results+json"
_USER_AGENT = "kg/0.1 (+https://w3id.org/kg)"


class _HTTPFailure(RemoteError):
    def __init__(self, message: str, status: int, body: str) -> None:
        super().__init__(message)
        self.status = status
        self.body = body


@dataclass(frozen=True, slots=True)
class Endpoint:
    """The URLs of one server, derived from the URL the user gave (see the module docstring)."""

    flavour: str
    gsp: str
    graph_parameter: str
    update: str
    query: str
    bulk: str | None = None


def endpoint_urls(url: str, authenticated: bool = False) -> Endpoint:
    """The server's Graph Store, Update and query URLs, by the conventions of its flavour."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise RemoteError(f"{url}: not an http(s) URL; give the SPARQL server's address, e.g. http://localhost:7878")
    path = parts.path.rstrip("/")

    def at(new_path: str, query: str = "") -> str:
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new_path, query, ""))

    if path in {"", "/store"}:
        return Endpoint(
            "oxigraph", at("/store"), "graph", at("/update"), at("/query", "union-default-graph"),
            bulk=at("/store", "no_transaction&lenient"),
        )  # fmt: skip
    if path.endswith("/sparql"):
        root = path[: -len("/sparql")]
        if authenticated:
            return Endpoint("virtuoso", at(root + "/sparql-graph-crud-auth"), "graph-uri", at(root + "/sparql-auth"),
                            at(path))  # fmt: skip
        return Endpoint("virtuoso", at(root + "/sparql-graph-crud"), "graph-uri", at(path), at(path))
    return Endpoint("generic", at(path, parts.query), "graph", at(path, parts.query), at(path, parts.query))


def load_remote(
    path_or_dir: str | Path,
    endpoint: str,
    *,
    graph: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 60,
    method: str | None = None,
    prune: bool = False,
) -> LoadReport:
    """Replace the export's graphs on a SPARQL server; raise RemoteError with one line on failure.

    ``method`` forces "bulk" (Oxigraph only), "gsp" or "update"; by default the flavour of the
    endpoint decides, and a server without Graph Store PUT gets SPARQL Update. With ``prune``,
    the server's graphs of documents the export no longer names are dropped: in the request that
    drops the replaced graphs (bulk), the first update request (update), or one update after the
    last PUT (gsp, where the load cannot share a request).
    """
    if method is not None and method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}")
    started = time.perf_counter()
    export = read_export(path_or_dir, graph)
    graphs = export.graphs
    urls = endpoint_urls(endpoint, authenticated=user is not None)
    client = _Client(_opener(endpoint, user, password), timeout)
    if user is not None:
        client.authenticate(urls.update)
    stale = export.stale(_document_graphs(client, urls, export)) if prune else []
    chosen = method or ("bulk" if urls.bulk else "gsp")
    if chosen == "bulk":
        if urls.bulk is None:
            raise RemoteError(f"{endpoint}: bulk loading needs an Oxigraph server URL (http://host:port)")
        _push_bulk(client, urls, graphs, stale)
    elif chosen == "gsp":
        try:
            _push_gsp(client, urls, graphs)
        except _HTTPFailure as failure:
            if failure.status not in _NOT_OFFERED and "not supported" not in failure.body.lower():
                raise
            if method == "gsp":
                raise
            chosen = "update"
            _push_update(client, urls, graphs, stale)
        else:
            if stale:
                client.send("POST", urls.update, drops(stale), "application/sparql-update")
    else:
        _push_update(client, urls, graphs, stale)
    return LoadReport(
        endpoint=endpoint,
        method=chosen,
        graphs=len(graphs),
        triples=sum(len(t) for t in graphs.values()),
        requests=client.requests,
        seconds=time.perf_counter() - started,
        pruned=len(stale),
    )


def _document_graphs(client: _Client, urls: Endpoint, export: ExportGraphs) -> list[str]:
    """The server's graphs under the export's document prefix (the prefix goes in as a VALUES term)."""
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?prefix)) }"
    rows = _select(client, urls, _with_values(query, {"prefix": export.documents}))
    return [row["g"] for row in rows if isinstance(row["g"], str)] if isinstance(rows, list) else []


# Pushing --------------------------------------------------------------------------------------
def _push_bulk(client: _Client, urls: Endpoint, graphs: dict[str, list[ox.Triple]], stale: list[str]) -> None:
    client.send("POST", urls.update, drops([*graphs, *stale]), "application/sparql-update")
    quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g)) for g, ts in graphs.items() for t in ts]
    client.send("POST", urls.bulk or urls.gsp, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), "application/n-quads")


def _push_gsp(client: _Client, urls: Endpoint, graphs: dict[str, list[ox.Triple]]) -> None:
    for name, triples in graphs.items():
        query = urllib.parse.urlencode({urls.graph_parameter: name})
        url = urls.gsp + ("&" if "?" in urls.gsp else "?") + query
        client.send("PUT", url, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), "application/n-triples")


def _push_update(client: _Client, urls: Endpoint, graphs: dict[str, list[ox.Triple]], stale: list[str]) -> None:
    lead = drops(stale) + b" ;\n" if stale else b""  # the pruned graphs go with the first request
    for name, triples in graphs.items():
        node = str(ox.NamedNode(name)).encode()
        # Blank nodes must share one request to stay the same node; the exports have none.
        has_blank = any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)
        size = len(triples) if has_blank else CHUNK
        chunks = [triples[i : i + size] for i in range(0, len(triples), size)] or [[]]
        for i, chunk in enumerate(chunks):
            body = lead + b"DROP SILENT GRAPH " + node + b" ;\n" if i == 0 else b""
            lead = b""
            if chunk:
                data = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES)
                if has_blank:  # Virtuoso refuses blank nodes in INSERT DATA; a template takes them
                    body += b"INSERT { GRAPH " + node + b" {\n" + data + b"} } WHERE {}\n"
                else:
                    body += b"INSERT DATA { GRAPH " + node + b" {\n" + data + b"} }\n"
            client.send("POST", urls.update, body, "application/sparql-update")


# Querying -------------------------------------------------------------------------------------
def query_remote(
    endpoint: str,
    query: str,
    bindings: dict[str, Any] | None = None,
    *,
    graphs: Sequence[str] | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 60,
) -> list[dict[str, Any]] | bool:
    """Run a SELECT or ASK query on a server: rows as {variable: value}, like kg.store.query_store.

    The standard prefixes are declared. Bindings become a ``VALUES`` block, written by
    pyoxigraph's serializer, at the start of the first ``WHERE {`` group, so filters see them;
    a list or tuple binds several values. ``graphs`` restricts the query to those graphs (their
    merge is the default graph, and they are the named graphs); otherwise the default graph is
    the union of all graphs (Virtuoso's default; asked for on Oxigraph).
    """
    urls = endpoint_urls(endpoint, authenticated=user is not None)
    text = _with_prefixes(query)
    if bindings:
        text = _with_values(text, _as_keys(query, bindings))
    return _select(_Client(_opener(endpoint, user, password), timeout), urls, text, graphs)


def _select(
    client: _Client, urls: Endpoint, text: str, graphs: Sequence[str] | None = None
) -> list[dict[str, Any]] | bool:
    """One query sent as a form; rows as {variable: value}, or a bool for ASK."""
    form: list[tuple[str, str]] = [("query", text)]
    url = urls.query
    if graphs is not None:
        url = url.split("?", 1)[0]  # an explicit dataset replaces Oxigraph's union-default-graph
        form += [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
    body = urllib.parse.urlencode(form).encode()
    raw = client.send("POST", url, body, "application/x-www-form-urlencoded", accept=_JSON_RESULTS)
    try:
        answer = json.loads(raw)
    except ValueError as error:
        raise RemoteError(f"{urls.query}: the answer is not SPARQL JSON results ({error})") from error
    if "boolean" in answer:
        return bool(answer["boolean"])
    columns = answer["head"]["vars"]
    return [{c: _value(row.get(c)) for c in columns} for row in answer["results"]["bindings"]]


def _with_prefixes(query: str) -> str:
    declared = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", query)}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in rdf.PREFIXES.items() if p.lower() not in declared]
    return "\n".join([*lines, query])


def _as_keys(query: str, bindings: dict[str, Any]) -> dict[str, Any]:
    """Plain strings bound to a variable the query matches as the object of kg:key become that name's key, as
    `kg.bindings` does for the embedded store, so a name asks a server what it asks the store."""
    keys = key_objects(query)

    def key(value: Any) -> Any:
        return normalize_name(value) if isinstance(value, str) else value

    return {
        name: ([key(v) for v in value] if isinstance(value, list | tuple) else key(value))
        if name.lstrip("?$") in keys
        else value
        for name, value in bindings.items()
    }


def _with_values(query: str, bindings: dict[str, Any]) -> str:
    match = re.search(r"(?i)\bWHERE\s*\{", query)
    if match is None:
        raise ValueError("bindings need a query with a WHERE { ... } clause")
    blocks = []
    for name, value in sorted(bindings.items()):
        terms = " ".join(str(binding_term(v)) for v in (value if isinstance(value, list | tuple) else [value]))
        blocks.append(f"VALUES {ox.Variable(name.lstrip('?$'))} {{ {terms} }}")
    values = " ".join(blocks)
    return f"{query[: match.end()]}\n  {values}\n{query[match.end() :]}"


def _value(binding: dict[str, str] | None) -> Any:
    """A JSON result term as Python, as python_value does; a server's IRI is taken as it comes."""
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return value
    if kind == "bnode":
        return f"_:{value}"
    try:
        if "xml:lang" in binding:
            return python_value(ox.Literal(value, language=binding["xml:lang"]))
        if "datatype" in binding:
            return python_value(ox.Literal(value, datatype=ox.NamedNode(binding["datatype"])))
    except ValueError:
        return value
    return value


# HTTP -----------------------------------------------------------------------------------------
def _opener(endpoint: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    """An opener answering Digest or Basic challenges (whichever the server asks for) with the user's password.

    After the first challenge, both sign every request up front: a server that answers 401 to
    a large body while it is still being uploaded resets the connection.
    """
    if user is None:
        return urllib.request.build_opener()
    manager = urllib.request.HTTPPasswordMgrWithPriorAuth()
    parts = urllib.parse.urlsplit(endpoint)
    manager.add_password(None, f"{parts.scheme}://{parts.netloc}/", user, password or "")
    return urllib.request.build_opener(_SigningDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager))


class _SigningDigestAuthHandler(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that reuses the server's last challenge for the requests that follow."""

    def __init__(self, manager: urllib.request.HTTPPasswordMgr) -> None:
        super().__init__(manager)
        self.challenge: dict[str, str] | None = None

    def retry_http_digest_auth(self, req: urllib.request.Request, auth: str) -> Any:
        self.challenge = urllib.request.parse_keqv_list(
            filter(None, urllib.request.parse_http_list(auth.split(" ", 1)[1]))
        )
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req: urllib.request.Request) -> urllib.request.Request:
        if self.challenge is not None and not req.has_header(self.auth_header):
            authorization = self.get_authorization(req, self.challenge)
            if authorization:
                req.add_unredirected_header(self.auth_header, f"Digest {authorization}")
        return req

    https_request = http_request


class _Client:
    """Sends requests and turns every failure into one RemoteError line."""

    def __init__(self, opener: urllib.request.OpenerDirector, timeout: float) -> None:
        self.opener = opener
        self.timeout = timeout
        self.requests = 0

    def authenticate(self, url: str) -> None:
        """Meet the server's challenge with a small query before any large body is sent; a wrong password fails here."""
        try:
            self.send("GET", url + ("&" if "?" in url else "?") + "query=ASK%7B%7D", b"", "text/plain")
        except _HTTPFailure as failure:
            if failure.status == 401:
                raise

    def send(self, method: str, url: str, body: bytes, content_type: str, accept: str = "*/*") -> bytes:
        headers = {"Content-Type": content_type, "Accept": accept, "User-Agent": _USER_AGENT}
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        self.requests += 1
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            text = _excerpt(error.read(), html=error.headers.get_content_type() == "text/html")
            said = f"HTTP {error.code} {error.reason}: {text or '(no message)'}"
            raise _HTTPFailure(f"{method} {_short(url)}: {said}; {_hint(error.code)}", error.code, text) from None
        except TimeoutError:
            raise RemoteError(
                f"{method} {_short(url)}: no answer within {self.timeout:g} s; is it the right URL? raise --timeout"
            ) from None
        except http.client.HTTPException as error:
            raise RemoteError(f"{method} {_short(url)}: the answer is not valid HTTP ({error})") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, ConnectionResetError | BrokenPipeError):
                raise RemoteError(
                    f"{method} {_short(url)}: the server closed the connection during the request ({reason}); "
                    "see its log, it may limit the size of a request"
                ) from None
            raise RemoteError(f"{method} {_short(url)}: cannot connect ({reason}); is the server running?") from None


def _excerpt(raw: bytes, html: bool = False, limit: int = 200) -> str:
    """The server's message on one line, cut short, without its markup if it is an HTML page."""
    text = raw.decode("utf-8", errors="replace")
    if html:
        text = re.sub(r"(?s)<(script|style|title|head)\b.*?</\1>|<[^>]*>", " ", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


def _hint(status: int) -> str:
    if status == 401:
        return "check --user and --password"
    if status == 403:
        return "this user may not write there; Virtuoso needs --user dba --password ... (digest authentication)"
    if status in _NOT_OFFERED:
        return "check the endpoint URL (Oxigraph: http://host:port; Virtuoso: http://host:8890/sparql)"
    if status == 413:
        return "the request is too large for the server; raise its request size limit"
    if status >= 500:
        return "the server failed; see its log"
    return "see the server's message"
