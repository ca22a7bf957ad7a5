"""Figures in RDF: a measurement as a ``kg:Measurement`` (a ``schema:QuantitativeValue``) in its document's named
graph (`kg.rdf.reader` reads them back).

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
from typing import TYPE_CHECKING, Protocol

from kg.iri import measurement_iri
from kg.rdf.vocab import KG, OA, PROV, RDF, SCHEMA

if TYPE_CHECKING:
    from kg.model import Measurement
    from kg.ontology import Ontology


class Assembler(Protocol):
    """What `kg.rdf.statements.Assembler` offers, named here so that this module does not import it back."""

    def add(self, s: str, p: str, o: str, graph: str = "") -> None: ...

    def literal(self, s: str, p: str, value: str, graph: str = "", language: str = "", datatype: str = "") -> None: ...


class Context(Protocol):
    """What `kg.rdf.statements.Context` offers: the base, the ontology and the IRIs of documents and entities."""

    base: str
    onto: Ontology

    def document(self, doc_id: str) -> str: ...

    def entity(self, label: str) -> str: ...


TIME_TYPES = {"day": "date", "month": "gYearMonth", "year": "gYear"}


def add_measurement(out: Assembler, ctx: Context, m: Measurement, number: Callable[[float], str]) -> None:
    """The statements of one figure whose subject (and object) are entities of the graph, in its document's graph."""
    add, literal = out.add, out.literal
    node = measurement_iri(ctx.base, m)
    graph = ctx.document(m.evidence.document)
    add(node, RDF + "type", KG + "Measurement", graph)
    add(node, RDF + "type", SCHEMA + "QuantitativeValue", graph)
    add(node, KG + "measures", ctx.entity(m.subject), graph)
    if m.relation and m.object:
        add(node, KG + "ofRelation", ctx.onto.relations[m.relation].iri, graph)
        add(node, KG + "object", ctx.entity(m.object), graph)
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
