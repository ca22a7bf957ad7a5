"""Tests of kg/nlp/relate: the rule table (test_component), the frames row in the pipeline (test_frame_readings), the
relations names state (test_names)."""
