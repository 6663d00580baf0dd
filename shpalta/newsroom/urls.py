from django.urls import path

from . import views

app_name = "newsroom"
urlpatterns = [
    path("breaking.json", views.breaking, name="breaking"),
    path("most-read.json", views.most_read, name="most_read"),
    path("read/<int:article_id>/", views.article_read, name="read"),
]
