"""Whose voice a block is in: the writer's narrative, or other people's words printed as they came.

Blocks that are not the writer's narrative (`block_voices`), found from the layout alone, once per document:

- `comment`: readers' comments, a run of messages each signed with a name and a place ("Dave Hill, Leeds",
  "Ana Ruiz from Porto, Portugal"), signed on the message's last line or in a short block of its own; also every
  block after a header that introduces them ("Your comments", "Have your say", "Readers' views"); and, with no
  signature or header, a report followed by a run of readers' messages (`_unsigned_comment_blocks`): the
  paragraphs change from reported news (attributions, few "I"s) to messages that speak as "I", ask or exclaim,
  and stay that way to the end.
- `letter`: a quoted letter, from a block that opens "Dear ..." to one that opens "Yours ..." or "Sincerely".
- `qa`: a question-and-answer transcript, paragraphs that open with "Q:" / "A:" or with the labels of two or more
  speakers who each speak twice or more ("HOST:", "Jane Doe:"), and the unlabelled paragraphs between them.
- `service`: a closing one-sentence paragraph that tells the reader where to find more ("You can hear more on
  the programme", "Follow us on ...", "Read the full report at ..."): the publisher's note, not the story.
- `quote-list`: a run of three or more blocks each mostly inside quotation marks: a list of quotes, where a lost
  quotation mark must not turn the rest of a block into the writer's words.

`narrative_register` measures the writer's own register over the narrative (outside quotations and the blocks
above): questions and exclamations the writer asks, and contractions ("it's", "don't") outside quotes. Hard news
has none; features, analysis and columns, which use "you" and "we" on purpose, have them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from linter.model.document import HEADING, LIST_ITEM, PARAGRAPH, TITLE, block_lines

COMMENT = "comment"
LETTER = "letter"
QA = "qa"
QUOTE_LIST = "quote-list"
SERVICE = "service"

NAME = r"[A-Z][\w'’.-]*(?: (?:[A-Z][\w'’.-]*|de|van|von|da|al|bin))*"
PLACE = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*| of| upon| on){0,3}"
SIGNATURE = re.compile(rf"(?:[-–—]\s*)?{NAME}(?:,| from| in) {PLACE}(?:, {PLACE})?")
COMMENTS_HEADER = re.compile(
    r"(?:here (?:is|are) (?:a selection of |some of )?)?(?:your|readers['’]?|reader) "
    r"(?:comments|views|say|letters|reactions?|e-?mails)|have your say|what you (?:think|said|told us)",
    re.IGNORECASE,
)
QA_LABEL = re.compile(r"(?:Q|A|Q\d+|Question|Answer)[:.]\s|[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}:\s")
LETTER_OPENING = re.compile(r"Dear (?:[A-Z][\w'’.-]*\s?){1,4},?")
LETTER_CLOSING = re.compile(r"(?:Yours(?: sincerely| faithfully| truly)?|Sincerely|Kind regards|Regards)\b", re.I)
CONTRACTION = re.compile(
    r"\b\w+n['’]t\b|\b(?:I|you|we|they|he|she|it|that|there|who|what)['’](?:re|ve|ll|m|d)\b"
    r"|\b(?:it|that|there|here|what|let|who)['’]s\b",
    re.IGNORECASE,
)
TEXT_KINDS = (PARAGRAPH, LIST_ITEM)
SERVICE_NOTE = re.compile(
    r"(?:You can|You may|You could) (?:also )?(?:hear|read|listen|watch|see|find|follow|download|contact|email|e-mail"
    r"|get in touch|share)\b|(?:Read|Listen|Watch|Follow|Click|Visit|Contact|Email|E-mail|Subscribe|Sign up)\b",
)
CLOSING_BLOCKS = 2  # a service note is among the document's last blocks
# A reader's message, outside quotation marks: "I", "me", "my" (also "I'm", "I've"), a question or an exclamation.
# Not "you": reviews and explainers address the reader in the writer's own voice. A reported paragraph: a reporting
# verb or a quotation.
MESSAGE_VOICE = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)\b|[?!](?=\s|$)")
ATTRIBUTION = re.compile(r"\b(?:said|says|told|added|according to|explained|claimed|insisted|argued|warned)\b")
MIN_REPORT_BLOCKS = 3  # paragraphs of report before the messages
MIN_MESSAGE_BLOCKS = 5  # paragraphs of messages after it
MESSAGE_SHARE = 0.65  # the least share of message paragraphs after the change
REPORT_MESSAGE_SHARE = 0.4  # the most share of message-like paragraphs in the report before it


@dataclass(frozen=True)
class Register:
    """The writer's own register over the narrative: its sentences, and how many of them ask a question or
    exclaim, and the contractions outside quotation marks."""

    sentences: int
    questions: int
    exclamations: int
    contractions: int

    @property
    def conversational(self) -> bool:
        """The writer talks to the reader: a question or exclamation of their own, or two contractions."""
        return self.questions + self.exclamations >= 1 or self.contractions >= 2


def _is_signature(text: str) -> bool:
    text = text.strip()
    return len(text.split()) <= 8 and not text.endswith((".", ":", ";")) and SIGNATURE.fullmatch(text) is not None


def _signed(block, source: str) -> bool:
    """The block ends with a signature: its last line, or the words after its last sentence's full stop."""
    lines = list(block_lines(block, source))
    if len(lines) > 1 and _is_signature(block.text[lines[-1][0] : lines[-1][1]]):
        return True
    tail = re.search(r"[.!?][\"”’]?\s+([^.!?]+)$", block.text)
    return tail is not None and _is_signature(tail.group(1))


def _comment_blocks(doc, blocks) -> set[int]:
    found = set()
    signed = [b for b in blocks if b.kind in TEXT_KINDS and (_is_signature(b.text) or _signed(b, doc.source))]
    if len(signed) >= 2:
        for block in signed:
            found.add(block.index)
            if _is_signature(block.text) and block.index > 0:  # a signature of its own signs the message above
                found.add(block.index - 1)
    header = False
    for block in blocks:
        if block.kind in (TITLE, HEADING) or (block.kind == PARAGRAPH and len(block.text.split()) <= 12):
            if COMMENTS_HEADER.search(block.text):
                header = True
                if block.kind == PARAGRAPH:  # "Here are some of your comments:" introduces them in their voice
                    found.add(block.index)
                continue
            if block.kind in (TITLE, HEADING):
                header = False
        if header and block.kind in TEXT_KINDS:
            found.add(block.index)
    return found


def _outside_quotes(block) -> str:
    """The block's text with its quotations blanked out."""
    text = list(block.text)
    for a, b in block.quotes:
        text[a:b] = " " * (min(b, len(text)) - a)
    return "".join(text)


def _reads_as_message(block) -> bool:
    """Outside quotation marks, the paragraph speaks as "I", or asks or exclaims (see `MESSAGE_VOICE`)."""
    return MESSAGE_VOICE.search(_outside_quotes(block)) is not None


def _unsigned_comment_blocks(blocks) -> set[int]:
    """The paragraphs after the point where a report turns into readers' messages with no signatures: at least
    `MIN_REPORT_BLOCKS` paragraphs of report (one of them attributed, at most `REPORT_MESSAGE_SHARE` of them
    message-like) and then at least `MIN_MESSAGE_BLOCKS` paragraphs to the end, `MESSAGE_SHARE` of them messages,
    the first one too. The change point is the one that agrees with the most paragraphs."""
    paragraphs = [b for b in blocks if b.kind == PARAGRAPH]
    messages = [_reads_as_message(b) for b in paragraphs]
    before = [0]  # before[k]: message-like paragraphs among the first k
    for is_message in messages:
        before.append(before[-1] + is_message)
    total, best = len(paragraphs), None
    attributed = False
    for k in range(total - MIN_MESSAGE_BLOCKS + 1):
        if k > 0:
            attributed = attributed or bool(ATTRIBUTION.search(paragraphs[k - 1].text) or paragraphs[k - 1].quotes)
        if k < MIN_REPORT_BLOCKS or not messages[k] or not attributed:
            continue
        head, tail = before[k], before[total] - before[k]
        if tail < MESSAGE_SHARE * (total - k) or head > REPORT_MESSAGE_SHARE * k:
            continue
        agreement = (k - head) + tail - ((total - k) - tail) - head
        if best is None or agreement > best[0]:
            best = (agreement, k)
    if best is None:
        return set()
    start = paragraphs[best[1]].index
    return {b.index for b in blocks if b.index >= start and b.kind in TEXT_KINDS}


def _letter_blocks(blocks) -> set[int]:
    found, inside = set(), False
    for block in blocks:
        if block.kind in (TITLE, HEADING):
            inside = False
            continue
        if LETTER_OPENING.match(block.text):
            inside = True
        if inside:
            found.add(block.index)
            if LETTER_CLOSING.match(block.text):
                inside = False
    return found


def _qa_blocks(blocks) -> set[int]:
    """Paragraphs of a transcript: labelled "Q:"/"A:", or by speakers' labels that each recur, two speakers or more
    ("Gold: ..., Silver: ..." label a list, not a conversation)."""
    labels = {}
    for block in blocks:
        m = QA_LABEL.match(block.text) if block.kind == PARAGRAPH else None
        if m:
            labels[block.index] = m.group(0).strip().rstrip(":.").lower()
    counts = Counter(labels.values())
    questions = {"q", "a", "question", "answer"}
    speakers = [label for label, n in counts.items() if n >= 2 or label in questions or label[:1] == "q"]
    if len(speakers) < 2:
        return set()
    labelled = sorted(i for i, label in labels.items() if label in speakers)
    found = set(labelled)
    for a, b in zip(labelled, labelled[1:]):  # an answer's later paragraphs, before the next label
        if all(blocks[i].kind == PARAGRAPH for i in range(a, b)):
            found.update(range(a, b))
    return found


def _mostly_quoted(block) -> bool:
    quoted = sum(min(b, len(block.text)) - a for a, b in block.quotes)
    return bool(block.text) and quoted >= 0.6 * len(block.text)


def _quote_list_blocks(blocks) -> set[int]:
    found, run = set(), []
    for block in blocks + [None]:
        if block is not None and block.kind in TEXT_KINDS and _mostly_quoted(block):
            run.append(block.index)
            continue
        if len(run) >= 3:
            found.update(run)
        run = []
    return found


def _service_blocks(blocks) -> set[int]:
    text_blocks = [b for b in blocks if b.kind in TEXT_KINDS][-CLOSING_BLOCKS:]
    return {
        b.index for b in text_blocks if SERVICE_NOTE.match(b.text) and len(re.findall(r"[.!?](?:\s|$)", b.text)) <= 1
    }


def find_block_voices(doc) -> dict[int, str]:
    """Block index -> the voice of each block that is not the writer's narrative (the kinds above)."""
    blocks = doc.blocks
    voices = {}
    for kind, indices in (
        (QUOTE_LIST, _quote_list_blocks(blocks)),
        (QA, _qa_blocks(blocks)),
        (LETTER, _letter_blocks(blocks)),
        (COMMENT, _comment_blocks(doc, blocks) | _unsigned_comment_blocks(blocks)),
        (SERVICE, _service_blocks(blocks)),
    ):
        voices.update(dict.fromkeys(indices, kind))
    return voices


def block_voices(doc) -> dict[int, str]:
    """The document's block voices, computed once (see `find_block_voices`)."""
    from linter.analysis.analyses import analyses_of

    return analyses_of(doc).block_voices


def others_voice(doc, block) -> str | None:
    """The voice of a block that is not the writer's narrative ("comment", "letter", "qa", "quote-list",
    "service"), or None."""
    return block_voices(doc).get(block.index)


def in_others_words(doc, block, start: int, end: int) -> bool:
    """True when [start, end) of a block is someone else's words: inside quotation marks, in a blockquote, or in a
    block of readers' comments, a letter, a Q&A transcript or a list of quotes."""
    return block.kind == "blockquote" or others_voice(doc, block) is not None or block.in_quote(start, end)


def measure_register(doc) -> Register:
    """The narrative register of the document's paragraphs (outside quotations and others' blocks)."""
    voices = block_voices(doc)
    sentences = questions = exclamations = contractions = 0
    for block in doc.prose((PARAGRAPH,)):
        if block.index in voices:
            continue
        for sentence in block.sentences:
            end = len(block.text[: sentence.end].rstrip())
            if end <= sentence.start or block.in_quote(sentence.start, end):
                continue
            sentences += 1
            last = block.text[end - 1]
            if not block.in_quote(end - 1):
                questions += last == "?"
                exclamations += last == "!"
            for m in CONTRACTION.finditer(block.text, sentence.start, end):
                contractions += not block.in_quote(m.start(), m.end())
    return Register(sentences, questions, exclamations, contractions)


def narrative_register(doc) -> Register:
    """The document's narrative register, computed once (see `measure_register`)."""
    from linter.analysis.analyses import analyses_of

    return analyses_of(doc).narrative_register
