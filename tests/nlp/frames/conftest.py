"""The frame layer on sentences of our own, with the entities given: the tests do not depend on the recognizer."""

from __future__ import annotations

import pytest
from frametools import Triple, frame_hits
from spacy.language import Language


@pytest.fixture(scope="session")
def read(nlp: Language):
    """read(text, entities) -> the (head, relation, tail) triples the frames state."""

    def triples(text: str, entities: dict[str, str]) -> set[Triple]:
        return {(h.head, h.relation, h.tail) for h in frame_hits(nlp, text, entities)}

    return triples
