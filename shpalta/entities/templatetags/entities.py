from django import template

from shpalta.entities.selectors import entities_of

register = template.Library()


@register.simple_tag
def article_entities(article):
    """The accepted entities an article names, for the block under the article."""
    return entities_of(article)
