"""The names RDF is written with: namespaces, the prefixes every serialization and query declares, and the
serialization formats by name and file suffix.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

KG = "https://w3id.org/kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"

PREFIXES: dict[str, str] = {
    "kg": KG,
    "rdf": RDF,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": SKOS,
    "prov": PROV,
    "oa": OA,
    "dcterms": DCTERMS,
    "schema": SCHEMA,
}

# Output format name -> (file suffix, pyoxigraph format).
FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "turtle": (".ttl", ox.RdfFormat.TURTLE),
    "ntriples": (".nt", ox.RdfFormat.N_TRIPLES),
    "nquads": (".nq", ox.RdfFormat.N_QUADS),
    "trig": (".trig", ox.RdfFormat.TRIG),
    "json-ld": (".jsonld", ox.RdfFormat.JSON_LD),
    "xml": (".rdf", ox.RdfFormat.RDF_XML),
}


def format_of(path: str | Path) -> str:
    """The output format name for a file name, from its suffix."""
    suffix = Path(path).suffix.lower()
    for name, (ext, _) in FORMATS.items():
        if ext == suffix:
            return name
    raise ValueError(f"cannot tell the RDF format of {str(path)!r} from its suffix")
