"""The newsroom's part of ArticleAdmin (mixed in by shpalta.news.admin): roles, review,
edit locks, revisions and read counts. Actions and hooks only; the work is in services."""

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shpalta.news.models import Article
from shpalta.ukrainian.dates import format_datetime

from . import locks, review, revisions, roles
from .breaking import breaking_set
from .context import acting_as
from .models import ArticleReview
from .mostread import views_since, window_start

PUBLISHER_ONLY_FIELDS = (
    "status", "published_at", "is_top_story", "is_pinned", "correction", "authors",
)  # fmt: skip
PUBLISHER_ONLY_ACTIONS = ("publish_now", "unpublish")


class CommentForm(forms.Form):
    text = forms.CharField(max_length=5000, strip=True)


class NewsroomArticleAdminMixin:
    change_form_template = "newsroom/admin/article_change_form.html"

    @property
    def _url_prefix(self) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}"

    # Who sees and changes what ------------------------------------------------------------

    def get_queryset(self, request):
        since = window_start(timezone.now())
        queryset = super().get_queryset(request).select_related("review")
        queryset = queryset.annotate(views_24h=views_since(since))
        if roles.can_edit_any(request.user):
            return queryset
        own = Article.authors.through.objects.filter(author__user=request.user)
        return queryset.filter(pk__in=own.values("article_id"))

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or roles.can_edit_article(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or roles.can_edit_article(request.user, obj)

    def has_breaking_permission(self, request):
        return request.user.has_perm("newsroom.add_breakingnews")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not roles.can_publish(request.user):
            fields += [name for name in PUBLISHER_ONLY_FIELDS if name not in fields]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = copy.deepcopy(super().get_fieldsets(request, obj))
        if obj is not None and self.has_change_permission(request, obj):
            name, options = fieldsets[0]
            fieldsets[0] = (name, {**options, "fields": [*options["fields"], "loaded_version"]})
        return fieldsets

    def get_list_display(self, request):
        return [*super().get_list_display(request), "review_state", "views_24h"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "review__state"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not roles.can_publish(request.user):
            for name in PUBLISHER_ONLY_ACTIONS:
                actions.pop(name, None)
        if self.has_breaking_permission(request):
            actions["make_breaking"] = self.get_action("make_breaking")
        return actions

    @admin.display(description="Перевірка")
    def review_state(self, obj):
        try:
            return obj.review.get_state_display()
        except ArticleReview.DoesNotExist:
            return "—"

    @admin.display(description="Прочитань за 24 год", ordering="views_24h")
    def views_24h(self, obj):
        return getattr(obj, "views_24h", 0)

    # Saving -----------------------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        context = {**(extra_context or {}), "newsroom": self._panel(request, object_id)}
        with acting_as(request.user):
            return super().changeform_view(request, object_id, form_url, context)

    def changelist_view(self, request, extra_context=None):
        with acting_as(request.user):
            return super().changelist_view(request, extra_context)

    def save_related(self, request, form, formsets, change):
        if not change and not roles.can_edit_any(request.user):
            form.instance.authors.add(roles.author_for_user(request.user))
        super().save_related(request, form, formsets, change)

    def response_add(self, request, obj, post_url_continue=None):
        self._after_save(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._after_save(request, obj)
        return super().response_change(request, obj)

    def _after_save(self, request, obj):
        if "_submit_review" in request.POST and obj.status == Article.Status.DRAFT:
            review.review_submit(article=obj, user=request.user)
            messages.success(request, "Статтю надіслано на перевірку редакторам.")
        if "_continue" not in request.POST:
            locks.lock_release(article_id=obj.pk, user=request.user)

    @admin.action(description="Показати як термінову новину", permissions=["breaking"])
    def make_breaking(self, request, queryset):
        public = [article for article in queryset if article.is_public]
        if len(public) != 1:
            messages.error(request, "Оберіть одну опубліковану статтю для термінової новини.")
            return
        article = public[0]
        breaking_set(text=article.headline, url=article.get_absolute_url(), user=request.user)
        messages.success(request, f"Термінова новина на всіх сторінках: «{article.headline}».")

    # The change page's newsroom panel ---------------------------------------------------------

    def _panel(self, request, object_id) -> dict:
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if obj is None:
            return {"can_submit_review": True}
        can_change = self.has_change_permission(request, obj)
        if can_change and request.method == "GET":
            self._warn_if_locked(request, obj)
        review_row = getattr(obj, "review", None)  # RelatedObjectDoesNotExist is AttributeError
        submitted = review_row is not None and review_row.state == ArticleReview.State.SUBMITTED
        return {
            "review": review_row,
            "comments": review.comments_for(obj),
            "revision_count": obj.revisions.count(),
            "can_submit_review": can_change
            and obj.status == Article.Status.DRAFT
            and not submitted,
            "can_return": submitted and roles.can_edit_any(request.user),
            "can_comment": request.user.has_perm("newsroom.add_comment"),
            "lock_url": reverse(f"admin:{self._url_prefix}_lock", args=[obj.pk])
            if can_change
            else "",
            "comment_url": reverse(f"admin:{self._url_prefix}_comment", args=[obj.pk]),
            "revisions_url": reverse(f"admin:{self._url_prefix}_revisions", args=[obj.pk]),
            "views_24h": getattr(obj, "views_24h", 0),
        }

    def _warn_if_locked(self, request, obj) -> None:
        status = locks.lock_acquire(article_id=obj.pk, user=request.user)
        if not status.is_ours:
            messages.warning(request, lock_warning(status))

    # Extra pages: revisions, comments, lock heartbeat -----------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/revisions/", wrap(self.revisions_view),
                 name=f"{self._url_prefix}_revisions"),
            path("<path:object_id>/revisions/compare/", wrap(self.compare_view),
                 name=f"{self._url_prefix}_compare"),
            path("<path:object_id>/revisions/<int:number>/restore/", wrap(self.restore_view),
                 name=f"{self._url_prefix}_restore"),
            path("<path:object_id>/comment/", wrap(self.comment_view),
                 name=f"{self._url_prefix}_comment"),
            path("<path:object_id>/lock/", wrap(self.lock_view), name=f"{self._url_prefix}_lock"),
            *super().get_urls(),
        ]  # fmt: skip

    def _article_for(self, request, object_id, *, change=False) -> Article:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Такої статті немає.")
        allowed = self.has_change_permission if change else self.has_view_permission
        if not allowed(request, obj):
            raise PermissionDenied
        return obj

    def _render(self, request, template, obj, title, **context):
        return TemplateResponse(request, template, {
            **self.admin_site.each_context(request), "opts": self.opts, "original": obj,
            "title": title, "has_view_permission": True, **context,
        })  # fmt: skip

    def revisions_view(self, request, object_id):
        obj = self._article_for(request, object_id)
        rows = [
            (item, revisions.changed_labels(item))
            for item in obj.revisions.select_related("user").order_by("-number")
        ]
        return self._render(
            request, "newsroom/admin/revisions.html", obj, f"Версії: {obj}", rows=rows
        )

    def compare_view(self, request, object_id):
        obj = self._article_for(request, object_id)
        numbers = [request.GET.get("a", ""), request.GET.get("b", "")]
        found = {
            item.number: item
            for item in obj.revisions.select_related("user").filter(
                number__in=[int(n) for n in numbers if n.isdigit()]
            )
        }
        if len(found) != 2:
            messages.error(request, "Оберіть дві різні версії, щоб порівняти їх.")
            return redirect("admin:news_article_revisions", obj.pk)
        older, newer = sorted(found.values(), key=lambda item: item.number)
        return self._render(
            request, "newsroom/admin/compare.html", obj,
            f"Порівняння версій №{older.number} і №{newer.number}",
            older=older, newer=newer, fields=revisions.revision_diff(older, newer),
            can_restore=self.has_change_permission(request, obj),
        )  # fmt: skip

    def restore_view(self, request, object_id, number):
        if request.method != "POST":
            return redirect("admin:news_article_revisions", object_id)
        obj = self._article_for(request, object_id, change=True)
        revision = obj.revisions.filter(number=number).first()
        if revision is None:
            raise Http404("Такої версії немає.")
        revisions.revision_restore(revision=revision, user=request.user)
        messages.success(
            request, f"Відновлено текст версії №{number}; це збережено як нову версію."
        )
        return redirect("admin:news_article_change", obj.pk)

    def comment_view(self, request, object_id):
        if request.method != "POST":
            return redirect("admin:news_article_change", object_id)
        obj = self._article_for(request, object_id)
        if not request.user.has_perm("newsroom.add_comment"):
            raise PermissionDenied
        form = CommentForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Коментар порожній або задовгий (до 5000 знаків).")
        elif "_return" in request.POST:
            self._return_to_author(request, obj, form.cleaned_data["text"])
        else:
            review.comment_add(article=obj, user=request.user, text=form.cleaned_data["text"])
            messages.success(request, "Коментар додано.")
        return redirect("admin:news_article_change", obj.pk)

    def _return_to_author(self, request, obj, text):
        submitted = ArticleReview.objects.filter(
            article=obj, state=ArticleReview.State.SUBMITTED
        ).exists()
        if not (submitted and roles.can_edit_any(request.user)):
            messages.error(request, "Повернути можна лише статтю, що чекає на перевірку.")
            return
        review.review_return(article=obj, user=request.user, text=text)
        messages.success(request, "Статтю повернуто авторові з коментарем.")

    @staticmethod
    def _lock_json(status: locks.LockStatus) -> JsonResponse:
        if status.is_ours:
            return JsonResponse({"ours": True})
        return JsonResponse({"ours": False, "message": lock_warning(status)})

    def lock_view(self, request, object_id):
        return require_POST(self._lock_view)(request, object_id)

    def _lock_view(self, request, object_id):
        obj = self._article_for(request, object_id, change=True)
        return self._lock_json(locks.lock_acquire(article_id=obj.pk, user=request.user))


def lock_warning(status: locks.LockStatus) -> str:
    return (
        f"Цю статтю зараз редагує {roles.display_name(status.other)} "
        f"(відкрито {format_datetime(status.since)}). Якщо ви обоє збережете зміни, "
        "друге збереження буде відхилено — домовтеся, хто редагує."
    )
