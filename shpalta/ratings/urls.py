from django.urls import path

from . import views

app_name = "ratings"
urlpatterns = [
    path("ratings/<int:article_id>/", views.summary, name="summary"),
    path("ratings/<int:article_id>/vote/", views.vote, name="vote"),
]
