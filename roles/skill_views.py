"""The skill pages: every skill by kind (/roles/skills/), one skill's roles and where the other collections
mention it (/roles/skills/<slug>/), and the roles ranked by a reader's skills (/roles/match/).

The match page keeps its state in the URL (`?skill=python&skill=sql&role=chief-ai-officer`), so it can be
bookmarked and shared; a skill slug that names nothing is a notice naming it, never an error, and so is
a role that does not exist. Too many skills, an over-long value or a bad page is a 400.
"""

from django import forms
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from kb_site.http import CSV, FORMATS, JSON, BadParameter, PageOutOfRange, json_response, requested_format
from kb_site.listing import Implied, Paging
from kb_site.params import shown
from kb_site.querystring import query_url
from kb_site.search import parse
from kb_site.search import site as site_search

from . import serializers
from .filters import RoleFilter, SlugField, SlugListField, as_slug
from .matching import Match, cached_skill_index, cached_skill_map, skill_groups
from .models import Role
from .views import SKILL_FACET, RoleListing, roles_version

MAX_SKILLS = 200  # skills a reader may tick at once: every skill of the demo data and the seed fits
MATCH_PAGE_SIZE = 20
MENTIONS = 5  # results shown per other collection on a skill's page


# Every skill --------------------------------------------------------------------------------------


def skill_list(request):
    """Every skill a published role needs, by kind, with how many roles need it; a form to rank the roles."""
    fmt = requested_format(request)
    groups = skill_groups(cached_skill_index(roles_version(request)))
    if fmt == JSON:
        return json_response(serializers.skill_index(groups, request))
    context = {
        "groups": groups,
        "skill_count": sum(len(group["skills"]) for group in groups),
        "chosen": set(),
        "json_url": query_url(request, format="json"),
    }
    return render(request, "roles/skill_list.html", context)


# One skill ----------------------------------------------------------------------------------------


class SkillRoleListing(RoleListing):
    """The roles that need one skill: the role list's filters, facets, JSON and CSV, plus the skill itself
    and where the other collections mention it."""

    template_name = "roles/skill_detail.html"

    def __init__(self, skill, mentions):
        self.skill = skill
        self.mentions = mentions
        self.csv_filename = f"roles-{skill.slug}.csv"

    def ids_scope(self, request, filterset):
        """Its roles are every published role having the skill's postings (as a tag page's posts are)."""
        return Role.objects.published(), reverse("roles:list")

    def implied_selection(self):
        return {SKILL_FACET: [[self.skill.slug]]}

    def json_body(self, request, page, entries, notices=()):
        return {
            "skill": {**serializers.skill_link(self.skill, request), "role_count": self.skill.role_count},
            **super().json_body(request, page, entries, notices),
            "mentions": None
            if self.mentions is None
            else [serializers.mention_group(group, request) for group in self.mentions],
        }


def skill_detail(request, slug):
    fmt = requested_format(request, FORMATS)
    index = {skill.slug: skill for skill in cached_skill_index(roles_version(request))}
    skill = index.get(slug)
    if skill is None:
        canonical = index.get(as_slug(slug))  # /roles/skills/Python/: the skill's own address
        if canonical is None:
            raise Http404(f"No published role needs a skill called {shown(slug)}.")
        return redirect(query_url(request, reverse("roles:skill", args=[canonical.slug])), permanent=True)
    mentions = [] if fmt == CSV else skill_mentions(request, skill)
    queryset = Role.objects.published().for_list().filter(skills=skill)
    # The page stands for its skill: marked current in the facet, a chip that leads to every role.
    implied = [Implied("skill", skill.slug, skill.name, query_url(request, reverse("roles:list"), page=None))]
    context = {
        "skill": skill,
        "mentions": mentions,
        "sort_options": sort_options(request),
        "compare_url": reverse("roles:compare"),
        "match_url": f"{reverse('roles:match')}?skill={skill.slug}",
    }
    return SkillRoleListing(skill, mentions).response(request, queryset, context=context, implied=implied)


def skill_mentions(request, skill):
    """Where the other collections name the skill: its name as a phrase, through the site's search
    (None when the name has no word of two letters or more)."""
    text = '"{}"'.format(skill.name.replace('"', " "))
    query = parse(text)
    if not any(len(term) > 1 for term in query.highlight_terms()):
        return None  # `R`, `C++`: a one-letter word finds every stray letter, so it is not looked for
    return site_search.mentions(request, query, text, exclude=(Role._meta.app_label,), size=MENTIONS)


def sort_options(request):
    sort = request.GET.get("sort", "")
    return [
        {"value": value, "label": label, "selected": value == sort}
        for value, label in RoleFilter.base_filters["sort"].build_choices(None, None)
    ]


# Match --------------------------------------------------------------------------------------------


class MatchForm(forms.Form):
    skill = SlugListField(max_values=MAX_SKILLS, required=False)
    role = SlugField(required=False)


def skill_match(request):
    """Every role that names skills, ranked by the share of them the reader has (`?skill=`, repeatable),
    with what is missing; `?role=` puts one role first ("what am I missing?" on a role's page)."""
    fmt = requested_format(request)
    form = MatchForm(request.GET)
    if not form.is_valid():
        raise BadParameter.from_form(form)
    paging = Paging.from_request(request, MATCH_PAGE_SIZE)
    version = roles_version(request)
    index = cached_skill_index(version)
    by_slug = {skill.slug: skill for skill in index}
    slugs = form.cleaned_data["skill"]
    chosen = [by_slug[slug] for slug in slugs if slug in by_slug]
    notices = [
        f"No role needs a skill called {shown(slug)}, so it counts for nothing."
        for slug in slugs
        if slug not in by_slug
    ]
    skill_ids = {skill.pk for skill in chosen}
    focus = focus_match(form.cleaned_data["role"], skill_ids, notices)
    page = ranked_page(request, skill_ids, paging, version) if skill_ids else None
    if not skill_ids:
        notices.append("Choose at least one skill you have (?skill=<slug>, repeatable) to rank the roles.")
    links = {
        "previous": query_url(request, page=page.previous_page_number()) if page and page.has_previous() else None,
        "next": query_url(request, page=page.next_page_number()) if page and page.has_next() else None,
    }
    if fmt == JSON:
        return json_response(serializers.match_page(page, chosen, focus, notices, links, request))
    context = {
        "chosen": chosen,
        "chosen_slugs": {skill.slug for skill in chosen},
        "groups": skill_groups(index),
        "focus": focus,
        "page_obj": page,
        "notices": notices,
        "previous_url": links["previous"],
        "next_url": links["next"],
        "json_url": query_url(request, format="json", page=None),
    }
    return render(request, "roles/match.html", context)


def focus_match(slug, skill_ids, notices):
    """The role the reader asked about (`?role=`), against their skills; a notice when there is none."""
    if not slug:
        return None
    role = Role.objects.published().for_matching().filter(slug=slug).first()
    if role is None:
        notices.append(f"There is no published role called {shown(slug)}.")
        return None
    return Match.of(role, skill_ids)


def ranked_page(request, skill_ids, paging, version):
    """The requested page of the ranking, its entries as Matches (`page.matches`); past the end, a 404."""
    ranking = cached_skill_map(version).ranking(skill_ids)
    paginator = Paginator(ranking, paging.size, orphans=min(3, paging.size - 1))
    try:
        page = paginator.page(paging.number)
    except EmptyPage:
        last = paginator.num_pages
        raise PageOutOfRange(paging.number, last, query_url(request, page=last if last > 1 else None)) from None
    roles = Role.objects.for_matching().in_bulk(page.object_list)  # the map holds published roles only
    page.matches = [Match.of(roles[role_id], skill_ids) for role_id in page.object_list if role_id in roles]
    return page
