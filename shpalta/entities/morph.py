"""What entity extraction needs from pymorphy3 beyond lemmas: the tags (Name, Surn, case,
gender) and inflection. It shares shpalta.ukrainian.morphology's one analyser per process;
parses are cached per word because names repeat across a newsroom's articles."""

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from shpalta.ukrainian.morphology import analyser as analyzer


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple:
    """All parses of a lower-case word, best first."""
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=100_000)
def is_known(word: str) -> bool:
    return analyzer().word_is_known(word)


def grammemes(parse) -> frozenset:
    return frozenset(parse.tag.grammemes)


def inflect_word(parse, wanted: frozenset) -> str | None:
    form = parse.inflect(set(wanted))
    return form.word if form is not None else None


@cache
def given_names() -> dict[str, str]:
    """shevchenko-py's list of ~1,100 real Ukrainian given names (nominative → gender):
    the pymorphy dictionary tags «Рустем» as Name but not «Володимир»."""
    try:
        data = resources.files("shevchenko").joinpath("data/given-names.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return {}
    return json.loads(data)


@lru_cache(maxsize=100_000)
def given_name_parses(word: str) -> tuple:
    """Readings of a word as a given name: pymorphy's Name tag, or a noun whose
    nominative is a known given name."""
    names = given_names()
    return tuple(
        p
        for p in parses(word)
        if "Name" in p.tag or ("NOUN" in p.tag and p.normal_form in names and "inan" not in p.tag)
    )


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What extraction asks about a lower-case word, answered once per process."""

    known: bool
    name: bool
    surname: bool
    patronymic: bool
    abbreviation: bool
    inanimate_noun: bool
    adjective: bool  # the best reading is an adjective, and not a surname
    any_adjective: bool
    top_person: bool  # the best reading is a name, surname or patronymic
    strong_name: bool  # a given name even where a common noun is spelt the same
    noun_first: bool  # the best reading is a noun
    noun: bool
    genitive: bool
    noun_lemmas: frozenset

    @property
    def person_like(self) -> bool:
        return self.name or self.surname or self.patronymic


@lru_cache(maxsize=200_000)
def word_info(word: str) -> WordInfo:
    found = parses(word)
    tags = [p.tag for p in found]
    top = tags[0] if tags else None
    return WordInfo(
        known=is_known(word),
        name=bool(given_name_parses(word)),
        surname=any("Surn" in t for t in tags),
        patronymic=any("Patr" in t for t in tags),
        abbreviation=any("Abbr" in t for t in tags),
        inanimate_noun=any("NOUN" in t and "inan" in t for t in tags),
        adjective=top is not None and "ADJF" in top and "Surn" not in top,
        any_adjective=any("ADJF" in t for t in tags),
        top_person=top is not None and bool({"Name", "Surn", "Patr"} & top.grammemes),
        strong_name=_strong_name(word, found),
        noun_first=top is not None and "NOUN" in top,
        noun=any("NOUN" in t for t in tags),
        genitive=any(("NOUN" in t or "ADJF" in t) and "gent" in t for t in tags),
        noun_lemmas=frozenset(p.normal_form for p in found if "NOUN" in p.tag),
    )


def _strong_name(word: str, found: tuple) -> bool:
    """«Ігор» is a name although «ігор» is also a form of «гра»: the name reading is a
    nominative, the thing is not. So are «Марина» and «Роман», which shevchenko-py lists as
    given names. «Києві» (Кий) and «Ізраїль» are not: a place reads as well; those count as
    names only before a surname."""
    names = given_name_parses(word)
    if not names:
        return False
    things = [p for p in found if "NOUN" in p.tag and "inan" in p.tag]
    if not things:
        return True
    shared = {p.normal_form for p in names if "nomn" in p.tag} & {p.normal_form for p in things}
    if shared & given_names().keys():
        return True  # «Марина», «Роман», «Олена»: the name itself, spelt like a thing
    return any("nomn" in p.tag for p in names) and not any("nomn" in p.tag for p in things)
