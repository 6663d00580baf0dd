"""Words for the search page."""

from shpalta.ukrainian.plurals import plural_form


def found_phrase(n: int, exact: bool = True) -> str:
    """12345 → "Знайдено 12 345 матеріалів" (a no-break space groups thousands); a count
    that is only a lower bound → "Знайдено понад 2 000 матеріалів"."""
    number = f"{int(n):,}".replace(",", "\u00a0")
    if not exact:
        # «понад» takes the genitive plural whatever the number: понад 2 000 матеріалів.
        return f"Знайдено понад {number} матеріалів"
    return f"Знайдено {number} {plural_form(n, 'матеріал', 'матеріали', 'матеріалів')}"
