from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from . import services
from .models import Image, search_key
from .selectors import rendition_url
from .validation import read_upload


class ImageAddForm(forms.ModelForm):
    upload = forms.FileField(
        label="Файл фото",
        help_text="JPEG, PNG або WebP. Геодані й інші метадані буде видалено.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Image
        fields = ["upload", "title", "alt_text", "credit", "source"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        master = read_upload(upload)
        existing = Image.objects.filter(key=services.master_key(master)).first()
        if existing is not None:
            raise ValidationError(
                f"Це фото вже є в бібліотеці: «{existing.title}». Виберіть його у статті "
                "замість нового завантаження."
            )
        self.master = master
        return upload


class ImageChangeForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["title", "alt_text", "credit", "source", "focal_x", "focal_y"]
        widgets = {
            "focal_x": forms.NumberInput(attrs={"min": 0, "max": 1000, "class": "focal-input"}),
            "focal_y": forms.NumberInput(attrs={"min": 0, "max": 1000, "class": "focal-input"}),
        }


class AltTextFilter(admin.SimpleListFilter):
    title = "опис (alt)"
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("yes", "є"), ("no", "немає")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(alt_text="")
        if self.value() == "yes":
            return queryset.exclude(alt_text="")
        return queryset


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "title", "credit", "dimensions", "has_alt", "usage", "created_at"]
    list_display_links = ["thumbnail", "title"]
    list_filter = [AltTextFilter, "created_at"]
    search_fields = ["title", "credit", "source"]
    readonly_fields = ["focal_picker", "crops", "dimensions", "used_in", "original_name"]

    class Media:
        js = ["images/focal-point.js"]
        css = {"all": ["images/admin.css"]}

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = ImageChangeForm if obj is not None else ImageAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["upload", "title", "alt_text", "credit", "source"]})]
        return [
            (None, {"fields": ["title", "alt_text", "credit", "source"]}),
            ("Фокус кадру", {"fields": ["focal_picker", "focal_x", "focal_y", "crops"]}),
            ("Файл", {"fields": ["dimensions", "original_name", "used_in"]}),
        ]

    def get_search_results(self, request, queryset, search_term):
        """Every word must appear in the title, credit or source, in any letter case."""
        for word in search_key(search_term).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset, False

    def get_queryset(self, request):
        # Meta.ordering is dropped from GROUP BY queries; say it again for stable pages.
        queryset = super().get_queryset(request).annotate(article_count=Count("articles"))
        return queryset.order_by("-created_at", "-id")

    @admin.display(description="")
    def thumbnail(self, obj):
        return format_html(
            '<img src="{}" width="64" height="64" alt="" loading="lazy" class="image-thumb">',
            rendition_url(obj, "1x1", 320),
        )

    @admin.display(description="розмір")
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}"

    @admin.display(description="alt", boolean=True)
    def has_alt(self, obj):
        return bool(obj.alt_text.strip())

    @admin.display(description="у статтях", ordering="article_count")
    def usage(self, obj):
        return getattr(obj, "article_count", 0)

    @admin.display(description="Клацніть по головному на фото")
    def focal_picker(self, obj):
        return format_html(
            '<div class="focal-picker" data-x-input="id_focal_x" data-y-input="id_focal_y">'
            '<img src="{}" width="{}" height="{}" alt="{}" draggable="false">'
            '<span class="focal-marker" aria-hidden="true"></span></div>',
            rendition_url(obj, "w", 960),
            *self._preview_size(obj),
            obj.alt_text,
        )

    @staticmethod
    def _preview_size(obj):
        width = min(960, obj.width)
        return width, max(1, round(obj.height * width / obj.width))

    @admin.display(description="Кадрування (після збереження)")
    def crops(self, obj):
        cells = [
            (rendition_url(obj, crop, 320 if crop != "og" else 1200), label)
            for crop, label in (
                ("16x9", "16:9"),
                ("4x3", "4:3"),
                ("1x1", "1:1"),
                ("og", "соцмережі"),
            )
        ]
        return format_html(
            '<div class="focal-crops">{}</div>',
            format_html_join(
                "",
                '<figure><img src="{}" alt="" loading="lazy"><figcaption>{}</figcaption></figure>',
                cells,
            ),
        )

    @admin.display(description="Використано в статтях")
    def used_in(self, obj):
        articles = list(obj.articles.order_by("-id")[:50])
        if not articles:
            return "ще ніде"
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:news_article_change", args=[a.pk]), a.headline) for a in articles),
        )

    def save_model(self, request, obj, form, change):
        if change:
            previous = Image.objects.filter(pk=obj.pk).values_list("focal_x", "focal_y").first()
            services.image_update(image=obj, previous_focal=previous)
            return
        upload = form.cleaned_data["upload"]
        services.image_create(
            image=obj,
            master=form.master,
            original_name=upload.name,
            original_bytes=upload.size,
            uploaded_by=request.user,
        )

    def delete_model(self, request, obj):
        services.image_delete(image=obj)

    def delete_queryset(self, request, queryset):
        for image in queryset:
            services.image_delete(image=image)

    def response_add(self, request, obj, post_url_continue=None):
        # Straight on to the focal point, unless the photo was added from an article's popup.
        if admin.options.IS_POPUP_VAR in request.POST or "_addanother" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        super().response_add(request, obj, post_url_continue)  # keeps the success message
        return HttpResponseRedirect(reverse("admin:images_image_change", args=[obj.pk]))
