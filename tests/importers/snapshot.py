from shpalta.importers.models import ImportedItem, LegacyRedirect
from shpalta.news.models import Article, Author, Section, Source, Tag

MODELS = (Article, Author, Section, Source, Tag, ImportedItem, LegacyRedirect)


def db_counts() -> dict[str, int]:
    """Row counts of everything an importer writes: equal before and after means untouched."""
    return {model.__name__: model.objects.count() for model in MODELS}
