from django.urls import path

from . import views

app_name = "entities"
urlpatterns = [path("about/<slug:slug>/", views.entity, name="entity")]
