from django.contrib import admin

from .models import ImportedItem, LegacyRedirect


@admin.register(ImportedItem)
class ImportedItemAdmin(admin.ModelAdmin):
    """Read-only: where each imported article came from (the original link for an editor
    rewriting a feed item)."""

    list_display = ["article", "importer", "origin", "original_url", "imported_at"]
    list_filter = ["importer", "origin"]
    search_fields = ["external_id", "original_url", "article__headline"]
    list_select_related = ["article"]
    readonly_fields = [f.name for f in ImportedItem._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(LegacyRedirect)
class LegacyRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "article", "target_url"]
    search_fields = ["old_path", "target_url", "article__headline"]
    raw_id_fields = ["article"]
    list_select_related = ["article"]
