"""The entity block under an article, for the public templates."""

from shpalta.entities.purge import tag_entity_block
from shpalta.entities.selectors import entities_of


def article_entities(request, article) -> list:
    """The accepted entities an article names; the page is refreshed when editors change
    entities."""
    tag_entity_block(request)
    return entities_of(article)
