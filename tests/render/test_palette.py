"""Every Material palette, in the light and the dark scheme, in shades that read at 4.5:1."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import material
import pytest

from builder.core.contrast import TEXT, UI, Rgba, contrast, reads_on
from builder.core.models import MaterialAccent, MaterialColor
from builder.render import palette
from builder.render.palette import SCHEMES, SURFACES, palette_shades, palette_stylesheet
from builder.render.theme import PRINT_COLOURS

PRIMARIES = typing.get_args(MaterialColor)
ACCENTS = typing.get_args(MaterialAccent)


def _material_palette_css() -> str:
    folder = Path(material.__file__).parent / "templates/assets/stylesheets"
    return next(folder.glob("palette.*.min.css")).read_text("utf-8")


def _declared(css: str, selector: str, prop: str) -> str | None:
    """The value a rule of exactly this selector gives a property (Material's minified CSS)."""
    for rule in re.finditer(r"([^{}]+)\{([^{}]*)\}", css):
        if selector in rule.group(1).split(","):
            found = re.search(rf"(?:^|;){re.escape(prop)}:([^;]+)", rule.group(2))
            if found:
                return found.group(1).strip()
    return None


def test_the_colours_are_those_of_the_installed_material() -> None:
    """When Material changes a colour, this says which: the shades start from Material's own."""
    css = _material_palette_css()
    for name, colour in palette.PRIMARY.items():
        declared = _declared(css, f"[data-md-color-primary={name}]", "--md-primary-fg-color")
        if declared and declared.startswith("#"):
            assert declared == colour, name
    for name, colour in palette.ACCENT.items():
        declared = _declared(css, f"[data-md-color-accent={name}]", "--md-accent-fg-color")
        if declared and declared.startswith("#"):
            assert Rgba.parse(declared) == Rgba.parse(colour), name
    for name, colour in palette.LINK["default"].items():
        declared = _declared(
            css,
            f"[data-md-color-primary={name}]:not([data-md-color-scheme=slate])",
            "--md-typeset-a-color",
        ) or _declared(css, f"[data-md-color-primary={name}]", "--md-typeset-a-color")
        assert declared == colour, name
    for name, colour in palette.LINK["slate"].items():
        selector = f"[data-md-color-scheme=slate][data-md-color-primary={name}]"
        assert _declared(css, selector, "--md-typeset-a-color") == colour, name
    dark = {name for name in palette.PRIMARY
            if _declared(css, f"[data-md-color-primary={name}]", "--md-primary-bg-color")
            in ("#000000de", "hsla(var(--md-hue), 0%, 0%, 0.87)")}  # fmt: skip
    assert dark == palette.DARK_ON


def test_every_colour_of_site_yml_has_material_colours() -> None:
    assert {palette.engine_name(p) for p in PRIMARIES} == set(palette.PRIMARY)
    assert {palette.engine_name(a) for a in ACCENTS} == set(palette.ACCENT)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("primary", PRIMARIES)
def test_every_primary_and_accent_reads_in_both_schemes(primary: str, scheme: str) -> None:
    surfaces = SURFACES[scheme]
    for accent in ACCENTS:
        s = palette_shades(primary, accent, scheme)
        assert contrast(s.header_text, s.header) >= TEXT, "header"
        assert reads_on(s.link, surfaces, TEXT), "links and outline buttons"
        assert reads_on(s.accent, surfaces, TEXT), "links on hover, search highlights"
        assert contrast(s.accent_text, s.accent) >= TEXT, "buttons on hover"
        assert contrast(s.button_text, s.button) >= TEXT, "filled buttons"
        assert contrast(s.button, surfaces[0]) >= UI or s.button == s.header, "filled buttons"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_colour_that_already_reads_is_left_as_material_made_it(scheme: str) -> None:
    """Only failing colours change: indigo's header stays #4051b5, teal's gets darker."""
    indigo = palette_shades("indigo", "indigo", scheme)
    assert indigo.header.hex() == palette.PRIMARY["indigo"]
    teal = palette_shades("teal", "amber", scheme)
    assert teal.header.hex() != palette.PRIMARY["teal"]
    assert contrast(Rgba.parse("#ffffff"), Rgba.parse(palette.PRIMARY["teal"])) < TEXT
    assert palette_shades("yellow", "amber", "slate").link.hex() == palette.PRIMARY["yellow"]


def test_the_stylesheet_sets_each_scheme_to_its_shades() -> None:
    css = palette_stylesheet("deep purple", "light green")
    for scheme in SCHEMES:
        s = palette_shades("deep purple", "light green", scheme)
        rule = re.search(
            rf'\[data-md-color-scheme="{scheme}"\]\[data-md-color-primary\]'
            r"\[data-md-color-accent\] \{([^}]*)\}",
            css,
        )
        assert rule is not None
        values = dict(re.findall(r"(--[\w-]+): ([^;]+);", rule.group(1)))
        assert values["--md-primary-fg-color"] == s.header.hex()
        assert values["--md-primary-bg-color"] == s.header_text.hex()
        assert values["--md-typeset-a-color"] == s.link.hex()
        assert values["--md-accent-fg-color"] == s.accent.hex()
        assert values["--md-accent-bg-color"] == s.accent_text.hex()
    assert palette_stylesheet("teal", "amber") == palette_stylesheet("teal", "amber")


def test_every_print_colour_reads_on_paper() -> None:
    """The PDFs print links and headings in the primary's print colour, on white."""
    assert {palette.engine_name(p) for p in PRINT_COLOURS} == set(palette.PRIMARY)
    for name, colour in PRINT_COLOURS.items():
        assert contrast(Rgba.parse(colour), Rgba(255, 255, 255)) >= TEXT, name
