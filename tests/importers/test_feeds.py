import io
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from shpalta.importers.errors import ImportFailed
from shpalta.importers.feeds import feed_import
from shpalta.importers.inputs import open_input
from shpalta.importers.models import ImportedItem
from shpalta.news.models import Article, Source
from tests.factories.news import SectionFactory

from .snapshot import db_counts

pytestmark = pytest.mark.django_db

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Вісті Полтави</title>
<link>https://visti.example.org/</link>
{items}
</channel>
</rss>
"""


def rss_item(n: int, *, title: str = "", body: str = "<p>Текст новини.</p>", guid: str = "") -> str:
    title = title or f"Новина номер {n}"
    guid = guid or f"https://visti.example.org/news/{n}"
    return f"""<item>
<title>{title}</title>
<link>https://visti.example.org/news/{n}</link>
<guid>{guid}</guid>
<pubDate>Sat, 28 Nov 2026 10:0{n % 10}:00 +0200</pubDate>
<description><![CDATA[{body}]]></description>
</item>
"""


def rss(*items: str) -> io.BytesIO:
    return io.BytesIO(RSS.format(items="".join(items)).encode())


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="uk">
<title>Атом-видання</title>
<link href="https://atom.example.org/"/>
<id>urn:uuid:feed</id>
<updated>2026-11-28T09:00:00Z</updated>
<entry>
<title>Перша новина</title>
<link href="https://atom.example.org/1"/>
<id>urn:uuid:1</id>
<updated>2026-11-28T09:00:00Z</updated>
<content type="html">&lt;p&gt;Зміст &lt;b&gt;жирний&lt;/b&gt;&lt;/p&gt;</content>
</entry>
<entry>
<title type="text">Друга новина</title>
<link rel="alternate" href="https://atom.example.org/2"/>
<id>urn:uuid:2</id>
<published>2026-11-28T08:00:00+02:00</published>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Абзац</p></div></content>
</entry>
</feed>
"""


def test_feed_import_items_become_drafts_credited_to_source():
    report = feed_import(stream=rss(rss_item(1), rss_item(2)), source_name="Вісті Полтави")

    assert report.created == 2
    articles = Article.objects.order_by("headline")
    assert [a.headline for a in articles] == ["Новина номер 1", "Новина номер 2"]
    assert {a.status for a in articles} == {Article.Status.DRAFT}
    assert Article.objects.published().count() == 0
    assert [s.name for s in articles[0].sources.all()] == ["Вісті Полтави"]
    assert Source.objects.get().url == "https://visti.example.org/"
    assert articles[0].body == (
        "<p>Текст новини.</p>\n<p>Оригінал: <a "
        'href="https://visti.example.org/news/1" rel="noopener noreferrer">Вісті Полтави</a></p>'
    )
    origin = ImportedItem.objects.get(external_id="https://visti.example.org/news/1")
    assert origin.original_published_at == datetime(2026, 11, 28, 8, 1, tzinfo=UTC)


def test_feed_import_read_again_adds_nothing_twice():
    feed_import(stream=rss(rss_item(1), rss_item(2)), source_name="Вісті Полтави")
    before = db_counts()

    report = feed_import(
        stream=rss(rss_item(1), rss_item(2), rss_item(3)), source_name="Вісті Полтави"
    )

    assert (report.created, report.already_imported) == (1, 2)
    assert Article.objects.count() == before["Article"] + 1


def test_feed_import_into_a_chosen_section():
    SectionFactory(name="Регіони", slug="rehiony")

    feed_import(stream=rss(rss_item(1)), source_name="Вісті Полтави", section_name="Регіони")

    assert Article.objects.get().section.slug == "rehiony"


def test_feed_import_atom_html_and_xhtml_content():
    feed_import(stream=io.BytesIO(ATOM.encode()), source_name="Атом")

    first = Article.objects.get(headline="Перша новина")
    second = Article.objects.get(headline="Друга новина")
    assert first.body.startswith("<p>Зміст <b>жирний</b></p>")
    assert second.body.startswith("<p>Абзац</p>")
    assert Source.objects.get().url == "https://atom.example.org/"


def test_feed_import_script_in_description_is_removed():
    body = "<p>Текст</p><script>document.cookie</script><img src=x onerror=alert(1)>"

    feed_import(stream=rss(rss_item(1, body=body)), source_name="В")

    assert Article.objects.get().body.startswith('<p>Текст</p><img src="x">')
    assert "script" not in Article.objects.get().body


def test_feed_import_truncated_feed_changes_nothing():
    data = RSS.format(items=rss_item(1) + rss_item(2)).encode()[:-40]
    last_line = data.count(b"\n") + 1
    before = db_counts()

    with pytest.raises(ImportFailed) as failure:
        feed_import(stream=io.BytesIO(data), source_name="В")

    assert str(failure.value).startswith(
        f"Файл пошкоджено (не XML або обірваний): рядок {last_line}, позиція "
    )

    assert db_counts() == before


def test_feed_import_item_without_title_names_its_line():
    with pytest.raises(ImportFailed, match=r"^Запис <item> у рядку 13: немає заголовка"):
        feed_import(
            stream=rss(rss_item(1), rss_item(2).replace("<title>Новина номер 2</title>", "")),
            source_name="В",
        )
    assert Article.objects.count() == 0


def test_feed_import_html_page_is_refused():
    with pytest.raises(ImportFailed, match="Це не стрічка RSS чи Atom: кореневий елемент <html>"):
        feed_import(stream=io.BytesIO(b"<html><body>404</body></html>"), source_name="В")


class FeedHandler(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):
        if self.path != "/feed.xml":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_server():
    """A real HTTP server on one of our ports: the network is the outside world, so the
    test stands at the HTTP boundary instead of patching our own code."""
    FeedHandler.body = RSS.format(items=rss_item(1) + rss_item(2)).encode()
    server = None
    for port in range(8160, 8170):
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), FeedHandler)
            break
        except OSError:
            continue
    assert server is not None, "no free port in 8160-8169"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_feed_import_from_url(feed_server):
    with open_input(f"{feed_server}/feed.xml") as (stream, size):
        report = feed_import(stream=stream, source_name="Вісті Полтави")

    assert size == len(FeedHandler.body)
    assert report.created == 2


def test_feed_import_url_not_found_is_reported(feed_server):
    url = f"{feed_server}/missing.xml"

    with pytest.raises(ImportFailed) as failure, open_input(url):
        pass

    assert str(failure.value) == f"Не вдалося завантажити {url}: HTTP 404."


def test_feed_import_empty_feed_creates_nothing():
    before = db_counts()

    report = feed_import(stream=rss(), source_name="Нове видання")

    assert report.created == 0
    assert db_counts() == before


def test_feed_import_not_xml_names_the_place():
    with pytest.raises(ImportFailed) as failure:
        feed_import(stream=io.BytesIO("Сторінку не знайдено".encode()), source_name="В")

    assert str(failure.value) == (
        "Файл пошкоджено (не XML або обірваний): рядок 1, позиція 1: "
        "Start tag expected, '<' not found."
    )
