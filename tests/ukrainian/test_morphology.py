from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shpalta.ukrainian import morphology
from shpalta.ukrainian.morphology import (
    index_terms,
    lemmas,
    normalise,
    query_lemmas,
    query_terms,
    register_forms,
    term_counts,
    token_spans,
    tokens,
)


@pytest.fixture
def clean_lexicon():
    morphology.clear_extra_forms()
    yield
    morphology.clear_extra_forms()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Украї\u0301на", "Україна"),  # stress mark removed
        ("Украї́на", "Україна"),
        ("ув’язнені увʼязнені ув‘язнені ув`язнені", "ув'язнені ув'язнені ув'язнені ув'язнені"),
        ("Kиїв", "Київ"),  # Latin K
        ("мiсто", "місто"),  # Latin i
        ("Cеул", "Сеул"),  # Latin C
        ("iPhone", "iPhone"),  # Latin word untouched
        ("iPhoneом", "iPhoneом"),  # real Latin inside a Cyrillic word: left alone
        ("й", "й"),  # NFD round trip keeps й
        ("и\u0306", "й"),  # NFC composes
        ("", ""),
    ],
)
def test_normalise_table(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Умєров у Сеулі.", ["Умєров", "у", "Сеулі"]),
        ("ув’язнені, «слово»", ["ув'язнені", "слово"]),
        ("Ростов-на-Дону", ["Ростов", "на", "Дону"]),
        ("COVID-19 у 2020-му", ["COVID", "19", "у", "2020", "му"]),
        ("'лапки' і ’апостроф’", ["лапки", "і", "апостроф"]),
        ("a" * 51 + " слово", ["слово"]),
        ('NEAR( "x" * -y', ["NEAR", "x", "y"]),
    ],
)
def test_tokens_table(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("Умєров", "умєров"),
        ("Умєрова", "умєров"),
        ("Умєрову", "умєров"),
        ("Умєровим", "умєров"),
        ("Умєрові", "умєров"),
        ("Лавровим", "лавров"),
        ("Медведєва", "медведєв"),
        ("Путіна", "путін"),
        ("Пушкіним", "пушкін"),
        ("Кореї", "корея"),
        ("Південної", "південний"),
        ("Сеулі", "сеул"),
        ("ув’язненими", "ув'язнений"),
        ("увʼязнених", "ув'язнений"),
        ("Сибізі", "сибіга"),
        ("Сибіги", "сибіга"),
        ("Бадахосі", "бадахос"),
        ("Лубміна", "лубмін"),
        ("Грайфсвальдом", "грайфсвальд"),
        ("Зеленського", "зеленський"),
        ("2024", "2024"),
    ],
)
def test_lemmas_contain_the_lemma(word, lemma):
    assert lemma in lemmas(word)


@pytest.mark.parametrize("word", ["у", "в", "та", "і", "й", "що", "не", "чи", "або", "щодо", "ж"])
def test_lemmas_of_stop_words_are_empty(word):
    assert lemmas(word) == set()
    assert query_lemmas(word) == set()


def test_surname_rule_needs_a_capital_in_text():
    assert "нов" not in lemmas("нова")
    assert "умєров" in lemmas("Умєровим")


def test_query_lemmas_trust_lowercase_names():
    assert "умєров" in query_lemmas("умєрова")


def test_index_terms_drop_apostrophes_and_stop_words():
    assert index_terms("Ув’язнені у Сеулі") == ["увязнений", "сеул"]


def test_index_terms_are_distinct_in_first_seen_order():
    assert index_terms("Кореї Корея Корею") == ["корея"]


def test_query_terms_one_group_per_meaningful_word():
    assert query_terms("Південна Корея") == [("південний",), ("корея",)]


def test_query_terms_of_only_stop_words_are_empty():
    assert query_terms("і в та або що") == []


def test_query_terms_neutralise_fts_syntax():
    assert query_terms('NEAR( "Корея" * -Сеул OR') == [("near",), ("корея",), ("сеул",), ("or",)]


@pytest.mark.parametrize(
    ("query", "document_text"),
    [
        ("Умєров", "Рустемом Умєровим"),
        ("Умєров", "міністра Умєрова"),
        ("Умєров", "Умєрові доповіли"),
        ("Південна Корея", "у Південній Кореї"),
        ("Південна Корея", "Південної Кореї"),
        ("ув'язнені", "з ув’язненими"),
        ("ув'язнені", "увʼязнених"),
        ("Сибіга", "Андрію Сибізі"),
        ("Сибіга", "заява Сибіги"),
        ("Сеул", "у Сеулі"),
    ],
)
def test_query_terms_match_inflected_text(query, document_text):
    stored = set(index_terms(document_text))
    assert all(set(group) & stored for group in query_terms(query))


def test_register_forms_teaches_unknown_forms(clean_lexicon):
    assert "йоль" not in lemmas("Йолем")
    assert "йоль" not in index_terms("з Юн Сок Йолем")  # now remembered by the run cache
    register_forms({"Йолем": "Йоль", "Йоля": ["Йоль"]})
    assert "йоль" in lemmas("Йолем")
    assert "йоль" in lemmas("Йоля")
    assert "йоль" in query_lemmas("йолем")
    assert "йоль" in index_terms("з Юн Сок Йолем")


def _term_counts_word_by_word(text):
    """term_counts spelled out through the public tokeniser, as a reference."""
    counts = {}
    for token, n in Counter(tokens(text)).items():
        for item in morphology.token_terms(token):
            counts[item] = counts.get(item, 0) + n
    return counts


@given(
    st.lists(
        st.sampled_from(
            [
                "Умєрова",
                "умєровим",
                "ув’язнених",
                "увʼязнені",
                "Kиїв",
                "COVID19",
                "2026",
                "_",
                "x'1y",
                "abc'",
                "'",
                " ",
                "\u00a0",
                "\n",
                "-",
                "на",
                "Украї\u0301на",
                "iPhoneом",
                "а" * 51,
                "Ростов-на-Дону",
                "Сибізі",
                "é",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_term_counts_agree_with_word_by_word_counting(text):
    # term_counts takes a faster path (word runs, counted in C); it must not differ.
    assert list(term_counts(text).items()) == list(_term_counts_word_by_word(text).items())


def test_clear_extra_forms_forgets_them(clean_lexicon):
    register_forms({"Йолем": "Йоль"})
    morphology.clear_extra_forms()
    assert "йоль" not in lemmas("Йолем")


def test_token_spans_point_into_the_original_text():
    text = "Украї́на — ув’язнені, COVID-19"
    spans = token_spans(text)
    assert [(text[start:end], found) for start, end, found in spans] == [
        ("Украї́на", ["Україна"]),
        ("ув’язнені", ["ув'язнені"]),
        ("COVID-19", ["COVID", "19"]),
    ]


def test_registered_lemma_is_its_own_lemma(clean_lexicon):
    register_forms({"Йолем": "Йоль"})
    assert "йоль" in query_lemmas("Йоль")
    assert "йоль" in lemmas("Йоль")
