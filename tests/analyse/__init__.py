"""Tests of builder/analyse/: the Analysis: coverage, matching, briefs, the CV."""
