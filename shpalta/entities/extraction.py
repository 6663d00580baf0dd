"""Finding the people, organisations and places an article mentions, in any case form.

Rules, not a trained model (none is available offline for Ukrainian): runs of capitalised
words and abbreviations, split where a person's name starts; quoted company names after a
legal form; an organisation's head noun pulls in its lower-case complement («Міністерства
закордонних справ»). Each mention is reduced to its nominative: person names through
pymorphy's Name/Patr/Surn parses and shevchenko-py, other names by adjective + noun
agreement («Південної Кореї» → «Південна Корея»). Editors' accepted entities are matched
first through their known forms (`lexicon`).
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from . import morph
from . import wordclass as wc
from .lexicon import (
    EVENT_HEADS,
    LEGAL_FORMS,
    NAME_PARTICLES,
    NEVER_NAMES,
    ORG_HEADS,
    PERSON_CUES,
    PLACE_ABBREVIATIONS,
    PLACE_CUES,
    PLACE_HEADS,
)
from .names import person_nominative, surname_forms
from .textprep import Token, caps_line, make_token, prepare, tokenize_line

PERSON, ORGANISATION, PLACE, EVENT = "person", "organisation", "place", "event"
KINDS = (PERSON, ORGANISATION, PLACE, EVENT)
MAX_RUN = 8  # longer capitalised runs are lists or shouting, not one name
ORG_SUFFIXES = re.compile(
    r"(буд|газ|банк|пром|енерго|інвест|сервіс|торг|тех|трейд|агро|транс|сталь|нафта|ком|маш)$"
)
_LOWER_WORDS = re.compile(r"(?<![\w'\-‑])[a-zа-щьюяґєіїё][^\W\d_]*(?:['\-‑][^\W\d_]+)*")
_CLOSING = {"«": "»", '"': '"', "„": "“", "“": "”"}


@dataclass(frozen=True)
class KnownName:
    """An accepted entity as extraction sees it."""

    key: str
    name: str
    kind: str


class Mention(NamedTuple):
    start: int
    end: int
    surface: str
    name: str  # the nominative of this mention («Умєрова» → «Умєров»)
    kind: str
    key: str  # what groups mentions of one entity («Умєрова» → «рустем умєров» in that text)


@dataclass
class _Span:
    tokens: list[Token]
    quoted: bool = False
    cue: str = ""
    kind: str = ""
    name: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


@lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """What two spellings of one name share: case, quotes and apostrophes ignored."""
    text = prepare(name).lower().replace("ё", "е")
    text = re.sub(r"[«»\"“”„]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def extract(text: str, *, lexicon: dict[str, KnownName] | None = None) -> list[Mention]:
    """Mentions in `text`, with offsets into `text` itself."""
    lexicon = lexicon or {}
    prepared = prepare(text)
    spans: list[_Span] = []
    lowercase: set[str] = set()
    offset = 0
    for line in prepared.split("\n"):
        tokens = tokenize_line(line, offset)
        offset += len(line) + 1
        if tokens:
            spans.extend(_line_spans(tokens, shouting=caps_line(line)))
    lowercase.update(_LOWER_WORDS.findall(prepared))
    evidence = {t.lower for s in spans for t in s.tokens if not t.sentence_start}
    spans = [s for s in spans if _keep(s, evidence, lowercase)]
    for span in spans:
        _classify_and_name(span, lexicon)
    return _resolve(text, spans, lexicon)


def extract_article(
    headline: str, lede: str, body: str, *, lexicon: dict[str, KnownName] | None = None
) -> list[Mention]:
    """One text of headline, lede and plain body, so that a name in the headline and its
    other forms in the body are resolved together."""
    return extract(f"{headline}\n{lede}\n{body}", lexicon=lexicon)


# Finding spans -------------------------------------------------------------------------


def _line_spans(tokens: list[Token], *, shouting: bool) -> list[_Span]:
    spans, i = [], 0
    while i < len(tokens):
        token = tokens[i]
        if token.is_lower or token.kind == "number":
            i += 1
            continue
        quoted = _quoted_at(tokens, i)
        if quoted is not None:
            # The name without its quotes, as both gold corpora mark it: «Прозорро» → Прозорро
            spans.append(_Span(quoted.tokens[1:-1], quoted=True, cue=quoted.cue))
            i += len(quoted.tokens)
            continue
        if _starts_name(token, shouting):
            run = [token]
            j = i + 1
            while j < len(tokens) and len(run) < MAX_RUN and _continues_name(tokens, j, shouting):
                run.append(tokens[j])
                j += 1
            if j < len(tokens) and _quoted_at(tokens, j) and run[-1].lower in LEGAL_FORMS:
                quoted = _quoted_at(tokens, j)
                spans.append(_Span(run + quoted.tokens, quoted=True, cue="legal"))
                i = j + len(quoted.tokens)
                continue
            run, j = _extend_complement(tokens, run, j)
            spans.extend(_split_run(run, _cue(tokens, i)))
            i = j
            continue
        i += 1
    return [s for s in spans if not (shouting and not _shout_ok(s))]


def _cue(tokens: list[Token], i: int) -> str:
    """The lower-case word just before a name: «міністр», «вул.», «м.»."""
    k = i - 1
    if k >= 0 and tokens[k].text == ".":
        k -= 1
    return tokens[k].lower if k >= 0 and tokens[k].is_word and tokens[k].is_lower else ""


def _starts_name(token: Token, shouting: bool) -> bool:
    if token.is_initial:
        return not shouting
    if not token.is_word or token.lower in NEVER_NAMES:
        return False
    if shouting:
        return token.is_abbr and morph.word_info(token.lower).abbreviation
    return token.is_capitalised or token.is_abbr or token.is_initial


def _continues_name(tokens: list[Token], j: int, shouting: bool) -> bool:
    token = tokens[j]
    if token.is_word and token.lower in NAME_PARTICLES and not shouting:
        # «Урсула фон дер Ляєн», «Ван дер Белен»: particles between capitalised words
        k = j
        while k < len(tokens) and tokens[k].lower in NAME_PARTICLES:
            k += 1
        return k < len(tokens) and tokens[k].is_capitalised and j > 0 and tokens[j - 1].is_word
    if token.is_word:
        return _starts_name(token, shouting)
    # «О. М. Бутлеров», «Підвисоцький М. Т.»: the full stop of an initial stays
    return token.text == "." and j > 0 and tokens[j - 1].is_initial


def _shout_ok(span: _Span) -> bool:
    return all(t.is_abbr for t in span.tokens if t.is_word)


def _quoted_at(tokens: list[Token], i: int) -> _Span | None:
    """«Укргеоекологія», "Економічна правда": a quoted name of at most six words."""
    token = tokens[i]
    closing = _CLOSING.get(token.text)
    if closing is None or i + 1 >= len(tokens) or not tokens[i + 1].is_capitalised_or_abbr:
        return None
    for j in range(i + 1, min(i + 9, len(tokens))):
        if tokens[j].text == closing or (closing == "”" and tokens[j].text == '"'):
            words = [t for t in tokens[i + 1 : j] if t.is_word]
            if not words or len(words) > 6 or j == i + 1:
                return None
            cue = tokens[i - 1].lower if i > 0 and tokens[i - 1].is_word else ""
            if not (cue in LEGAL_FORMS or cue in ORG_HEADS) and _is_speech(tokens, i, j):
                return None
            return _Span(tokens[i : j + 1], quoted=True, cue=cue)
    return None


def _is_speech(tokens: list[Token], i: int, j: int) -> bool:
    """«Привіт», — сказав він: a quotation, not a name."""
    after = tokens[j + 1].text if j + 1 < len(tokens) else ""
    before = tokens[i - 1].text if i > 0 else ""
    return (
        after in {",", "—", "–", "-"}
        or before in {":", "—", "–"}
        or tokens[j - 1].text in {".", "!", "?", "…", ","}
    )


def _extend_complement(tokens: list[Token], run: list[Token], j: int) -> tuple[list, int]:
    """«Служби безпеки України», «Господарського суду Харківської області»: an organisation
    or place head noun in lower case, and the genitive words after it, belong to the name."""
    last = run[-1]
    head_here = wc.org_head(last)
    if not head_here and j < len(tokens) and wc.may_be_adjective(last):
        # «Луцької міської ради»: up to two lower-case adjectives before the head
        k = j
        while k < j + 2 and k < len(tokens) and tokens[k].is_lower and wc.is_adjective(tokens[k]):
            k += 1
        nxt = tokens[k] if k < len(tokens) else None
        if (
            nxt is not None
            and nxt.is_lower
            and (wc.org_head(nxt) or wc.heads(nxt, PLACE_HEADS))
            and wc.agree(last, nxt)
        ):
            run, j = run + tokens[j : k + 1], k + 1
            head_here = wc.org_head(nxt)
    if not head_here:
        return run, j
    taken, named = 0, False  # after a proper name («… України») only names may follow
    while j < len(tokens) and taken < 6 and tokens[j].is_word:
        token = tokens[j]
        if _abbreviated_place(tokens, j):
            # «Господарського суду м. Києва»: the town belongs to the court's name
            run, j, taken, named = [*run, *tokens[j : j + 3]], j + 3, taken + 1, True
            continue
        if token.is_lower and wc.is_genitive(token.lower) and not named:
            run, j, taken = [*run, token], j + 1, taken + 1
        elif token.is_capitalised_or_abbr and not wc.is_given_name(token):
            run, j, taken, named = [*run, token], j + 1, taken + 1, True
        else:
            break
    while (
        len(run) > 1
        and (run[-1].is_lower or wc.is_adjective(run[-1]))
        and not wc.is_noun_only(run[-1])
    ):
        run, j = run[:-1], j - 1
    return run, j


def _abbreviated_place(tokens: list[Token], j: int) -> bool:
    return (
        tokens[j].lower in PLACE_CUES
        and j + 2 < len(tokens)
        and tokens[j + 1].text == "."
        and tokens[j + 2].is_capitalised
    )


def _split_run(run: list[Token], cue: str) -> list[_Span]:
    """Split «Кореї Юн Сок Йолем» before the person's first name, and drop a stray
    sentence-initial word in front of a name («Нагадаємо Мей ...» does not happen in
    well-punctuated text, but «Як Умєров» does)."""
    if len(run) == 1:
        return [] if run[0].is_initial or not run[0].is_word else [_Span(run, cue=cue)]
    parts, current = [], [run[0]]
    for n in range(1, len(run)):
        prev, token = run[n - 1], run[n]
        following = run[n + 1] if n + 1 < len(run) else None
        if (
            token.is_word
            and wc.is_given_name(token, following)
            and prev.is_word
            and not morph.word_info(prev.lower).name
            and not wc.is_adjective(prev)
            and (not wc.person_like(prev, strict=True) or not wc.same_case(prev, token))
        ):
            parts.append(current)
            current = [token]
        else:
            current.append(token)
    parts.append(current)
    spans = [_Span(part, cue=cue if n == 0 else "") for n, part in enumerate(parts)]
    return [s for s in spans if any(t.is_word and not t.is_initial for t in s.tokens)]


def _keep(span: _Span, evidence: set[str], lowercase: set[str]) -> bool:
    """A capitalised word opening a sentence is a name only with some evidence: the text
    capitalises it mid-sentence elsewhere, the dictionary's best reading is a name, or the
    dictionary does not know it. Written in lower case elsewhere, it is a common word."""
    first = span.tokens[0]
    if span.quoted or not first.sentence_start or (first.is_initial and len(span.tokens) > 1):
        return True
    if first.is_abbr or first.is_initial or first.is_latin:
        return True
    if first.lower in NEVER_NAMES or first.lower in lowercase:
        return _drop_first(span, evidence, lowercase)
    info = morph.word_info(first.lower)
    if first.lower in evidence or info.top_person or not info.known:
        return True
    if len(span.tokens) > 1 and (wc.is_adjective(first) or wc.org_head(first)):
        return True
    return _drop_first(span, evidence, lowercase)


def _drop_first(span: _Span, evidence: set[str], lowercase: set[str]) -> bool:
    span.tokens = span.tokens[1:]
    while span.tokens and not span.tokens[0].is_word:
        span.tokens = span.tokens[1:]
    if not span.tokens:
        return False
    span.tokens[0] = span.tokens[0].mid_sentence()
    return _keep(span, evidence, lowercase)


# Classifying and naming ----------------------------------------------------------------


def _classify_and_name(span: _Span, lexicon: dict[str, KnownName]) -> None:
    surface = " ".join(t.text for t in span.tokens)
    known = lexicon.get(name_key(surface))
    if known is not None:
        span.kind, span.name, span.extra["key"] = known.kind, known.name, known.key
        return
    signature = tuple([t.text for t in span.tokens])
    span.kind, span.name, gender = _describe(signature, span.cue, span.quoted)
    span.extra["gender"] = gender


def _kind_of(text: str) -> str:
    return "word" if text[0].isalpha() else "number" if text[0].isdigit() else "punct"


@lru_cache(maxsize=50_000)
def _describe(signature: tuple, cue: str, quoted: bool) -> tuple[str, str, str | None]:
    """(kind, nominative, gender) of a span; the same words in another article or
    another paragraph get the same answer, so it is worked out once."""
    span = _Span([make_token(text, 0, 0, _kind_of(text)) for text in signature], quoted, cue)
    kind = _kind(span)
    if kind == PERSON:
        name, gender = person_nominative(span.tokens)
        return kind, name, gender
    return kind, _agreeing_nominative(span), None


def _kind(span: _Span) -> str:
    words = [t for t in span.tokens if t.is_word]
    if span.quoted:
        return EVENT if span.cue in EVENT_HEADS else ORGANISATION
    if any(wc.org_head(t) for t in words) or words[0].lower in LEGAL_FORMS:
        return ORGANISATION
    if any(wc.heads(t, EVENT_HEADS) for t in words):
        return EVENT
    if any(wc.heads(t, PLACE_HEADS) for t in words):
        return PLACE
    if span.cue in PLACE_CUES:
        return PLACE  # «м. Києві», «вул. Грушевського», «с. Корчик»
    if any(morph.word_info(t.lower).patronymic or t.is_initial for t in words):
        return PERSON  # «Підвисоцький М. Т.», «Тертиця Анатолій Юрійович»
    if wc.is_adjective(words[0]) and len(words) > 1 and not wc.is_given_name(words[0], words[1]):
        return PLACE  # «Північна Кароліна»: a person's name does not open with an adjective
    followers = [*words[1:], None]
    if any(wc.is_given_name(t, f) for t, f in zip(words, followers, strict=True)):
        return PERSON
    if any(wc.surname_like(t) for t in words[-1:]):
        return PERSON
    if span.cue in PERSON_CUES and not words[-1].is_abbr and not wc.thing(words[-1]):
        return PERSON  # «міністр Умєров», but not «президент США» or «міністр Франції»
    if len(words) == 1 and words[0].lower in PLACE_ABBREVIATIONS:
        return PLACE
    if words[0].is_abbr or all(t.is_latin for t in words):
        return ORGANISATION  # «ЗСУ», «МЗС Британії», «Ryanair»
    if len(words) == 1 and ORG_SUFFIXES.search(words[0].lower):
        return ORGANISATION
    return PLACE


def _agreeing_nominative(span: _Span) -> str:
    """Adjectives before the head noun agree with it; words after it stay as written."""
    words = [t for t in span.tokens if t.is_word]
    if span.cue == "legal" or all(t.is_abbr for t in words):
        return _joined(span.tokens, {})
    head_index = next((n for n, t in enumerate(words) if not wc.is_adjective(t)), None)
    if head_index is None:
        return _joined(span.tokens, {id(t): _nominative_adjective(t, None) for t in words})
    head = words[head_index]
    head_parse = _noun_parse(head, words[:head_index])
    if head_parse is None or "nomn" in head_parse.tag:
        return _joined(span.tokens, {})
    wanted = {"nomn", "plur"} if "plur" in head_parse.tag else {"nomn"}
    head_form = morph.inflect_word(head_parse, frozenset(wanted))
    gender = "plur" if "plur" in head_parse.tag else head_parse.tag.gender
    replacements = {id(head): head_form} if head_form else {}
    for adjective in words[:head_index]:
        replacements[id(adjective)] = _nominative_adjective(adjective, gender)
    return _joined(span.tokens, replacements)


def _nominative_adjective(token: Token, gender: str | None) -> str | None:
    for parse in morph.parses(token.lower):
        if "ADJF" in parse.tag:
            wanted = {"nomn", gender} if gender else {"nomn", parse.tag.gender or "plur"}
            return morph.inflect_word(parse, frozenset(w for w in wanted if w))
    return None


def _noun_parse(head: Token, adjectives: list[Token]):
    nouns = [p for p in morph.parses(head.lower) if "NOUN" in p.tag]
    if not nouns:
        return None
    # A place or body is not a person: «Києві» is Київ, not the name Кий.
    common = [p for p in nouns if not {"Name", "Surn", "Patr"} & p.tag.grammemes]
    nouns = sorted(common or nouns, key=lambda p: "inan" not in p.tag)
    if adjectives:
        adjective_tags = [p.tag for p in morph.parses(adjectives[-1].lower) if "ADJF" in p.tag]
        for noun in nouns:
            for tag in adjective_tags:
                same_case = noun.tag.case == tag.case
                same_kind = ("plur" in noun.tag) == ("plur" in tag) and (
                    "plur" in tag or noun.tag.gender == tag.gender
                )
                if same_case and same_kind:
                    return noun
    return nouns[0]


def _joined(tokens: list[Token], replacements: dict) -> str:
    out = []
    for token in tokens:
        word = replacements.get(id(token)) or token.text
        out.append(_restore_case(word, token.text))
    text = " ".join(out)
    text = re.sub(r"\s+([.,»”“\"])", r"\1", text)
    text = re.sub(r"([«„])\s+", r"\1", text)
    return re.sub(r'(^|\s)"\s+', r'\1"', text)


def _restore_case(word: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        parts = word.split("-")
        originals = original.split("-")
        if len(parts) == len(originals):
            return "-".join(
                p[:1].upper() + p[1:] if o[:1].isupper() else p
                for p, o in zip(parts, originals, strict=True)
            )
        return word[:1].upper() + word[1:]
    return word


# Resolving mentions across the text ------------------------------------------------------


def _resolve(text: str, spans: list[_Span], lexicon: dict[str, KnownName]) -> list[Mention]:
    """One text, one person: «Рустем Умєров» … «Умєрова» becomes the same key, and a bare
    surname inherits the type of the full name."""
    full_names: dict[str, tuple[str, str]] = {}
    seen: set[tuple] = set()
    for span in spans:
        signature = (span.name, span.extra.get("gender"))
        if span.kind != PERSON or signature in seen or "key" in span.extra:
            continue
        seen.add(signature)
        parts = span.name.split()
        if len(parts) > 1:
            for form in surname_forms(parts[-1], span.extra.get("gender")):
                full_names.setdefault(form.lower(), (parts[-1], span.name))
    mentions = []
    for span in spans:
        key = span.extra.get("key")
        words = [t for t in span.tokens if t.is_word]
        if key is None and len(words) == 1 and words[0].lower in full_names:
            surname, full = full_names[words[0].lower]
            span.kind, span.name, key = PERSON, surname, name_key(full)
        known = None if key else lexicon.get(name_key(span.name))
        if known is not None:
            span.kind, span.name, key = known.kind, known.name, known.key
        key = key or name_key(span.name)
        if not key or len(key) < 2:
            continue
        start, end = span.start, span.end
        mentions.append(Mention(start, end, text[start:end], span.name, span.kind, key))
    return mentions
