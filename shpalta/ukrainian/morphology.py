"""Ukrainian word forms for search and entity matching.

«Умєров», «Умєрова» and «Умєровим» are one person; «Південної Кореї» is «Південна Корея»;
«ув’язненими» and «увʼязнених» are «ув'язнений». Search compares *lemmas*, never surface
forms, and the same functions here turn both an article and a query into lemmas, so what
is indexed and what is asked always agree.

Public API:
    normalise(text)          NFC, no stress marks, one apostrophe, Latin look-alikes fixed
    tokens(text)             the words of a text, normalised, case kept
    token_spans(text)        (start, end, tokens) over the *original* text, for highlighting
    lemmas(word)             every candidate lemma of a word (for indexing)
    query_lemmas(word)       the likely lemmas of a word someone typed (for queries)
    index_terms(text)        distinct search terms of a text, first-seen order
    query_terms(text)        one tuple of alternative terms per meaningful query word
    term(lemma)              a lemma as stored in the index (apostrophes dropped)
    register_forms(mapping)  teach extra form → lemma pairs (curated entity names)

One pymorphy3 analyser per process (0.1 s and ~28 MiB to load; fork-safe, thread-safe),
behind an LRU cache: news text repeats its words, so most lookups never reach it.
"""

import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

import pymorphy3

from .stopwords import is_stop_word
from .text import normalize as _normalize_base

__all__ = [
    "MAX_TOKEN_LENGTH",
    "clear_extra_forms",
    "index_terms",
    "is_stop_word",
    "lemmas",
    "normalise",
    "query_lemmas",
    "query_terms",
    "register_forms",
    "term",
    "token_spans",
    "tokens",
]

# Longer "words" are base64, hashes or glued URLs: nobody searches for them, and PostgreSQL
# refuses to index words over 2 KB, which would make the two backends disagree.
MAX_TOKEN_LENGTH = 50
CACHE_SIZE = 200_000

CYRILLIC = "а-яА-ЯіїєґІЇЄҐёЁ"
# Latin letters that look exactly like Cyrillic ones; typed by accident or by OCR in
# "Украiна", "Kиїв". Only fixed inside words that also contain Cyrillic letters.
_HOMOGLYPHS = str.maketrans(
    "aceiopxyABCEHIKMOPTX",
    "асеіорхуАВСЕНІКМОРТХ",
)
_HOMOGLYPH_LETTERS = frozenset("aceiopxyABCEHIKMOPTX")
_MIXED_WORD = re.compile(
    rf"\w*(?:[a-zA-Z][{CYRILLIC}]|[{CYRILLIC}][a-zA-Z])\w*",
)
# Letters, with apostrophes allowed *inside* a word (ув'язнені), or a run of digits.
# Hyphens split: «Ростов-на-Дону» is ростов + дон, on both sides of the search.
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+")
# A raw word in un-normalised text: letters, digits, combining marks and any apostrophe
# look-alike inside. Used to map highlights back onto what the editor typed.
_RAW_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f])+(?:[-'\u2019\u2018\u02bc`\u00b4\u2032\u02bb]"
    r"(?:[^\W_]|[\u0300-\u036f])+)*"
)
_STRESS = re.compile("[\u0301\u0341]")
# A stress mark, or a precomposed accented vowel standing in for a stressed Cyrillic one.
_NEEDS_DECOMPOSITION = re.compile("[\u0301\u0341áéíóúýÁÉÍÓÚÝ]")
_ASCII_LETTER = re.compile("[a-zA-Z]")

# Surnames in -ов/-ев/-єв/-ін/-їн/-ин decline like adjectives and are mostly missing from
# the dictionary (Умєрова → "умєрів", Умєровим → "умєровий"): cut the ending back to the
# base, which is the nominative of the man's name.
_SURNAME = re.compile(r"^(\w{2,}?(?:ов|ев|єв|ін|їн|ин))(?:ими|ому|ого|ою|ої|ій|их|им|а|у|і|е)?$")
# Feminine-declension names unknown to the dictionary: Сибіга → Сибізі, Сибіги, Сибігою.
_FEMININE_ALTERNATION = (("зі", "га"), ("ці", "ка"), ("сі", "ха"))
_A_DECLENSION = re.compile(r"^(\w{3,}?[бвгґджзклмнпрстфхцчшщ])(?:ою|и|і|у)$")
_NAME_TAGS = frozenset({"Surn", "Name", "Patr"})

_analyser: pymorphy3.MorphAnalyzer | None = None
_analyser_lock = threading.Lock()
_extra_forms: dict[str, frozenset[str]] = {}
_extra_lock = threading.Lock()


def analyser() -> pymorphy3.MorphAnalyzer:
    """The process's one analyser, created on first use (after a fork, each worker
    shares the parent's pages until it writes)."""
    global _analyser
    if _analyser is None:
        with _analyser_lock:
            if _analyser is None:
                _analyser = pymorphy3.MorphAnalyzer(lang="uk")
    return _analyser


# --- normalisation and tokens ---------------------------------------------------------


def _fix_mixed_word(match: re.Match) -> str:
    word = match.group(0)
    latin = {ch for ch in word if "a" <= ch.lower() <= "z"}
    if latin <= _HOMOGLYPH_LETTERS:
        return word.translate(_HOMOGLYPHS)
    return word  # "iPhoneом": real Latin inside, leave it alone


def normalise(text: str) -> str:
    """NFC, stress marks removed (also from precomposed letters like «á»), every apostrophe
    look-alike as ', and Latin look-alike letters inside Cyrillic words made Cyrillic."""
    if not text:
        return ""
    if _NEEDS_DECOMPOSITION.search(text):
        text = _STRESS.sub("", unicodedata.normalize("NFD", text))
    text = _normalize_base(text)
    if _ASCII_LETTER.search(text):
        text = _MIXED_WORD.sub(_fix_mixed_word, text)
    return text


def tokens(text: str) -> list[str]:
    """The words of `text`, normalised, in order, case kept; over-long ones dropped."""
    return [t for t in _TOKEN.findall(normalise(text)) if len(t) <= MAX_TOKEN_LENGTH]


def token_spans(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, tokens) for every raw word of the original `text`. A raw word can hold
    several tokens («Ростов-на-Дону», «COVID-19»); offsets point into `text` as given."""
    spans = []
    for match in _RAW_WORD.finditer(text):
        found = tokens(match.group(0))
        if found:
            spans.append((match.start(), match.end(), found))
    return spans


# --- lemmas -----------------------------------------------------------------------------


def term(lemma: str) -> str:
    """A lemma as the index stores it. Both FTS5 and PostgreSQL split words at ', so the
    apostrophe is dropped on both sides: ув'язнений → увязнений."""
    return lemma.replace("'", "")


def _rule_lemmas(lower: str, known: bool) -> set[str]:
    """Lemmas the dictionary misses for names: the surname rule and, for unknown words,
    the feminine -а declension (Сибізі, Сибіги → сибіга)."""
    found = set()
    surname = _SURNAME.match(lower)
    if surname:
        found.add(surname.group(1))
    if not known:
        for ending, replacement in _FEMININE_ALTERNATION:
            if lower.endswith(ending) and len(lower) > 4:
                found.add(lower[: -len(ending)] + replacement)
        a_form = _A_DECLENSION.match(lower)
        if a_form:
            found.add(a_form.group(1) + "а")
    return found


@lru_cache(maxsize=CACHE_SIZE)
def _analyse(lower: str, capitalised: bool) -> tuple[frozenset[str], frozenset[str]]:
    """(every candidate lemma, the likely lemmas) of a lowercased word. Empty for stop
    words. Names get the rules on the index side only when capitalised, since «нова» at
    the start of a sentence is not a surname; a query is trusted in any case."""
    if is_stop_word(lower):
        return frozenset(), frozenset()
    if lower.isdigit():
        return frozenset({lower}), frozenset({lower})
    morph = analyser()
    parses = morph.parse(lower)
    every = {p.normal_form for p in parses} or {lower}
    top_score = parses[0].score if parses else 0.0
    likely = {
        p.normal_form for p in parses if p.score >= top_score - 1e-9 or _NAME_TAGS & p.tag.grammemes
    } or {lower}
    known = morph.word_is_known(lower)
    rules = _rule_lemmas(lower, known)
    if capitalised:
        every |= rules
    likely |= rules
    extra = _extra_forms.get(lower)
    if extra:
        every |= extra
        likely |= extra
    return frozenset(every), frozenset(likely)


def _key(word: str) -> tuple[str, bool]:
    word = normalise(word) if not word.isascii() else word
    return word.lower(), word[:1].isupper()


def lemmas(word: str) -> set[str]:
    """Every candidate lemma of one word, lowercased, apostrophes as '. What the index
    stores for this word; empty for stop words."""
    return set(_analyse(*_key(word))[0])


def query_lemmas(word: str) -> set[str]:
    """The likely lemmas of a word a reader typed: the best parses, any name reading,
    the name rules and the curated forms. Empty for stop words."""
    lower, _ = _key(word)
    return set(_analyse(lower, True)[1])


@lru_cache(maxsize=CACHE_SIZE)
def _index_terms_of(token: str) -> tuple[str, ...]:
    every = _analyse(token.lower(), token[:1].isupper())[0]
    return tuple(sorted({term(lemma) for lemma in every}))


def index_terms(text: str) -> list[str]:
    """The distinct search terms of `text` in first-seen order. Frequencies are not kept:
    ranking uses where a word appears (headline, lede, body), not how often."""
    seen: dict[str, None] = {}
    for token in tokens(text):
        for item in _index_terms_of(token):
            seen[item] = None
    return list(seen)


def query_terms(text: str) -> list[tuple[str, ...]]:
    """One tuple of alternative terms per meaningful word of a query, in query order,
    repeats dropped. A document matches when it has one term of every tuple."""
    groups: list[tuple[str, ...]] = []
    for token in tokens(text):
        alternatives = tuple(sorted({term(lemma) for lemma in query_lemmas(token)}))
        if alternatives and alternatives not in groups:
            groups.append(alternatives)
    return groups


# --- curated forms -----------------------------------------------------------------------


def register_forms(mapping: Mapping[str, str | Iterable[str]]) -> None:
    """Teach form → lemma(s) pairs the dictionary lacks, e.g. {"Сибізі": "Сибіга"}.
    Entities feed every declined form of a curated name here. Articles indexed before
    need a reindex to pick the new lemmas up."""
    additions: dict[str, set[str]] = {}
    for form, targets in mapping.items():
        targets = [targets] if isinstance(targets, str) else list(targets)
        key = normalise(form).lower()
        additions.setdefault(key, set()).update(normalise(t).lower() for t in targets)
    with _extra_lock:
        merged = dict(_extra_forms)
        for key, values in additions.items():
            merged[key] = frozenset(merged.get(key, frozenset()) | values)
        _replace_extra_forms(merged)


def clear_extra_forms() -> None:
    with _extra_lock:
        _replace_extra_forms({})


def _replace_extra_forms(forms: dict[str, frozenset[str]]) -> None:
    global _extra_forms
    _extra_forms = forms
    _analyse.cache_clear()
    _index_terms_of.cache_clear()
