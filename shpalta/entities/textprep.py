"""Tokens with offsets for extraction. Every change here keeps the text's length, so an
offset into the prepared text is an offset into what the editor wrote."""

import re
from dataclasses import dataclass, replace

from shpalta.ukrainian.text import normalize_apostrophes

# Latin letters that look Cyrillic, for words typed with a mixed keyboard: «Украiна».
_HOMOGLYPHS = str.maketrans("aceiopxyKMHTBAECIOPXj", "асеіорхуКМНТВАЕСІОРХј")
_WORD = r"[^\W\d_][^\W\d_\u0301]*(?:['\-‑][^\W\d_][^\W\d_\u0301]*)*"
_TOKEN = re.compile(rf"(?P<word>{_WORD})|(?P<number>\d+)|(?P<punct>[^\s\w])")
_SENTENCE_END = frozenset(".!?…")
_OPENERS = frozenset("«\"„“'([—–-")
# Abbreviations whose full stop does not end a sentence: «вул. Крилова», «с. Корчик».
_ABBREVIATIONS = frozenset(
    "вул м с смт р рр обл ім св пл просп пров бул буд д тис млн млрд грн ст п ч т зв див "
    "напр проф акад доц ген о пор с-ще".split()
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    kind: str  # word, number or punct
    sentence_start: bool = False

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def lower(self) -> str:
        return self.text.lower().replace("\u0301", "")

    @property
    def is_capitalised(self) -> bool:
        return self.is_word and self.text[0].isupper() and len(self.text) > 1 and not self.is_abbr

    @property
    def is_abbr(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return self.is_word and len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2

    @property
    def is_capitalised_or_abbr(self) -> bool:
        return self.is_capitalised or self.is_abbr

    @property
    def is_initial(self) -> bool:
        return self.is_word and len(self.text) == 1 and self.text.isupper()

    @property
    def is_lower(self) -> bool:
        return self.is_word and self.text.islower()

    @property
    def is_latin(self) -> bool:
        return self.is_word and not _CYRILLIC.search(self.text)

    def mid_sentence(self) -> "Token":
        return replace(self, sentence_start=False)


def prepare(text: str) -> str:
    """Apostrophes to U+0027 and Latin look-alikes inside Cyrillic words to Cyrillic."""
    text = normalize_apostrophes(text)
    return re.sub(_WORD, _fix_mixed_script, text)


def _fix_mixed_script(match: re.Match) -> str:
    word = match.group(0)
    if _CYRILLIC.search(word) and _LATIN.search(word):
        return word.translate(_HOMOGLYPHS)
    return word


def tokenize_line(line: str, offset: int) -> list[Token]:
    tokens, sentence_start = [], True
    for match in _TOKEN.finditer(line):
        kind = match.lastgroup
        text = match.group(0)
        start, end = match.start() + offset, match.end() + offset
        if kind == "word":
            tokens.append(Token(text, start, end, kind, sentence_start))
            sentence_start = False
        else:
            tokens.append(Token(text, start, end, kind))
            if _ends_sentence(text, tokens[:-1], line, match.end()):
                sentence_start = True
            elif kind == "number" or text not in _OPENERS:
                sentence_start = False
    return tokens


def _ends_sentence(text: str, before: list[Token], line: str, position: int) -> bool:
    if text == ":":
        return _quote_follows(line, position)
    if text not in _SENTENCE_END:
        return False
    previous = before[-1] if before else None
    return not (
        text == "."
        and previous is not None
        and previous.is_word
        and (previous.lower in _ABBREVIATIONS or previous.is_initial)
    )


def _quote_follows(line: str, position: int) -> bool:
    rest = line[position : position + 3].lstrip()
    return rest[:1] in {"«", '"', "„", "“", "—", "–"}


def caps_line(tokens: list[Token]) -> bool:
    """A headline in capitals: every word looks like an abbreviation, so capitals say
    nothing about names there."""
    words = [t for t in tokens if t.is_word and len(t.text) > 1]
    if len(words) < 3:
        return False
    return sum(t.text.isupper() for t in words) >= 0.6 * len(words)
