from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from . import services
from .models import Candidate, Entity


class EntityForm(forms.ModelForm):
    class Meta:
        model = Entity
        fields = ["kind", "name", "slug", "aliases", "description", "image", "image_alt"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = "Залиште порожнім: адресу буде створено з назви."

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not any(c.isalpha() for c in name):
            raise forms.ValidationError("Назва має містити хоча б одну літеру.")
        return name


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    form = EntityForm
    list_display = ["name", "kind", "slug", "page_link"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    readonly_fields = ["known_forms"]

    @admin.display(description="Сторінка")
    def page_link(self, obj):
        return format_html('<a href="{}">відкрити</a>', obj.get_absolute_url())

    @admin.display(description="Відомі форми")
    def known_forms(self, obj):
        return ", ".join(obj.forms)

    def save_model(self, request, obj, form, change):
        services.entity_save(entity=obj)


class CandidateForm(forms.ModelForm):
    """One candidate's decision: accept (optionally correcting name and type), merge into
    an existing entity, or reject for good."""

    DECISIONS = [
        ("", "— ще не вирішено —"),
        ("accept", "Прийняти як нову сутність"),
        ("merge", "Об’єднати з наявною"),
        ("reject", "Відхилити назавжди"),
    ]
    decision = forms.ChoiceField(label="Рішення", choices=DECISIONS, required=False)
    merge_into = forms.ModelChoiceField(
        label="Об’єднати з", queryset=Entity.objects.all(), required=False
    )

    class Meta:
        model = Candidate
        fields = ["name", "kind"]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "merge" and not data.get("merge_into"):
            self.add_error("merge_into", "Оберіть сутність, з якою об’єднати.")
        if self.instance.status != Candidate.Status.PENDING and data.get("decision"):
            raise forms.ValidationError("Щодо цього кандидата вже ухвалено рішення.")
        return data


class DecisionFilter(admin.SimpleListFilter):
    """The queue opens on what is waiting; the history is one click away."""

    title = "стан"
    parameter_name = "decision"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Candidate.Status.choices, (self.ALL, "усі")]

    def queryset(self, request, queryset):
        value = self.value() or Candidate.Status.PENDING
        return queryset if value == self.ALL else queryset.filter(status=value)

    def choices(self, changelist):
        current = self.value() or Candidate.Status.PENDING
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    form = CandidateForm
    list_display = ["name", "kind", "article_count", "forms_seen", "example_link", "status"]
    list_filter = [DecisionFilter, "kind"]
    search_fields = ["name", "key"]
    list_select_related = ["example"]
    actions = ["accept", "reject"]
    fields = ["name", "kind", "decision", "merge_into", "forms_seen", "example_link"]
    readonly_fields = ["forms_seen", "example_link"]

    def has_add_permission(self, request):
        return False  # candidates come from articles; editors add entities directly

    @admin.display(description="Форми в текстах")
    def forms_seen(self, obj):
        return ", ".join(obj.surfaces)

    @admin.display(description="Приклад")
    def example_link(self, obj):
        if obj.example_id is None:
            return "—"
        url = reverse("admin:news_article_change", args=[obj.example_id])
        return format_html('<a href="{}">{}</a>', url, obj.example.headline)

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        obj.save(update_fields=["name", "kind"])
        if decision == "accept":
            services.candidate_accept(candidate=obj)
        elif decision == "merge":
            services.candidate_merge(candidate=obj, entity=form.cleaned_data["merge_into"])
        elif decision == "reject":
            services.candidate_reject(candidate=obj)

    @admin.action(description="Прийняти як нові сутності")
    def accept(self, request, queryset):
        done = 0
        for candidate in queryset.filter(status=Candidate.Status.PENDING):
            services.candidate_accept(candidate=candidate)
            done += 1
        messages.success(request, f"Прийнято: {done}.")

    @admin.action(description="Відхилити назавжди")
    def reject(self, request, queryset):
        done = 0
        for candidate in queryset.filter(status=Candidate.Status.PENDING):
            services.candidate_reject(candidate=candidate)
            done += 1
        messages.success(request, f"Відхилено: {done}.")
