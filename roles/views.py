from django.shortcuts import render


def role_list(request):
    return render(request, "kb_site/placeholder.html", {"title": "Roles"})
