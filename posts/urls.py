from django.urls import path

from . import feeds, views

app_name = "posts"

urlpatterns = [
    path("", views.post_list, name="list"),
    path("<int:pk>/", views.post_detail, name="detail"),
    path("feed/", feeds.LatestPostsFeed(), name="feed"),
    path("feed/atom/", feeds.LatestPostsAtomFeed(), name="feed_atom"),
    path("tags/", views.tag_list, name="tags"),
    path("tags/<str:tag>/", views.tag_detail, name="tag"),
    path("tags/<str:tag>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tags/<str:tag>/feed/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
]
