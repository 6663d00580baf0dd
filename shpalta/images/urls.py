from django.urls import path

from . import views

app_name = "images"
urlpatterns = [
    path("<str:key>/<str:name>", views.rendition, name="rendition"),
]
