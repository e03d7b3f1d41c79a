"""Vale's `spelling` rules and its built-in `Vale.Spelling`, checked the way Vale checks them.

Vale does not run Hunspell: it expands each `.dic` entry with its `.aff` prefixes and suffixes into a set of words
(with compound rules as patterns, `ICONV` conversions and `WORDCHARS`) and accepts a token found in that set as
written or in lower case, or one that is a number, a hex or binary number, a hash or a number with a known unit.
This module does the same, so a style's own dictionaries give Vale's alerts.

Vale's embedded default dictionary (`en_US-web`) is not packaged anywhere; the default here is the en_US Hunspell
dictionary that the `spylls` package ships (`pip install 'copydesk[vale-spelling]'`), the same SCOWL word list
family, so a word on the edge of the two lists can be judged differently. `COPYDESK_VALE_DICTIONARY` names another
`.dic` (its `.aff` beside it) to use instead, such as Vale's own en_US-web files.
"""

from __future__ import annotations

import codecs
import functools
import glob
import os
import re
import unicodedata
from dataclasses import dataclass, field

from linter.vale.patterns import Pattern
from linter.vale.rules import Rule, RuleFileError, format_message

DEFAULT_FILTERS = [re.compile(r"[A-Z]{1}[a-z]+[A-Z]+\w+"), re.compile(r"[A-Z]+$"), re.compile(r"[^a-zA-Z_']")]
NUMBER = re.compile(r"^([0-9]+[.,-]?)+$")
NUMBER_UNITS = re.compile(r"^[0-9]+[a-zA-Z]+$")
NUMBER_HEX = re.compile(r"^0?[x][0-9A-Fa-f]+$")
NUMBER_BINARY = re.compile(r"^0[b][01]+$")
SHA_HASH = re.compile(r"^[0-9a-z]{40}$")


class MissingDictionary(RuleFileError):
    """The default dictionary is needed but its package is not installed."""


@dataclass
class Affix:
    prefix: bool
    cross_product: bool
    rules: list[tuple[str, str, re.Pattern | None]] = field(default_factory=list)  # (strip, text, condition)

    def expand(self, word: str) -> list[str]:
        out = []
        for strip, text, condition in self.rules:
            if condition is not None and not condition.search(word):
                continue
            if self.prefix:
                out.append(text + word)
            else:
                stem = word[: len(word) - len(strip)] if strip and word.endswith(strip) else word
                out.append(stem + text)
        return out


@dataclass
class AffixFile:
    """The parts of a `.aff` file that Vale reads."""

    affixes: dict[str, Affix] = field(default_factory=dict)
    iconv: list[tuple[str, str]] = field(default_factory=list)
    compound_rules: list[str] = field(default_factory=list)
    compound_only: str = ""
    word_chars: str = ""
    compound_words: dict[str, list[str]] = field(default_factory=dict)

    def expand(self, entry: str) -> list[str]:
        """Every word one `.dic` entry stands for (`word/FLAGS`), as Vale expands it."""
        slash = entry.find("/")
        if slash == -1:
            return [entry]
        if slash == 0 or slash + 1 == len(entry):
            raise ValueError("slash char found in first or last position")
        word, flags = entry[:slash], entry[slash + 1 :]
        compound_only = False
        for flag in flags:
            if flag in self.compound_only:
                compound_only = True
            elif flag in self.compound_words:
                self.compound_words[flag].append(word)
        if compound_only:
            return []
        out, prefixes, suffixes = [word], [], []
        for flag in flags:
            affix = self.affixes.get(flag)
            if affix is None:
                continue
            if not affix.cross_product:
                out += affix.expand(word)
            elif affix.prefix:
                prefixes.append(affix)
            else:
                suffixes.append(affix)
        for suffix in suffixes:
            out += suffix.expand(word)
        for prefix in prefixes:
            prefixed = prefix.expand(word)
            out += prefixed
            for suffix in suffixes:
                for w in prefixed:
                    out += suffix.expand(w)
        return out


def read_affix_file(text: str) -> AffixFile:
    aff = AffixFile()
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        key = parts[0]
        if key == "ICONV" and len(parts) >= 3:
            aff.iconv.append((parts[1], parts[2]))
        elif key == "ONLYINCOMPOUND" and len(parts) >= 2:
            aff.compound_only = parts[1]
        elif key == "WORDCHARS" and len(parts) >= 2:
            aff.word_chars = parts[1]
        elif key == "COMPOUNDRULE" and len(parts) >= 2 and not parts[1].isdigit():
            aff.compound_rules.append(parts[1])
            for char in parts[1]:
                aff.compound_words.setdefault(char, [])
        elif key in ("PFX", "SFX") and len(parts) > 4:
            affix = aff.affixes.get(parts[1][0])
            if affix is None:
                raise ValueError(f"got rules for flag {parts[1][0]!r} but no definition")
            condition = parts[4]
            pattern = None
            if condition != ".":
                pattern = re.compile("^" + condition if affix.prefix else condition + "$")
            strip = "" if parts[2] == "0" else parts[2]
            affix.rules.append((strip, "" if parts[3] == "0" else parts[3], pattern))
        elif key in ("PFX", "SFX") and len(parts) > 3:
            if parts[2] not in ("Y", "N"):
                raise ValueError(f"CrossProduct is not Y or N: got {parts[2]!r}")
            aff.affixes[parts[1][0]] = Affix(prefix=key == "PFX", cross_product=parts[2] == "Y")
    return aff


def _encoding(aff_data: bytes) -> str:
    """The `.aff` file's `SET` encoding (both files are in it), UTF-8 when it names none Python knows."""
    match = re.search(rb"(?m)^SET\s+(\S+)", aff_data)
    name = match.group(1).decode("ascii", "replace") if match else "utf-8"
    try:
        codecs.lookup(name)
    except LookupError:
        return "utf-8"
    return name


@dataclass
class Dictionary:
    """One `.dic`/`.aff` pair as Vale holds it: the expanded words, compound patterns and input conversions."""

    words: frozenset[str]
    compounds: list[re.Pattern]
    iconv: list[tuple[str, str]]

    def spell(self, word: str, extra: set[str]) -> bool:
        if word in self.words or word.lower() in self.words or word in extra or word.lower() in extra:
            return True
        if NUMBER.match(word) or NUMBER_HEX.match(word) or NUMBER_BINARY.match(word) or SHA_HASH.match(word):
            return True
        if any(pattern.search(word) for pattern in self.compounds):
            return True
        if NUMBER_UNITS.match(word):
            units = word.lstrip("0123456789")
            return units in self.words or units in extra
        return False


@functools.lru_cache(maxsize=16)
def read_dictionary(dic_path: str, aff_path: str) -> Dictionary:
    """A dictionary from its two files (read once per process)."""
    with open(aff_path, "rb") as handle:
        aff_data = handle.read()
    with open(dic_path, "rb") as handle:
        dic_data = handle.read()
    encoding = _encoding(aff_data)
    aff = read_affix_file(aff_data.decode(encoding, errors="replace"))
    dic_text = dic_data.decode(encoding, errors="replace")
    words: set[str] = set()
    for number, line in enumerate(dic_text.splitlines()[1:], start=2):
        entry = line.split("\t")[0]
        try:
            words.update(aff.expand(entry))
        except ValueError as error:
            raise RuleFileError(f"{dic_path}:{number}: unable to process {line!r}: {error}") from None
    compounds = []
    for rule in aff.compound_rules:
        pattern = "^"
        for key in rule:
            if key in "()+?*":
                pattern += re.escape(key)
            else:
                pattern += "(" + "|".join(aff.compound_words.get(key, [])) + ")"
        compounds.append(re.compile(pattern + "$"))
    return Dictionary(frozenset(words), compounds, aff.iconv)


DICTIONARY_VARIABLE = "COPYDESK_VALE_DICTIONARY"


def default_dictionary() -> Dictionary:
    """The dictionary used where Vale uses its embedded one: the `.dic` that COPYDESK_VALE_DICTIONARY names (its
    `.aff` beside it), else the en_US one that the `spylls` package ships."""
    named = os.environ.get(DICTIONARY_VARIABLE, "")
    if named:
        dic = named if named.endswith(".dic") else named + ".dic"
        aff = dic[: -len(".dic")] + ".aff"
        for path in (dic, aff):
            if not os.path.isfile(path):
                raise RuleFileError(f"{DICTIONARY_VARIABLE}={named}: {path} not found (a .dic with its .aff beside it)")
        return read_dictionary(dic, aff)
    try:
        from importlib.resources import files

        folder = files("spylls.hunspell") / "data" / "en"
    except ModuleNotFoundError:
        raise MissingDictionary(
            "the default en_US dictionary comes with the spylls package: pip install 'copydesk[vale-spelling]'"
        ) from None
    return read_dictionary(str(folder / "en_US.dic"), str(folder / "en_US.aff"))


# Vale's word tokenizer (its IterTokenizer): split at white space, then peel prefixes and suffixes off each piece.
SANITIZE = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}
SPECIAL = re.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Z][a-z]{1,2}\.$")
PREFIXES = ("$", "(", '"', "[", "'")
SUFFIXES = (",", ")", '"', "]", "!", ";", ".", "?", ":", "'")
EMOTICONS = frozenset(
    "(-8 (-; (-_-) (._.) (: (= (o: (¬_¬) (ಠ_ಠ) (╯°□°）╯︵┻━┻ -__- 8-) 8-D 8D :( :(( :((( :() :))) :-) :-)) :-))) :-* "
    ":-/ :-X :-] :-o :-p :-x :-| :-} :0 :3 :P :] :`( :`) :`-( :o :o) =( =) =D =| @_@ O.o O_o V_V XDD [-: ^___^ "
    "o_0 o_O o_o v_v xD xDD ¯\\(ツ)/¯".split()
)


def _has_letter(text: str) -> bool:
    return any(unicodedata.category(c).startswith("L") for c in text)


def _split(token: str) -> list[str]:
    tokens, last = [], 0
    while token and len(token) != last:
        if token in EMOTICONS or SPECIAL.search(token):
            if _has_letter(token):
                tokens.append(token)
            break
        last = len(token)
        if any(len(token) > len(p) and token.startswith(p) for p in PREFIXES):
            token = token[1:]
        elif any(len(token) > len(s) and token.endswith(s) for s in SUFFIXES):
            token = token[:-1]
        elif _has_letter(token):
            tokens.append(token)
    return tokens


def tokenize(text: str) -> list[str]:
    """Vale's words of a text, in order."""
    for old, new in SANITIZE.items():
        text = text.replace(old, new)
    text = text.replace("&rsquo;", "'")
    return [word for piece in text.split() for word in _split(piece)]


@dataclass
class Spelling(Rule):
    """Each word that none of the rule's dictionaries (nor its ignore lists) knows is an alert."""

    dictionaries: list[Dictionary] = field(default_factory=list)
    ignored: set[str] = field(default_factory=set)
    filters: list[re.Pattern | Pattern] = field(default_factory=list)
    accepted: Pattern | None = None

    def run(self, text, file):
        for dictionary in self.dictionaries:
            for old, new in dictionary.iconv:
                text = text.replace(old, new)
        alerts = []
        for word in tokenize(text):
            if any(f.search(word) for f in self.filters):
                continue
            if any(d.spell(word, self.ignored) for d in self.dictionaries):
                continue
            if self.accepted is not None and self.accepted.search(word):
                continue
            start = text.find(word)
            alert = self.alert(text, start, start + len(word))
            alert.message = format_message(self.message, word)
            alerts.append(alert)
        return alerts


def _first_dir(candidates: list[str]) -> str:
    return next((p for p in candidates if os.path.isdir(p)), "")


def _load_named(name: str, roots: list[str], where: str) -> Dictionary:
    root = next((r for r in roots if r), "")  # Vale looks in the first folder it is given only
    dic, aff = os.path.join(root, name + ".dic"), os.path.join(root, name + ".aff")
    for path in (dic, aff):
        if not root or not os.path.isfile(path):
            raise RuleFileError(f"{where}: '{os.path.basename(path)}' not found in {[r for r in roots if r]}")
    return read_dictionary(dic, aff)


def _word_list(path: str) -> set[str]:
    with open(path, encoding="utf-8") as handle:
        return {w for w in (line.strip() for line in handle) if w and w != "#"}


def build_spelling(base: dict, data: dict, path: str, styles_path: str, accepted: list[str]) -> Spelling:
    """A `spelling` rule (or Vale.Spelling when `path` is "internal"), its dictionaries found as Vale finds them."""
    internal = path == "internal"
    where = "Vale.Spelling" if internal else path
    environment = os.environ.get("DICPATH", "")
    dictionaries: list[Dictionary] = []
    aff, dic = str(data.get("aff", "")), str(data.get("dic", ""))
    aff_path = _first_file([os.path.join(styles_path, aff), aff]) if aff else ""
    dic_path = _first_file([os.path.join(styles_path, dic), dic]) if dic else ""
    if aff_path and dic_path:
        dictionaries.append(read_dictionary(dic_path, aff_path))
    else:
        dicpath = environment
        if data.get("dicpath"):
            given = str(data["dicpath"])
            dicpath = _first_dir([given, os.path.join(styles_path, given), os.path.join(os.getcwd(), given)])
            if not dicpath:
                raise RuleFileError(f"{where}: unable to resolve dicpath")
        names = [str(n) for n in data.get("dictionaries") or []]
        default_path = os.path.join(styles_path, "config", "dictionaries") if internal and not names else ""
        roots = [default_path, dicpath, environment]
        dictionaries += [_load_named(name, roots, where) for name in names]
        if not dictionaries or data.get("append"):
            dictionaries.append(default_dictionary())
        if default_path:
            for found in sorted(glob.glob(os.path.join(default_path, "*.dic"))):
                dictionaries.append(_load_named(os.path.basename(found)[:-4], roots, where))
    ignored: set[str] = set()
    if internal:
        for found in sorted(glob.glob(os.path.join(styles_path, "config", "ignore", "**", "*.txt"), recursive=True)):
            ignored |= _word_list(found)
    else:
        ignore = data.get("ignore") or []
        for name in [ignore] if isinstance(ignore, str) else ignore:
            name = str(name)
            for candidate in (
                os.path.abspath(name),
                os.path.join(styles_path, name),
                os.path.join(styles_path, "config", "ignore", name),
            ):
                if os.path.isfile(candidate):
                    ignored |= _word_list(candidate)
    filters: list[re.Pattern | Pattern] = [Pattern(str(p), f"{where}: filters") for p in data.get("filters") or []]
    if not data.get("custom"):
        filters += DEFAULT_FILTERS
    accepted_re = Pattern("(?i)" + "|".join(accepted), "Vocab: accept") if accepted else None
    return Spelling(**base, dictionaries=dictionaries, ignored=ignored, filters=filters, accepted=accepted_re)


def _first_file(candidates: list[str]) -> str:
    return next((p for p in candidates if os.path.isfile(p)), "")


BUILTIN_SPELLING = {
    "extends": "spelling",
    "message": "Did you really mean '%s'?",
    "level": "error",
    "scope": "text",
    "action": {"name": "suggest", "params": ["spellings"]},
}
