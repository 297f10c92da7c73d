from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("<slug:slug>/", views.review_detail, name="detail"),
    path("<slug:slug>/papers/", views.paper_list, name="papers"),
    path("<slug:slug>/papers/<slug:paper_slug>/", views.paper_detail, name="paper"),
    path("<slug:slug>/modalities/", views.modality_comparison, name="modalities"),
]
