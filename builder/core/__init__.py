"""Core: the content model, errors, words and text helpers that every stage shares.

Imports nothing of the builder outside core."""
