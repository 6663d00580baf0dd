"""Questions extraction asks about single words: is it a given name, a surname, a thing,
an adjective, an organisation's head noun. Each is answered from morph.word_info, which
works a word out once per process."""

import re
from functools import lru_cache

from . import morph
from .lexicon import ORG_HEAD_ENDINGS, ORG_HEADS
from .textprep import Token

# Any case form of a surname in -ов/-ев/-єв/-ін/-їн/-ин (Умєрова, Умєровим, Сахіній).
_SURNAME_FORM = re.compile(r"^\w{2,}?(?:ов|ев|єв|ін|їн|ин)(?:ими|ому|ого|ою|ої|ій|их|им|а|у|і|е)?$")


def is_given_name(token: Token, following: Token | None = None) -> bool:
    """«Рустем» always; «Надія», «Лев» or «Києві» (Кий) only before another capitalised
    word, since they are common nouns and places too."""
    if not token.is_capitalised:
        return False
    info = morph.word_info(token.lower)
    if not info.name:
        return False
    return info.strong_name or (following is not None and following.is_capitalised)


def person_like(token: Token, *, strict: bool = False) -> bool:
    """A name-ish word; `strict` leaves out words that are places or things first
    («України», «Львова», «Ради» have rare name readings too)."""
    if token.is_initial:
        return True
    info = morph.word_info(token.lower)
    if strict and info.known and info.inanimate_noun:
        return False
    return info.person_like


def same_case(first: Token, second: Token) -> bool:
    """«Дональда Трампа Рудольф Джуліані»: a genitive name then a nominative one are two
    people. Unknown words could be in any case."""
    a, b = _name_cases(first.lower), _name_cases(second.lower)
    return not a or not b or bool(a & b)


@lru_cache(maxsize=100_000)
def _name_cases(word: str) -> frozenset:
    if not morph.word_info(word).known:
        return frozenset()
    return frozenset(
        p.tag.case for p in morph.parses(word) if {"Name", "Surn", "Patr"} & p.tag.grammemes
    )


def surname_like(token: Token) -> bool:
    return token.is_capitalised and _surname_like_word(token.lower)


@lru_cache(maxsize=100_000)
def _surname_like_word(word: str) -> bool:
    """A surname the dictionary knows (and that is not first of all a place), or an
    unknown word with a Ukrainian surname ending in some case."""
    info = morph.word_info(word)
    if info.known:
        return info.surname and not info.inanimate_noun
    return bool(_SURNAME_FORM.match(word)) or any(
        "Surn" in p.tag or p.normal_form.endswith(("енко", "чук", "юк", "ук", "ов", "ев", "ін"))
        for p in morph.parses(word)[:3]
    )


def is_adjective(token: Token) -> bool:
    return morph.word_info(token.lower).adjective


def thing(token: Token) -> bool:
    info = morph.word_info(token.lower)
    return info.known and info.inanimate_noun and not info.person_like


def may_be_adjective(token: Token) -> bool:
    return morph.word_info(token.lower).any_adjective


def is_noun_only(token: Token) -> bool:
    return morph.word_info(token.lower).noun_first


def is_genitive(word: str) -> bool:
    return morph.word_info(word).genitive


def org_head(token: Token) -> bool:
    """«суд», and compounds of the usual heads: «райсуд», «міськрада», «Київрада»."""
    return _org_head_word(token.lower)


@lru_cache(maxsize=100_000)
def _org_head_word(word: str) -> bool:
    lemmas = morph.word_info(word).noun_lemmas or {word}
    if word in ORG_HEADS or lemmas & ORG_HEADS:
        return True
    return any(
        lemma.endswith(ORG_HEAD_ENDINGS) and lemma not in ORG_HEAD_ENDINGS for lemma in lemmas
    )


def heads(token: Token, heads: frozenset) -> bool:
    """Whether any noun reading of the word is one of `heads` («Раді» is рада or рад)."""
    return token.lower in heads or not morph.word_info(token.lower).noun_lemmas.isdisjoint(heads)


def agree(adjective: Token, noun: Token) -> bool:
    """«Луцької … ради» agree in case and gender; «Ясенева раді» does not."""
    return _agree(adjective.lower, noun.lower)


@lru_cache(maxsize=50_000)
def _agree(adjective: str, noun: str) -> bool:
    adjectives = [p.tag for p in morph.parses(adjective) if "ADJF" in p.tag]
    nouns = [p.tag for p in morph.parses(noun) if "NOUN" in p.tag]
    for a in adjectives:
        for n in nouns:
            if a.case != n.case:
                continue
            if ("plur" in a) == ("plur" in n) and ("plur" in a or a.gender == n.gender):
                return True
    return False
