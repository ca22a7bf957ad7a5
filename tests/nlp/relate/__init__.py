"""Tests of kg/nlp/relate, one module per rule family."""
