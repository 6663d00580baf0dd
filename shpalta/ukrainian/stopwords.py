"""Service words that carry no topic: prepositions, conjunctions and particles.

They are dropped from the search index and from queries, so «Умєров у Сеулі» asks for
«Умєров» and «Сеул» only. The list is explicit (not "whatever pymorphy tags PREP") so
that a dictionary update can never silently start dropping content words: words that are
also nouns («коло», «ради», «мов») stay out, while «при» (also a form of «перти») and
«та» (also a pronoun) are still dropped.
"""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PREPOSITIONS = _words(
    """
    без біля в вздовж від внаслідок всупереч для до з за завдяки згідно зі із крізь крім
    між на навколо над незважаючи о об обабіч окрім опріч перед поблизу по повз поза попри
    після під поміж понад поперед посеред при про проти протягом серед упродовж у уздовж
    через щодо
    """
)

CONJUNCTIONS = _words(
    """
    а або але аби адже аж ані б бо вже втім же ж зате й і інакше коли либонь наче
    начебто неначе немов ніби нібито ніж однак отже поки поте проте та також тобто хоч
    хоча чи чим що щоб якби якщо як тому
    """
)

PARTICLES = _words(
    """
    би б бодай геть де дедалі же ж лише лиш навіть не невже ні нехай хай ось он от отож
    тільки тож хіба чи ще якраз саме аніж ну то ото
    """
)

STOP_WORDS = PREPOSITIONS | CONJUNCTIONS | PARTICLES


def is_stop_word(word: str) -> bool:
    """`word` already lowercased and normalised (apostrophes as U+0027)."""
    return word in STOP_WORDS
