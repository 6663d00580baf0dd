"""The entity block under an article, for the public templates."""

from shpalta.entities.purge import tag_entity_block


def article_entities(request, page) -> list:
    """The accepted entities an article page names (read with the article: news.article_page);
    the page is refreshed when editors change entities."""
    tag_entity_block(request)
    return page.entities
