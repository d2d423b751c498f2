"""The one Analysis, seen where a visitor meets it: the order of the stories on the site."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import write

STORY = """
---
title: {title}
result: {result}
date: {date}
---
"""


def test_indexes_list_quantified_stories_first_newest_first_within_each(tiny: Path, run) -> None:  # type: ignore[no-untyped-def]
    stories = {  # id: (result, date); the tiny portfolio adds faster-reporting (numbers, 2024-06)
        "newest-vague": ("Made the team calmer", "2025-03"),
        "older-vague": ("Improved the reports", "2021-01"),
        "older-counted": ("Costs cut by 12%", "2022-05"),
        "newest-counted": ("Churn down from 9% to 6%", "2025-01"),
    }
    for id, (result, date) in stories.items():
        write(
            tiny, f"content/achievements/{id}.md", STORY.format(title=id, result=result, date=date)
        )
    assert run("build", "--root", tiny).code == 0
    expected = [
        "newest-counted",
        "faster-reporting",
        "older-counted",
        "newest-vague",
        "older-vague",
    ]
    site = tiny / "build/site"
    listing = BeautifulSoup((site / "achievements/index.html").read_text("utf-8"), "html.parser")
    cards = [a["href"].strip("/") for a in listing.select(".grid.cards > ul > li a")]
    assert cards == expected
    home = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    highlights = [a["href"].split("/")[-2] for a in home.select(".grid.cards > ul > li a")]
    assert highlights == expected
