from django.shortcuts import render


def review_list(request):
    return render(request, "kb_site/placeholder.html", {"title": "Reviews"})
