"""Stage 5, publish: staging and the atomic swap, reuse of unchanged outputs, the privacy gate, deploy."""
