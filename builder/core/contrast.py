"""Colour contrast as WCAG 2 measures it, and the shade of a colour that reaches a ratio.

A site's palette is chosen by name; whether its text can be read is arithmetic. These are the
formulas of WCAG 2.2 (relative luminance, contrast ratio) on sRGB colours written as CSS hex,
and a search for the shade of a colour (same hue and saturation, another lightness) nearest to
it that passes a test, so that a theme can keep a candidate's colour and still be readable.
"""

from __future__ import annotations

import colorsys
from collections.abc import Callable, Iterable
from typing import NamedTuple

TEXT = 4.5  # WCAG 1.4.3 (AA): normal text against its background
LARGE_TEXT = 3.0  # WCAG 1.4.3: text of 18.66 px bold or 24 px and more
UI = 3.0  # WCAG 1.4.11: the edges of buttons, focus rings, icons
STEPS = 1000  # lightness steps searched on each side of a colour


class Rgba(NamedTuple):
    """A colour as CSS writes it: red, green and blue from 0 to 255, opacity from 0 to 1."""

    r: int
    g: int
    b: int
    a: float = 1.0

    @classmethod
    def parse(cls, text: str) -> Rgba:
        """`#rgb`, `#rrggbb` or `#rrggbbaa`."""
        digits = text.strip().removeprefix("#")
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        if len(digits) not in (6, 8) or any(d not in "0123456789abcdefABCDEF" for d in digits):
            raise ValueError(f"not a hex colour: {text!r}")
        r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
        alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
        return cls(r, g, b, alpha)

    @classmethod
    def from_hsl(cls, hue: float, saturation: float, lightness: float, alpha: float = 1.0) -> Rgba:
        """From CSS's hsl(): hue in degrees, saturation and lightness from 0 to 1."""
        r, g, b = colorsys.hls_to_rgb(hue / 360 % 1.0, lightness, saturation)
        return cls(round(r * 255), round(g * 255), round(b * 255), alpha)

    def hex(self) -> str:
        """As CSS hex, with the opacity only when it is not 1."""
        code = f"#{self.r:02x}{self.g:02x}{self.b:02x}"
        return code if self.a >= 1 else code + f"{round(self.a * 255):02x}"

    def with_alpha(self, alpha: float) -> Rgba:
        return Rgba(self.r, self.g, self.b, alpha)

    def over(self, background: Rgba) -> Rgba:
        """The opaque colour a reader sees when this one is painted on `background`."""
        base = background if background.a >= 1 else background.over(Rgba(255, 255, 255))
        mix = lambda top, bottom: round(top * self.a + bottom * (1 - self.a))  # noqa: E731
        return Rgba(mix(self.r, base.r), mix(self.g, base.g), mix(self.b, base.b))


def luminance(colour: Rgba) -> float:
    """Relative luminance of an opaque colour (0 for black, 1 for white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b)


def contrast(text: Rgba, background: Rgba) -> float:
    """The contrast ratio (1 to 21) of text painted on a background, opacity included."""
    back = background if background.a >= 1 else background.over(Rgba(255, 255, 255))
    front = text.over(back)
    lighter, darker = sorted((luminance(front), luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def reads_on(text: Rgba, backgrounds: Iterable[Rgba], ratio: float) -> bool:
    """Whether text reaches `ratio` on every one of the backgrounds."""
    return all(contrast(text, back) >= ratio for back in backgrounds)


def nearest_shade(colour: Rgba, passes: Callable[[Rgba], bool]) -> Rgba | None:
    """The colour itself when it passes; else, of its shades (same hue and saturation, another
    lightness, as CSS hex rounds it), the one nearest in lightness that passes, the darker on a
    tie. None when no shade passes."""
    if passes(colour):
        return colour
    hue, lightness, saturation = colorsys.rgb_to_hls(colour.r / 255, colour.g / 255, colour.b / 255)
    for step in range(1, STEPS + 1):
        for shifted in (lightness - step / STEPS, lightness + step / STEPS):
            if 0.0 <= shifted <= 1.0:
                shade = Rgba.from_hsl(hue * 360, saturation, shifted, colour.a)
                if passes(shade):
                    return shade
    return None
