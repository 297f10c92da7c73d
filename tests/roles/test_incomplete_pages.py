"""A careers page scraped without its 'More Careers' part, or cut short mid-sentence (issue 12.6): it
imports what it has, with a warning naming the file, the profile flagged as possibly incomplete in admin
and on the page; `--strict` refuses it as before; it never replaces a profile imported whole."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from roles.models import Role
from tests.seeds import CAIO, ROLE_SEED

pytestmark = pytest.mark.django_db

WHOLE = ROLE_SEED.read_text(encoding="utf-8")
NO_TAIL = WHOLE[: WHOLE.index("More Careers")]
CUT = WHOLE[:-40]  # stops in the middle of a sentence, in the last related role


def run(path, **options):
    out, err = StringIO(), StringIO()
    call_command("import_roles", str(path), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_page_without_more_careers_imports_its_role_with_a_warning_naming_the_file(tmp_path):
    out, err = run(write(tmp_path, "caio-scrape.txt", NO_TAIL))
    assert "caio-scrape.txt: 1 created, 0 updated. 1 warning." in out
    assert "caio-scrape.txt, role 'Chief AI Officer': possibly incomplete" in err
    assert "without its 'More Careers' part" in err and "--strict refuses such a page" in err
    caio = Role.objects.get()
    assert caio.is_possibly_incomplete and caio.incomplete_note.startswith("line ")
    assert caio.sections.count() == 10 and caio.salary_ranges.count() == 4  # everything the page has


def test_a_page_cut_mid_sentence_flags_the_role_it_stops_in(tmp_path):
    out, err = run(write(tmp_path, "cut.txt", CUT))
    assert "5 created, 0 updated. 1 warning." in out
    assert "cut.txt, role 'AI/ML Engineer': possibly incomplete" in err and "stops mid-sentence" in err
    assert list(Role.objects.filter(is_possibly_incomplete=True).values_list("slug", flat=True)) == ["ai-ml-engineer"]


def test_strict_refuses_a_page_cut_short_and_changes_nothing(tmp_path):
    for name, text, problem in (("no-tail.txt", NO_TAIL, "'More Careers'"), ("cut.txt", CUT, "mid-sentence")):
        with pytest.raises(CommandError) as caught:
            run(write(tmp_path, name, text), strict=True)
        message = str(caught.value)
        assert message.startswith("Import failed, nothing was changed.") and name in message and problem in message
    assert not Role.objects.exists()


def test_a_whole_page_is_not_flagged_and_strict_accepts_it():
    out, err = run(ROLE_SEED, strict=True)
    assert "5 created" in out and err == ""
    assert not Role.objects.filter(is_possibly_incomplete=True).exists()


def test_a_cut_short_page_does_not_replace_a_profile_imported_whole(tmp_path):
    run(ROLE_SEED)
    out, _ = run(write(tmp_path, "seed-again.txt", NO_TAIL), verbosity=2)
    assert "skipped: Chief AI Officer (this page looks cut short" in out
    assert not Role.objects.get(slug=CAIO).is_possibly_incomplete
    run(write(tmp_path, "seed-again.txt", NO_TAIL), overwrite=True)
    assert Role.objects.get(slug=CAIO).is_possibly_incomplete  # the operator asked for it


def test_the_whole_page_clears_the_flag(tmp_path):
    run(write(tmp_path, "000_0fd3161aa7286deb.txt", NO_TAIL))
    run(ROLE_SEED)
    assert not Role.objects.get(slug=CAIO).is_possibly_incomplete


def test_the_flag_shows_on_the_page_in_json_on_the_card_and_in_admin(client, staff_client, tmp_path):
    run(write(tmp_path, "caio-scrape.txt", NO_TAIL))
    html = client.get(f"/roles/{CAIO}/").content.decode()
    assert "<strong>Possibly incomplete.</strong> The source page looked cut short" in html
    body = client.get(f"/roles/{CAIO}/", {"format": "json"}).json()
    assert body["is_possibly_incomplete"] is True and "More Careers" in body["incomplete_note"]
    assert '<span class="badge">possibly incomplete</span>' in client.get("/roles/").content.decode()
    url = reverse("admin:roles_role_changelist")
    changelist = staff_client.get(url)
    assert "By possibly incomplete" in changelist.content.decode()
    assert staff_client.get(url, {"is_possibly_incomplete__exact": "1"}).context["cl"].result_count == 1
    assert staff_client.get(url, {"is_possibly_incomplete__exact": "0"}).context["cl"].result_count == 0
