"""Material for MkDocs' palette made readable: the shades of a site's colours that pass WCAG AA.

Material paints its header, links, buttons and highlights in the colours a site names, and
some of those fail contrast: white on teal is 3.76:1, indigo buttons on the dark scheme 2.34:1,
amber search highlights 1.9:1. Here each colour the site shows as text, or under text, is
replaced by its nearest shade (same hue and saturation) that reads at 4.5:1 on every surface
it is drawn on, in the light scheme (Material's `default`) and the dark one (`slate`). The
result is a stylesheet of Material's own custom properties, layered after Material's palette.
Every Material colour has such a shade (black and white are the limits), so no palette is
refused. The site engine alone uses this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from builder.core.contrast import TEXT, UI, Rgba, contrast, nearest_shade, reads_on

STYLESHEET = "assets/palette.css"  # where the site engine publishes the stylesheet

WHITE = Rgba(255, 255, 255)
DARK_TEXT = Rgba(0, 0, 0, 0xDE / 255)  # Material's text on light colours: black at 87%
SCHEMES = ("default", "slate")

# Material for MkDocs 9 (stylesheets/palette.css): the colour of each primary, the colour of
# text on it, and the colour of links in each scheme where Material sets one of its own.
SLATE_BACKGROUND = Rgba.from_hsl(225, 0.15, 0.14)  # hsla(var(--md-hue), 15%, 14%, 1)
PRIMARY = {
    "red": "#ef5552", "pink": "#e92063", "purple": "#ab47bd", "deep-purple": "#7e56c2",
    "indigo": "#4051b5", "blue": "#2094f3", "light-blue": "#02a6f2", "cyan": "#00bdd6",
    "teal": "#009485", "green": "#4cae4f", "light-green": "#8bc34b", "lime": "#cbdc38",
    "yellow": "#ffec3d", "amber": "#ffc105", "orange": "#ffa724", "deep-orange": "#ff6e42",
    "brown": "#795649", "grey": "#757575", "blue-grey": "#546d78", "white": "#ffffff",
    "black": Rgba.from_hsl(225, 0.15, 0.09).hex(),
}  # fmt: skip
DARK_ON = {"lime", "yellow", "amber", "orange", "white"}  # primaries Material writes dark text on
LINK = {
    "default": {"light-green": "#72ad2e", "lime": "#8b990a", "yellow": "#b8a500",
                "amber": "#d19d00", "orange": "#e68a00", "grey": "#4051b5",
                "blue-grey": "#4051b5", "white": "#4051b5", "black": "#4051b5"},
    "slate": {"pink": "#ed5487", "purple": "#c46fd3", "deep-purple": "#a47bea",
              "indigo": "#5488e8", "teal": "#00ccb8", "green": "#71c174", "deep-orange": "#ff764d",
              "brown": "#c1775c", "grey": "#5e8bde", "blue-grey": "#5e8bde", "white": "#5e8bde",
              "black": "#5e8bde"},
}  # fmt: skip
ACCENT = {
    "red": "#ff1a47", "pink": "#f50056", "purple": "#df41fb", "deep-purple": "#7c4dff",
    "indigo": "#526cfe", "blue": "#4287ff", "light-blue": "#0091eb", "cyan": "#00bad6",
    "teal": "#00bda4", "green": "#00c753", "light-green": "#63de17", "lime": "#b0eb00",
    "yellow": Rgba.from_hsl(50, 1, 0.5).hex(), "amber": "#ffaa00",
    "orange": Rgba.from_hsl(34, 1, 0.5).hex(), "deep-orange": "#ff6e42",
}  # fmt: skip

# What links and highlighted words are drawn on, in each scheme: the page, code, and the
# mark that search puts on the words it found (Material's --md-typeset-mark-color).
SURFACES = {
    "default": (WHITE, Rgba.parse("#f5f5f5"), Rgba.parse("#ffff0080").over(WHITE)),
    "slate": (
        SLATE_BACKGROUND,
        Rgba.from_hsl(225, 0.15, 0.18),
        Rgba.parse("#4287ff4d").over(SLATE_BACKGROUND),
    ),
}


@dataclass(frozen=True)
class Shades:
    """The colours one scheme of the site shows, each readable where it is drawn."""

    header: Rgba  # header, tabs and the drawer's title (Material's --md-primary-fg-color)
    header_text: Rgba  # text on them (--md-primary-bg-color)
    link: Rgba  # links and outline buttons on the page (--md-typeset-a-color)
    accent: Rgba  # links on hover, search highlights, focus (--md-accent-fg-color)
    accent_text: Rgba  # text on the accent: buttons on hover (--md-accent-bg-color)
    button: Rgba  # filled buttons
    button_text: Rgba

    def colours(self) -> dict[str, Rgba]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def engine_name(colour: str) -> str:
    """A colour of site.yml ('deep purple') as Material names it ('deep-purple')."""
    return colour.replace(" ", "-")


def palette_shades(primary: str, accent: str, scheme: str) -> Shades:
    """The readable shades of a Material palette in one scheme (`default` or `slate`)."""
    primary, accent = engine_name(primary), engine_name(accent)
    surfaces = SURFACES[scheme]
    header_text = DARK_TEXT if primary in DARK_ON else WHITE
    header = _shade(Rgba.parse(PRIMARY[primary]), lambda c: contrast(header_text, c) >= TEXT)
    link = _shade(
        Rgba.parse(LINK[scheme].get(primary, PRIMARY[primary])),
        lambda c: reads_on(c, surfaces, TEXT) and contrast(text_on(c), c) >= TEXT,
    )
    accent_shade = _shade(
        Rgba.parse(ACCENT[accent]),
        lambda c: reads_on(c, surfaces, TEXT) and contrast(text_on(c), c) >= TEXT,
    )
    # A filled button wears the header's colour where it stands out from the page.
    standing = contrast(header, surfaces[0]) >= UI
    button = header if standing else link
    return Shades(header, header_text, link, accent_shade, text_on(accent_shade), button,
                  header_text if standing else text_on(link))  # fmt: skip


def text_on(colour: Rgba) -> Rgba:
    """White or Material's dark text, whichever reads better on the colour."""
    return max((WHITE, DARK_TEXT), key=lambda text: contrast(text, colour))


def _shade(colour: Rgba, passes: Callable[[Rgba], bool]) -> Rgba:
    found = nearest_shade(colour, passes)
    if found is None:  # black and white are shades of every colour: one of them passes
        raise ValueError(f"no readable shade of {colour.hex()}")
    return found


def palette_stylesheet(primary: str, accent: str) -> str:
    """Material's colour properties for the site's palette, each scheme's readable shades."""
    lines = [
        f"/* secondround: the palette ({primary}, {accent}) in shades that read at "
        f"{TEXT}:1 or more (WCAG AA). Generated at build time. */"
    ]
    for scheme in SCHEMES:
        lines += _scheme_rules(scheme, palette_shades(primary, accent, scheme))
    return "\n".join(lines) + "\n"


def _scheme_rules(scheme: str, s: Shades) -> list[str]:
    where = f'[data-md-color-scheme="{scheme}"]'
    idle = ":not(:focus, :hover)"  # on hover and focus, Material's accent rules apply
    return [
        f"{where}[data-md-color-primary][data-md-color-accent] {{",
        f"  --md-primary-fg-color: {s.header.hex()};",
        f"  --md-primary-bg-color: {s.header_text.hex()};",
        f"  --md-primary-bg-color--light: {s.header_text.with_alpha(0.7).hex()};",
        f"  --md-typeset-a-color: {s.link.hex()};",
        f"  --md-accent-fg-color: {s.accent.hex()};",
        f"  --md-accent-fg-color--transparent: {s.accent.with_alpha(0.1).hex()};",
        f"  --md-accent-bg-color: {s.accent_text.hex()};",
        f"  --md-accent-bg-color--light: {s.accent_text.with_alpha(0.7).hex()};",
        "}",
        f"{where} .md-header, {where} .md-tabs {{",
        "  background-color: var(--md-primary-fg-color);",
        "}",
        f"{where} .md-typeset .md-button{idle} {{",
        f"  color: {s.link.hex()};",
        "}",
        f"{where} .md-typeset .md-button--primary{idle} {{",
        f"  color: {s.button_text.hex()};",
        f"  background-color: {s.button.hex()};",
        f"  border-color: {s.button.hex()};",
        "}",
    ]
