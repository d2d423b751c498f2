"""Tests of builder/publish/: the privacy gate, reuse, the atomic swap, deploy."""
