"""Words for the search page."""

from shpalta.ukrainian.plurals import plural_form


def found_phrase(n: int) -> str:
    """12345 → "Знайдено 12 345 матеріалів" (a no-break space groups thousands)."""
    number = f"{int(n):,}".replace(",", "\u00a0")
    return f"Знайдено {number} {plural_form(n, 'матеріал', 'матеріали', 'матеріалів')}"
