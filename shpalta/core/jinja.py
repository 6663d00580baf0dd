"""Jinja2 for the public pages (article, front, lists, entities, search, errors).

Measured on the article page (docs/benchmarks.md, "Cache misses"): Django's template
language took about half of a render, most of it in {% include %} inside loops and in
inclusion tags; the same markup compiled by Jinja2 costs a fraction of that. The admin
keeps Django templates. Filters and functions here are thin: the work stays in the
Ukrainian text helpers and the selectors of each app.
"""

from django.conf import settings
from django.template.backends.jinja2 import Jinja2
from django.templatetags.static import static
from django.test.signals import template_rendered
from jinja2 import Environment
from markupsafe import Markup

from shpalta.core.links import route_url
from shpalta.core.templatetags.shpalta import (
    credit,
    iso,
    kyiv_date,
    kyiv_datetime,
    rating,
    safe_url,
    teaser,
    votes,
)


def url(name: str, *args) -> str:
    return route_url(name, *args)


def found_phrase(n: int, exact: bool = True) -> str:
    from shpalta.search.presentation import found_phrase as phrase

    return phrase(n, exact)


def linebreaksbr(text: str) -> Markup:
    from django.utils.html import escape

    return Markup(escape(text or "").replace("\r\n", "\n").replace("\n", "<br>"))


def site_globals() -> dict:
    """Read per render, so a changed setting (tests, a reloaded deployment) shows at once."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}


def environment(**options) -> Environment:
    from shpalta.entities.presentation import article_entities
    from shpalta.feeds.presentation import (
        article_json_ld,
        article_open_graph,
        article_twitter_card,
        feed_links,
    )
    from shpalta.images.presentation import card_picture, lead_picture, top_story_picture
    from shpalta.news.selectors import nav_sections

    env = Environment(**options)
    env.globals.update(
        url=url,
        static=static,
        nav_sections=nav_sections,
        feed_links=feed_links,
        article_entities=article_entities,
        article_json_ld=article_json_ld,
        article_open_graph=article_open_graph,
        article_twitter_card=article_twitter_card,
        card_picture=card_picture,
        lead_picture=lead_picture,
        top_story_picture=top_story_picture,
    )
    env.filters.update(
        kyiv_datetime=kyiv_datetime,
        kyiv_date=kyiv_date,
        iso=iso,
        teaser=teaser,
        votes=votes,
        rating=rating,
        credit=credit,
        safe_url=safe_url,
        found_phrase=found_phrase,
        linebreaksbr=linebreaksbr,
    )
    return env


class PublicTemplates(Jinja2):
    """Django's Jinja2 backend, plus the site's name and address in every context and the
    `template_rendered` signal Django's own templates send, so the test client's
    `response.context` works for Jinja2 pages too."""

    def get_template(self, template_name):
        return _SignallingTemplate(super().get_template(template_name))


class _SignallingTemplate:
    def __init__(self, template):
        self._template = template
        self.origin = template.origin

    def render(self, context=None, request=None):
        context = site_globals() | (context or {})
        if template_rendered.receivers:
            template_rendered.send(sender=self, template=self, context=context)
        return self._template.render(context, request)
