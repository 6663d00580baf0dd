"""Person names: the nominative of a mention, and every case form of a known name.

Given names and patronymics come from pymorphy3's Name/Patr parses, which also tell the
case and gender. Surnames the dictionary misreads («Умєрова» → «умєрів») are recovered
with shevchenko-py's inverse declension, choosing among its readings the one that looks
like a Ukrainian surname; every result round-trips through shevchenko's forward declension.
"""

from functools import lru_cache

import shevchenko

from . import morph
from .lexicon import SURNAME_ENDINGS
from .textprep import Token

_CASES = {
    "nomn": "nominative", "gent": "genitive", "datv": "dative", "accs": "accusative",
    "ablt": "ablative", "loct": "locative", "voct": "vocative",
}  # fmt: skip
_GENDERS = {"masc": "masculine", "femn": "feminine"}


def person_nominative(tokens: list[Token]) -> tuple[str, str | None]:
    """(«Рустем Умєров», "masculine") for the tokens of «Рустема Умєрова»."""
    words = [t for t in tokens if t.is_word]
    cases, gender = _case_and_gender(words)
    out = []
    for token in tokens:
        if not token.is_word:
            if token.text == "." and out:
                out[-1] += "."
            continue
        out.append(_word_nominative(token, cases, gender))
    return " ".join(out), gender


def _case_and_gender(words: list[Token]) -> tuple[frozenset, str | None]:
    """Read off the given name or patronymic, whose case and gender the dictionary knows."""
    for word in words:
        found = [*morph.given_name_parses(word.lower)]
        found += [p for p in morph.parses(word.lower) if "Patr" in p.tag]
        if found and word.is_capitalised:
            cases = frozenset(p.tag.case for p in found)
            genders = {p.tag.gender for p in found}
            gender = _GENDERS.get(genders.pop()) if len(genders) == 1 else None
            return cases, gender
    return frozenset(), None


def _word_nominative(token: Token, cases: frozenset, gender: str | None) -> str:
    if token.is_initial or token.is_abbr or token.is_latin:
        return token.text
    readings = (
        morph.given_name_parses(token.lower),
        [p for p in morph.parses(token.lower) if "Patr" in p.tag],
    )
    for found in readings:
        found = [p for p in found if not cases or p.tag.case in cases]
        if found:
            return _capitalise(found[0].normal_form, token.text)
    return _capitalise(surname_nominative(token.lower, gender, cases), token.text)


@lru_cache(maxsize=50_000)
def surname_nominative(word: str, gender: str | None, cases: frozenset) -> str:
    """The nominative of one surname, lower case."""
    known = [
        p
        for p in morph.parses(word)
        if "Surn" in p.tag
        and (not cases or p.tag.case in cases)
        and (gender is None or _GENDERS.get(p.tag.gender) == gender)
    ]
    if known and morph.is_known(word):
        form = known[0].inflect({"nomn"})
        return form.word if form else known[0].normal_form
    readings = _shevchenko_readings(word, gender, cases)
    if not readings:
        return known[0].normal_form if known else word
    scored = [(_surname_score(r, word, gender, cases), -n) for n, r in enumerate(readings)]
    return readings[scored.index(max(scored))]


def _shevchenko_readings(word: str, gender: str | None, cases: frozenset) -> list[str]:
    genders = [gender] if gender else ["masculine", "feminine"]
    # A fixed order (not the set's, which varies with hash seeds) so ties resolve the same.
    case_names = [name for tag, name in _CASES.items() if tag in cases] or [None]
    readings: list[str] = []
    for g in genders:
        for case in case_names:
            try:
                result = shevchenko.to_nominative(
                    family_name=word.capitalize(), gender=g, case=case
                )
            except (shevchenko.InputValidationError, ValueError, KeyError):
                continue
            readings.append(result.get("family_name", ""))
            readings.extend(result.get("alternatives", {}).get("family_name", []))
    return [r.lower() for r in readings if r]


_FEMININE_ENDINGS = ("ова", "ева", "єва", "іна", "їна", "ина", "ська", "цька")


def _surname_score(reading: str, surface: str, gender: str | None, cases: frozenset) -> int:
    score = 0
    feminine = reading.endswith(_FEMININE_ENDINGS)
    if reading.endswith(SURNAME_ENDINGS) and (gender is None or feminine == (gender == "feminine")):
        score += 2
    if reading == surface and (not cases or "nomn" in cases):
        score += 1
    if any("Surn" in p.tag and p.normal_form == reading for p in morph.parses(reading)):
        score += 2
    return score


@lru_cache(maxsize=20_000)
def surname_forms(surname: str, gender: str | None) -> tuple[str, ...]:
    """Every case form of a surname: «Умєров» → Умєрова, Умєрову, Умєровим, Умєрові ..."""
    genders = [gender] if gender else ["masculine", "feminine"]
    forms = {surname}
    for g in genders:
        for case in shevchenko.CASES:
            try:
                forms.add(shevchenko.in_case(case, gender=g, family_name=surname)["family_name"])
            except (shevchenko.InputValidationError, ValueError, KeyError):
                continue
    return tuple(sorted(forms))


def person_forms(name: str, gender: str | None = None) -> set[str]:
    """Every case form of a full name and of its surname alone, for the lexicon."""
    parts = name.split()
    forms = {name}
    if not parts:
        return forms
    given = parts[0] if len(parts) > 1 else None
    gender = gender or _guess_gender(given)
    genders = [gender] if gender else ["masculine", "feminine"]
    for g in genders:
        for case in shevchenko.CASES:
            fields = {"family_name": parts[-1]}
            if given:
                fields["given_name"] = given
            if len(parts) == 3:
                fields["patronymic_name"] = parts[1]
            try:
                declined = shevchenko.in_case(case, gender=g, **fields)
            except (shevchenko.InputValidationError, ValueError, KeyError):
                continue
            ordered = [declined.get(k) for k in ("given_name", "patronymic_name")]
            ordered = [w for w in ordered if w]
            forms.add(" ".join([*ordered, declined["family_name"]]))
            forms.add(declined["family_name"])
    return forms


def _guess_gender(given: str | None) -> str | None:
    if not given:
        return None
    found = [p for p in morph.parses(given.lower()) if "Name" in p.tag and "nomn" in p.tag]
    genders = {p.tag.gender for p in found}
    return _GENDERS.get(genders.pop()) if len(genders) == 1 else None


def declined_name(name: str, case: str = "genitive") -> str:
    """«Рустем Умєров» in another case, for «Новини про …» headings. Names shevchenko
    cannot decline are returned as written."""
    parts = name.split()
    if not parts:
        return name
    fields = {"family_name": parts[-1]}
    if len(parts) > 1:
        fields["given_name"] = parts[0]
    if len(parts) == 3:
        fields["patronymic_name"] = parts[1]
    gender = _guess_gender(parts[0] if len(parts) > 1 else None)
    try:
        declined = shevchenko.in_case(case, gender=gender, **fields) if gender else None
    except (shevchenko.InputValidationError, ValueError, KeyError):
        declined = None
    if not declined:
        return name
    ordered = [declined.get(k) for k in ("given_name", "patronymic_name", "family_name")]
    return " ".join(w for w in ordered if w)


def _capitalise(word: str, original: str) -> str:
    if "-" in word:
        return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


_PYMORPHY_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def phrase_forms(name: str) -> set[str]:
    """Case forms of a non-person name: the leading adjectives and their head noun are
    declined together («Південна Корея» → «Південної Кореї», «Південною Кореєю» ...), the
    words after the head stay («Служба безпеки України» → «Служби безпеки України»)."""
    forms = {name}
    for case in _PYMORPHY_CASES:
        forms.add(phrase_in_case(name, case))
    return forms


def phrase_in_case(name: str, case: str) -> str:
    """One case of a non-person name; the name as written when it does not decline
    (abbreviations, quoted names, words the dictionary cannot inflect)."""
    words = name.split()
    if not words or (words[0].isupper() and len(words[0]) > 1) or name[:1] in '«"':
        return name
    head = next((n for n, w in enumerate(words) if not _adjective(w)), None)
    if head is None:
        return name
    nouns = [p for p in morph.parses(words[head].lower()) if "NOUN" in p.tag and "nomn" in p.tag]
    if head:
        agreeing = [p for p in nouns if _agrees(words[head - 1], p)]
        nouns = agreeing or nouns
    noun = nouns[0] if nouns else None
    if noun is None:
        return name
    plural = "plur" in noun.tag
    noun_form = morph.inflect_word(noun, frozenset({case, "plur"} if plural else {case}))
    if not noun_form:
        return name
    declined = []
    for word in words[:head]:
        adjective = next(p for p in morph.parses(word.lower()) if "ADJF" in p.tag)
        agreement = {case, "plur"} if plural else {case, noun.tag.gender}
        if case == "accs" and "inan" in noun.tag and (plural or noun.tag.gender == "masc"):
            agreement.add("inan")
        form = morph.inflect_word(adjective, frozenset(g for g in agreement if g))
        declined.append(form or word.lower())
    phrase = [*declined, noun_form]
    phrase = [_like(w, original) for w, original in zip(phrase, words, strict=False)]
    return " ".join([*phrase, *words[head + 1 :]])


def _agrees(adjective: str, noun) -> bool:
    for parse in morph.parses(adjective.lower()):
        if "ADJF" in parse.tag and "nomn" in parse.tag:
            if "plur" in noun.tag:
                return "plur" in parse.tag
            if parse.tag.gender == noun.tag.gender:
                return True
    return False


def _adjective(word: str) -> bool:
    found = morph.parses(word.lower())
    return bool(found) and "ADJF" in found[0].tag


def _like(word: str, original: str) -> str:
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def name_forms(name: str, kind: str) -> set[str]:
    """Every form of an entity name extraction may meet in a text."""
    if kind == "person":
        return person_forms(name)
    return phrase_forms(name)
