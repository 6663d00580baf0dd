from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django_prose_editor.widgets import AdminProseEditorWidget

from shpalta.images.publishing import lead_image_problem
from shpalta.newsroom.article_admin import NewsroomArticleAdminMixin
from shpalta.newsroom.concurrency import check_version, version_token

from . import services
from .models import Article, Author, Section, Source, Tag
from .previews import preview_token

EDITOR_CONFIG = {
    "extensions": {
        "Bold": True, "Italic": True, "Strike": True, "Subscript": True, "Superscript": True,
        "Heading": {"levels": [2, 3, 4]}, "BulletList": True, "OrderedList": True, "ListItem": True,
        "Blockquote": True, "Link": {"enableTarget": False}, "HorizontalRule": True,
        "HardBreak": True, "History": True, "Typographic": True,
    }
}  # fmt: skip


class NamedSlugAdmin(admin.ModelAdmin):
    """Sections, tags and authors: the slug is made from the name (KMU-2010) when left empty."""

    search_fields = ["name"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["slug"].required = False
        form.base_fields["slug"].help_text = "Залиште порожнім: адресу буде створено з назви."
        return form

    def save_model(self, request, obj, form, change):
        if not obj.slug:
            obj.slug = services.named_slug(type(obj), obj.name, pk=obj.pk)
        super().save_model(request, obj, form, change)


@admin.register(Section)
class SectionAdmin(NamedSlugAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]


@admin.register(Tag)
class TagAdmin(NamedSlugAdmin):
    list_display = ["name", "slug"]


@admin.register(Author)
class AuthorAdmin(NamedSlugAdmin):
    list_display = ["name", "slug", "user"]
    autocomplete_fields = ["user"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]


class ArticleForm(forms.ModelForm):
    # The version the editor opened; a save over a newer one is refused (see clean).
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "headline", "slug", "lede", "body", "status", "published_at", "section",
            "is_top_story", "is_pinned", "authors", "tags", "sources", "lead_image", "image",
            "image_alt", "image_credit", "correction",
        ]  # fmt: skip
        widgets = {"body": AdminProseEditorWidget(config=EDITOR_CONFIG)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:  # a read-only view (an author's published article) has none
            self.fields["slug"].required = False
            self.fields["slug"].help_text = (
                "Створюється із заголовка транслітерацією КМУ-2010. Після публікації не "
                "змінюється сама; якщо змінити вручну, стара адреса переспрямовуватиме на нову."
            )
        if self.instance.pk and not self.is_bound and "loaded_version" in self.fields:
            self.fields["loaded_version"].initial = version_token(self.instance)

    def clean(self):
        data = super().clean()
        check_version(self)
        if data.get("status") == Article.Status.SCHEDULED and not data.get("published_at"):
            self.add_error("published_at", "Для запланованої статті вкажіть час публікації.")
        elif data.get("status") == Article.Status.PUBLISHED and not data.get("published_at"):
            data["published_at"] = timezone.now()  # "publish" with no time means now
        if data.get("status") != Article.Status.DRAFT and (
            problem := lead_image_problem(data.get("lead_image"))
        ):
            self.add_error("lead_image", problem)
        return data


@admin.register(Article)
class ArticleAdmin(NewsroomArticleAdminMixin, admin.ModelAdmin):
    form = ArticleForm
    list_display = ["headline", "section", "status", "published_at", "is_top_story", "preview_link"]
    list_filter = [
        "status", "section", ("published_at", admin.DateFieldListFilter), "is_top_story",
        "is_pinned",
    ]  # fmt: skip
    search_fields = ["headline"]
    date_hierarchy = "published_at"
    list_select_related = ["section"]
    autocomplete_fields = ["authors", "tags", "sources", "lead_image"]
    actions = ["publish_now", "unpublish"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "lede", "body"]}),
        (
            "Публікація",
            {"fields": ["status", "published_at", "section", "is_top_story", "is_pinned"]},
        ),
        ("Виправлення", {"fields": ["correction"], "classes": ["collapse"]}),
        ("Люди й теми", {"fields": ["authors", "tags", "sources"]}),
        ("Фото", {"fields": ["lead_image"]}),
        (
            "Старе поле зображення",
            {"fields": ["image", "image_alt", "image_credit"], "classes": ["collapse"]},
        ),
    ]

    @admin.display(description="Перегляд")
    def preview_link(self, obj):
        url = reverse("news:preview", args=[preview_token(obj.pk)])
        return format_html('<a href="{}">переглянути</a>', url)

    def save_model(self, request, obj, form, change):
        # Relations are saved after this by save_related; the change is announced there.
        request._article_previous = services.ArticleState.load(obj.pk) if change else None
        services.article_save(article=obj, previous=request._article_previous, notify=False)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.article_notify(article=form.instance, previous=request._article_previous)

    @admin.action(description="Опублікувати зараз")
    def publish_now(self, request, queryset):
        published = 0
        for article in queryset.select_related("lead_image"):
            if problem := lead_image_problem(article.lead_image):
                messages.error(request, f"«{article.headline}» не опубліковано. {problem}")
                continue
            services.article_publish(article=article)
            published += 1
        messages.success(request, f"Опубліковано: {published}.")

    @admin.action(description="Зняти з публікації")
    def unpublish(self, request, queryset):
        for article in queryset:
            services.article_unpublish(article=article)
        messages.success(request, f"Знято з публікації: {queryset.count()}.")
