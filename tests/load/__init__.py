"""Tests of builder/load/: reading files and explaining bad input."""
