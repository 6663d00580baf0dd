"""A streaming reader of RSS 2.0, RSS 1.0 (RDF) and Atom 1.0: channel facts and items."""

import hashlib
import html
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from lxml import etree

from .errors import ImportFailed
from .xmlstream import iter_records, local_name

ATOM = "http://www.w3.org/2005/Atom"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"


@dataclass
class FeedChannel:
    title: str
    link: str


@dataclass
class FeedEntry:
    line: int
    guid: str
    title: str
    link: str
    body_html: str
    published: datetime | None


def _depth_for_root(tag) -> int:
    name = local_name(tag)
    if name == "rss":
        return 2  # rss → channel → item
    if name in ("feed", "RDF"):
        return 1  # feed → entry; rdf:RDF → item
    raise ImportFailed(f"Це не стрічка RSS чи Atom: кореневий елемент <{name}>.")


def iter_feed(stream) -> Iterator[FeedChannel | FeedEntry]:
    channel = {"title": "", "link": ""}
    announced = False
    for _root, element in iter_records(stream, depth_for_root=_depth_for_root):
        name = local_name(element.tag)
        if name in ("item", "entry"):
            if not announced:
                announced = True
                yield FeedChannel(**channel)
            yield _entry(element)
        elif name == "title" and not channel["title"]:
            channel["title"] = (element.text or "").strip()
        elif name == "link" and not channel["link"]:
            channel["link"] = (element.get("href") or element.text or "").strip()
        elif name == "channel":  # RSS 1.0 keeps its channel facts inside <channel>
            channel["title"] = channel["title"] or element.findtext("{*}title", "").strip()
            channel["link"] = channel["link"] or element.findtext("{*}link", "").strip()
    if not announced:
        yield FeedChannel(**channel)


def _entry(element) -> FeedEntry:
    where = f"Запис <{local_name(element.tag)}> у рядку {element.sourceline}"
    found = {}
    for child in element:
        name = local_name(child.tag)
        if child.tag == CONTENT_ENCODED:
            name = "content_encoded"
        if name == "link":
            rel = child.get("rel", "alternate")
            if rel == "alternate" and "link" not in found:
                found["link"] = (child.get("href") or child.text or "").strip()
            continue
        if name not in found:
            found[name] = _text(child)
    title = html.unescape(_strip(found.get("title", ""))).strip()
    body = found.get("content_encoded") or found.get("content") or found.get("description")
    body = body or found.get("summary") or ""
    if not title:
        raise ImportFailed(f"{where}: немає заголовка (<title>).")
    link = found.get("link", "")
    guid = (found.get("guid") or found.get("id") or link).strip()
    if not guid:
        guid = "sha1:" + hashlib.sha1(f"{title}\n{body}".encode()).hexdigest()
    when = found.get("pubDate") or found.get("published") or found.get("date")
    when = when or found.get("updated") or ""
    return FeedEntry(
        line=element.sourceline,
        guid=guid,
        title=title,
        link=link,
        body_html=body.strip(),
        published=parse_date(when),
    )


def _text(element) -> str:
    """Atom says how its text is written; RSS text is HTML (escaped or CDATA)."""
    kind = element.get("type", "")
    if kind == "xhtml":
        return "".join(etree.tostring(child, encoding="unicode") for child in element)
    text = element.text or ""
    if kind == "text" and local_name(element.tag) in ("content", "summary"):
        return "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())
    return text


def _strip(value: str) -> str:
    return etree.HTML(f"<div>{value}</div>").xpath("string()") if "<" in value else value


def parse_date(value: str) -> datetime | None:
    """RFC 822 (RSS) or RFC 3339 (Atom). Feeds in the wild carry broken dates; the date
    only informs the editor here (imported items are drafts), so a bad one is left out."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
