"""WordPress (WXR) → Shpalta: posts with their authors, sections, tags, dates, featured
images and old addresses. Pages, attachments, menus and comments are counted, not imported."""

import html
from urllib.parse import unquote, urlsplit

from django.db import transaction
from django.utils import timezone

from shpalta.news.models import Article

from .common import Catalogue, ImportReport, Provenance, already_imported, imported_article_save
from .models import ImportedItem, LegacyRedirect
from .selectors import normalise_old_path
from .wpcontent import wordpress_html
from .wxr import WxrAuthor, WxrItem, WxrSite, WxrTerm, iter_wxr

UNTITLED = "Без заголовка"
SKIPPED_TYPES = {"page": "сторінок", "attachment": "вкладень", "nav_menu_item": "пунктів меню"}
DRAFT_STATUSES = {"draft": "чернеток", "pending": "на розгляді → чернетки"}
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}


class WordPressImport:
    """One run over one file. Holds only small maps (authors, terms, attachment URLs);
    posts go to the database one at a time as the parser hands them over."""

    def __init__(self, site_timezone: str):
        self.site_timezone = site_timezone
        self.report = ImportReport()
        self.catalogue = Catalogue(self.report)
        self.origin = ""
        self.old_bases: list[str] = []
        self.authors: dict[str, str] = {}
        self.terms: dict[tuple[str, str], WxrTerm] = {}
        self.attachments: dict[str, tuple[str, str]] = {}
        self.pending_images: dict[int, str] = {}  # article id → attachment id seen later
        self.redirects: list[LegacyRedirect] = []
        self.redirected: set[str] = set()  # taxonomy and author addresses done this run

    def run(self, stream) -> ImportReport:
        before = LegacyRedirect.objects.count()
        for record in iter_wxr(stream, site_timezone=self.site_timezone):
            self.take(record)
        self._flush_redirects()
        self._attach_late_images()
        self.report.redirects = LegacyRedirect.objects.count() - before
        return self.report

    def take(self, record) -> None:
        if isinstance(record, WxrSite):
            self.origin = self.origin or record.base_url
            self.old_bases.append(record.base_url)
        elif isinstance(record, WxrAuthor):
            self.authors[record.login] = record.display_name or record.login
        elif isinstance(record, WxrTerm):
            self.terms.setdefault((record.taxonomy, record.slug), record)
        elif record.post_type == "post":
            self.post(record)
        else:
            self.other(record)

    def other(self, item: WxrItem) -> None:
        if item.post_type == "attachment" and item.attachment_url:
            self.attachments[item.post_id] = (
                item.attachment_url,
                item.first_meta("_wp_attachment_image_alt") or html.unescape(item.title),
            )
        label = SKIPPED_TYPES.get(item.post_type, f"інших записів ({item.post_type})")
        self.report.skipped["пропущено " + label] += 1

    def post(self, item: WxrItem) -> None:
        if item.status in SKIPPED_STATUSES:
            self.report.skipped[f"пропущено записів зі статусом {item.status}"] += 1
            return
        key = {"importer": ImportedItem.Importer.WORDPRESS, "origin": self.origin}
        if already_imported(**key, external_id=item.post_id):
            self.report.already_imported += 1
            return
        article = self.article(item)
        section, extra_tags = self.section_and_extra_tags(item)
        article.section = section
        imported_article_save(
            article=article,
            provenance=Provenance(
                **key,
                external_id=item.post_id,
                original_url=item.link,
                original_published_at=item.date_gmt,
            ),
            authors=[self.catalogue.author(self.authors.get(item.creator, item.creator))]
            if item.creator
            else [],
            tags=[*extra_tags, *self.tags(item)],
            sources=self.sources(item),
        )
        self.report.created += 1
        thumbnail = item.first_meta("_thumbnail_id")
        if thumbnail and thumbnail not in self.attachments:
            self.pending_images[article.pk] = thumbnail
        self.remember_old_addresses(item, article)
        self.count_notes(item)

    def article(self, item: WxrItem) -> Article:
        status, published_at = self.status(item)
        article = Article(
            headline=html.unescape(item.title).strip()[:300] or UNTITLED,
            slug=item.post_name,
            lede=html.unescape(item.excerpt),
            body=wordpress_html(
                item.content, attachments=self.attachments, old_bases=tuple(self.old_bases)
            ),
            status=status,
            published_at=published_at,
            is_top_story=item.sticky and status != Article.Status.DRAFT,
        )
        thumbnail = item.first_meta("_thumbnail_id")
        if thumbnail in self.attachments:
            article.image_url, article.image_alt = self.attachments[thumbnail]
        return article

    def status(self, item: WxrItem) -> tuple[str, object]:
        """publish → published at its GMT time; future → scheduled; draft, pending,
        private and password-protected → drafts (they were not public there either)."""
        when = item.date_gmt or item.date_local
        if item.password or item.status not in ("publish", "future") or when is None:
            return Article.Status.DRAFT, None
        if item.status == "future" and when > timezone.now():
            return Article.Status.SCHEDULED, when
        return Article.Status.PUBLISHED, when

    def count_notes(self, item: WxrItem) -> None:
        if item.status == "private":
            self.report.skipped["приватних → чернетки"] += 1
        if item.password:
            self.report.skipped["із паролем → чернетки"] += 1
        if item.comments:
            self.report.skipped["коментарів не імпортовано"] += item.comments

    def section_and_extra_tags(self, item: WxrItem):
        """An article has one section: the deepest category (a child such as Коронавірус
        before its parent). Further categories become tags, so nothing is lost."""
        slugs = [slug for domain, slug, _ in item.categories if domain == "category"]
        names = {slug: name for domain, slug, name in item.categories if domain == "category"}
        slugs.sort(key=lambda slug: -self._depth(slug))
        if not slugs:
            return self.catalogue.section("Без категорії"), []
        terms = [self.terms.get(("category", slug)) for slug in slugs]
        first = terms[0]
        section = self.catalogue.section(
            first.name if first else names[slugs[0]].strip(),
            slugs[0],
            first.description if first else "",
        )
        self._redirect_term("category", slugs[0], section.get_absolute_url())
        extra = [
            self.catalogue.tag(term.name if term else names[slug].strip(), slug)
            for slug, term in zip(slugs[1:], terms[1:], strict=True)
        ]
        return section, extra

    def _depth(self, slug: str) -> int:
        depth, seen = 0, set()
        term = self.terms.get(("category", slug))
        while term is not None and term.parent and term.parent not in seen:
            seen.add(term.parent)
            depth += 1
            term = self.terms.get(("category", term.parent))
        return depth

    def tags(self, item: WxrItem):
        for domain, slug, name in item.categories:
            if domain == "post_tag" and name.strip():
                term = self.terms.get(("post_tag", slug))
                tag = self.catalogue.tag(term.name if term else name.strip(), slug)
                if f"/tag/{slug}/" not in self.redirected:
                    self._redirect_term("post_tag", slug, tag.get_absolute_url())
                yield tag

    def sources(self, item: WxrItem):
        name = item.first_meta("source_name").strip()
        return [self.catalogue.source(name)] if name else []

    def remember_old_addresses(self, item: WxrItem, article: Article) -> None:
        paths = {f"/?p={item.post_id}"}
        link_path = self._old_path(item.link)
        if link_path:
            paths.add(link_path)
            for old_slug in item.meta.get("_wp_old_slug", []):
                head = link_path.rstrip("/").rsplit("/", 1)[0]
                paths.add(f"{head}/{unquote(old_slug).strip('/')}/")
        self.redirects += [LegacyRedirect(old_path=path, article=article) for path in paths]
        if item.creator and f"/author/{item.creator}/" not in self.redirected:
            author = self.catalogue.author(self.authors.get(item.creator, item.creator))
            self._redirect(f"/author/{item.creator}/", author.get_absolute_url())
        if len(self.redirects) >= 500:
            self._flush_redirects()

    def _old_path(self, link: str) -> str:
        parts = urlsplit(link)
        if parts.query or not parts.path.strip("/"):
            return ""  # ?p=ID links are covered by the id itself
        return normalise_old_path(unquote(parts.path))

    def _redirect_term(self, taxonomy: str, slug: str, target: str) -> None:
        if taxonomy == "category":
            chain, term = [slug], self.terms.get(("category", slug))
            while term is not None and term.parent and term.parent not in chain:
                chain.insert(0, term.parent)
                term = self.terms.get(("category", term.parent))
            self._redirect("/category/" + "/".join(chain) + "/", target)
        else:
            self._redirect(f"/tag/{slug}/", target)

    def _redirect(self, old_path: str, target: str) -> None:
        old_path = normalise_old_path(old_path)[:500]
        if old_path != target and old_path not in self.redirected:
            self.redirected.add(old_path)
            self.redirects.append(LegacyRedirect(old_path=old_path, target_url=target))

    def _flush_redirects(self) -> None:
        # The first claim on an old address wins; a re-run or an overlapping file adds
        # nothing and moves nothing.
        unique = {row.old_path: row for row in reversed(self.redirects)}
        LegacyRedirect.objects.bulk_create(unique.values(), ignore_conflicts=True)
        self.redirects = []

    def _attach_late_images(self) -> None:
        for article_id, thumbnail in self.pending_images.items():
            if thumbnail in self.attachments:
                url, alt = self.attachments[thumbnail]
                Article.objects.filter(pk=article_id).update(image_url=url, image_alt=alt)


@transaction.atomic
def wordpress_import(*, stream, site_timezone: str = "Europe/Kyiv") -> ImportReport:
    """All or nothing: a malformed file raises ImportFailed and the transaction rolls the
    whole run back, so the database is as it was before."""
    return WordPressImport(site_timezone).run(stream)
