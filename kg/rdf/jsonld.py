"""JSON-LD written straight from the sorted statements, with the project's context inlined."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from kg.ontology import ontology_dir
from kg.rdf.statements import Statement
from kg.rdf.vocab import RDF, XSD

JSONLD_SEPARATOR = b",\n "  # between two node lines
JSONLD_FOOTER = b"\n]}\n"


def context() -> dict[str, Any]:
    """The JSON-LD context of ontology/context.jsonld."""
    with (ontology_dir() / "context.jsonld").open(encoding="utf-8") as handle:
        return json.load(handle)["@context"]


def write_jsonld(statements: Sequence[Statement]) -> bytes:
    """Compact JSON-LD with the project context, inlined so that reading it needs no network.

    Written directly from the sorted statements (rdflib's compaction holds the whole graph several times over and
    walks sets in hash order): one node object per subject and graph, one per line, IRIs compacted with the
    context's prefixes, and a context term used as a key only when every value of that property matches the term's
    type coercion.
    """
    writer = JsonLdWriter()
    return writer.document([line for _, _, line in writer.lines(statements)])


class JsonLdWriter:
    """The pieces of the JSON-LD document: a line per node of the default graph and a line per named graph, keyed by
    (graph, subject) so that pieces written apart (`kg.rdf.patch`) join in the order of the whole."""

    def __init__(self) -> None:
        self.context = ctx = context()
        self._prefixes = sorted(((v, k) for k, v in ctx.items() if isinstance(v, str)), key=lambda x: -len(x[0]))
        self._compacted: dict[str, str] = {}

        def expand(curie: str) -> str:
            prefix, _, local = curie.partition(":")
            return ctx[prefix] + local if isinstance(ctx.get(prefix), str) else curie

        self._terms = {
            expand(v["@id"]): (k, expand(v["@type"]) if v.get("@type", "@id") != "@id" else v.get("@type"))
            for k, v in ctx.items()
            if isinstance(v, dict)
        }

    def compact(self, iri: str) -> str:
        found = self._compacted.get(iri)
        if found is None:
            found = iri
            for namespace, prefix in self._prefixes:
                local = iri[len(namespace) :]
                if iri.startswith(namespace) and local and not local.startswith("/"):
                    found = f"{prefix}:{local}"
                    break
            self._compacted[iri] = found
        return found

    def lines(self, statements: Sequence[Statement]) -> list[tuple[str, str, str]]:
        """(graph, subject, line): the default graph's nodes ("", subject), then each named graph (graph, "")."""
        graphs: dict[str, dict[str, dict[str, list[tuple[str, str]]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(list))
        )
        for st in statements:
            graphs[st.graph][st.subject][st.predicate[1:-1]].append((st.value, st.kind))
        out = [("", subject, _dumps(node)) for subject, node in self._nodes(graphs.pop("", {}))]
        for g, subjects in graphs.items():
            members = ",\n  ".join(_dumps(node) for _, node in self._nodes(subjects))
            out.append((g, "", f'{{"@graph": [\n  {members}\n ], "@id": {_dumps(self.compact(g))}}}'))
        return out

    def document(self, lines: Sequence[str] | Sequence[bytes]) -> bytes:
        """The JSON-LD document of these node lines (text, or UTF-8 as `kg.rdf.patch` keeps them)."""
        body = JSONLD_SEPARATOR.join(line if isinstance(line, bytes) else line.encode() for line in lines)
        return self.header() + body + JSONLD_FOOTER

    def header(self) -> bytes:
        """What comes before the first node line: the context, and the opening of the graph."""
        head = json.dumps(self.context, ensure_ascii=False, indent=1, sort_keys=True)
        return f'{{"@context": {head},\n"@graph": [\n '.encode()

    def _value_object(self, value: str, kind: str) -> Any:
        if not kind:
            return {"@id": self.compact(value)}
        if kind[0] == "@":
            return {"@value": value, "@language": kind[1:]}
        if kind == XSD + "string":
            return value
        return {"@value": value, "@type": self.compact(kind)}

    def _values(self, predicate: str, objects: list[tuple[str, str]]) -> tuple[str, Any]:
        term = self._terms.get(predicate)
        if term is not None and all(kind == ("" if term[1] == "@id" else term[1] or XSD + "string")
                                    for _, kind in objects):  # fmt: skip
            out = sorted(self.compact(v) if term[1] == "@id" else v for v, _ in objects)
            return term[0], out[0] if len(out) == 1 else out
        if len(objects) == 1:
            return self.compact(predicate), self._value_object(*objects[0])
        if all(not kind for _, kind in objects):  # IRIs only (a build's documents): sorted as _dumps would sort them
            ids = sorted((self.compact(v) for v, _ in objects), key=encode_basestring)
            return self.compact(predicate), [{"@id": i} for i in ids]
        return self.compact(predicate), sorted((self._value_object(v, k) for v, k in objects), key=_dumps)

    def _nodes(self, subjects: dict[str, dict[str, list[tuple[str, str]]]]) -> list[tuple[str, dict[str, Any]]]:
        result = []
        for subject in subjects:  # in order: the statements are sorted by graph, then subject
            node: dict[str, Any] = {"@id": self.compact(subject)}
            for predicate, objects in subjects[subject].items():
                if predicate == RDF + "type":
                    types = sorted(self.compact(v) for v, _ in objects)
                    node["@type"] = types[0] if len(types) == 1 else types
                else:
                    key, value = self._values(predicate, objects)
                    node[key] = value
            result.append((subject, node))
        return result


def _dumps(value: Any) -> str:
    """Compact JSON with sorted keys: one line of the file, and the order of multiple values."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
