"""WCAG contrast as the accessibility checkers compute it, and the nearest readable shade."""

from __future__ import annotations

import colorsys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.core.contrast import STEPS, TEXT, Rgba, contrast, luminance, nearest_shade, reads_on

WHITE, BLACK = Rgba(255, 255, 255), Rgba(0, 0, 0)


def test_the_extremes_and_a_colour_against_itself() -> None:
    assert luminance(WHITE) == 1 and luminance(BLACK) == 0
    assert contrast(BLACK, WHITE) == pytest.approx(21)
    assert contrast(WHITE, BLACK) == pytest.approx(21)
    assert contrast(Rgba.parse("#4051b5"), Rgba.parse("#4051b5")) == 1


@pytest.mark.parametrize(
    ("text", "background", "measured"),
    [
        ("#ffffff", "#009485", 3.76),  # axe-core on Material's teal header
        ("#4051b5", "#1e2129", 2.34),  # axe-core on indigo outline buttons in the dark scheme
        ("#767676", "#ffffff", 4.54),  # the grey usually quoted as the lightest to pass on white
    ],
)
def test_ratios_agree_with_axe_core(text: str, background: str, measured: float) -> None:
    assert contrast(Rgba.parse(text), Rgba.parse(background)) == pytest.approx(measured, abs=0.01)


def test_text_with_opacity_is_measured_as_painted() -> None:
    dark = Rgba.parse("#000000de")  # Material's text on light colours
    assert dark.over(WHITE) == Rgba(33, 33, 33)
    assert contrast(dark, WHITE) == pytest.approx(contrast(Rgba(33, 33, 33), WHITE))
    assert contrast(dark, WHITE) < contrast(BLACK, WHITE)


@pytest.mark.parametrize("text", ["", "#12", "#gggggg", "teal", "#1234567"])
def test_only_css_hex_is_a_colour(text: str) -> None:
    with pytest.raises(ValueError):
        Rgba.parse(text)


def test_hex_round_trips() -> None:
    for code in ("#009485", "#ffaa001a", "#000000de"):
        assert Rgba.parse(code).hex() == code
    assert Rgba.parse("#fa0").hex() == "#ffaa00"


def test_a_colour_that_passes_is_kept() -> None:
    indigo = Rgba.parse("#4051b5")
    assert nearest_shade(indigo, lambda c: contrast(WHITE, c) >= TEXT) == indigo


def test_white_on_teal_gets_a_darker_teal() -> None:
    teal = Rgba.parse("#009485")
    shade = nearest_shade(teal, lambda c: contrast(WHITE, c) >= TEXT)
    assert shade is not None and contrast(WHITE, shade) >= TEXT
    assert luminance(shade) < luminance(teal)
    assert _hue(shade) == pytest.approx(_hue(teal), abs=2)


def test_none_when_no_shade_passes() -> None:
    assert nearest_shade(Rgba.parse("#777777"), lambda c: contrast(c, c) >= TEXT) is None


colours = st.builds(lambda r, g, b: Rgba(r, g, b), *(st.integers(0, 255) for _ in range(3)))


@settings(max_examples=60, deadline=None)
@given(colours, colours)
def test_the_shade_found_is_the_nearest_that_reads(colour: Rgba, background: Rgba) -> None:
    """Whatever the colours: the shade passes, keeps the hue, and a shade nearer fails (a few
    steps nearer: rounding to 8 bits moves a colour's lightness by up to 0.002)."""

    def passes(c: Rgba) -> bool:
        return reads_on(c, [background], TEXT)

    shade = nearest_shade(colour, passes)
    if shade is None:  # no lightness of that hue reads there: not even black or white
        assert not passes(BLACK) and not passes(WHITE)
        return
    assert passes(shade)
    if shade == colour:
        return
    if _saturation(colour) > 0.1 and 0.1 < _lightness(shade) < 0.9:  # else 8 bits blur the hue
        assert _hue(shade) == pytest.approx(_hue(colour), abs=4)
    distance = abs(_lightness(shade) - _lightness(colour))
    if distance <= 5 / STEPS:  # within rounding of the colour itself: nothing nearer to try
        return
    nearer = [_with_lightness(colour, _lightness(colour) + sign * (distance - 5 / STEPS))
              for sign in (-1, 1)]  # fmt: skip
    assert not any(passes(c) for c in nearer if c != shade)


def _hls(c: Rgba) -> tuple[float, float, float]:
    return colorsys.rgb_to_hls(c.r / 255, c.g / 255, c.b / 255)


def _hue(c: Rgba) -> float:
    return _hls(c)[0] * 360


def _lightness(c: Rgba) -> float:
    return _hls(c)[1]


def _saturation(c: Rgba) -> float:
    return _hls(c)[2]


def _with_lightness(c: Rgba, lightness: float) -> Rgba:
    hue, _, saturation = _hls(c)
    return Rgba.from_hsl(hue * 360, saturation, min(max(lightness, 0.0), 1.0))
