from django.contrib import admin

from .models import ArticleRating


@admin.register(ArticleRating)
class ArticleRatingAdmin(admin.ModelAdmin):
    list_display = ["article", "votes_count", "stars_total"]
    list_select_related = ["article"]
    search_fields = ["article__headline"]
    readonly_fields = ["article", "votes_count", "stars_total"]

    def has_add_permission(self, request):
        return False
