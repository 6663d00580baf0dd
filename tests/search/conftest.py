from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.news import ArticleFactory, SectionFactory, draft

NOW = timezone.now().replace(microsecond=0)


def story(headline, *, lede="", body="", hours_ago=1, section=None, **kwargs):
    return ArticleFactory(
        headline=headline,
        lede=lede,
        body=f"<p>{body}</p>" if body else "",
        published_at=NOW - timedelta(hours=hours_ago),
        section=section or SectionFactory(slug="svit", name="Світ"),
        **kwargs,
    )


@pytest.fixture
def corpus(db):
    """A small newsroom where every query's expected order follows from the ranking rule:
    headline match 2, lede match 1, freshness 2·H/(H + age)."""
    svit = SectionFactory(slug="svit", name="Світ")
    polityka = SectionFactory(slug="polityka", name="Політика")
    stories = {
        "A": story(
            "Умєров прибув до Сеула",
            lede="Міністр оборони провів переговори.",
            body="Рустем Умєров обговорив з колегами з Південної Кореї постачання.",
            hours_ago=5,
            section=svit,
        ),
        "B": story(
            "Переговори у Вашингтоні",
            lede="Делегацію очолив Рустем Умєров.",
            body="Умєрова супроводжували заступники.",
            hours_ago=2,
            section=polityka,
        ),
        "C": story(
            "Новий бюджет ухвалено",
            lede="Рада проголосувала за кошторис.",
            body="Про видатки на оборону говорили з Умєровим та іншими.",
            hours_ago=1,
            section=polityka,
        ),
        "D": story(
            "Південна Корея посилить співпрацю",
            lede="Сеул надасть обладнання.",
            body="Уряд Південної Кореї заявив про нові поставки.",
            hours_ago=30,
            section=svit,
        ),
        "E": story(
            "Ув’язнені повернулися додому",
            lede="Обмін відбувся вночі.",
            body="Серед увʼязнених були військові.",
            hours_ago=10,
        ),
        "F": story(
            "Суд у справі ув'язненого",
            lede="Засідання перенесли.",
            body="Адвокат зустрівся з ув’язненими.",
            hours_ago=48,
        ),
        "I": story(
            "Корейська кухня в Києві",
            lede="Ресторан відкрили на Подолі.",
            body="У Кореї так готують кімчі.",
            hours_ago=3,
        ),
        "J": story(
            "Умєров: рік на посаді",
            lede="Підсумки року.",
            body="Міністр розповів про реформи.",
            hours_ago=24 * 40,
        ),
    }
    draft(headline="Умєров таємно зустрівся з послом Кореї", section=svit)
    ArticleFactory(
        headline="Умєров завтра відвідає Сеул",
        status="scheduled",
        published_at=NOW + timedelta(hours=2),
        section=svit,
    )
    return stories


def id_query_statements() -> int:
    """Statements behind one search's matching ids: one on SQLite; on PostgreSQL, inside a
    test's open transaction, the savepoint, the slice set-up, one slice (every story here
    is recent), the planner setting given back and the release."""
    from django.db import connection

    return 1 if connection.vendor == "sqlite" else 5
