"""JSON-LD written straight from the sorted statements, with the project's context inlined."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from kg.ontology import ontology_dir
from kg.rdf.statements import Statement
from kg.rdf.vocab import RDF, XSD


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
    ctx = context()
    prefixes = sorted(((v, k) for k, v in ctx.items() if isinstance(v, str)), key=lambda x: -len(x[0]))
    compacted: dict[str, str] = {}

    def compact(iri: str) -> str:
        found = compacted.get(iri)
        if found is None:
            found = iri
            for namespace, prefix in prefixes:
                local = iri[len(namespace) :]
                if iri.startswith(namespace) and local and not local.startswith("/"):
                    found = f"{prefix}:{local}"
                    break
            compacted[iri] = found
        return found

    def expand(curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return ctx[prefix] + local if isinstance(ctx.get(prefix), str) else curie

    terms = {
        expand(v["@id"]): (k, expand(v["@type"]) if v.get("@type", "@id") != "@id" else v.get("@type"))
        for k, v in ctx.items()
        if isinstance(v, dict)
    }
    graphs: dict[str, dict[str, dict[str, list[tuple[str, str]]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for st in statements:
        graphs[st.graph][st.subject][st.predicate[1:-1]].append((st.value, st.kind))

    def value_object(value: str, kind: str) -> Any:
        if not kind:
            return {"@id": compact(value)}
        if kind[0] == "@":
            return {"@value": value, "@language": kind[1:]}
        if kind == XSD + "string":
            return value
        return {"@value": value, "@type": compact(kind)}

    def values(predicate: str, objects: list[tuple[str, str]]) -> tuple[str, Any]:
        term = terms.get(predicate)
        if term is not None and all(kind == ("" if term[1] == "@id" else term[1] or XSD + "string")
                                    for _, kind in objects):  # fmt: skip
            out = sorted(compact(v) if term[1] == "@id" else v for v, _ in objects)
            return term[0], out[0] if len(out) == 1 else out
        if len(objects) == 1:
            return compact(predicate), value_object(*objects[0])
        out = sorted((value_object(v, k) for v, k in objects), key=_dumps)
        return compact(predicate), out

    def nodes(subjects: dict[str, dict[str, list[tuple[str, str]]]]) -> list[dict[str, Any]]:
        result = []
        for subject in subjects:  # in order: the statements are sorted by graph, then subject
            node: dict[str, Any] = {"@id": compact(subject)}
            for predicate, objects in subjects[subject].items():
                if predicate == RDF + "type":
                    types = sorted(compact(v) for v, _ in objects)
                    node["@type"] = types[0] if len(types) == 1 else types
                else:
                    key, value = values(predicate, objects)
                    node[key] = value
            result.append(node)
        return result

    lines = [_dumps(node) for node in nodes(graphs.pop("", {}))]
    for g, subjects in graphs.items():
        members = ",\n  ".join(_dumps(node) for node in nodes(subjects))
        lines.append(f'{{"@graph": [\n  {members}\n ], "@id": {_dumps(compact(g))}}}')
    head = json.dumps(ctx, ensure_ascii=False, indent=1, sort_keys=True)
    body = ",\n ".join(lines)
    return f'{{"@context": {head},\n"@graph": [\n {body}\n]}}\n'.encode()


def _dumps(value: Any) -> str:
    """Compact JSON with sorted keys: one line of the file, and the order of multiple values."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
