"""Text stays text: whatever a field holds, Markdown (with the site's extensions) shows it as
written and makes no element of it, in every place a page template puts a field."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.core.literal import link_target, markdown_source, markdown_text, plain_line
from builder.render.site_engine import _markdown_extensions

HOSTILE = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "**x** and __y__ and _z_ and *w*",
    "<img src=x onerror=alert(2)>",
    "Title {: onclick=alert(3) }",
    "Learn C#",
    ":smile: :material-email: ~~gone~~ ~sub~",
    "a | b | c",
    "1. first",
    "2024. A good year",
    "- a list",
    "+ a list",
    "# a heading",
    "> a quote",
    "=== tabs",
    "??? note",
    "!!! warning",
    "---",
    "*[HTML]: Hyper Text",
    "[^1]: a footnote",
    "[TOC]",
    "`code` and ```fence```",
    "&amp; &lt;b&gt; &#42;",
    "back\\slash\\",
    "Term\n: definition",
    "snake_case and __init__",
    "quote \" and apostrophe '",
    "María José García López — ¡Olé!",
    "山田太郎 · Иван · محمد",
]

# Where the page templates of themes/default/site/ put a field.
CONTEXTS = [
    "# {}",
    "## {} — {}",
    "{}",
    "- {}",
    "- **{}:** {}",
    "-   **[{}](x.md)**\n\n    ---\n\n    {}",
    '!!! success "Result"\n\n    {}',
    "| a | b |\n|---|---|\n| {} | {} |",
    '<p class="sr-meta" markdown>\n<span>{}</span>\n</p>',
    '<p class="sr-headline">{}</p>',
    "[{}](x.md){{ .md-button }}",
]


def _site_markdown() -> tuple[list[str], dict[str, dict[str, object]]]:
    """The site engine's Markdown extensions, as Python-Markdown takes them."""
    names, configs = [], {}
    for entry in _markdown_extensions("Enlace permanente"):
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = config
    return names, configs


EXTENSIONS, CONFIGS = _site_markdown()


def render(source: str) -> BeautifulSoup:
    html = markdown.markdown(source, extensions=EXTENSIONS, extension_configs=CONFIGS)
    return BeautifulSoup(html, "html.parser")


def shown(soup: BeautifulSoup) -> str:
    """The text a reader sees, without the heading's permalink sign."""
    for permalink in soup.select("a.headerlink"):
        permalink.decompose()
    return " ".join(soup.get_text(" ").split())


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_text(context: str, value: str) -> None:
    """The value makes exactly the elements a plain word would, and is shown as written."""
    slots = context.count("{}")
    soup = render(context.format(*[markdown_text(value)] * slots))
    plain = render(context.format(*["PLACEHOLDER"] * slots))
    assert [e.name for e in soup.find_all(True)] == [e.name for e in plain.find_all(True)]
    assert soup.find(attrs=lambda attrs: any(a.startswith("on") for a in attrs or {})) is None
    expected = shown(plain).replace("PLACEHOLDER", flat(value))
    assert shown(soup) == " ".join(expected.split()), (context, value)


def test_every_hostile_value_stays_text_in_every_context() -> None:
    for value in HOSTILE:
        for context in CONTEXTS:
            assert_text(context, value)


def test_the_text_shown_is_exactly_the_value() -> None:
    for value in HOSTILE:
        assert shown(render(f"{markdown_text(value)}")) == flat(value)
        assert shown(render(f"# {markdown_text(value)}")) == flat(value)
        cell = render(f"| a |\n|---|\n| {markdown_text(value)} |").find("td")
        assert " ".join(cell.get_text(" ").split()) == flat(value)


# What the models accept in a field: no control characters (builder.models.Line and Text).
field_text = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), include_characters="\n\t"),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(field_text)
def test_any_text_is_shown_as_written(value: str) -> None:
    for context in ("{}", "# {}", "- {}"):
        soup = render(context.format(markdown_text(value)))
        expected = {"{}": ["p"], "# {}": ["h1", "a"], "- {}": ["ul", "li"]}[context]
        if not flat(value):
            continue
        assert [e.name for e in soup.find_all(True)] == expected, (context, value)
        assert shown(soup) == flat(value), (context, value)


def test_words_inside_a_word_keep_their_underscore() -> None:
    # so that ids such as q3_review still make working links in a theme's own templates
    assert markdown_text("q3_review") == "q3_review"


@settings(max_examples=200, deadline=None)
@given(st.lists(field_text, max_size=5))
def test_text_written_into_a_markdown_file_reads_as_written(lines: list[str]) -> None:
    body = markdown_source("\n\n".join(lines))
    assert shown(render(body)) == flat(" ".join(lines))
    assert {e.name for e in render(body).find_all(True)} <= {"p"}


def test_a_link_target_keeps_the_link_whole() -> None:
    url = "https://example.com/a_(b)/c d?x=1&y=<2>"
    link = render(f"[open]({link_target(url)})").find("a")
    assert link.get_text() == "open"
    assert link["href"] == "https://example.com/a_%28b%29/c%20d?x=1&y=%3C2%3E"


def test_plain_line_drops_what_has_no_place_in_a_field() -> None:
    assert plain_line("Acme\nCorp\u2028 Ltd\x00.\t") == "Acme Corp Ltd."
