"""The parts of pymorphy3 that entity extraction needs: cached parses and inflection.

One analyser per process (it is thread-safe and costs ~28 MiB); parses are cached per word
because names repeat across a newsroom's articles."""

from functools import cache, lru_cache

import pymorphy3


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang="uk")


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
