"""Feeds under every listing's own address (/feed/, /feed/atom/), sitemaps, robots.txt."""

from django.urls import path

from . import sitemaps, views
from .feeds import ArticleFeed, AuthorFeed, SectionFeed, TagFeed, atom, feed_view

app_name = "feeds"


def subject_feed_urls(prefix: str, feed_class, name: str) -> list:
    """RSS at <prefix>feed/ and Atom at <prefix>feed/atom/."""
    return [
        path(f"{prefix}feed/", feed_view(feed_class), name=f"{name}_rss"),
        path(f"{prefix}feed/atom/", feed_view(atom(feed_class)), name=f"{name}_atom"),
    ]


urlpatterns = [
    *subject_feed_urls("", ArticleFeed, "site"),
    *subject_feed_urls("section/<slug:slug>/", SectionFeed, "section"),
    *subject_feed_urls("tag/<slug:slug>/", TagFeed, "tag"),
    *subject_feed_urls("author/<slug:slug>/", AuthorFeed, "author"),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path(
        "sitemaps/articles-<int:year>-<int:month>.xml", sitemaps.articles, name="sitemap_articles"
    ),
    path(
        "sitemaps/articles-<int:year>-<int:month>-<int:page>.xml",
        sitemaps.articles,
        name="sitemap_articles_page",
    ),
    path("sitemaps/sections.xml", sitemaps.sections, name="sitemap_sections"),
    path("sitemaps/sections-<int:page>.xml", sitemaps.sections, name="sitemap_sections_page"),
    path("sitemaps/authors.xml", sitemaps.authors, name="sitemap_authors"),
    path("sitemaps/authors-<int:page>.xml", sitemaps.authors, name="sitemap_authors_page"),
    path("news-sitemap.xml", sitemaps.news, name="news_sitemap"),
    path("news-sitemap-<int:page>.xml", sitemaps.news, name="news_sitemap_page"),
    path("robots.txt", views.robots, name="robots"),
]
