from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by `shpalta api_token_create` (the token is shown once); here editors
    see who has one and revoke it by deleting it."""

    list_display = ["prefix", "user", "name", "created_at", "last_used_at"]
    list_select_related = ["user"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at"]
    search_fields = ["user__username", "name", "prefix"]

    def has_add_permission(self, request):
        return False
