from django import template

from shpalta.entities.purge import tag_entity_block
from shpalta.entities.selectors import entities_of

register = template.Library()


@register.simple_tag(takes_context=True)
def article_entities(context, article):
    """The accepted entities an article names, for the block under the article; the page
    is refreshed when editors change entities."""
    tag_entity_block(context.get("request"))
    return entities_of(article)
