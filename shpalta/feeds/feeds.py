"""RSS 2.0 and Atom for the site and for each section, tag and author.

A new kind of subject (entities, say) is a subclass of SubjectFeed naming its model and the
article filter, plus one `subject_feed_urls(...)` line in urls.py:

    class EntityFeed(SubjectFeed):
        model = Entity
        article_filter = "entities"
        title_format = "{site} — {name}"
"""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import feedgenerator

from shpalta.news.models import Author, Section, Tag
from shpalta.ukrainian.dates import to_kyiv

from .links import absolute, image_url
from .selectors import feed_articles

DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
MEDIA = "http://search.yahoo.com/mrss/"


def _image_attributes(image: str) -> dict:
    kind = mimetypes.guess_type(image)[0] or "image/jpeg"
    return {"url": image, "medium": "image", "type": kind}


class ShpaltaRss(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with one dc:creator per author and, in full-text mode, content:encoded."""

    def rss_attributes(self):
        return super().rss_attributes() | {
            "xmlns:dc": DC,
            "xmlns:content": CONTENT,
            "xmlns:media": MEDIA,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _link in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item["content"] is not None:
            handler.addQuickElement("content:encoded", item["content"])
        if item["image"]:
            # Media RSS rather than <enclosure>, which demands a byte length we would have
            # to ask the storage for, item by item.
            handler.addQuickElement("media:content", None, _image_attributes(item["image"]))


class ShpaltaAtom(feedgenerator.Atom1Feed):
    """Atom with an <author> per author and, in full-text mode, <content type="html">."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, link in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", link)
            handler.endElement("author")
        if item["content"] is not None:
            handler.addQuickElement("content", item["content"], {"type": "html"})
        if item["image"]:
            attributes = _image_attributes(item["image"])
            link = {"rel": "enclosure", "href": attributes["url"], "type": attributes["type"]}
            handler.addQuickElement("link", None, link)


class ArticleFeed(Feed):
    """The whole site: the newest published articles."""

    feed_type = ShpaltaRss
    language = "uk"
    title_format = "{site}"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = f"public, max-age={settings.FEEDS_MAX_AGE}"
        return response

    def get_object(self, request, *args, **kwargs):
        self.request_path = request.path
        return None

    def article_filters(self, obj) -> dict:
        return {}

    def items(self, obj):
        return feed_articles(filters=self.article_filters(obj))

    def title(self, obj):
        name = getattr(obj, "name", "")
        return self.title_format.format(site=settings.SITE_NAME, name=name)

    def link(self, obj):
        return absolute(obj.get_absolute_url() if obj is not None else "/")

    def feed_url(self, obj):
        return absolute(self.request_path)

    def description(self, obj):
        return f"{self.title(obj)}: останні новини"

    def feed_copyright(self, obj):
        return f"© {settings.SITE_NAME}"

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.lede or item.teaser

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        # Stable across slug renames: the id, not the address, names the story.
        return f"{settings.SITE_URL}/?article={item.pk}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return to_kyiv(item.published_at)

    def item_updateddate(self, item):
        return to_kyiv(max(item.updated_at, item.published_at))

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item):
        return []

    def item_extra_kwargs(self, item):
        authors = [(a.name, absolute(a.get_absolute_url())) for a in item.authors.all()]
        content = item.body if settings.FEEDS_FULL_TEXT else None
        return {"authors": authors, "content": content, "image": image_url(item)}


class SubjectFeed(ArticleFeed):
    """Articles of one section, tag, author...: `model` is looked up by slug (404 when
    unknown) and `article_filter` is the Article field that points to it."""

    model = None
    article_filter = ""

    def get_object(self, request, slug):
        self.request_path = request.path
        return get_object_or_404(self.model.objects.only("id", "name", "slug"), slug=slug)

    def article_filters(self, obj) -> dict:
        return {self.article_filter: obj}


def atom(feed_class: type[ArticleFeed]) -> type[ArticleFeed]:
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": ShpaltaAtom})


def feed_view(feed_class: type[ArticleFeed]):
    """A fresh Feed per request, so per-request state never leaks between threads."""

    def view(request, *args, **kwargs):
        return feed_class()(request, *args, **kwargs)

    view.__name__ = feed_class.__name__
    return view


class SectionFeed(SubjectFeed):
    model = Section
    article_filter = "section"
    title_format = "{site} — {name}"


class TagFeed(SubjectFeed):
    model = Tag
    article_filter = "tags"
    title_format = "{site} — тег «{name}»"


class AuthorFeed(SubjectFeed):
    model = Author
    article_filter = "authors"
    title_format = "{site} — {name}"
