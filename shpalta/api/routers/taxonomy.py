"""Sections, tags and authors."""

from django.http import HttpRequest
from ninja import Query, Router

from shpalta.news.models import Author as AuthorModel
from shpalta.news.models import Section as SectionModel
from shpalta.news.models import Tag as TagModel

from .. import output, selectors
from ..schemas import Author, AuthorPage, Error, PageQuery, Section, Slug, Tag, TagPage

sections = Router(tags=["Розділи"])
tags = Router(tags=["Теги"])
authors = Router(tags=["Автори"])


@sections.get("/", response=list[Section], summary="Усі розділи")
def list_sections(request: HttpRequest):
    """У порядку навігації сайту."""
    return [output.section(row) for row in SectionModel.objects.all()]


@sections.get("/{slug}/", response={200: Section, 400: Error, 404: Error}, summary="Розділ")
def get_section(request: HttpRequest, slug: Slug):
    return output.section(selectors.by_slug(SectionModel, slug, "Такого розділу немає."))


@tags.get("/", response={200: TagPage, 400: Error}, summary="Теги")
def list_tags(request: HttpRequest, page: Query[PageQuery]):
    rows, next_cursor = selectors.slug_page(TagModel.objects.all(), page.cursor, page.limit)
    return {"items": [output.tag(row) for row in rows], "next_cursor": next_cursor}


@tags.get("/{slug}/", response={200: Tag, 400: Error, 404: Error}, summary="Тег")
def get_tag(request: HttpRequest, slug: Slug):
    return output.tag(selectors.by_slug(TagModel, slug, "Такого тегу немає."))


@authors.get("/", response={200: AuthorPage, 400: Error}, summary="Автори")
def list_authors(request: HttpRequest, page: Query[PageQuery]):
    rows, next_cursor = selectors.slug_page(AuthorModel.objects.all(), page.cursor, page.limit)
    return {"items": [output.author(row) for row in rows], "next_cursor": next_cursor}


@authors.get("/{slug}/", response={200: Author, 400: Error, 404: Error}, summary="Автор")
def get_author(request: HttpRequest, slug: Slug):
    return output.author(selectors.by_slug(AuthorModel, slug, "Такого автора немає."))
