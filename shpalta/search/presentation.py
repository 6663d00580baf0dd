"""Words for the search page."""

from shpalta.ukrainian.plurals import plural_form


def found_phrase(n: int, exact: bool = True) -> str:
    """12345 → "Знайдено 12 345 матеріалів" (a no-break space groups thousands); a count
    that is only a lower bound → "Знайдено понад 2 000 матеріалів"."""
    number = f"{int(n):,}".replace(",", "\u00a0")
    noun = plural_form(n, "матеріал", "матеріали", "матеріалів")
    # The noun agrees with the number after «понад» too: понад 21 матеріал, понад 2 000 матеріалів.
    return f"Знайдено {'' if exact else 'понад '}{number} {noun}"
