"""Tokens with offsets for extraction. Every change here keeps the text's length, so an
offset into the prepared text is an offset into what the editor wrote."""

import re
from functools import lru_cache
from typing import NamedTuple

from shpalta.ukrainian.text import APOSTROPHES

# Latin letters that look Cyrillic, for words typed with a mixed keyboard: «Украiна».
_HOMOGLYPHS = str.maketrans("aceiopxyKMHTBAECIOPXj", "асеіорхуКМНТВАЕСІОРХј")
_WORD = r"[^\W\d_][^\W\d_\u0301]*(?:['\-‑][^\W\d_][^\W\d_\u0301]*)*"
_TOKEN = re.compile(rf"{_WORD}|\d+|[^\s\w]")
_SENTENCE_END = frozenset(".!?…")
_BOUNDARIES = _SENTENCE_END | {":"}
_OPENERS = frozenset("«\"„“'([—–-")
# Abbreviations whose full stop does not end a sentence: «вул. Крилова», «с. Корчик».
_ABBREVIATIONS = frozenset(
    """
    вул м с смт р рр обл ім св пл просп пров бул буд д тис
    млн млрд грн ст п ч т зв див напр проф акад доц ген о пор с-ще
    """.split()  # noqa: SIM905
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Direction marks and zero-width characters pasted from the web split a name in two.
_INVISIBLE_CHARS = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_APOSTROPHE = re.compile(f"[{APOSTROPHES}]")
# Where a Latin letter touches a Cyrillic one: only such words need fixing.
_LONG_WORD = re.compile(r"[^\W\d_]{2,}")
_CAPS_WORD = re.compile(r"(?<![^\W\d_])[A-ZА-ЩЬЮЯҐЄІЇЁ]{2,}(?![^\W\d_])")
_MIXED_EDGE = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")


class Token(NamedTuple):
    """A word, number or punctuation mark; a word's shape is worked out once, since
    extraction asks about it many times. A tuple, because an article has thousands."""

    text: str
    start: int
    end: int
    kind: str  # word, number or punct
    sentence_start: bool = False
    lower: str = ""
    is_word: bool = False
    is_capitalised: bool = False
    is_abbr: bool = False
    is_initial: bool = False
    is_lower: bool = False
    is_latin: bool = False

    @property
    def is_capitalised_or_abbr(self) -> bool:
        return self.is_capitalised or self.is_abbr

    def mid_sentence(self) -> "Token":
        return self._replace(sentence_start=False)


@lru_cache(maxsize=100_000)
def _shape(text: str) -> tuple:
    letters = [c for c in text if c.isalpha()]
    abbr = len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2
    return (
        text.lower().replace("\u0301", ""),
        True,
        text[0].isupper() and len(text) > 1 and not abbr,
        abbr,
        len(text) == 1 and text.isupper(),
        text.islower(),
        not _CYRILLIC.search(text),
    )


_NOT_A_WORD = (False, False, False, False, False, False)


def make_token(text: str, start: int, end: int, kind: str, sentence_start: bool = False):
    if kind != "word":
        return Token(text, start, end, kind, lower=text)
    return Token(text, start, end, kind, sentence_start, *_shape(text))


def prepare(text: str) -> str:
    """Apostrophes to U+0027 and Latin look-alikes inside Cyrillic words to Cyrillic."""
    # Regex substitution, not str.translate: several times faster on long Cyrillic text.
    text = _INVISIBLE_CHARS.sub(" ", _APOSTROPHE.sub("'", text))
    if not _MIXED_EDGE.search(text):
        return text
    pieces, done = [], 0
    for match in _MIXED_EDGE.finditer(text):
        start, end = match.start(), match.end()
        if start < done:
            continue
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        word = text[start:end]
        if _CYRILLIC.search(word):
            pieces.extend([text[done:start], word.translate(_HOMOGLYPHS)])
            done = end
    pieces.append(text[done:])
    return "".join(pieces)


def tokenize_line(line: str, offset: int) -> list[Token]:
    """Tokens of one line. The loop is the hot path of extraction (a 10,000-word article
    has ~12,000 tokens), hence tuple.__new__ instead of the NamedTuple constructor."""
    tokens: list[Token] = []
    append, shape, new, sentence_start = tokens.append, _shape, tuple.__new__, True
    initials = []
    find, position = line.find, 0
    # findall and str.find beat finditer's match objects; between tokens there is only
    # space or characters no token takes, so find() lands on the token itself.
    for text in _TOKEN.findall(line):
        position = find(text, position)
        start = position + offset
        position += len(text)
        end = start + len(text)
        if text[0].isalpha():
            word_shape = shape(text)
            if word_shape[4]:
                initials.append(len(tokens))
            append(new(Token, (text, start, end, "word", sentence_start, *word_shape)))
            sentence_start = False
            continue
        kind = "number" if text[0].isdigit() else "punct"
        if text in _BOUNDARIES:
            previous = tokens[-1] if tokens else None
            sentence_start = _ends_sentence(text, previous, line, end - offset)
        elif kind == "number" or text not in _OPENERS:
            sentence_start = False
        append(new(Token, (text, start, end, kind, False, text, *_NOT_A_WORD)))
    for n in initials:
        # «І. Федорова» has an initial; «У США» and «В Україні» open with a preposition.
        if n + 1 == len(tokens) or tokens[n + 1].text != ".":
            tokens[n] = tokens[n]._replace(is_initial=False)
    return tokens


def _ends_sentence(text: str, previous: Token | None, line: str, position: int) -> bool:
    if text == ":":
        return _quote_follows(line, position)
    if text not in _SENTENCE_END:
        return False
    return not (
        text == "."
        and previous is not None
        and previous.is_word
        and (previous.lower in _ABBREVIATIONS or previous.is_initial)
    )


def _quote_follows(line: str, position: int) -> bool:
    rest = line[position : position + 3].lstrip()
    return rest[:1] in {"«", '"', "„", "“", "—", "–"}


def caps_line(line: str) -> bool:
    """A headline in capitals: most words look like abbreviations, so capitals say
    nothing about names there. Counted by regex over the line, not per token."""
    words = _LONG_WORD.findall(line)
    if len(words) < 3:
        return False
    return len(_CAPS_WORD.findall(line)) >= 0.6 * len(words)
