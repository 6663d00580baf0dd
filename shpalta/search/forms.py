from django import forms

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class SearchForm(forms.Form):
    """The search page's GET parameters. Sections come as a list the page loads anyway,
    so a made-up slug is a form error, never a query with the reader's text in it."""

    q = forms.CharField(label="Запит", required=False, strip=True)
    section = forms.ChoiceField(
        label="Розділ",
        required=False,
        error_messages={"invalid_choice": "Такого розділу немає."},
    )
    date_from = forms.DateField(
        label="Від",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Дата має бути у вигляді 2026-11-28 або 28.11.2026."},
    )
    date_to = forms.DateField(
        label="До",
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Дата має бути у вигляді 2026-11-28 або 28.11.2026."},
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].validators = []  # clean_q handles NUL characters itself
        self.fields["section"].choices = [("", "Усі розділи")] + [
            (s.slug, s.name) for s in sections
        ]

    def clean_q(self) -> str:
        # A NUL pasted along with a query is noise, not a reason to refuse the search.
        return self.cleaned_data["q"].replace("\x00", " ").strip()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("Дата «від» пізніша за дату «до».")
        return cleaned


def page_number(raw: str | None) -> int:
    """?page=N; anything that is not a sensible whole number means the first page."""
    raw = (raw or "1").strip()
    return int(raw) if raw.isdigit() and 0 < int(raw) < 1_000_000 else 1
