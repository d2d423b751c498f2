"""Tests of builder/plan/: what the site, PDFs and kit contain; public views."""
