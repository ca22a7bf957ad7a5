"""kg_recognizer and its rule families: one module per family, one table (`component.RULES`) that runs them."""

from __future__ import annotations

from kg.nlp.recognize.component import RULES, Recognizer, make_recognizer

__all__ = ["RULES", "Recognizer", "make_recognizer"]
