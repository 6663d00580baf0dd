import pytest
from hypothesis import given
from hypothesis import strategies as st

from shpalta.ukrainian.teasers import teaser

SEED = (
    "Президент Володимир Зеленський провів телефонну розмову з генеральним секретарем НАТО "
    "Марком Рютте. Вони обговорили посилення ППО України. З посиланням на заяву глави"
)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Коротко.", 160, "Коротко."),
        (SEED, 150, SEED[: SEED.index(" З посиланням")] + " З..."),
        ("Перше друге третє", 10, "Перше..."),
        ("Перше, друге третє", 7, "Перше..."),
        ("Він сказав: «ми переможемо разом» і пішов", 30, "Він сказав..."),
        ("Ціна – 12-тисячного контингенту", 22, "Ціна – 12-тисячного..."),
        ("Ціна – 12-тисячного контингенту", 16, "Ціна..."),
        ("Слово ув’язненими й далі", 16, "Слово..."),
        ("Довжелезнеслово", 5, "..."),
        ("  пробіли   всередині   тексту  ", 160, "пробіли всередині тексту"),
    ],
)
def test_teaser_cuts_at_word_boundary_and_trims(text, limit, expected):
    assert teaser(text, limit) == expected


@given(
    st.lists(
        st.sampled_from(["слово", "ув’язнені", "«лапки»", "12-тисячний", "—", "так,"]),
        min_size=1,
        max_size=60,
    ),
    st.integers(5, 200),
)
def test_teaser_never_cuts_mid_word(words, limit):
    text = " ".join(words)
    result = teaser(text, limit)
    if result == text:
        return
    assert result.endswith("...")
    kept = result[:-3].split()
    assert len(result[:-3]) <= limit
    # every kept word is a whole word of the original (trailing punctuation may be trimmed)
    for got, original in zip(kept, text.split(), strict=False):
        assert original.startswith(got)
    assert not result[:-3].endswith((" ", ",", ":", "«", "–"))
