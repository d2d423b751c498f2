"""Tests of builder/core/: the content model, text and names."""
