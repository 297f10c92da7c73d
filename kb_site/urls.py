from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("search/", views.search, name="search"),
    path("roles/", include("roles.urls")),
    path("posts/", include("posts.urls")),
    path("reviews/", include("reviews.urls")),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's).
    path("favicon.ico", views.favicon),
]

handler400 = "kb_site.views.bad_request_view"
handler404 = "kb_site.views.page_not_found"
handler500 = "kb_site.views.server_error"
