import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError
from PIL import Image as PILImage

from shpalta.images import services
from shpalta.images.models import Image
from shpalta.images.validation import read_upload
from shpalta.news.models import Article
from tests.factories.images import ImageFactory, upload
from tests.factories.news import ArticleFactory, SectionFactory, draft
from tests.images.photos import (
    HEIC_HEADER,
    SVG_WITH_SCRIPT,
    encode,
    exif_with_gps_and_orientation,
    jpeg,
    photo,
    png_bomb,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("fotoredaktor", "f@example.org", "x")
    client.force_login(user)
    return client


def _add(editor_client, data: bytes, name: str = "photo.jpg", **fields):
    post = {"title": "Нічний Київ", "alt_text": "", "credit": "", "source": "", **fields}
    return editor_client.post("/admin/images/image/add/", {**post, "upload": upload(data, name)})


def test_admin_upload_stores_clean_master_and_opens_focal_point_page(editor_client, stored_files):
    data = encode(photo(1200, 800), "JPEG", exif=exif_with_gps_and_orientation(1))
    response = _add(editor_client, data, credit="Фото: Іван Петренко", source="Укрінформ")
    image = Image.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/images/image/{image.pk}/change/"
    assert (image.width, image.height, image.credit, image.original_bytes) == (
        1200,
        800,
        "Іван Петренко",
        len(data),
    )
    assert image.credit_line == "Фото: Іван Петренко / Укрінформ"
    assert stored_files() == [image.file.name]
    with open(image.file.path, "rb") as fp:
        assert len(PILImage.open(fp).getexif()) == 0  # GPS and camera gone


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"GIF? no, a shopping list", "list.jpg", "Це не зображення або файл пошкоджений."),
        (jpeg(1200, 800)[:30_000], "cut.jpg", "завантажився не до кінця (обрізаний)"),
        (png_bomb(20_000, 20_000), "bomb.png", "Зображення має забагато пікселів"),
        (b"\xff\xd8\xff\xe0" + bytes(50 * 1024 * 1024), "huge.jpg", "Файл завеликий: 50 МБ"),
        (SVG_WITH_SCRIPT, "logo.svg", "SVG та інші текстові файли не приймаємо"),
        (HEIC_HEADER, "IMG_0001.HEIC", "Фото HEIC (з iPhone) цей сервер прочитати не може."),
    ],
    ids=["not-image", "truncated-jpeg", "bomb", "50mb", "svg-script", "heic"],
)
def test_admin_refuses_bad_upload_and_stores_nothing(
    editor_client, stored_files, data, name, message
):
    response = _add(editor_client, data, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files() == []


def test_admin_refuses_same_photo_twice_and_names_existing(editor_client, stored_files):
    data = jpeg(640, 480)
    _add(editor_client, data, title="Перше завантаження")
    response = _add(editor_client, data, title="Друге завантаження")
    assert "Це фото вже є в бібліотеці: «Перше завантаження»." in response.content.decode()
    assert Image.objects.count() == 1
    assert len(stored_files()) == 1


def test_admin_change_page_has_focal_picker_without_inline_script(editor_client):
    image = ImageFactory()
    html = editor_client.get(f"/admin/images/image/{image.pk}/change/").content.decode()
    assert 'class="focal-picker" data-x-input="id_focal_x" data-y-input="id_focal_y"' in html
    assert f"/foto/{image.key}/w-960.jpg" in html
    assert "/static/images/focal-point.js" in html
    assert "onclick" not in html


def test_admin_moving_focal_point_renames_and_drops_old_crops(
    editor_client, client, stored_files, django_capture_on_commit_callbacks
):
    image = ImageFactory(pixels=(1600, 1000))
    old_crop = f"/foto/{image.key}/1x1-320-f500-500.jpg"
    assert client.get(old_crop).status_code == 200
    old_file = f"images/renditions/{image.key[:2]}/{image.key}/1x1-320-f500-500.jpg"
    assert old_file in stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
        f"/admin/images/image/{image.pk}/change/",
        {"title": image.title, "alt_text": image.alt_text, "credit": image.credit,
         "source": image.source, "focal_x": 900, "focal_y": 100},
    )  # fmt: skip
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.focal == (900, 100)
    assert old_file not in stored_files()
    assert client.get(old_crop)["Location"] == f"/foto/{image.key}/1x1-320-f900-100.jpg"


def test_admin_search_finds_photo_by_title_and_by_credit_in_any_case(editor_client):
    ImageFactory(title="Бахмут, руїни", credit="Євген Малолєтка")
    ImageFactory(title="Дніпро восени", credit="Ольга Іванова")
    by_title = editor_client.get("/admin/images/image/?q=РУЇНИ").content.decode()
    by_credit = editor_client.get("/admin/images/image/?q=малолєтка").content.decode()
    by_both = editor_client.get("/admin/images/image/?q=бахмут+Малолєтка").content.decode()
    for html in (by_title, by_credit, by_both):
        assert "Бахмут, руїни" in html and "Дніпро восени" not in html


def test_admin_refuses_publishing_article_whose_photo_lacks_alt(editor_client):
    image = ImageFactory(title="Вокзал", alt_text="")
    response = editor_client.post(
        "/admin/news/article/add/",
        {"headline": "Вокзал відкрили", "status": "published", "section": SectionFactory().pk,
         "lead_image": image.pk, "published_at_0": "", "published_at_1": ""},
    )  # fmt: skip
    assert response.status_code == 200
    assert (
        "Фото «Вокзал» не має опису для незрячих читачів (alt). Додайте опис у фотобібліотеці: "
        "без нього статтю з цим фото не можна опублікувати."
    ) in response.content.decode()
    assert not Article.objects.exists()


def test_admin_saves_draft_with_photo_lacking_alt(editor_client):
    image = ImageFactory(alt_text="")
    response = editor_client.post(
        "/admin/news/article/add/",
        {"headline": "Чернетка з фото", "status": "draft", "section": SectionFactory().pk,
         "lead_image": image.pk, "published_at_0": "", "published_at_1": ""},
    )  # fmt: skip
    assert response.status_code == 302
    assert Article.objects.get().lead_image == image


def test_admin_publish_action_skips_article_whose_photo_lacks_alt(editor_client):
    article = draft(lead_image=ImageFactory(alt_text=""))
    response = editor_client.post(
        "/admin/news/article/",
        {"action": "publish_now", "_selected_action": [article.pk]},
        follow=True,
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert "не має опису для незрячих читачів" in response.content.decode()


def test_one_photo_leads_many_articles_and_cannot_be_deleted_while_used(
    editor_client, stored_files
):
    image = ImageFactory()
    first, second = ArticleFactory(lead_image=image), ArticleFactory(lead_image=image)
    html = editor_client.get(f"/admin/images/image/{image.pk}/change/").content.decode()
    assert first.headline in html and second.headline in html
    response = editor_client.post(f"/admin/images/image/{image.pk}/delete/", {"post": "yes"})
    assert response.status_code == 200
    assert "<h1>Не вдається видалити фото</h1>" in response.content.decode()
    assert Image.objects.filter(pk=image.pk).exists()
    assert image.file.name in stored_files()


def test_admin_delete_unused_photo_removes_its_files(
    editor_client, client, stored_files, django_capture_on_commit_callbacks
):
    image = ImageFactory()
    client.get(f"/foto/{image.key}/w-320.webp")
    assert len(stored_files()) == 2
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(f"/admin/images/image/{image.pk}/delete/", {"post": "yes"})
    assert not Image.objects.exists()
    assert stored_files() == []


def test_admin_image_list_shows_thumbnails_and_alt_filter(editor_client):
    ImageFactory(title="З описом")
    ImageFactory(title="Без опису", alt_text="")
    html = editor_client.get("/admin/images/image/?alt=no").content.decode()
    assert "Без опису" in html and "З описом" not in html
    assert 'class="image-thumb"' in html


def test_article_admin_finds_library_photo_by_credit_in_autocomplete(editor_client):
    image = ImageFactory(title="Київ вночі", credit="Олена Коваленко")
    ImageFactory(title="Львів", credit="Петро Іваненко")
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "news", "model_name": "article", "field_name": "lead_image",
         "term": "КОВАЛЕНКО"},
    )  # fmt: skip
    assert response.json()["results"] == [
        {"id": str(image.pk), "text": "Київ вночі (Фото: Олена Коваленко / Укрінформ)"}
    ]


def test_image_create_race_on_same_photo_keeps_first_file(stored_files):
    master = read_upload(upload(jpeg(640, 480)))
    first = services.image_create(image=Image(title="Перше"), master=master)
    with pytest.raises(IntegrityError):
        services.image_create(image=Image(title="Друге"), master=master)
    assert stored_files() == [first.file.name]
    assert list(Image.objects.values_list("title", flat=True)) == ["Перше"]
