"""Tests of builder/render/: templates and engines, read as their readers read them."""
