"""Tests of kg/nlp/recognize, one module per rule family."""
