"""What entity extraction needs from pymorphy3 beyond lemmas: the tags (Name, Surn, case,
gender) and inflection. It shares shpalta.ukrainian.morphology's one analyser per process;
parses are cached per word because names repeat across a newsroom's articles."""

from functools import lru_cache

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
