import io
from datetime import UTC, datetime

import pytest

from shpalta.importers.errors import ImportFailed
from shpalta.importers.models import ImportedItem, LegacyRedirect
from shpalta.importers.wordpress import wordpress_import
from shpalta.news.models import Article, Author, Section, Tag
from tests.factories.news import ArticleFactory

from .conftest import wxr_bytes, wxr_post
from .snapshot import db_counts

pytestmark = pytest.mark.django_db


def import_real(path):
    with open(path, "rb") as stream:
        return wordpress_import(stream=stream)


def by_wp_id(post_id: int) -> Article:
    return Article.objects.get(
        imported_from__importer="wordpress", imported_from__external_id=post_id
    )


def test_wordpress_import_real_export_maps_statuses_and_skips_non_posts(real_wxr):
    report = import_real(real_wxr)

    statuses = sorted(Article.objects.values_list("status", flat=True))
    assert report.created == 300
    assert statuses.count("published") == 283
    assert statuses.count("scheduled") == 5
    assert statuses.count("draft") == 12  # 6 drafts, 2 pending, 4 private
    assert report.skipped["пропущено сторінок"] == 3
    assert report.skipped["пропущено вкладень"] == 6
    assert report.skipped["пропущено пунктів меню"] == 7
    assert report.skipped["приватних → чернетки"] == 4
    assert Article.objects.published().count() == 283


def test_wordpress_import_real_export_authors_sections_tags(real_wxr):
    import_real(real_wxr)

    assert set(Author.objects.values_list("name", flat=True)) == {
        "Андрій Бондаренко", "Ірина Шевчук", "Олена Коваленко", "Редакція", "Тарас Мельник",
    }  # fmt: skip
    assert sorted(Section.objects.values_list("slug", flat=True)) == [
        "ekonomika", "koronavirus", "polityka", "sport", "suspilstvo", "svit", "tekhnolohii",
    ]  # fmt: skip
    assert Section.objects.get(slug="koronavirus").name == "Коронавірус"
    assert Tag.objects.get(name="Північний потік-2").slug == "nord-stream-2"
    assert Tag.objects.get(name="Київ").slug == "kyiv"
    football = by_wp_id(191)
    assert football.section.name == "Політика"
    assert sorted(t.name for t in football.tags.all()) == ["Росія", "вибори", "футбол"]
    assert [a.name for a in football.authors.all()] == ["Редакція"]
    assert [s.name for s in football.sources.all()] == ["Країна"]


def test_wordpress_import_real_export_dates_slugs_and_image(real_wxr):
    import_real(real_wxr)

    football = by_wp_id(191)
    assert football.published_at == datetime(2018, 4, 13, 14, 10, 54, tzinfo=UTC)
    assert football.slug == "futbol-i-vidpovidalnist"
    assert by_wp_id(6).slug == "kvitka-lomykamin"  # percent-encoded Cyrillic in the WXR
    featured = by_wp_id(125)
    assert (
        featured.image_url == "http://127.0.0.1:8081/wp-content/uploads/2016/09/kyiv-panorama.jpg"
    )
    assert featured.image_alt == "Панорама Києва з лівого берега Дніпра"
    assert by_wp_id(298).published_at is None  # a draft: zero GMT date in WordPress


def test_wordpress_import_real_export_bodies_are_clean_html(real_wxr):
    import_real(real_wxr)

    bodies = list(Article.objects.values_list("body", flat=True))
    for marker in ("<!--", "[caption", "[gallery", "wp-block", "<div", "<script"):
        assert not [b for b in bodies if marker in b], marker
    assert all(b.startswith(("<p>", "<h2>", "<blockquote>", "<figure>")) for b in bodies)
    assert sum("youtu" in b for b in bodies) == 6
    assert sum("<figcaption>" in b for b in bodies) == 2
    assert not [b for b in bodies if 'href="http://127.0.0.1:8081' in b]


def test_wordpress_import_run_twice_adds_nothing(real_wxr):
    import_real(real_wxr)
    counts = db_counts()

    again = import_real(real_wxr)

    assert again.created == 0
    assert again.already_imported == 300
    assert again.redirects == 0
    assert db_counts() == counts


def test_wordpress_old_permalinks_answer_with_301(client, real_wxr):
    import_real(real_wxr)

    cyrillic = (
        "/2018/04/%d1%84%d1%83%d1%82%d0%b1%d0%be%d0%bb-%d1%96-%d0%b2%d1%96%d0%b4%d0%bf%d0%be"
        "%d0%b2%d1%96%d0%b4%d0%b0%d0%bb%d1%8c%d0%bd%d1%96%d1%81%d1%82%d1%8c/"
    )  # the slug before the editor changed it (_wp_old_slug)
    for old in ("/2018/04/futbol-i-vidpovidalnist/", cyrillic, "/?p=191"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (
            301,
            "/news/futbol-i-vidpovidalnist/",
        ), old
    section = client.get(
        "/category/suspilstvo/%D0%BA%D0%BE%D1%80%D0%BE%D0%BD%D0%B0%D0%B2%D1%96%D1%80%D1%83%D1%81/"
    )
    assert (section.status_code, section["Location"]) == (301, "/section/koronavirus/")


def test_wordpress_old_link_of_a_draft_is_not_followed(client, real_wxr):
    import_real(real_wxr)

    assert client.get("/?p=298").status_code == 200  # the front page, not the draft
    assert client.get("/?p=298").context.get("article") is None


def test_wordpress_import_script_in_body_is_removed(wxr_stream):
    content = '<p>Текст.</p><script>alert(1)</script><p onclick="x()">Ще</p>'

    wordpress_import(stream=wxr_stream(wxr_post(1, content=content)))

    assert Article.objects.get().body == "<p>Текст.</p><p>Ще</p>"


def test_wordpress_import_classic_text_gets_paragraphs(wxr_stream):
    content = "Перший абзац.\nТой самий абзац.\n\nhttps://youtu.be/abc\n\nДругий абзац."

    wordpress_import(stream=wxr_stream(wxr_post(1, content=content)))

    assert Article.objects.get().body == (
        "<p>Перший абзац.<br>\nТой самий абзац.</p>\n"
        '<p><a href="https://youtu.be/abc" rel="noopener noreferrer">https://youtu.be/abc</a></p>\n'
        "<p>Другий абзац.</p>"
    )


def test_wordpress_import_featured_image_after_the_post(wxr_stream):
    attachment = wxr_post(
        9,
        title="Фото",
        post_type="attachment",
        status="inherit",
        extra="<wp:attachment_url>https://old.example.com.ua/a.jpg</wp:attachment_url>",
        meta={"_wp_attachment_image_alt": "Майдан"},
    )
    post = wxr_post(1, meta={"_thumbnail_id": "9"})

    wordpress_import(stream=wxr_stream(post, attachment))

    article = Article.objects.get()
    assert (article.image_url, article.image_alt) == ("https://old.example.com.ua/a.jpg", "Майдан")


def test_wordpress_import_slug_taken_by_an_existing_article(wxr_stream):
    ArticleFactory(headline="Інша", slug="novyna-1")

    wordpress_import(stream=wxr_stream(wxr_post(1)))

    assert Article.objects.get(imported_from__external_id="1").slug == "novyna-1-2"


def test_wordpress_import_truncated_file_changes_nothing(wxr_stream):
    ArticleFactory()
    before = db_counts()
    data = wxr_bytes(wxr_post(1), wxr_post(2), wxr_post(3))
    cut = data[: data.rindex(b"<wp:post_id>3")]  # two whole posts, then the file ends

    with pytest.raises(ImportFailed) as failure:
        wordpress_import(stream=io.BytesIO(cut))

    assert str(failure.value).startswith("Файл пошкоджено (не XML або обірваний): рядок ")
    assert db_counts() == before


def test_wordpress_import_not_xml_names_line_one(tmp_path):
    with pytest.raises(ImportFailed) as failure:
        wordpress_import(stream=io.BytesIO(b'{"id": 1}\n'))

    assert "рядок 1, позиція 1" in str(failure.value)
    assert Article.objects.count() == 0


def test_wordpress_import_plain_rss_is_refused(wxr_stream):
    rss = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
    rss += "<item><title>Новина</title></item></channel></rss>".encode()

    with pytest.raises(ImportFailed, match="не експорт WordPress"):
        wordpress_import(stream=io.BytesIO(rss))


def test_wordpress_import_missing_post_id_names_the_item(wxr_stream):
    broken = wxr_post(2).replace("<wp:post_id>2</wp:post_id>", "")
    before = db_counts()

    with pytest.raises(ImportFailed) as failure:
        wordpress_import(stream=wxr_stream(wxr_post(1), broken))

    assert "немає обов’язкового поля <wp:post_id>" in str(failure.value)
    assert "Запис <item> у рядку " in str(failure.value)
    assert db_counts() == before


def test_wordpress_import_bad_date_names_the_item(wxr_stream):
    with pytest.raises(ImportFailed, match=r"wp:post_id 1\): дата «вчора»"):
        wordpress_import(stream=wxr_stream(wxr_post(1, date_gmt="вчора")))
    assert ImportedItem.objects.count() == 0
    assert LegacyRedirect.objects.count() == 0


def test_wordpress_import_real_export_cut_short_changes_nothing(real_wxr):
    ArticleFactory()
    before = db_counts()
    cut = real_wxr.read_bytes()[:200_000]  # ends inside a post's CDATA, 10 posts in

    with pytest.raises(ImportFailed) as failure:
        wordpress_import(stream=io.BytesIO(cut))

    lines = cut.decode(errors="ignore").split("\n")
    assert str(failure.value).startswith(
        f"Файл пошкоджено (не XML або обірваний): рядок {len(lines)}, позиція "
    )
    assert str(failure.value).endswith(": CData section not finished.")
    assert db_counts() == before
