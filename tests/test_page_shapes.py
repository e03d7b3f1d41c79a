"""Web pages in other shapes than a news site's <article>: the clean text keeps the body whole and leaves out
the furniture around it (menus, share bars, comments, the next story, related links and their dates)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, assert_spans_match, cli_json, run_cli

from linter.readers.files import decode

SHAPES = FIXTURES / "web" / "shapes"

EXPECTED = {
    "amp-page": [
        "Lifeboat station wins award",
        "The crew of the Tallis lifeboat on the slipway.",
        (
            "The Tallis lifeboat station has won a national award for its work with schools, after its "
            "volunteers taught more than three thousand children how to stay safe on the beach this year."
        ),
        (
            "The station manager said the crew were proud of the award, and that the lessons would go on next "
            "summer with a new class for teenagers who swim and paddle off the rocks."
        ),
    ],
    "brief": [
        "Coast road reopens",
        "The coast road reopened on Friday.",
    ],
    "brief-fr": [
        "Le port rouvre lundi",
        (
            "Le port de Tallis rouvrira lundi matin après trois jours de fermeture à cause de la tempête, a "
            "annoncé la capitainerie."
        ),
    ],
    "comments": [
        "Library to open on Sundays",
        (
            "The town library will open on Sunday afternoons from next month, after a petition signed by more "
            "than two thousand residents asked the council to extend its hours."
        ),
        (
            "The extra hours will be paid for by a grant from a local trust, and volunteers from the friends of "
            "the library group will help the staff at the desk on the first few weekends."
        ),
    ],
    "div-page": [
        "Ferry timetable cut for winter",
        "By Ana Ruiz",
        (
            "The harbour ferry will run every two hours instead of every hour from November, the operator said "
            "on Tuesday, after a summer in which passenger numbers fell by a fifth."
        ),
        (
            "The company blamed the rising cost of fuel and a shortage of trained crew, and said the hourly "
            "service would return in April if bookings recovered over the winter months."
        ),
        (
            "Commuters who cross the estuary each morning said the change would add up to an hour to their "
            "journeys, and the town council has asked the operator to keep the early sailings."
        ),
    ],
    "live-blog": [
        "Live: storm reaches the coast",
        (
            "Winds of up to 80mph have been recorded on the headland this morning, and the coastguard has asked "
            "people to stay away from the sea front until the tide turns this afternoon."
        ),
        (
            "The harbour bridge has been closed to lorries and caravans, the county council says, and drivers "
            "are being sent on a twelve-mile diversion through the hills to the north of the town."
        ),
        (
            "Schools in three villages along the estuary will stay shut today, after the head teachers said that "
            "buses could not run safely on the coast road while the storm passes through."
        ),
    ],
    "next-stories": [
        "Tide mill grinds flour again",
        (
            "The old tide mill at the head of the creek ground its first sack of flour in sixty years on Saturday, "
            "after volunteers spent four winters rebuilding the wheel and the sluice gates that hold back the sea."
        ),
        (
            "The mill works only when the tide turns, so the millers start at odd hours: the first grinding began "
            "just after five in the morning, watched by a small crowd with flasks of tea on the quay."
        ),
        "How the mill works",
        (
            "Sea water fills the pond behind the dam on the rising tide, and on the ebb it is let out under the "
            "wheel, which turns the stones for about four hours until the pond runs low."
        ),
        (
            "The trust that owns the mill plans to sell the flour in the village shop and to open the building to "
            "schools from the spring, with guided tours on the first Sunday of each month."
        ),
    ],
    "related-links": [
        "Bus fares to rise in April",
        (
            "Single bus fares in the county will go up by 20p in April, the operator said on Monday, blaming the "
            "cost of fuel and the end of a government cap on fares that ran for two years."
        ),
        (
            "Passenger groups said the rise would hit older people and students hardest, because they make most "
            "of the short trips into town that the higher fare will apply to."
        ),
        (
            "The operator said that weekly and monthly tickets would not change, and that it would keep the free "
            "travel scheme for children under five that it started last year."
        ),
        (
            "A council spokesperson said the authority would look at whether it could pay for cheaper fares on "
            "the routes that serve the hospital and the college from next year."
        ),
    ],
    "two-articles": [
        "Pier repairs to start in spring",
        "By Owen Hale",
        (
            "Work to repair the storm-damaged pier will begin in March, the town council said on Thursday, after "
            "it won a grant of £1.2m from the coastal communities fund to pay for most of the job."
        ),
        (
            "Engineers found last winter that six of the iron piles under the pier head had rusted through, and "
            "the far end has been closed to the public since the big storm in January."
        ),
        (
            "The council expects the repairs to take eight months, so the pier head should open again before the "
            "summer holidays of next year, a spokesman said."
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text_of_the_page_is_its_article_and_nothing_else(name):
    result = run_cli("text", str(SHAPES / f"{name}.html"))
    assert result.exit_code == 0
    assert result.stdout.rstrip("\n").split("\n\n") == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_on_the_page_read_back_as_their_excerpts(name):
    path = SHAPES / f"{name}.html"
    data = cli_json("check", "--no-cache", str(path))
    assert_spans_match(decode(path.read_bytes())[0], data["findings"])


def test_a_disclosure_a_call_to_action_an_appeal_and_a_foot_bio_are_residue_once_the_next_stories_are_dropped():
    path = SHAPES / "next-stories.html"
    data = cli_json("check", "--no-cache", "--select", "boilerplate", str(path))
    assert [(f["line"], f["column"], f["message"].split(":")[0]) for f in data["findings"]] == [
        (8, 23, "scraped page residue (disclosure + reader addressed)"),
        (14, 4, "scraped page residue (call to action + site wording)"),
        (15, 4, "scraped page residue (support appeal + call to action)"),
        (16, 8, "scraped page residue (author bio)"),
    ]
    assert_spans_match(decode(path.read_bytes())[0], data["findings"])
