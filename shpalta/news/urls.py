from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("", views.front, name="front"),
    path("news/<slug:slug>/", views.article, name="article"),
    path("preview/<str:token>/", views.preview, name="preview"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("tag/<slug:slug>/", views.tag, name="tag"),
    path("author/<slug:slug>/", views.author, name="author"),
]
