from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html

from shpalta.ukrainian.dates import format_datetime

from .breaking import breaking_clear, breaking_show, safe_link
from .models import ArticleReview, ArticleViewHour, BreakingNews


class BreakingNewsForm(forms.ModelForm):
    class Meta:
        model = BreakingNews
        fields = ["text", "url"]
        help_texts = {
            "text": "Коротко, як на стрічці: до 200 знаків.",
            "url": "Адреса статті на сайті (/news/…) або https://…; можна залишити порожньою.",
        }

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        if not safe_link(url):
            raise forms.ValidationError(
                "Посилання має починатися з «/» (сторінка сайту) або з https://."
            )
        return url


@admin.register(BreakingNews)
class BreakingNewsAdmin(admin.ModelAdmin):
    """Set: one form, one click. Clear: one button on the list. Pages pick it up from
    /breaking.json within seconds; nothing is purged."""

    form = BreakingNewsForm
    change_list_template = "newsroom/admin/breaking_change_list.html"
    list_display = ["text", "url", "live", "shown_at", "created_by", "cleared_at"]
    list_select_related = ["created_by"]
    list_filter = ["live"]

    @admin.display(description="показано з", ordering="created_at")
    def shown_at(self, obj):
        return format_datetime(obj.created_at)

    def save_model(self, request, obj, form, change):
        breaking_show(item=obj, user=request.user)

    def get_urls(self):
        clear = path(
            "clear/", self.admin_site.admin_view(self.clear_view), name="newsroom_breaking_clear"
        )
        return [clear, *super().get_urls()]

    def clear_view(self, request):
        if request.method != "POST" or not self.has_change_permission(request):
            return redirect("admin:newsroom_breakingnews_changelist")
        if breaking_clear(user=request.user):
            messages.success(request, "Термінову новину знято з усіх сторінок.")
        else:
            messages.info(request, "Термінової новини на сайті немає.")
        return redirect("admin:newsroom_breakingnews_changelist")

    def changelist_view(self, request, extra_context=None):
        live = BreakingNews.objects.filter(live=True).first()
        context = {**(extra_context or {}), "live_breaking": live}
        return super().changelist_view(request, context)


@admin.register(ArticleReview)
class ArticleReviewAdmin(admin.ModelAdmin):
    """The editors' queue: drafts authors sent for review, oldest first."""

    list_display = ["article_link", "section", "state", "submitted_by", "submitted", "decided_by"]
    list_display_links = None  # the article link opens the article, not this record
    list_filter = ["state"]
    list_select_related = ["article", "article__section", "submitted_by", "decided_by"]
    search_fields = ["article__headline"]
    ordering = ["submitted_at"]

    @admin.display(description="стаття", ordering="article__headline")
    def article_link(self, obj):
        url = reverse("admin:news_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.headline)

    @admin.display(description="розділ")
    def section(self, obj):
        return obj.article.section.name

    @admin.display(description="надіслано", ordering="submitted_at")
    def submitted(self, obj):
        return format_datetime(obj.submitted_at)

    def changelist_view(self, request, extra_context=None):
        # The queue opens on what waits; the filter shows the rest.
        if not request.GET and self.has_view_or_change_permission(request):
            return redirect(f"{request.path}?state__exact={ArticleReview.State.SUBMITTED}")
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ArticleViewHour)
class ArticleViewHourAdmin(admin.ModelAdmin):
    list_display = ["article", "hour_display", "views"]
    list_select_related = ["article"]
    search_fields = ["article__headline"]
    date_hierarchy = "hour"

    @admin.display(description="година", ordering="hour")
    def hour_display(self, obj):
        return format_datetime(obj.hour)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
