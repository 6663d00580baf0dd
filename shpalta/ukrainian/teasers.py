"""Teasers for «Інші новини»: cut at a word boundary, never mid-word, then "..."."""

from .text import collapse_spaces

# Punctuation and openers that must not dangle before the "...".
_TRAILING = " ,.;:!?–—-…«„“\"'(["


def teaser(text: str, limit: int = 160) -> str:
    """The text itself if it fits; otherwise the whole words that fit, tidied, plus "...".

    Only whitespace separates words: hyphenated words ("12-тисячного") and apostrophes
    ("ув’язнені") are never split.
    """
    text = collapse_spaces(text)
    if len(text) <= limit:
        return text
    cut = text[:limit] if text[limit].isspace() else text[:limit].rsplit(" ", 1)[0]
    if " " not in text[:limit] and not text[limit].isspace():
        cut = ""  # one giant word: nothing fits whole
    cut = _trim_dangling(cut)
    return f"{cut}..." if cut else "..."


def _trim_dangling(text: str) -> str:
    text = text.rstrip(_TRAILING)
    # An opening quote whose closing quote was cut off reads as noise: drop the quoted tail.
    for opening, closing in (("«", "»"), ("„", "“")):
        if text.count(opening) > text.count(closing):
            text = text[: text.rfind(opening)].rstrip(_TRAILING)
    return text
