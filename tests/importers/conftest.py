import io
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from tests.shared_data import shared_data_path

WXR_HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Старий сайт</title>
<link>http://old.example.com.ua</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>http://old.example.com.ua</wp:base_site_url>
<wp:author><wp:author_login><![CDATA[okovalenko]]></wp:author_login>
<wp:author_display_name><![CDATA[Олена Коваленко]]></wp:author_display_name></wp:author>
<wp:category><wp:category_nicename><![CDATA[polityka]]></wp:category_nicename>
<wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Політика]]></wp:cat_name>
</wp:category>
"""
WXR_TAIL = "</channel>\n</rss>\n"


def wxr_post(
    post_id: int,
    *,
    title: str = "Рада ухвалила бюджет",
    content: str = "<p>Текст новини.</p>",
    status: str = "publish",
    post_type: str = "post",
    slug: str = "",
    date_gmt: str = "2021-03-04 10:00:00",
    meta: dict | None = None,
    extra: str = "",
) -> str:
    slug = slug or f"novyna-{post_id}"
    link = f"http://old.example.com.ua/2021/03/{slug}/"
    metas = "".join(
        f"<wp:postmeta><wp:meta_key><![CDATA[{k}]]></wp:meta_key>"
        f"<wp:meta_value><![CDATA[{v}]]></wp:meta_value></wp:postmeta>"
        for k, v in (meta or {}).items()
    )
    return f"""<item>
<title><![CDATA[{title}]]></title>
<link>{link}</link>
<dc:creator><![CDATA[okovalenko]]></dc:creator>
<content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_date><![CDATA[2021-03-04 12:00:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[{date_gmt}]]></wp:post_date_gmt>
<wp:post_name><![CDATA[{slug}]]></wp:post_name>
<wp:status><![CDATA[{status}]]></wp:status>
<wp:post_type><![CDATA[{post_type}]]></wp:post_type>
<wp:post_password><![CDATA[]]></wp:post_password>
<wp:is_sticky>0</wp:is_sticky>
<category domain="category" nicename="polityka"><![CDATA[Політика]]></category>
{extra}{metas}
</item>
"""


def wxr_bytes(*items: str) -> bytes:
    return (WXR_HEAD + "".join(items) + WXR_TAIL).encode()


@pytest.fixture
def wxr_stream():
    return lambda *items: io.BytesIO(wxr_bytes(*items))


# The real export was written on this day (its generator comment): its five «future» posts
# are scheduled as of then. On the real clock they come due one by one.
WXR_WRITTEN = datetime(2026, 11, 28, 1, 6, tzinfo=UTC)


@pytest.fixture
def real_wxr(monkeypatch):
    """The real WordPress export, imported at the moment it was written (the clock mocked)."""
    path = shared_data_path("wordpress", "newsroom.wxr.xml")
    monkeypatch.setattr(timezone, "now", lambda: WXR_WRITTEN)
    return path


@pytest.fixture
def real_jsonl():
    return shared_data_path("uk-news", "uk-news.jsonl")
