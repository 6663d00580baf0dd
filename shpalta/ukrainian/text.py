"""Normalisation of Ukrainian text: one spelling for every apostrophe and no stress marks."""

import re
import unicodedata

# Every look-alike newsrooms type for the Ukrainian apostrophe: ’ ‘ ʼ ` ´ ′ and U+02BB.
APOSTROPHES = "\u2019\u2018\u02bc\u0060\u00b4\u2032\u02bb"
_APOSTROPHE_TABLE = str.maketrans({ch: "'" for ch in APOSTROPHES})
STRESS_MARK = "\u0301"


def normalize_apostrophes(text: str) -> str:
    """Map every apostrophe look-alike to U+0027, the form dictionaries know."""
    return text.translate(_APOSTROPHE_TABLE)


def normalize(text: str) -> str:
    """NFC, stress marks dropped, apostrophes unified."""
    text = unicodedata.normalize("NFC", text).replace(STRESS_MARK, "")
    return normalize_apostrophes(text)


_SPACES = re.compile(r"\s+")


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
