from django.urls import path

from . import skill_views, views

app_name = "roles"

urlpatterns = [
    path("", views.role_list, name="list"),
    path("compare/", views.role_compare, name="compare"),
    path("skills/", skill_views.skill_list, name="skills"),
    path("skills/<slug:slug>/", skill_views.skill_detail, name="skill"),
    path("match/", skill_views.skill_match, name="match"),
    path("<slug:slug>/", views.role_detail, name="detail"),
]
