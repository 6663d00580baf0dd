"""What the API accepts and returns. Input is validated here, at the boundary; services
trust what passes."""

import re
from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, StrictBool, StrictInt, model_validator

SLUG_PATTERN = r"^[-a-zA-Z0-9_]{1,100}$"
# Control characters other than tab and line breaks are never text an editor typed, and NUL
# cannot be stored in PostgreSQL at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# JSON may spell half of a UTF-16 pair ("\ud800") on its own: Python keeps it as a lone
# surrogate, which no database driver can encode as UTF-8.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _no_control_characters(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("текст містить недопустимі керівні символи")
    if _SURROGATE.search(value):
        raise ValueError("текст містить половину сурогатної пари UTF-16, а не символ")
    return value


def Text(max_length: int, min_length: int = 0):
    """A str type with bounds that refuses control characters."""
    return Annotated[
        str,
        AfterValidator(_no_control_characters),
        Field(min_length=min_length, max_length=max_length),
    ]


Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _iso_text(pattern: re.Pattern, message: str):
    """Dates only as ISO text: pydantic would also take a number as a Unix timestamp, which
    no editor means and the schema does not promise."""

    def check(value):
        if not isinstance(value, str) or not pattern.match(value):
            raise ValueError(message)
        return value

    return BeforeValidator(check)


IsoDate = Annotated[date, _iso_text(_ISO_DATE, "дата у форматі РРРР-ММ-ДД")]
# Publication times an editor can mean; the far ends of Python's calendar also overflow when
# a time without offset becomes Kyiv time or any time is stored as UTC.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


def _sensible_year(value: datetime) -> datetime:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"рік має бути від {EARLIEST_YEAR} до {LATEST_YEAR}")
    return value


IsoDateTime = Annotated[
    datetime,
    _iso_text(_ISO_DATETIME, "час у форматі ISO 8601"),
    AfterValidator(_sensible_year),
]


class Body(Schema):
    """A request body: a JSON object. Ninja's schemas also read attributes of any object, so
    without this an array sent as a change of an article would pass as "no fields sent"."""

    @model_validator(mode="before")
    @classmethod
    def _json_object(cls, value):
        if not isinstance(getattr(value, "_obj", value), dict):
            raise ValueError("тіло запиту має бути JSON-об’єктом")
        return value


class Error(Schema):
    error: str = Field(description="Що не так, українською, для людини")
    details: list[dict] | None = Field(
        None, description="Для помилок перевірки: поле і причина для кожного поля"
    )


class SectionRef(Schema):
    slug: str
    name: str
    url: str


class Section(SectionRef):
    description: str


class Tag(Schema):
    slug: str
    name: str
    url: str


class AuthorRef(Schema):
    slug: str
    name: str
    url: str


class Author(AuthorRef):
    bio: str


class Source(Schema):
    name: str
    url: str


class Rating(Schema):
    average: float = Field(description="Середня оцінка, 0 коли голосів немає")
    average_display: str = Field(description="Для показу: «4,3»")
    votes: int
    votes_display: str = Field(description="«12 голосів»")
    label: str


class ArticleSummary(Schema):
    id: int
    slug: str
    url: str = Field(description="Постійна адреса статті на сайті")
    headline: str
    lede: str
    teaser: str
    section: SectionRef
    authors: list[AuthorRef]
    tags: list[Tag]
    published_at: datetime = Field(description="Час публікації з київським зсувом")
    updated_at: datetime
    image: str | None
    image_alt: str


class Article(ArticleSummary):
    body: str = Field(description="Текст статті, очищений HTML")
    sources: list[Source]
    image_credit: str
    rating: Rating


class EditorArticle(Schema):
    """An article as editors see it: any state, including drafts."""

    id: int
    slug: str
    url: str
    status: str = Field(description="draft, scheduled або published")
    headline: str
    lede: str
    body: str
    section: SectionRef
    authors: list[AuthorRef]
    tags: list[Tag]
    sources: list[Source]
    published_at: datetime | None
    updated_at: datetime
    is_top_story: bool
    image_alt: str
    image_credit: str


class ArticlePage(Schema):
    items: list[ArticleSummary]
    next_cursor: str | None = Field(description="Передайте як cursor, щоб отримати далі")


class TagPage(Schema):
    items: list[Tag]
    next_cursor: str | None


class AuthorPage(Schema):
    items: list[Author]
    next_cursor: str | None


class ArticleFilters(Schema):
    section: Slug | None = Field(None, description="Адреса розділу")
    tag: Slug | None = Field(None, description="Адреса тегу")
    author: Slug | None = Field(None, description="Адреса автора")
    date_from: IsoDate | None = Field(None, description="Від дати (київський час), включно")
    date_to: IsoDate | None = Field(None, description="До дати (київський час), включно")
    cursor: Text(200) | None = None
    limit: int = Field(20, ge=1, le=100)


class PageQuery(Schema):
    cursor: Text(200) | None = None
    limit: int = Field(50, ge=1, le=200)


class VoteIn(Body):
    # The bounds are documented here but checked by the ratings rules, so the API and the
    # form refuse a bad vote with the same words.
    stars: StrictInt = Field(json_schema_extra={"minimum": 1, "maximum": 5})


class VoteResult(Rating):
    your_stars: int
    created: bool = Field(description="false, коли читач змінив свою попередню оцінку")


class ArticleIn(Body):
    headline: Text(300, 1)
    slug: Text(80) = Field("", description="Порожньо: адреса з заголовка (КМУ-2010)")
    lede: Text(2000) = ""
    body: Text(500_000) = ""
    section: Slug
    authors: list[Slug] = Field([], max_length=50)
    tags: list[Slug] = Field([], max_length=50)
    sources: list[Text(200, 1)] = Field([], max_length=50)
    is_top_story: StrictBool = False
    image_alt: Text(300) = ""
    image_credit: Text(200) = ""


class ArticlePatch(Body):
    """Only the fields sent are changed."""

    headline: Text(300, 1) | None = None
    slug: Text(80) | None = None
    lede: Text(2000) | None = None
    body: Text(500_000) | None = None
    section: Slug | None = None
    authors: list[Slug] | None = Field(None, max_length=50)
    tags: list[Slug] | None = Field(None, max_length=50)
    sources: list[Text(200, 1)] | None = Field(None, max_length=50)
    is_top_story: StrictBool | None = None
    image_alt: Text(300) | None = None
    image_credit: Text(200) | None = None


class PublishIn(Body):
    at: IsoDateTime | None = Field(
        None, description="Майбутній час: запланувати; порожньо: опублікувати зараз"
    )
