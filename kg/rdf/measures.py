"""Figures in RDF, both ways: a measurement as a ``kg:Measurement`` (a ``schema:QuantitativeValue``) in its
document's named graph, and back.

::

    <measurement/H> a kg:Measurement , schema:QuantitativeValue ;
        kg:measures <entity/中国银联> ;                 what the figure is about
        kg:ofRelation kg:investedIn ; kg:object <…> ;   only when it qualifies a relation (a stake, an amount)
        kg:property "发卡量"@zh ;                        what is measured, as the text names it
        schema:value 9000000000 ; schema:unitText "张" ;
        schema:minValue / schema:maxValue               only for a range (10-15亿元)
        kg:comparison "gt" ;                             gt, ge, lt, le, approx or eq (超过, 不少于, 近, 约 …)
        kg:time "2021-12-31"^^xsd:date ; kg:timePrecision "day" ; kg:timeText "截至2021年底"@zh ;
        kg:evidence "the sentence"@zh ; kg:confidence 0.7 ; kg:rule "clause_subject" ; kg:year 2021 ;
        prov:wasDerivedFrom <doc/ID> ;
        oa:hasSelector <…#position> , <…#quote> , <…#sentence> .   the figure's and the sentence's offsets

A time is typed by its precision (xsd:date, xsd:gYearMonth, xsd:gYear); a quarter, a half-year or a span stays a
plain string (2022-Q1, 2021-H1, 2019/2022-03-18) with its ``kg:timePrecision``, as XSD has no type for them. H hashes
where the figure was read (`kg.iri.measurement_iri`), so merging entities never renames a measurement.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from kg.iri import measurement_iri
from kg.model import Evidence, Measurement
from kg.rdf.vocab import KG, OA, PROV, RDF, SCHEMA

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph
    from kg.ontology import Ontology


class Assembler(Protocol):
    """What `kg.rdf.statements.Assembler` offers, named here so that this module does not import it back."""

    def add(self, s: str, p: str, o: str, graph: str = "") -> None: ...

    def literal(self, s: str, p: str, value: str, graph: str = "", language: str = "", datatype: str = "") -> None: ...


TIME_TYPES = {"day": "date", "month": "gYearMonth", "year": "gYear"}


def add_measurements(
    out: Assembler,
    g: KnowledgeGraph,
    onto: Ontology,
    document: Callable[[str], str],
    entity: Callable[[str], str],
    number: Callable[[float], str],
) -> None:
    """The statements of every figure of the graph whose subject (and object) are entities of it."""
    add, literal = out.add, out.literal
    for m in g.measurements():
        node = measurement_iri(g.base, m)
        graph = document(m.evidence.document)
        add(node, RDF + "type", KG + "Measurement", graph)
        add(node, RDF + "type", SCHEMA + "QuantitativeValue", graph)
        add(node, KG + "measures", entity(m.subject), graph)
        if m.relation and m.object:
            add(node, KG + "ofRelation", onto.relations[m.relation].iri, graph)
            add(node, KG + "object", entity(m.object), graph)
        literal(node, KG + "property", m.property, graph, language="zh")
        literal(node, SCHEMA + "value", number(m.value), graph, datatype="decimal")
        if m.upper is not None:
            literal(node, SCHEMA + "minValue", number(m.value), graph, datatype="decimal")
            literal(node, SCHEMA + "maxValue", number(m.upper), graph, datatype="decimal")
        literal(node, SCHEMA + "unitText", m.unit, graph)
        literal(node, KG + "comparison", m.comparison, graph)
        if m.time:
            literal(node, KG + "time", m.time, graph, datatype=TIME_TYPES.get(m.precision or "", ""))
            literal(node, KG + "timePrecision", m.precision or "", graph)
        if m.time_text:
            literal(node, KG + "timeText", m.time_text, graph, language="zh")
        if m.time_note:
            literal(node, KG + "timeNote", m.time_note, graph)
        ev = m.evidence
        add(node, PROV + "wasDerivedFrom", graph, graph)
        literal(node, KG + "evidence", ev.sentence, graph, language="zh")
        literal(node, KG + "confidence", number(ev.confidence), graph, datatype="decimal")
        literal(node, KG + "rule", ev.rule, graph)
        if ev.year is not None:
            literal(node, KG + "year", f"{ev.year:04d}", graph, datatype="gYear")
        for name, start, end in (("position", m.start, m.end), ("sentence", ev.start, ev.end)):
            selector = f"{node}#{name}"
            add(node, OA + "hasSelector", selector, graph)
            add(selector, RDF + "type", OA + "TextPositionSelector", graph)
            literal(selector, OA + "start", str(start), graph, datatype="nonNegativeInteger")
            literal(selector, OA + "end", str(end), graph, datatype="nonNegativeInteger")
        quote = f"{node}#quote"
        add(node, OA + "hasSelector", quote, graph)
        add(quote, RDF + "type", OA + "TextQuoteSelector", graph)
        literal(quote, OA + "exact", m.text, graph)


def measurement_of(
    node: str,
    props: dict[str, dict[str, list[Any]]],
    document_ids: dict[str, str],
    labels: dict[str, str],
    relation_codes: dict[str, str],
) -> Measurement | None:
    """A measurement read back from its node's statements (`props[node]`), or None when its subject is not an entity
    of the graph or its document is unknown."""

    def value(of: dict[str, list[Any]], predicate: str) -> str | None:
        found = sorted(o.value for o in of.get(predicate, []))
        return found[0] if found else None

    p = props[node]
    subject = labels.get(value(p, KG + "measures") or "")
    document = document_ids.get(value(p, PROV + "wasDerivedFrom") or "")
    if subject is None or document is None:
        return None
    offsets = {}
    for name in ("position", "sentence"):
        selector = props.get(f"{node}#{name}", {})
        offsets[name] = (int(value(selector, OA + "start") or 0), int(value(selector, OA + "end") or 0))
    upper = value(p, SCHEMA + "maxValue")
    year = value(p, KG + "year")
    relation = relation_codes.get(value(p, KG + "ofRelation") or "")
    return Measurement(
        subject=subject,
        property=value(p, KG + "property") or "",
        value=float(value(p, SCHEMA + "value") or 0),
        unit=value(p, SCHEMA + "unitText") or "",
        comparison=value(p, KG + "comparison") or "",
        text=value(props.get(f"{node}#quote", {}), OA + "exact") or "",
        start=offsets["position"][0],
        end=offsets["position"][1],
        evidence=Evidence(
            document=document,
            sentence=value(p, KG + "evidence") or "",
            start=offsets["sentence"][0],
            end=offsets["sentence"][1],
            rule=value(p, KG + "rule") or "",
            confidence=float(value(p, KG + "confidence") or 0),
            year=int(year) if year is not None else None,
        ),
        upper=float(upper) if upper is not None else None,
        relation=relation,
        object=labels.get(value(p, KG + "object") or "") if relation else None,
        time=value(p, KG + "time"),
        precision=value(p, KG + "timePrecision"),
        time_text=value(p, KG + "timeText"),
        time_note=value(p, KG + "timeNote") or "",
    )
