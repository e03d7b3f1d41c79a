"""The signals that the scraped-residue classifier weighs, one small function each.

Each signal looks at one line of a block (`ResidueLine`) and returns a weight: 0 when it does not fire, about 1 when
it is enough on its own (an ad label, a copyright line, a paywall counter), less when it only counts together with
another (an imperative call to action, the reader addressed as "you", web-site wording, an isolated short line).
`linter.analysis.residue` adds the weights up and flags the line when the sum reaches the rule's threshold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from linter.model.document import CAPTION, HEADING, LIST_ITEM, TITLE

STRONG = 1.0  # enough on its own at the default threshold
SUPPORT = 0.5  # needs another signal
HINT = 0.3  # tips a line over only together with a stronger signal

SHORT_LINE_WORDS = 8  # a label, a button, a credit: at most this many words
PROMPT_MAX_WORDS = 40  # calls to action and notices are rarely longer; longer lines are prose, and not scored
PROSE_PARAGRAPH_WORDS = 15  # a neighbouring paragraph at least this long is running prose
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")  # a line that ends like a sentence, perhaps inside a quote

WORD = re.compile(r"[\w'’&.-]*\w")
SENTENCE_STARTS = re.compile(r"(?<=[.?!:])\s+")  # where a line's sentences (or a label's text) begin


@dataclass
class ResidueLine:
    """One line of a block, with what the signals need to know about where it sits."""

    text: str  # the line, stripped
    kind: str  # the block kind
    words: list[str]
    quoted: bool  # the line opens inside quotation marks (a quoted "follow the money" is the speaker's)
    previous_words: int  # words on the nearest line before it (0 at the top)
    next_words: int  # words on the nearest line after it (0 at the end)
    from_top: int  # lines before it in the document
    from_bottom: int  # lines after it in the document
    link_share: float | None = None  # share of its characters inside links (HTML only; None elsewhere)
    name_seen_before: bool = True  # a person named at its start is named on an earlier line too
    set_apart: bool = False  # the whole line is in italics or small print (<em>, <i>, <small>, *...* in Markdown)
    in_button_run: bool = False  # the line, or the one before or after it, is also a network's name alone

    @property
    def short(self) -> bool:
        return len(self.words) <= SHORT_LINE_WORDS

    @property
    def is_sentence(self) -> bool:
        return SENTENCE_END.search(self.text) is not None


CALL_TO_ACTION_VERBS = (
    "share|subscribe|sign up|sign in|log in|register|listen|watch|follow|download|click|tap|get|join|"
    "read|continue reading|keep reading|learn more|find out more|see|view|try|upgrade|unlock|support|"
    "donate|become|allow|accept|manage|enable|turn on|install|save|email|print|copy|like us|comment|leave|"
    "skip|scroll|send|contact|explore|visit|go back|back to|start|claim|don't miss|never miss|stay|"
    "create|disable|turn off|whitelist|add us|tell us|enter|choose|renew|bookmark|gift|hear|pin|scan|show|hide|"
    "add a comment|add your comment|report an error|report a correction|"
    "be the first to|have your say"
)
CALL_TO_ACTION = re.compile(
    r"^(?:please\s+|(?:click|tap|press) (?:here|below|the button) to\s+|don'?t forget to\s+|"
    r"(?:then|so|simply|just),?\s+)?"
    rf"(?:{CALL_TO_ACTION_VERBS})(?=[\s:!.,]|$)",
    re.IGNORECASE,
)
# A call to action after an opening clause: "For the latest updates, download our app", "If you're reading this on
# the app, click here", "For breaking news alerts follow us on X". The clause ends at a comma, or (without one) at a
# noun for the site's content; the verb is one of those that ask for a sign-up, an install or a follow.
LEADING_CLAUSE_CALL = re.compile(
    r"^(?:for|to|if|when|want|looking for|stay)\b[^.!?,;:]{1,80}?"
    r"(?:,\s*|\b(?:news|updates|stories|coverage|headlines|alerts|information|details|offers|content)\s+)"
    r"(?:please\s+)?(?:sign up|download|subscribe|click|tap|follow|get|install|join|register|visit|like us|"
    r"check out|head to|go to)\b(?!-)",
    re.IGNORECASE,
)
# What such a call asks the reader to use: the site's app, newsletter or feeds, or a network.
CALL_OBJECT = re.compile(
    r"\b(?:apps?|newsletters?|podcasts?|alerts|notifications|inbox|ios|android|iphone|facebook|twitter|instagram|"
    r"whatsapp|tiktok|youtube|telegram|linkedin|threads|bluesky)\b",
    re.IGNORECASE,
)
# What a prompt asks the reader to act on (the site, its products), and how soon.
PROMPT_OBJECT = re.compile(
    r"\b(?:us|our|this (?:story|article|page|post|video|episode|podcast)|here|for free|free|"
    r"for (?:unlimited|full|digital) access|to (?:continue|read|keep reading|listen|watch|comment))\b|"
    r"^(?:\S+ ){1,2}(?:now|today)\b(?!['’])",
    re.IGNORECASE,
)
# What the site wants from the reader: a subscription, a sign-up, a share, a follow, an install.
CONVERSION = re.compile(
    r"\b(?:subscribe|sign up|register|log in|sign in|donate|upgrade|download|install|share|follow|join)\b",
    re.IGNORECASE,
)
# A site's disclosure of how it earns from what it recommends: affiliate links, commissions, advertisers.
DISCLOSURE = re.compile(
    r"\b(?:advertiser|affiliate|advertising|editorial|sponsorship) (?:disclosure|policy)\b|"
    r"\baffiliate (?:links?|commissions?|partners?(?:hips?)?|programs?|programmes?|marketing)\b|"
    r"\b(?:earn|receive|get|make|be paid) (?:a |an )?(?:small |tiny )?(?:affiliate )?"
    r"(?:commissions?|compensation|fees?|share of (?:the )?(?:sales?|revenue))\b|"
    r"\bat no (?:extra|additional) cost to you\b|\b(?:sponsored|paid|partner) links?\b|"
    r"\badvertisers? (?:do not|don't|does not|doesn't|cannot|can't|never) (?:influence|affect|determine|pay for)\b",
    re.IGNORECASE,
)
# The site speaking for itself, or to the reader: what makes a disclosure or an appeal the site's own.
SITE_VOICE = re.compile(
    r"\b(?:we|we're|we’re|we've|we’ve|our|us|i|my|you|your|this (?:site|post|page|article))\b", re.I
)
# An appeal for money or membership: "Support our journalism", "Make a contribution", "Become a member".
APPEAL = re.compile(
    r"\bsupport (?:our|independent|quality|local|public[- ]interest|this|the)(?: [\w-]+)? "
    r"(?:journalism|reporting|newsroom|work|site|mission|newsletter|podcast)\b|"
    r"\b(?:make|making|give|giving) (?:a |an )?(?:one-off |one-time |monthly |annual |small |regular )?"
    r"(?:contribution|donation)\b|"
    r"\bdonate (?:now|today|here|to us|to keep|to support|to help)\b|^donate\b|"
    r"\bbecome (?:a |an )?(?:member|supporter|patron|subscriber|friend of)\b|"
    r"\bhelp us (?:to )?(?:continue|keep|grow|reach|spread|fund|do|bring|stay)\b|"
    r"\bwe need your (?:help|support)\b|\b(?:funded|supported|powered) by (?:our )?readers\b|"
    r"\breader[- ](?:funded|supported)\b|\bchip in\b",
    re.IGNORECASE,
)
SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you’re|yours|you've|you’ve)\b", re.IGNORECASE)
SITE_WORDING = re.compile(
    r"\b(?:newsletters?|inbox|cookies?|notifications?|push alerts?|(?:the|our|free) app|podcasts?|subscriptions?|"
    r"subscribers?|paywall|ad ?blockers?|browser|javascript|premium|free trial|(?:unlimited|digital|full) access|"
    r"privacy policy|terms (?:of|and) (?:use|service|conditions)|account|logged in|signed in|sign-?up|"
    r"(?:news |breaking news |email |text )?alerts|(?:our|independent|quality) journalism|"
    r"email address|comments? section|gift (?:this )?article|bookmark|apps? for (?:ios|android|iphone)|ios|android)\b",
    re.IGNORECASE,
)
NETWORKS = re.compile(
    r"\b(?:facebook|twitter|x|whatsapp|linkedin|instagram|tiktok|pinterest|reddit|telegram|messenger|youtube|"
    r"threads|bluesky|mastodon|snapchat|flipboard|email|e-mail|sms|copy link|app store|google play)\b",
    re.IGNORECASE,
)
SHARE_SEPARATORS = re.compile(r"[|·•/]")
AD_LABEL = re.compile(
    r"^(?:advertisement|advertising|advert|ads?|sponsored(?: content| post| feature)?|promoted(?: content)?|"
    r"paid (?:post|content|partnership|promotion)|partner content|"
    r"(?:in partnership|presented|brought to you|supported|funded|in association) (?:by|with)|"
    r"(?:story|article|content) continues (?:below|after)(?: (?:this|the) (?:ad|advert|advertisement))?|"
    r"continue reading below|skip (?:advert|advertisement|ad))"
    # then the end, a separator, "by ..." after a label, or the sponsor's name after "... by" or "... with"
    r"(?:\s*$|\s*[:|·•\-–—(]|\s+(?:by|from|for)\s|(?<=by|th)\s)",
    re.IGNORECASE,
)
COPYRIGHT = re.compile(
    r"©|\(c\)\s*(?:19|20)\d\d|\bcopyright\s*(?:©\s*)?(?:19|20)\d\d|\ball rights reserved\b|"
    r"\bmay not be (?:re)?(?:published|produced|broadcast|distributed|written)\b|"
    r"\b(?:reproduction|republication|redistribution)\b.{0,60}\b(?:prohibited|forbidden|not permitted)\b",
    re.IGNORECASE,
)
PAYWALL_COUNTER = re.compile(
    r"\b\d+\s+(?:of|out of)\s+(?:your\s+|the\s+|\d+\s+)?\d*\s*(?:free\s+|complimentary\s+|remaining\s+|gift\s+)?"
    r"(?:articles?|stories|reads|pieces|gift articles)\b|"
    r"\b\d+\s+(?:free\s+)?(?:articles?|stories)\s+(?:left|remaining)\b|"
    r"\b(?:your|last|final) (?:free|complimentary) (?:articles?|stories|reads)\b|"
    r"\b(?:free|complimentary) (?:articles?|stories|reads)\b.{0,30}\b(?:this|per|a) (?:month|week)\b|"
    r"\blimit of (?:free )?(?:articles?|stories)\b|\b(?:article|story|reading) limit\b|"
    r"\bfree (?:articles?|stories) (?:left|remaining)\b",
    re.IGNORECASE,
)
AD_WORD = re.compile(
    r"\b(?:advertisements?|adverts?|advertorial|sponsored|promoted|paid (?:partnership|post|content|promotion)|"
    r"partner content|(?:branded|advertiser|commercial) content|from our (?:commercial )?partners?|"
    r"in partnership with)\b",
    re.IGNORECASE,
)
INTERACTION_COUNT = re.compile(
    r"^\d[\d,.]*k?\s+(?:comments?|replies|shares|likes|views|reactions)$|"
    r"^(?:comments?|replies|shares|likes|views|reactions)\s*[(:]?\s*\d[\d,.]*k?\)?$",
    re.IGNORECASE,
)
READING_TIME = re.compile(r"\b\d+\s*(?:-\s*)?(?:min|mins|minutes?|m|sec|secs|seconds?)\s+(?:read|listen|watch)\b", re.I)
MEDIA_PROMPT = re.compile(
    r"\b(?:listen(?:ing)?|hear|narrated|watch(?:ing)?|play|read(?:ing)?|audio|video|podcast)\b",
    re.IGNORECASE,
)
# A gallery's or slideshow's place ("2/5", "3 of 12") standing alone on a line.
SLIDE_COUNTER = re.compile(r"^\d{1,3}\s*(?:/|of)\s*\d{1,3}$", re.IGNORECASE)
DURATION = re.compile(r"\b\d+\s*(?:min|mins|minutes?|sec|secs|seconds?)\b|\b\d{1,2}:\d\d\b", re.IGNORECASE)
TIMESTAMP = re.compile(
    r"^(?:updated|published|posted|last updated|first published|last modified|modified|edited)\b"
    r".{0,40}(?:\d{1,2}[:.]\d\d|\bago\b|(?:19|20)\d\d)",
    re.IGNORECASE,
)
# The same labels after a separator, as in "story.html - Created 03-10-2004 - Last Modified: 03-10-2004".
TIMESTAMP_FIELD = re.compile(
    r"\s[-–—|·•]\s+(?:updated|published|posted|last updated|last modified|modified|created)\s*:?\s*"
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\w+ \d{1,2},? (?:19|20)\d\d|\d{1,2} \w+ (?:19|20)\d\d)",
    re.IGNORECASE,
)
# A date written out, with its time if it has one: "May 4, 2022", "Tue 12 March 2026, 10:32 GMT", "2022-05-04".
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)\b\.?"
)
WRITTEN_DATE = re.compile(
    r"\b(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?,?\s+)?"
    rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+(?:19|20)\d\d|"
    r"(?:19|20)\d\d-\d\d-\d\d|\d{1,2}/\d{1,2}/(?:19|20)\d\d)"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)?",
    re.IGNORECASE,
)
DATE_LINE_OTHER_WORDS = 2  # besides the date, a label such as "Latest update" or "News"
ATTRIBUTION = ("—", "–", "-")  # "— Ana Ruiz (@ana) May 4, 2022": an embedded post's or a quotation's source
# A line that is only a site's name as its address ("BVINEWS.COM", "example.org"): a source credit or a logo.
BARE_DOMAIN = re.compile(
    r"^(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|co\.uk|co|uk|us|info|news)$", re.I
)
# A field's label whose value the page fills in with a script, left empty ("Release Date:", "Filed Under:").
EMPTY_LABEL = re.compile(r"^[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){1,2}:$")
AGENCIES = (
    "getty images|reuters|ap photo|ap|afp|epa|pa media|pa wire|pa|shutterstock|alamy|bloomberg|istock|"
    "istockphoto|anadolu|xinhua|rex features|rex|dpa|ansa|agencies|unsplash|pexels|pixabay|wikimedia commons"
)
PHOTO_CREDIT = re.compile(
    r"^\(?(?:photos?|images?|pictures?|pictured|photograph|illustration|graphic|video|credit|photo credit|"
    r"image credit|(?:photo|image|picture) source|(?:featured|header|lead|main|top|cover|hero) (?:image|photo|picture)"
    r"(?: credit| source)?)\s*:|"
    r"^image (?:copyright|caption|source)\b|"
    rf"^(?:source|credit)\s*:\s*(?:{AGENCIES})\b|"
    rf"^\(?(?:photo(?:graph)? by [^()]+[/,] ?)?(?:{AGENCIES})(?: via (?:{AGENCIES}))?\)?$|"
    rf"(?:[/|]\s*|\bvia )(?:{AGENCIES})\)?$|\((?:photo(?:graph)?:?\s*)?[^()]{{0,40}}[/,]\s*(?:{AGENCIES})\)$|"
    rf"\b(?:photo(?:graph|graphy)?s?|images?|pictures?|illustrations?|graphics?|video) (?:by|courtesy of|credit:?|"
    rf"supplied by|from) [^.]{{0,40}}$",
    re.IGNORECASE,
)
# The credit at the end of a caption: "... on Tuesday. Photo: Ana Ruiz", "... (Maria Lopez/Reuters)".
CAPTION_CREDIT = re.compile(
    r"(?:\(\s*)?(?:"
    r"(?i:\b(?:photo(?:graph)?|image|picture|illustration)s?(?: credit)?\s*:\s*)[^.:;()]{1,60}|"
    r"(?i:\b(?:photo(?:graph)?|image|picture|illustration)s? (?:by|courtesy of) )[^.:;()]{1,60}|"
    rf"\b[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){{0,3}}\s*/\s*(?i:{AGENCIES})\b|"
    rf"(?i:\b(?:(?:photo |image )?via )?(?:{AGENCIES}))(?= ?\)?$)"
    r")\s*\)?\s*$"
)
# The page's own controls, standing alone on a line.
PAGE_CONTROL = re.compile(
    r"^(?:next|previous|prev|older|newer)(?: (?:article|story|post|page|item|slide|image))$|"
    r"^(?:text|font) size$|^back to top$|^skip to (?:main )?content$|^(?:open|close) (?:menu|gallery)$|^loading\W*$|"
    r"^(?:show|view|see) (?:all|more)(?: \d+)?(?: (?:photos|images|pictures|comments|stories|results|replies))?$|"
    r"^show (?:less|fewer)$",
    re.IGNORECASE,
)
NAVIGATION_LABEL = re.compile(
    r"^(?:related(?: \w+)?|read (?:more|next|also)|see also|also read|more(?: (?:on|from|about) [\w .&'’-]{1,40})?|"
    r"further reading|recommended(?: for you)?|trending(?: now)?|up next|most (?:read|popular|viewed)|"
    r"(?:you (?:may|might) )?also like|don'?t miss|keep reading|continue reading|latest(?: \w+)?|top stories|"
    r"editor'?s picks?|watch|listen|explore more|about the (?:author|writer|reporter))\s*[:»›>|]\s*\S",
    re.IGNORECASE,
)
AVATAR = re.compile(
    r"^(?:[A-Z][\w.'’-]+ ){1,4}[Aa]vatar$|^(?:author|user|profile|contributor)(?:'s)? (?:avatar|photo|picture|image|"
    r"headshot)\b|^avatar (?:for|of) ",
    re.IGNORECASE,
)
ORPHAN_BYLINE = re.compile(r"^(?:by|written by|posted by|words by|reporting by|story by)\s*:?$", re.IGNORECASE)
COOKIE = re.compile(r"\b(?:cookies?|privacy|consent|personal data)\b", re.IGNORECASE)
CONSENT_WORDING = re.compile(
    r"\b(?:we|our|you|your|accept|consent|settings|preferences|policy|browse|browsing|agree|site|website|"
    r"partners|personalis[ea]|personaliz[ea]|tracking|experience|choices|device|store|access|value|manage)\b",
    re.IGNORECASE,
)
PERSON_NAME = r"(?:[A-Z][a-z’'-]+|[A-Z]\.)(?: (?:[A-Z][a-z’'-]+|[A-Z]\.|de|van|von|al|bin)){1,3}"
JOURNALIST = (
    "reporter|correspondent|editor|writer|journalist|columnist|contributor|producer|critic|photographer|"
    "photojournalist|anchor|presenter|intern|fellow|author|freelancer|analyst"
)
BIO = re.compile(
    rf"^{PERSON_NAME} (?:(?:is|has been|joined [\w ]+ as) (?:a|an|the|our)\b(?: [\w'’-]+){{0,5}}? (?:{JOURNALIST})s?\b|"
    r"(?:covers|has covered|reports on|writes about|writes for)\b)"
)
# A bio's opening, whatever the person does: "Jane Doe is the founder of ...", "Sam Hale writes about ...". At the
# article's foot, about someone the article has not named, it is the author's bio.
FOOT_BIO = re.compile(
    rf"^(?P<name>{PERSON_NAME}),? (?:is (?:a|an|the|our|one of|currently)\b|"
    r"(?:writes|covers|reports on|has (?:written|covered|reported|worked)|teaches|works as|lives in)\b)"
)
FOOT_LINES = 2  # the bio is the article's last line, or the last but a short one
BIO_MAX_WORDS = 120  # a foot bio may be a paragraph; longer than this it is the article's prose
BIO_DETAIL = re.compile(
    rf"\b(?:{JOURNALIST})s? (?:covering|who covers|who writes about|reporting on|based in|for|at|with)\b"
)
CONTACT = re.compile(
    r"(?<![\w.])@\w{2,}|\b[\w.+-]+@[\w-]+\.[\w.]+\b|"
    r"\b(?:follow|reach|email|contact) (?:him|her|them|me|us) (?:on|at)\b",
    re.IGNORECASE,
)
REPORTING = re.compile(
    r"\b(?:said|says|told|according to|added|announced|reported|asked|urged|warned|wrote|argued|insisted|claimed|"
    r"chanted|shouted|cried|replied)\b"
)
PRICE_OFFER = re.compile(
    r"[$£€]\s?\d[\d.,]*\s*(?:a|per|/|each)\s*(?:week|month|year|wk|mo|yr)\b|\bunlimited (?:reading|access|stories)\b",
    re.IGNORECASE,
)
BUTTON_ROW = re.compile(r"\s*[|·•]\s*")
APP_STORE = re.compile(r"\b(?:app store|google play|play store)\b", re.IGNORECASE)


def ad_label(line: ResidueLine) -> float:
    """A line that opens with an ad label ("Advertisement · Scroll to continue"), or a short line that is not a
    sentence and names an advertisement ("Story continues below advertisement")."""
    if line.kind == TITLE:
        return 0.0
    if len(line.words) <= 10 and AD_LABEL.search(line.text) and not (line.is_sentence and len(line.words) > 6):
        return STRONG
    return STRONG if line.short and not line.is_sentence and AD_WORD.search(line.text) else 0.0


def copyright_line(line: ResidueLine) -> float:
    return STRONG if len(line.words) <= 30 and COPYRIGHT.search(line.text) else 0.0


def counter(line: ResidueLine) -> float:
    """A paywall counter ("4 of 5 free articles"), a reading or listening time ("6 min read", "Listen · 6 min")."""
    if PAYWALL_COUNTER.search(line.text) or READING_TIME.search(line.text):
        return STRONG
    if len(line.words) <= 10 and MEDIA_PROMPT.search(line.text) and DURATION.search(line.text):
        return STRONG if not line.is_sentence or SHARE_SEPARATORS.search(line.text) else 0.0
    return STRONG if INTERACTION_COUNT.match(line.text) or SLIDE_COUNTER.match(line.text) else 0.0


def timestamp(line: ResidueLine) -> float:
    """A published or updated time: a line that opens with its label, the label as a field after a separator, or
    a date with at most a label beside it that is not a sentence (a subhead's date in a timeline stays)."""
    if len(line.words) <= 10 and TIMESTAMP.search(line.text):
        return STRONG
    dated = line.kind not in (TITLE, HEADING) and not line.is_sentence and not line.text.startswith(ATTRIBUTION)
    if dated and WRITTEN_DATE.search(line.text):
        if len(WORD.findall(WRITTEN_DATE.sub(" ", line.text))) <= DATE_LINE_OTHER_WORDS:
            return STRONG
    return STRONG if len(line.words) <= 16 and not line.is_sentence and TIMESTAMP_FIELD.search(line.text) else 0.0


def site_address(line: ResidueLine) -> float:
    return STRONG if BARE_DOMAIN.match(line.text) else 0.0


def empty_label(line: ResidueLine) -> float:
    return STRONG if line.kind not in (TITLE, HEADING) and EMPTY_LABEL.match(line.text) else 0.0


def share_bar(line: ResidueLine) -> float:
    """Social network and app-store names standing as buttons: two or more of them between separators, beside a
    share verb, or with no other lower-case word (a sentence naming the networks has verbs of its own)."""
    names = NETWORKS.findall(line.text) if len(line.words) <= 16 else []
    if not names:
        return 0.0
    distinct = {n.lower() for n in names}
    rest = NETWORKS.sub(" ", line.text)
    buttons = not re.search(r"\b[a-z]{3,}\b", re.sub(r"\b(?:share|on|via|and|or|with|to|us|follow)\b", " ", rest))
    if len(distinct) >= 2 and (SHARE_SEPARATORS.search(line.text) or CALL_TO_ACTION.match(line.text) or buttons):
        return STRONG
    if line.short and CALL_TO_ACTION.match(line.text) and not line.quoted:
        return SUPPORT
    if line.in_button_run and NETWORKS.fullmatch(line.text.strip(" |·•")):  # a share bar, one button a block
        return STRONG
    return 0.0


def app_store(line: ResidueLine) -> float:
    """An app-store badge: "Available on the App Store", "Get it on Google Play"."""
    return STRONG if line.short and not line.is_sentence and APP_STORE.search(line.text) else 0.0


def button_row(line: ResidueLine) -> float:
    """Short items between bars or dots ("Print | Email | Save"): a row of buttons or links, not a sentence."""
    items = BUTTON_ROW.split(line.text)
    if len(items) < 2 or len(line.words) > 16 or any(len(item.split()) > 3 or not item for item in items):
        return 0.0
    return STRONG if len(items) >= 3 else SUPPORT


def photo_credit(line: ResidueLine) -> float:
    if len(line.words) > 14:
        return 0.0
    return STRONG if PHOTO_CREDIT.search(line.text) else 0.0


def caption_credit(line: ResidueLine) -> tuple[int, int] | None:
    """The [start, end) span of the photo credit that ends a caption line, if it ends with one (and has text before
    it: a line that is only a credit is scored as a whole)."""
    if line.kind != CAPTION:
        return None
    m = CAPTION_CREDIT.search(line.text)
    if m is None or m.start() == 0:
        return None
    credit = m.group()
    start = m.start() + len(credit) - len(credit.lstrip())
    return start, start + len(credit.strip())


def navigation_link(line: ResidueLine) -> float:
    """A "Related: <headline>" or "Read more: <headline>" line: a navigation label, a colon, a link's text."""
    return STRONG if line.kind != TITLE and NAVIGATION_LABEL.search(line.text) else 0.0


def page_control(line: ResidueLine) -> float:
    return STRONG if PAGE_CONTROL.match(line.text) else 0.0


def author_avatar(line: ResidueLine) -> float:
    return STRONG if line.short and AVATAR.search(line.text) else 0.0


def orphan_byline(line: ResidueLine) -> float:
    return STRONG if ORPHAN_BYLINE.match(line.text) else 0.0


def cookie_notice(line: ResidueLine) -> float:
    """Cookies named beside the words of a consent notice (we, you, accept, browse, preferences, partners...)."""
    if len(line.words) > PROMPT_MAX_WORDS or REPORTING.search(line.text) or not COOKIE.search(line.text):
        return 0.0
    return STRONG if len({m.lower() for m in CONSENT_WORDING.findall(line.text)}) >= 2 else 0.0


def call_to_action(line: ResidueLine) -> float:
    """A line that opens with an imperative asking the reader to act, or has one after an opening clause and names
    an app, a newsletter or a network ("For the latest news, download our app"): more when it is short, names the
    site or "now", or asks for a subscription, a share or a follow."""
    if line.quoted or line.kind == TITLE or len(line.words) > PROMPT_MAX_WORDS:
        return 0.0
    sentences = SENTENCE_STARTS.split(line.text)
    if not any(CALL_TO_ACTION.match(s) for s in sentences) and not (
        any(LEADING_CLAUSE_CALL.match(s) for s in sentences) and CALL_OBJECT.search(line.text)
    ):
        return 0.0
    if REPORTING.search(line.text):  # "Follow the money, the investigators said."
        return 0.0
    weight = SUPPORT + (HINT if line.short else 0.0) + (HINT if PROMPT_OBJECT.search(line.text) else 0.0)
    return weight + (HINT if CONVERSION.search(line.text) else 0.0)


def disclosure(line: ResidueLine) -> float:
    """The site's disclosure of affiliate links and commissions, in its own voice ("We may earn a commission")."""
    if line.quoted or REPORTING.search(line.text) or not SITE_VOICE.search(line.text):
        return 0.0
    return STRONG if DISCLOSURE.search(line.text) else 0.0


def support_appeal(line: ResidueLine) -> float:
    """An appeal for money or membership in the site's voice or as an imperative: "Support our journalism", "Become a
    member today"."""
    if line.quoted or line.kind == TITLE or REPORTING.search(line.text):
        return 0.0
    if not APPEAL.search(line.text):
        return 0.0
    imperative = any(APPEAL.match(sentence) for sentence in SENTENCE_STARTS.split(line.text))
    own_voice = imperative or SITE_VOICE.search(line.text) or line.short and not line.is_sentence
    return STRONG if own_voice else 0.0


def reader_address(line: ResidueLine) -> float:
    """The reader addressed as "you" outside quotation marks, in a line too short to be a review's prose."""
    if line.quoted or len(line.words) > 25 or REPORTING.search(line.text):
        return 0.0
    return HINT if SECOND_PERSON.search(line.text) else 0.0


def price_offer(line: ResidueLine) -> float:
    """A price per week, month or year in a short line that reports nothing: a subscription offer."""
    if len(line.words) > 15 or REPORTING.search(line.text):
        return 0.0
    return SUPPORT if PRICE_OFFER.search(line.text) else 0.0


def site_wording(line: ResidueLine) -> float:
    """The vocabulary of the web site rather than of the story: newsletter, inbox, app, paywall, account..."""
    if len(line.words) > PROMPT_MAX_WORDS or REPORTING.search(line.text):
        return 0.0
    found = {m.lower() for m in SITE_WORDING.findall(line.text)}
    return 0.0 if not found else HINT if len(found) == 1 else SUPPORT


def caps_label(line: ResidueLine) -> float:
    if line.kind == TITLE or len(line.words) > 5:
        return 0.0
    letters = [c for c in line.text if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters):
        return 0.0
    return SUPPORT


def isolated_short_line(line: ResidueLine) -> float:
    """A short line that is not a sentence, between two paragraphs of running prose (where a button sits)."""
    if line.kind in (TITLE, HEADING) or not line.short or line.is_sentence:
        return 0.0
    between_prose = line.previous_words >= PROSE_PARAGRAPH_WORDS and line.next_words >= PROSE_PARAGRAPH_WORDS
    return HINT if between_prose else 0.0


def author_bio(line: ResidueLine) -> float:
    """A "Jane Doe is a reporter covering ..." line: stronger with a beat, at the top or foot of the article, or with
    a handle or address. At the article's foot, a "Name is a/the ..." or "Name writes about ..." line about someone
    the article has not named before weighs 0.5 whatever the person does, even a long one, and 1 when it is set
    apart in italics or small print as a bio is."""
    if line.quoted or len(line.words) > BIO_MAX_WORDS:
        return 0.0
    at_foot = line.from_bottom == 0 or line.from_bottom < FOOT_LINES and line.next_words < PROSE_PARAGRAPH_WORDS
    foot_bio = at_foot and not line.name_seen_before and FOOT_BIO.match(line.text) is not None
    foot_weight = SUPPORT + (SUPPORT if line.set_apart else 0.0) if foot_bio else 0.0
    if not BIO.match(line.text) or len(line.words) > PROMPT_MAX_WORDS:
        return foot_weight
    weight = SUPPORT
    weight += HINT if BIO_DETAIL.search(line.text) else 0.0
    weight += HINT if min(line.from_top, line.from_bottom) <= 2 else 0.0
    return max(foot_weight, weight + (SUPPORT if CONTACT.search(line.text) else 0.0))


def contact_handle(line: ResidueLine) -> float:
    """An @handle, an e-mail address or "follow her on": more when there are two ways to reach someone."""
    if len(line.words) > 25 or line.quoted:
        return 0.0
    found = len(CONTACT.findall(line.text))
    return 0.0 if not found else HINT if found == 1 else SUPPORT


def link_density(line: ResidueLine) -> float:
    """Most of a short HTML line is link text: a menu item, a button, a related link."""
    if line.link_share is None or line.link_share < 0.6 or len(line.words) > 15:
        return 0.0
    return SUPPORT if line.kind == LIST_ITEM or line.short else HINT


# (name used in the finding's message, signal), strongest kinds first: a finding names the signals that fired.
SIGNALS = (
    ("advertisement", ad_label),
    ("copyright line", copyright_line),
    ("counter", counter),
    ("timestamp", timestamp),
    ("share bar", share_bar),
    ("app-store badge", app_store),
    ("button row", button_row),
    ("photo credit", photo_credit),
    ("related link", navigation_link),
    ("page control", page_control),
    ("site address", site_address),
    ("empty label", empty_label),
    ("author avatar", author_avatar),
    ("orphan byline", orphan_byline),
    ("cookie notice", cookie_notice),
    ("disclosure", disclosure),
    ("support appeal", support_appeal),
    ("author bio", author_bio),
    ("call to action", call_to_action),
    ("reader addressed", reader_address),
    ("price offer", price_offer),
    ("site wording", site_wording),
    ("all-caps label", caps_label),
    ("contact handle", contact_handle),
    ("link density", link_density),
    ("isolated short line", isolated_short_line),
)
SIGNAL_NAMES = tuple(name for name, _ in SIGNALS)
ANY_LENGTH = {"author bio"}  # the signals that also score lines longer than a prompt
