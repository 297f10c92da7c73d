from django.shortcuts import render


def post_list(request):
    return render(request, "kb_site/placeholder.html", {"title": "Posts"})
