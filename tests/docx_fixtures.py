"""Word documents built with python-docx for the tests: a story with headings, lists, a quote, a table, a
comment and tracked changes."""

from __future__ import annotations

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def _tracked(paragraph, tag: str, text: str, change_id: int) -> None:
    """Append a tracked insertion (tag "w:ins") or deletion ("w:del") of text to the paragraph."""
    change = OxmlElement(tag)
    change.set(qn("w:id"), str(change_id))
    change.set(qn("w:author"), "Desk Editor")
    change.set(qn("w:date"), "2026-03-05T09:00:00Z")
    run = OxmlElement("w:r")
    piece = OxmlElement("w:delText" if tag == "w:del" else "w:t")
    piece.text = text
    piece.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(piece)
    change.append(run)
    paragraph._p.append(change)


def build_story(path) -> list[str]:
    """Write a story to path; returns the text of each body paragraph as copydesk should read it, in order."""
    document = docx.Document()
    document.add_heading("Harbour plan approved after long debate", level=1)
    document.add_paragraph("By Ana Ruiz")
    document.add_paragraph(
        "PORT TALLIS — The harbour board approved the the dredging plan on Tuesday after a debate that ran late."
    )
    commented = document.add_paragraph("Work on the northern quay will start in the spring, officials said.")
    document.add_comment(commented.runs, text="Check the date with the board", author="Desk Editor")
    document.add_heading("What happens next", level=2)
    document.add_paragraph("Dredging of the channel.", style="List Bullet")
    document.add_paragraph("Repairs to the sea wall.", style="List Bullet")
    document.add_paragraph("We waited a long time for this, and it is good news for the town.", style="Quote")
    tracked = document.add_paragraph("The board said the plan would cost ")
    _tracked(tracked, "w:del", "£2m", 1)
    _tracked(tracked, "w:ins", "£3m", 2)
    tracked.add_run(" over three years.")
    broken = document.add_paragraph("Advertisement")
    broken.add_run().add_break()  # a soft line break inside a paragraph reads as a space
    document.add_paragraph("")
    document.add_paragraph("Councillors voted 9 to 2 in favour, and the the work begins in April.")
    document.save(path)
    return [
        "Harbour plan approved after long debate",
        "By Ana Ruiz",
        "PORT TALLIS — The harbour board approved the the dredging plan on Tuesday after a debate that ran late.",
        "Work on the northern quay will start in the spring, officials said.",
        "What happens next",
        "Dredging of the channel.",
        "Repairs to the sea wall.",
        "We waited a long time for this, and it is good news for the town.",
        "The board said the plan would cost £3m over three years.",
        "Advertisement ",
        "",
        "Councillors voted 9 to 2 in favour, and the the work begins in April.",
    ]


def build_table(path) -> None:
    """Write a document with a paragraph, a two-cell table and a paragraph after it."""
    document = docx.Document()
    document.add_paragraph("The fares rise in March, and the the operator blames fuel.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Adult single"
    table.cell(0, 1).text = "£4.20"
    document.add_paragraph("Fares last rose in 2024.")
    document.save(path)
