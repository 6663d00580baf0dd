"""A streaming reader of WordPress eXtended RSS (WXR 1.0–1.2), the file that WordPress's
Tools → Export writes. It yields what it meets, in file order; it writes nothing."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from .errors import ImportFailed
from .xmlstream import children_text, iter_records, local_name, namespace

WP_NAMESPACE_START = "wordpress.org/export/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
ZERO_DATE = "0000-00-00 00:00:00"


@dataclass
class WxrAuthor:
    login: str
    display_name: str


@dataclass
class WxrTerm:
    taxonomy: str  # "category" or "post_tag"
    slug: str  # decoded: WordPress percent-encodes Cyrillic slugs
    name: str
    parent: str = ""  # the parent's decoded slug
    description: str = ""


@dataclass
class WxrItem:
    line: int
    post_id: str
    post_type: str
    status: str
    title: str
    link: str
    creator: str
    content: str
    excerpt: str
    post_name: str  # decoded
    date_gmt: datetime | None
    date_local: datetime | None
    password: str = ""
    sticky: bool = False
    attachment_url: str = ""
    categories: list[tuple[str, str, str]] = field(default_factory=list)  # (domain, slug, name)
    meta: dict[str, list[str]] = field(default_factory=dict)
    comments: int = 0

    def where(self) -> str:
        return f"Запис <item> у рядку {self.line} (wp:post_id {self.post_id or '?'})"

    def first_meta(self, key: str) -> str:
        values = self.meta.get(key)
        return values[0] if values else ""


@dataclass
class WxrSite:
    base_url: str


def _depth_for_root(tag) -> int:
    if local_name(tag) != "rss":
        raise ImportFailed(
            f"Це не експорт WordPress (WXR): кореневий елемент <{local_name(tag)}>, а не <rss>."
        )
    return 2  # rss → channel → item, wp:author, wp:category, ...


def iter_wxr(stream, *, site_timezone: str = "Europe/Kyiv") -> Iterator:
    """Yields WxrSite, WxrAuthor, WxrTerm and WxrItem objects as the file goes by."""
    tz = ZoneInfo(site_timezone)
    seen_wordpress = False
    for _root, element in iter_records(stream, depth_for_root=_depth_for_root):
        name, is_wp = local_name(element.tag), WP_NAMESPACE_START in namespace(element.tag)
        seen_wordpress = seen_wordpress or is_wp
        if name == "item":
            if not seen_wordpress:
                raise ImportFailed(_not_wxr(element.sourceline))
            yield _item(element, tz)
        elif is_wp and name in ("base_site_url", "base_blog_url") and element.text:
            yield WxrSite(base_url=element.text.strip().rstrip("/"))
        elif is_wp and name == "author":
            yield _author(element)
        elif is_wp and name in ("category", "tag", "term"):
            term = _term(name, element)
            if term is not None:
                yield term
    if not seen_wordpress:
        raise ImportFailed(_not_wxr(None))


def _not_wxr(line) -> str:
    where = f" (рядок {line})" if line else ""
    return (
        "Це RSS, але не експорт WordPress (WXR): немає елементів wp:…" + where + ". "
        "Стрічку RSS імпортуйте командою «import feed»."
    )


def _author(element) -> WxrAuthor:
    fields = children_text(element)
    login = fields.get("author_login", "").strip()
    return WxrAuthor(login=login, display_name=fields.get("author_display_name", "").strip())


def _term(kind: str, element) -> WxrTerm | None:
    fields = children_text(element)
    if kind == "category":
        taxonomy, slug, name = "category", fields.get("category_nicename"), fields.get("cat_name")
        parent = fields.get("category_parent", "")
        description = fields.get("category_description", "")
    elif kind == "tag":
        taxonomy, slug, name = "post_tag", fields.get("tag_slug"), fields.get("tag_name")
        parent, description = "", fields.get("tag_description", "")
    else:
        taxonomy, slug, name = (
            fields.get("term_taxonomy"),
            fields.get("term_slug"),
            fields.get("term_name"),
        )
        parent, description = fields.get("term_parent", ""), fields.get("term_description", "")
    if taxonomy not in ("category", "post_tag") or not slug or not name:
        return None
    return WxrTerm(
        taxonomy=taxonomy,
        slug=unquote(slug.strip()),
        name=name.strip(),
        parent=unquote(parent.strip()),
        description=description.strip(),
    )


def _item(element, tz) -> WxrItem:
    fields, encoded = {}, {}
    categories, meta, comments = [], {}, 0
    for child in element:
        name = local_name(child.tag)
        if name == "category":
            categories.append(
                (child.get("domain", ""), unquote(child.get("nicename", "")), child.text or "")
            )
        elif name == "postmeta":
            sub = children_text(child)
            meta.setdefault(sub.get("meta_key", ""), []).append(sub.get("meta_value", ""))
        elif name == "comment":
            comments += 1
        elif name == "encoded":
            encoded["content" if namespace(child.tag) == CONTENT_NS else "excerpt"] = child.text
        else:
            fields[name] = child.text or ""
    item = WxrItem(
        line=element.sourceline,
        post_id=fields.get("post_id", "").strip(),
        post_type=fields.get("post_type", "").strip(),
        status=fields.get("status", "").strip(),
        title=fields.get("title", ""),
        link=fields.get("link", "").strip(),
        creator=fields.get("creator", "").strip(),
        content=encoded.get("content") or "",
        excerpt=encoded.get("excerpt") or "",
        post_name=unquote(fields.get("post_name", "").strip()),
        date_gmt=None,
        date_local=None,
        password=fields.get("post_password", ""),
        sticky=fields.get("is_sticky", "0").strip() == "1",
        attachment_url=fields.get("attachment_url", "").strip(),
        categories=categories,
        meta=meta,
        comments=comments,
    )
    _require(item, fields)
    item.date_gmt = _date(item, fields.get("post_date_gmt", ""), UTC)
    item.date_local = _date(item, fields.get("post_date", ""), tz)
    return item


def _require(item: WxrItem, fields: dict) -> None:
    for name in ("post_id", "post_type"):
        if not fields.get(name, "").strip():
            raise ImportFailed(f"{item.where()}: немає обов’язкового поля <wp:{name}>.")
    if not item.post_id.isdigit():
        raise ImportFailed(f"{item.where()}: wp:post_id має бути числом.")
    if item.post_type == "post" and "title" not in fields:
        raise ImportFailed(f"{item.where()}: немає обов’язкового поля <title>.")
    if item.post_type == "post" and not item.status:
        raise ImportFailed(f"{item.where()}: немає обов’язкового поля <wp:status>.")


def _date(item: WxrItem, value: str, tz) -> datetime | None:
    value = value.strip()
    if not value or value == ZERO_DATE:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=tz)
    except ValueError:
        raise ImportFailed(
            f"{item.where()}: дата «{value}» не у форматі РРРР-ММ-ДД ГГ:ХХ:СС."
        ) from None
