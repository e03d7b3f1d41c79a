"""scrape-residue: page furniture copied into an article by a scraper."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, assert_spans_match, cli_json, lint


def read(name: str) -> str:
    return (FIXTURES / "boilerplate" / name).read_text(encoding="utf-8")


def test_each_kind_of_residue_in_a_scraped_text_article():
    source = read("scraped.txt")
    findings = lint(source, "scrape-residue", name="scraped.txt")
    assert [(f.line, f.column, f.end_line, f.end_column, f.message) for f in findings] == [
        (3, 1, 3, 19, 'scraped page residue (author avatar): "Maria Lopez Avatar"'),
        (5, 1, 5, 3, 'scraped page residue (orphan byline): "By"'),
        (9, 1, 9, 14, 'scraped page residue (advertisement): "Advertisement"'),
        (
            13,
            1,
            13,
            46,
            'scraped page residue (share bar + call to action): "Share this story: Facebook | WhatsApp | Email"',
        ),
        (15, 1, 15, 28, 'scraped page residue (photo credit): "Photo: Tallis Harbour Board"'),
        (17, 1, 17, 49, 'scraped page residue (call to action): "Click here to subscribe to our morning briefing."'),
        (
            19,
            1,
            19,
            56,
            "scraped page residue (cookie notice + reader addressed + site wording): "
            '"We use cookies to improve your experience on this site."',
        ),
        (21, 1, 21, 39, 'scraped page residue (related link): "Related: Ferry fares to rise in spring"'),
        (25, 1, 27, 25, 'scraped page residue (related-headlines block): "More from Tallis Courier"'),
        (31, 1, 33, 28, 'scraped page residue (related-headlines block): "Read more"'),
    ]
    assert_spans_match(source, findings)
    assert findings[-1].excerpt == "Read more\nPort traffic hits record high\nNew lighthouse keeper named"


def test_bylines_sentences_about_sharing_and_header_like_subheads_are_not_residue():
    assert lint(read("clean.md"), "scrape-residue", name="clean.md") == []


def test_keep_reading_list_of_bullets_is_one_finding():
    source = (
        "# Port deal signed\n\nThe deal was signed on Monday.\n\nKEEP READING\n\n"
        "- Harbour master retires after 30 years\n- Fishing quotas cut again\n"
    )
    findings = lint(source, "scrape-residue")
    assert [(f.line, f.end_line, f.excerpt.splitlines()[0]) for f in findings] == [(5, 8, "KEEP READING")]
    assert_spans_match(source, findings)


BEFORE = "The harbour board approved the dredging plan on Tuesday after a debate that ran late into the evening."
AFTER = (
    "Work on the northern quay is expected to start in the spring and to last about eighteen months, officials said."
)


def between_paragraphs(line: str, name: str = "article.md") -> list:
    """The scrape-residue findings on an article with this line between two paragraphs of prose."""
    return lint(f"# Harbour plan approved\n\n{BEFORE}\n\n{line}\n\n{AFTER}\n", "scrape-residue", name=name)


RESIDUE = [
    ("You have read 4 of your 5 free articles this month.", "counter"),
    ("This is your last free article this month.", "counter"),
    ("2 free articles left. Register for unlimited access.", "counter"),
    ("Listen to this story · 6 min", "counter"),
    ("Press play to listen · 3:45", "counter"),
    ("This story takes about 4 minutes to read", "counter"),
    ("Comments (14)", "counter"),
    ("Advertisement · Scroll to continue", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("SPONSORED BY HARBOUR BANK", "advertisement"),
    ("Content from our partner", "advertisement"),
    ("Jane Okafor is a reporter covering transport for the Tallis Courier. Follow her on X @janeokafor.", "author bio"),
    ("Sam Hale covers politics for the Tallis Courier. Reach him on Twitter @samhale.", "author bio"),
    ("© 2026 Tallis Courier. All rights reserved.", "copyright line"),
    ("This material may not be published, broadcast, rewritten or redistributed.", "copyright line"),
    ("Sign up for our morning briefing and get the day's news in your inbox.", "call to action"),
    ("Want more stories like this? Join our free newsletter.", "call to action"),
    ("Please disable your ad blocker to continue.", "call to action"),
    ("Bookmark this story", "call to action"),
    ("By continuing to browse you agree to our use of cookies.", "cookie notice"),
    ("Manage cookie settings", "call to action"),
    ("Follow us on Facebook, Instagram and TikTok", "share bar"),
    ("Tweet | Share | Pin | Email", "button row"),
    ("Available on Google Play", "app-store badge"),
    ("Photograph: Tallis Harbour Board", "photo credit"),
    ("AFP via Getty Images", "photo credit"),
    ("Illustration by Sam Hale", "photo credit"),
    ("Related coverage: Quay repairs delayed again", "related link"),
    ("MORE: Harbour master retires after 30 years", "related link"),
    ("Last updated on 5 March 2026 at 09:14", "timestamp"),
    ("Author avatar for Ana Ruiz", "author avatar"),
    ("Play audio (5 min)", "counter"),
    ("Narrated by Ana Ruiz · 9:02", "counter"),
    ("Free articles remaining: 2", "counter"),
    ("Unlock unlimited reading for just $1 a week.", "price offer"),
    ("Supported by the Tallis Foundation", "advertisement"),
    ("We value your privacy. We and our partners store and access information on your device.", "cookie notice"),
    ("Pictured: the harbour at dawn", "photo credit"),
    ("Source: Getty Images", "photo credit"),
    ("About the author: Sam Hale has covered city hall since 2018.", "related link"),
    ("Last modified: 5 March 2026", "timestamp"),
    ("Add a comment", "call to action"),
    ("Previous story", "page control"),
    ("Text size", "page control"),
    ("Estimated read: 5 min", "counter"),
    ("Branded content", "advertisement"),
    ("Contact Sam Hale at sam.hale@gazette.example or on X @samhale", "contact handle"),
    ("Reproduction in whole or in part without permission is prohibited.", "copyright line"),
    ("Scan the QR code to download our app", "call to action"),
    ("Show comments", "call to action"),
    ("3/12", "counter"),
    ("Agencies", "photo credit"),
    ("TALLISCOURIER.COM", "site address"),
    ("Release Date:", "empty label"),
    ("quay.html - Created 03-10-2004 2:20pm - Last Modified: 03-10-2004 2:20pm", "timestamp"),
    ("March 12, 2026", "timestamp"),
    ("Latest update Thu 12 March 2026, 10:32 GMT", "timestamp"),
    ("12 March 2026 News", "timestamp"),
    ("For breaking news and live updates, download the Tallis Courier app for iOS and Android.", "call to action"),
    ("If you are reading this in the app, tap here to see the gallery.", "call to action"),
    ("For weekend offers and local news sign up to our Friday newsletter.", "call to action"),
    ("We may earn a commission when you buy through links on this page.", "disclosure"),
    ("This post contains affiliate links.", "disclosure"),
    ("Our reviews are independent: advertisers do not influence what we pick.", "disclosure"),
    ("Support our local journalism with a one-off contribution.", "support appeal"),
    ("Become a member today and keep the Courier free for everyone.", "support appeal"),
    ("We need your help to keep reporting from the coast.", "support appeal"),
    ("Donate", "support appeal"),
    ("Photo source: Tallis Harbour Board", "photo credit"),
    ("Featured image: the lighthouse at dusk", "photo credit"),
    ("The lighthouse at dusk via Unsplash", "photo credit"),
    ("Then sign up for our weekly newsletter to get the harbour news first.", "call to action"),
    ("If you're on the Courier app, tap here for the live map", "call to action"),
    ("View all 24 photos", "page control"),
]

PROSE = [
    "The council voted to share the cost of the new footbridge with the county.",
    "Subscribers to the service will pay five per cent more from April, the company said.",
    '"Follow the money," the auditor told the committee.',
    "Follow the money, the investigators said, and the trail leads to the harbour board.",
    "Join us, the protesters chanted as they marched past the town hall.",
    "Follow-up inspections found no further problems.",
    "Facebook and Twitter were both fined by the regulator last year.",
    "The app, which has two million users, was removed from the App Store on Friday.",
    "Three of the five councillors voted against the plan.",
    "The interview lasted 12 minutes and was broadcast live.",
    "Copyright lawyers say the ruling could affect thousands of songs.",
    "The cookie factory will close in June with the loss of 80 jobs.",
    "Advertising revenue fell by 12 per cent in the third quarter.",
    "Sponsored by the county council, the scheme pays for insulation.",
    "Ana Ruiz is a nurse who has worked at the clinic for a decade.",
    "Sam Hale was a reporter for the Gazette before he entered politics.",
    "Email evidence shown to the court suggested the deal was agreed in March.",
    "Photographs of the wreck were released by the coastguard on Monday.",
    "Reuters reported that the deal was worth $2bn.",
    "Like many coastal towns, Tallis depends on tourism.",
    "Some 12 comments were received during the consultation.",
    "Updated guidance for schools will be issued next week.",
    "The festival is supported by the Tallis Foundation and the county council.",
    "Pictured in 1990, the pier has since been rebuilt twice.",
    "Sources close to the board said the vote was unanimous.",
    "Privacy campaigners have criticised the new cameras.",
    "Residents can listen to the debate on local radio.",
    "He was sentenced to 18 months in prison.",
    "Next year the council will review the parking charges.",
    "Unlike last year, the harvest came in early.",
    "Show organisers said the event would go ahead.",
    "Branded goods made up a tenth of the haul.",
    "Read aloud in court, the letter drew gasps from the public gallery.",
    "Credit card debt rose for a sixth month.",
    "The harbour master said:",
    "Three of 12 boats were lost.",
    "Tallis.com was sold in 2019 for an undisclosed sum.",
    "— Ana Ruiz (@anaruiz) March 12, 2026",
    "Born 12 March 1950 in Tallis to a family of boat builders",
    "The harbour reopened on 12 March 2026.",
    "For years the ferry company refused to publish its timetable online.",
    "If the vote passes, residents will get the new bins in May.",
    "When the storm hit, follow-up checks on the sea wall were delayed.",
    "For the first time, subscribers will pay more for the app on Android.",
    "Affiliate marketers earn a commission on each sale they refer.",
    "The couple made a donation to the lifeboat station.",
    "Residents can become a member of the trust for ten pounds a year.",
    "Police said they needed help to find the driver of the van.",
    "Support for the plan has grown since the vote.",
    "Then follow the coast road for two miles to the lighthouse.",
    "For older boats, install the new x-band radar before the season starts.",
    "Giving gifts to officials is banned under the new code.",
]


@pytest.mark.parametrize(("line", "signal"), RESIDUE)
def test_residue_worded_in_many_ways_is_found_and_says_which_signal_fired(line, signal):
    findings = between_paragraphs(line)
    assert [(f.line, f.excerpt) for f in findings] == [(5, line)]
    assert signal in findings[0].message.split("(", 1)[1].split(")")[0].split(" + ")


@pytest.mark.parametrize("line", PROSE)
def test_prose_that_mentions_sharing_subscribing_or_following_is_not_residue(line):
    assert between_paragraphs(line) == []
    assert between_paragraphs(line, name="article.txt") == []


def test_a_finding_names_every_signal_that_fired():
    findings = between_paragraphs("Sign up for our newsletter")
    assert [f.message for f in findings] == [
        'scraped page residue (call to action + site wording + isolated short line): "Sign up for our newsletter"'
    ]


def test_the_threshold_option_sets_how_much_evidence_a_line_needs():
    source = f"# Harbour plan approved\n\n{BEFORE}\n\n{AFTER}\n\nWatch the video\n\nAdvertisement\n"
    default = lint(source, "scrape-residue")
    assert [f.excerpt for f in default] == ["Advertisement"]  # "Watch the video": a short call to action, 0.8
    lower = lint(source, "scrape-residue", options={"scrape-residue": {"threshold": 0.6}})
    assert [f.excerpt for f in lower] == ["Watch the video", "Advertisement"]
    higher = lint(source, "scrape-residue", options={"scrape-residue": {"threshold": 2.0}})
    assert higher == []


def test_a_line_of_your_own_patterns_is_flagged_whatever_its_score():
    findings = lint(
        f"# Harbour plan approved\n\n{BEFORE}\n\nTallis Courier Extra\n",
        "scrape-residue",
        options={"scrape-residue": {"lines": {"house promo": "^Tallis Courier Extra$"}}},
    )
    assert [(f.line, f.message) for f in findings] == [
        (5, 'scraped page residue (house promo): "Tallis Courier Extra"')
    ]


def test_link_text_in_an_html_article_adds_to_a_short_lines_score(tmp_path):
    def page(last: str) -> str:
        return (
            "<html><body><article>\n<h1>Harbour plan approved</h1>\n"
            f"<p>{BEFORE}</p>\n<p>{AFTER}</p>\n<ul>\n<li>{last}</li>\n</ul>\n</article></body></html>\n"
        )

    def findings(source: str) -> list[dict]:  # the whole article element: extraction drops a link at its foot
        path = tmp_path / "page.html"
        path.write_text(source)
        return cli_json("check", "--whole-page", "--select", "scrape-residue", str(path))["findings"]

    linked = page("<a href='/video/42'>Watch the video</a>")
    found = findings(linked)
    assert [(f["line"], f["column"], f["excerpt"], f["message"]) for f in found] == [
        (6, 25, "Watch the video", 'scraped page residue (call to action + link density): "Watch the video"')
    ]
    assert_spans_match(linked, found)
    assert findings(page("Watch the video")) == []


def test_the_credit_that_ends_a_caption_is_residue_and_the_caption_is_not():
    def figure(caption: str) -> str:
        return f"<figure><img src='storm.jpg'><figcaption>{caption}</figcaption></figure>\n"

    source = (
        "<html><body><article>\n<h1>Storm hits the coast</h1>\n"
        f"<p>{BEFORE}</p>\n"
        + figure("Waves over the sea wall at Port Tallis on Tuesday. Photo: Ana Ruiz")
        + figure("The harbour road after the storm (Maria Lopez/Reuters)")
        + figure("Sandbags at the lifeboat station. Getty Images")
        + figure("A picture by a reader shows the flooded square.")
        + f"<p>{AFTER}</p>\n</article></body></html>\n"
    )
    findings = lint(source, "scrape-residue", name="storm.html")
    assert [(f.line, f.excerpt) for f in findings] == [
        (4, "Photo: Ana Ruiz"),
        (5, "(Maria Lopez/Reuters)"),
        (6, "Getty Images"),
    ]
    assert {f.message.split(":")[0] for f in findings} == {"scraped page residue (photo credit in a caption)"}
    assert_spans_match(source, findings)


def test_a_share_bar_with_one_network_a_line_is_residue_and_a_lone_network_name_is_not():
    bar = lint(f"# Harbour plan\n\n{BEFORE}\n\nFacebook\n\nWhatsApp\n\nTelegram\n\n{AFTER}\n", "scrape-residue")
    assert [(f.line, f.excerpt) for f in bar] == [(5, "Facebook"), (7, "WhatsApp"), (9, "Telegram")]
    assert between_paragraphs("Facebook") == []


FOOT_BIO = (
    "Morwenna Price is the founder of a walking club on the coast path and writes about the harbour towns of the "
    "south coast. Her first book, a guide to the ferries of the estuary and the villages they serve, came out last "
    "spring, and a second, on the lighthouses, is due next year after three years in the county archives."
)


def test_a_bio_at_the_foot_in_italics_about_someone_the_article_has_not_named_is_residue_however_long():
    source = f"# Harbour plan approved\n\n{BEFORE}\n\n{AFTER}\n\n*{FOOT_BIO}*\n"
    findings = lint(source, "scrape-residue")
    assert [(f.line, f.column, f.end_column, f.message.split(":")[0]) for f in findings] == [
        (7, 2, len(FOOT_BIO) + 2, "scraped page residue (author bio)")
    ]
    assert_spans_match(source, findings)
    page = (
        f"<html><body><article><h1>Harbour plan</h1><p>{BEFORE}</p><p><em>{FOOT_BIO}</em></p></article></body></html>"
    )
    assert [f.excerpt for f in lint(page, "scrape-residue", name="page.html")] == [FOOT_BIO]


def test_a_foot_bio_in_roman_a_named_person_or_a_bio_shaped_line_mid_article_is_not_residue():
    assert lint(f"# Harbour plan approved\n\n{BEFORE}\n\n{AFTER}\n\n{FOOT_BIO}\n", "scrape-residue") == []
    named = f"# Harbour plan approved\n\nMorwenna Price chairs the harbour board.\n\n{BEFORE}\n\n*{FOOT_BIO}*\n"
    assert lint(named, "scrape-residue") == []
    surname = f"# Harbour plan approved\n\n{BEFORE} Ms Price voted for it.\n\n*{FOOT_BIO}*\n"
    assert lint(surname, "scrape-residue") == []
    middle = f"# Harbour plan approved\n\n{BEFORE}\n\n*{FOOT_BIO}*\n\n{AFTER}\n\n{BEFORE}\n"
    assert lint(middle, "scrape-residue") == []


def test_a_bare_list_header_left_alone_between_paragraphs_is_residue_and_a_subhead_naming_a_topic_is_not():
    for header in ("## Related", "## Related videos", "Most read"):
        source = f"# Harbour plan approved\n\n{BEFORE}\n\n{header}\n\n{AFTER}\n"
        findings = lint(source, "scrape-residue")
        assert [(f.line, f.excerpt, f.message.split(" (")[1].split(")")[0]) for f in findings] == [
            (5, header.lstrip("# "), "related-headlines header")
        ]
    assert lint(f"# Harbour plan approved\n\n{BEFORE}\n\n## More from the debate\n\n{AFTER}\n", "scrape-residue") == []
