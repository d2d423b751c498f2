"""Reading YAML: the fast reader and the precise one agree on every value."""

from __future__ import annotations

import pytest
import yaml

from builder.core.yaml12 import FastLoader
from builder.load.source import _round_trip, plain

SCALARS = [
    "no", "yes", "on", "off", "y", "n", "true", "False", "TRUE", "null", "~", "", "Null",
    "010", "0o17", "0x1F", "1_000", "1:20", "1e3", "1.5", "-2", "+3", ".5", ".inf", "-.inf", ".nan",
    "2026-11-18", "2026-11-18T10:00", "2026-11-18 10:00:00", "2024-06", "12:30", "0.1.2",
    "'quoted'", '"quoted"', "https://example.com/x?y=1", "C++", "#not-a-comment", "€1,000", "1_000.5", "-1_0", "1_0e3", ".5_0",
]  # fmt: skip


@pytest.mark.parametrize("scalar", SCALARS)
def test_fast_and_precise_readers_agree(scalar: str) -> None:
    text = f"value: {scalar}\nlist: [{scalar or 'x'}]\n"
    try:
        precise = plain(_round_trip().load(text))
    except Exception:  # noqa: BLE001 — then the fast reader must refuse it too
        with pytest.raises(yaml.YAMLError):
            yaml.load(text, Loader=FastLoader)  # noqa: S506
        return
    assert repr(yaml.load(text, Loader=FastLoader)) == repr(precise)  # noqa: S506


def test_duplicate_keys_are_refused_by_the_fast_reader() -> None:
    with pytest.raises(yaml.YAMLError):
        yaml.load("a: 1\nb: 2\na: 3\n", Loader=FastLoader)  # noqa: S506
