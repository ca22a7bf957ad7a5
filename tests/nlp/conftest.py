"""Shared fixtures of the pipeline tests: one loaded pipeline for the whole session (loading takes about 1 s)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from kg.nlp import make_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return make_pipeline()
