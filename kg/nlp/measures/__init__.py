"""Figures and dates as data: the kg_measures component and the parts it is made of (figures, times, properties,
subjects), each a module of its own, with their word lists as data files in `words/`."""

from kg.nlp.measures.component import MeasureExtractor, make_measure_extractor
from kg.nlp.measures.reading import MeasureHit
from kg.nlp.measures.times import Resolved, TimeRef, resolve

__all__ = ["MeasureExtractor", "MeasureHit", "Resolved", "TimeRef", "make_measure_extractor", "resolve"]
