"""Snippets: the passage of an article where the query's words occur, every inflected
form of them marked («Умєрова», «Умєровим» for «Умєров»), the rest HTML-escaped."""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from shpalta.ukrainian.morphology import matching_words

SNIPPET_LENGTH = 240
# Articles can be very long; a reader needs the first passage, not the best of a whole
# book. Past this, the snippet falls back to the opening of the text.
SCAN_LIMIT = 6_000
ELLIPSIS = "…"


def _matches(text: str, wanted: dict[str, int], *, early_stop: bool = False):
    """(start, end, group) for each word of `text` whose lemmas answer a query group.
    With early_stop, scanning ends once a snippet-sized window holds every group: most
    stories name what was searched for early, and the rest need not be read."""
    if not early_stop:
        return matching_words(text, wanted)
    all_groups = set(wanted.values())
    return matching_words(text, wanted, stop=lambda found: _window_complete(found, all_groups))


def _window_complete(found, all_groups) -> bool:
    last = found[-1][0]
    window = {g for s, _, g in found if s > last - SNIPPET_LENGTH * 0.8}
    return window == all_groups


def _wanted(groups: Sequence[tuple[str, ...]]) -> dict[str, int]:
    return {term: i for i, group in enumerate(groups) for term in group}


def highlight(text: str, groups: Sequence[tuple[str, ...]]) -> SafeString:
    """The whole `text`, escaped, with matched words in <mark>."""
    return _render(text, _matches(text, _wanted(groups)), 0, len(text))


def snippet(text: str, groups: Sequence[tuple[str, ...]]) -> SafeString:
    """About SNIPPET_LENGTH characters around the passage that holds the most distinct
    query words, cut at word boundaries, with … where text was left out."""
    scanned = text[:SCAN_LIMIT]
    wanted = _wanted(groups)
    matches = _matches(scanned, wanted, early_stop=True)
    start = _best_window_start(matches) if matches else 0
    start, end = _word_bounds(text, start)
    visible = [(s + start, e + start, g) for s, e, g in _matches(text[start:end], wanted)]
    html = _render(text, visible, start, end)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")


def _best_window_start(matches: list[tuple[int, int, int]]) -> int:
    """Start a little before the first match of the window with most distinct groups."""
    best_start, best_score = matches[0][0], 0
    for i, (start, _, _) in enumerate(matches):
        groups = {g for s, _, g in matches[i:] if s < start + SNIPPET_LENGTH * 0.8}
        if len(groups) > best_score:
            best_start, best_score = start, len(groups)
    return max(0, best_start - SNIPPET_LENGTH // 5)


def _word_bounds(text: str, start: int) -> tuple[int, int]:
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 40 else start
    end = min(len(text), start + SNIPPET_LENGTH)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def _render(text: str, matches, start: int, end: int) -> SafeString:
    parts, position = [], start
    for m_start, m_end, _ in matches:
        if m_start < position or m_end > end:
            continue
        parts.append(escape(text[position:m_start]))
        parts.append(f"<mark>{escape(text[m_start:m_end])}</mark>")
        position = m_end
    parts.append(escape(text[position:end]))
    return mark_safe("".join(parts))
