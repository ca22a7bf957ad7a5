"""RDF in and out: a graph as statements under the project's ontology, six serializations, and loading back.

`statements` turns a graph into sorted statements with their provenance, `writer` serializes them (`jsonld` for
JSON-LD), `reader` rebuilds a graph from an export, and `vocab` holds the namespaces and formats. IRIs are minted by
`kg.iri`.
"""

from kg.iri import assertion_iri, build_iri, document_iri, encode_segment, entity_iri
from kg.rdf.jsonld import context
from kg.rdf.reader import from_triples, load
from kg.rdf.statements import build_time
from kg.rdf.vocab import DCTERMS, FORMATS, KG, OA, PREFIXES, PROV, RDF, SCHEMA, SKOS, XSD, format_of
from kg.rdf.writer import Export, serialize, to_dataset, to_quads, to_rdflib

__all__ = [
    "DCTERMS", "FORMATS", "KG", "OA", "PREFIXES", "PROV", "RDF", "SCHEMA", "SKOS", "XSD",
    "Export", "assertion_iri", "build_iri", "build_time", "context", "document_iri", "encode_segment", "entity_iri",
    "format_of", "from_triples", "load", "serialize", "to_dataset", "to_quads", "to_rdflib",
]  # fmt: skip
