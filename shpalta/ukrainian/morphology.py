"""Ukrainian word forms for search and entity matching.

«Умєров», «Умєрова» and «Умєровим» are one person; «Південної Кореї» is «Південна Корея»;
«ув’язненими» and «увʼязнених» are «ув'язнений». Search compares *lemmas*, never surface
forms, and the same functions here turn both an article and a query into lemmas, so what
is indexed and what is asked always agree.

Public API:
    normalise(text)          NFC, no stress marks, one apostrophe, Latin look-alikes fixed
    tokens(text)             the words of a text, normalised, case kept
    token_spans(text)        (start, end, tokens) over the *original* text
    token_term_spans(text)   (start, end, terms) over the original text, for highlighting
    matching_words(text, wanted)  the same, only the words whose terms are wanted
    word_terms(word)         the search terms of one normalised word
    lemmas(word)             every candidate lemma of a word (for indexing)
    query_lemmas(word)       the likely lemmas of a word someone typed (for queries)
    index_terms(text)        distinct search terms of a text, first-seen order
    term_counts(text)        the same with how many words yielded each
    token_terms(token)       the search terms of one token from tokens()
    query_terms(text)        one tuple of alternative terms per meaningful query word
    term(lemma)              a lemma as stored in the index (apostrophes dropped)
    register_forms(mapping)  teach extra form → lemma pairs (curated entity names)

One pymorphy3 analyser per process (0.1 s and ~28 MiB to load; fork-safe, thread-safe),
behind an LRU cache: news text repeats its words, so most lookups never reach it.
"""

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import chain

import pymorphy3

from .stopwords import is_stop_word
from .text import APOSTROPHES

__all__ = [
    "MAX_TOKEN_LENGTH",
    "clear_extra_forms",
    "index_terms",
    "is_stop_word",
    "lemmas",
    "matching_words",
    "normalise",
    "query_lemmas",
    "query_terms",
    "register_forms",
    "term",
    "term_counts",
    "token_spans",
    "token_term_spans",
    "token_terms",
    "tokens",
    "word_terms",
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
_NORMALISED_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_STRESS = re.compile("[\u0301\u0341]")
_LATIN_RUN = re.compile("[a-zA-Z]+")
_CYRILLIC_LETTERS = frozenset(
    "абвгґдеєжзиіїйклмнопрстуфхцчшщъыьэюяёАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЁ"
)
# A stress mark, or a precomposed accented vowel standing in for a stressed Cyrillic one.
_STRESSED = ("\u0301", "\u0341", *"áéíóúýÁÉÍÓÚÝ")
# A run of word characters, apostrophes allowed inside: one regular-expression pass over a
# whole body, several times cheaper than _TOKEN's letter classes; the few runs that hold
# digits or underscores are split by _TOKEN afterwards, once per distinct run.
_WORD_RUN = re.compile(r"\w+(?:'\w+)*")

# Surnames in -ов/-ев/-єв/-ін/-їн/-ин decline like adjectives and are mostly missing from
# the dictionary (Умєрова → "умєрів", Умєровим → "умєровий"): cut the ending back to the
# base, which is the nominative of the man's name.
_SURNAME = re.compile(r"^(\w{2,}?(?:ов|ев|єв|ін|їн|ин))(?:ими|ому|ого|ою|ої|ій|их|им|а|у|і|е)?$")
# Feminine-declension names unknown to the dictionary: Сибіга → Сибізі, Сибіги, Сибігою.
_FEMININE_ALTERNATION = (("зі", "га"), ("ці", "ка"), ("сі", "ха"))
_A_DECLENSION = re.compile(r"^(\w{3,}?[бвгґджзклмнпрстфхцчшщ])(?:ою|и|і|у)$")
# ... and foreign place names declined like «Бадахос → у Бадахосі», «Лубмін → Лубміна».
_MASCULINE = re.compile(r"^(\w{3,}?[бвгґджзклмнпрстфхцчшщ])(?:ові|ом|а|у|і)$")
_NAME_TAGS = frozenset({"Surn", "Name", "Patr"})

_analyser: pymorphy3.MorphAnalyzer | None = None
_analyser_lock = threading.Lock()
_extra_forms: dict[str, frozenset[str]] = {}
_extra_lemmas: frozenset[str] = frozenset()
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


def _has_mixed_word(text: str) -> bool:
    """Does a Latin letter touch a Cyrillic one anywhere? Latin runs are rare in Ukrainian
    news, so looking only at their edges is much cheaper than a regex over every letter."""
    cyrillic, last = _CYRILLIC_LETTERS, len(text)
    for match in _LATIN_RUN.finditer(text):
        start, end = match.span()
        if (start and text[start - 1] in cyrillic) or (end < last and text[end] in cyrillic):
            return True
    return False


def normalise(text: str) -> str:
    """NFC, stress marks removed (also from precomposed letters like «á»), every apostrophe
    look-alike as ', and Latin look-alike letters inside Cyrillic words made Cyrillic."""
    if not text:
        return ""
    if any(mark in text for mark in _STRESSED):
        text = _STRESS.sub("", unicodedata.normalize("NFD", text))
    text = unicodedata.normalize("NFC", text)
    # The same mapping as shpalta.ukrainian.text.normalize_apostrophes; str.replace of
    # the look-alikes actually present is three times faster than a regular expression,
    # which is itself much faster than str.translate on long Cyrillic text.
    for lookalike in APOSTROPHES:
        if lookalike in text:
            text = text.replace(lookalike, "'")
    if _has_mixed_word(text):
        text = _MIXED_WORD.sub(_fix_mixed_word, text)
    return text


def tokens(text: str) -> list[str]:
    """The words of `text`, normalised, in order, case kept; over-long ones dropped."""
    return [t for t in _TOKEN.findall(normalise(text)) if len(t) <= MAX_TOKEN_LENGTH]


def token_spans(text: str) -> list[tuple[int, int, list[str]]]:
    """(start, end, tokens) for every raw word of the original `text`. A raw word can hold
    several tokens («Ростов-на-Дону», «COVID-19»); offsets point into `text` as given."""
    normalised = normalise(text)
    if len(normalised) == len(text):
        # Normalising only ever shortens (stress marks, composition) or maps one character
        # to one: same length means the offsets line up, so one pass over it is enough.
        return [
            (m.start(), m.end(), found)
            for m in _NORMALISED_WORD.finditer(normalised)
            if (found := [t for t in _TOKEN.findall(m.group(0)) if len(t) <= MAX_TOKEN_LENGTH])
        ]
    spans = []
    for match in _RAW_WORD.finditer(text):
        found = tokens(match.group(0))
        if found:
            spans.append((match.start(), match.end(), found))
    return spans


def token_term_spans(text: str):
    """(start, end, terms) for every word of the original `text` that yields search terms:
    what highlighting needs, in one pass (offsets point into `text` as given)."""
    normalised = normalise(text)
    if len(normalised) != len(text):
        for start, end, found in token_spans(text):
            yield start, end, tuple(t for token in found for t in token_terms(token))
        return
    for match in _NORMALISED_WORD.finditer(normalised):
        terms = word_terms(match.group(0))
        if terms:
            yield match.start(), match.end(), terms


def matching_words(text: str, wanted: Mapping[str, int], stop=None) -> list[tuple[int, int, int]]:
    """(start, end, value) for each word of `text` with a term in `wanted` (term → value;
    the smallest value of the word's terms is given), offsets into `text` as given.
    `stop(found)` is asked after each hit whether to read on. The loop does only C-level
    steps per word (the next match, a dict lookup, a set test): snippets call it for
    every result on a search page."""
    found: list[tuple[int, int, int]] = []
    keys = wanted.keys()
    normalised = normalise(text)
    if len(normalised) != len(text):  # offsets shift: the word-by-word way
        for start, end, terms in token_term_spans(text):
            if not keys.isdisjoint(terms):
                found.append((start, end, min(wanted[t] for t in terms if t in wanted)))
                if stop is not None and stop(found):
                    break
        return found
    for match in _NORMALISED_WORD.finditer(normalised):
        terms = _terms_of[match.group(0)]
        if keys.isdisjoint(terms):
            continue
        start, end = match.span()
        found.append((start, end, min(wanted[t] for t in terms if t in wanted)))
        if stop is not None and stop(found):
            break
    return found


# --- lemmas -----------------------------------------------------------------------------


def term(lemma: str) -> str:
    """A lemma as the index stores it. Both FTS5 and PostgreSQL split words at ', so the
    apostrophe is dropped on both sides: ув'язнений → увязнений."""
    return lemma.replace("'", "")


def _rule_lemmas(lower: str, known: bool) -> set[str]:
    """Lemmas the dictionary misses for names: the surname rule and, for unknown words,
    the feminine -а declension (Сибізі, Сибіги → сибіга) and the masculine one
    (Бадахосі → бадахос)."""
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
        masculine = _MASCULINE.match(lower)
        if masculine:
            found.add(masculine.group(1))
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
    try:
        parses = morph.parse(lower)
    except ValueError:  # pymorphy3 asks unicodedata for names some scripts lack
        return frozenset({lower}), frozenset({lower})
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
    if lower in _extra_lemmas:  # a curated name is its own lemma, whatever pymorphy says
        every.add(lower)
        likely.add(lower)
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
def token_terms(token: str) -> tuple[str, ...]:
    """The index terms of one token as tokens() returns it (already normalised)."""
    every = _analyse(token.lower(), token[:1].isupper())[0]
    return tuple(sorted({term(lemma) for lemma in every}))


def index_terms(text: str) -> list[str]:
    """The distinct search terms of `text` in first-seen order."""
    return list(term_counts(text))


def term_counts(text: str) -> dict[str, int]:
    """How many words of `text` yield each search term, in first-seen order. A word with
    several candidate lemmas counts once for each of them."""
    # Every step runs in C (findall, map over a dict, chain, Counter) except the first
    # sighting of a word run, which _RunTerms.__missing__ handles.
    runs = _WORD_RUN.findall(normalise(text))
    return Counter(chain.from_iterable(map(_terms_of.__getitem__, runs)))


class _TermsOf(dict):
    """The search terms of each distinct word seen, as _WORD_RUN or _NORMALISED_WORD find
    words (a run or a hyphenated word can hold several tokens: «COVID-19», «x'1y»):
    indexing and snippets meet the same few thousand everyday words all day, and a plain
    dict lookup costs less than even lru_cache's bookkeeping. Emptied when full or when
    curated forms change."""

    def __missing__(self, word: str) -> tuple[str, ...]:
        if word.isalpha():
            found = token_terms(word) if len(word) <= MAX_TOKEN_LENGTH else ()
        else:  # digits, underscores, apostrophes or hyphens inside: the tokeniser decides
            found = tuple(
                t for token in _TOKEN.findall(word) if len(token) <= MAX_TOKEN_LENGTH
                for t in token_terms(token)
            )  # fmt: skip
        if len(self) >= CACHE_SIZE:
            self.clear()
        self[word] = found
        return found


_terms_of = _TermsOf()
word_terms = _terms_of.__getitem__


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
    global _extra_forms, _extra_lemmas
    _extra_forms = forms
    _extra_lemmas = frozenset().union(*forms.values()) if forms else frozenset()
    _analyse.cache_clear()
    token_terms.cache_clear()
    _terms_of.clear()
