"""`make run` serves the site as readers see it (debug off, a local secret key generated once, static
files collected for WhiteNoise, gunicorn, HOST/PORT and DATABASE_URL honoured); `make dev` is the debug
server; `import_seeds` names each collection it imports."""

import io
import os
import subprocess

import pytest
from django.core.management import call_command

from tests.seeds import ROOT

from .test_settings import run_django


def make_dry_run(*args, env=None):
    """The commands `make` would run, without running them."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "MAKE"))}
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", *args],
        cwd=ROOT,
        env={**environment, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_run_serves_with_debug_off_a_key_file_collected_static_files_and_gunicorn():
    commands = make_dry_run("run", "HOST=0.0.0.0", "PORT=8123", "SECRET_KEY_FILE=/tmp/kb-test-key-absent")
    served = commands.splitlines()[-1]
    assert (
        "DJANGO_DEBUG=false" in served
        and "DJANGO_SECRET_KEY_FILE=${DJANGO_SECRET_KEY_FILE:-/tmp/kb-test-key-absent}" in served
    )
    assert served.endswith(".venv/bin/gunicorn kb_site.wsgi --bind 0.0.0.0:8123 --workers 2 --access-logfile -")
    assert "DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-0.0.0.0,localhost" in served
    assert "manage.py collectstatic --noinput" in commands
    assert "secrets.token_urlsafe(50)" in commands  # the key file is made when it is missing
    assert commands.index("manage.py migrate") < commands.index("manage.py import_seeds") < commands.index("gunicorn")
    assert "runserver" not in commands and "DATABASE_URL=" not in commands  # DATABASE_URL passes through


def test_make_dev_is_the_debug_server_with_autoreload():
    commands = make_dry_run("dev", "PORT=8124")
    assert commands.splitlines()[-1].endswith("manage.py runserver 127.0.0.1:8124")
    assert "DJANGO_DEBUG=true" in commands.splitlines()[-1] and "--noreload" not in commands


def test_the_secret_key_is_generated_once_and_kept(tmp_path):
    key_file = tmp_path / "key"
    for _ in range(2):
        subprocess.run(["make", "--no-print-directory", f"SECRET_KEY_FILE={key_file}", str(key_file)], cwd=ROOT,
                       check=True, capture_output=True, timeout=60)  # fmt: skip
        if _ == 0:
            first = key_file.read_text()
    assert key_file.read_text() == first and len(first.strip()) >= 50
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"  # readable by its owner only
    assert "/.secret_key" in (ROOT / ".gitignore").read_text().splitlines()


def test_the_settings_read_the_key_file(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("k" * 60 + "\n")
    env = {"DJANGO_SECRET_KEY_FILE": str(key_file), "DJANGO_ALLOWED_HOSTS": "localhost"}
    result = run_django(env, "from django.conf import settings; print(settings.SECRET_KEY, settings.DEBUG)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{'k' * 60} False"
    # the environment's own key wins over the file
    result = run_django(
        {**env, "DJANGO_SECRET_KEY": "e" * 50}, "from django.conf import settings; print(settings.SECRET_KEY)"
    )
    assert result.stdout.strip() == "e" * 50


@pytest.mark.parametrize(("content", "message"), [(None, "cannot read"), ("  \n", "is empty")])
def test_a_missing_or_empty_key_file_is_a_clear_error(tmp_path, content, message):
    key_file = tmp_path / "key"
    if content is not None:
        key_file.write_text(content)
    result = run_django({"DJANGO_SECRET_KEY_FILE": str(key_file)}, "print('started')")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY_FILE:" in result.stderr and str(key_file) in result.stderr and message in result.stderr


@pytest.mark.django_db
def test_import_seeds_names_each_collection_before_its_report():
    out = io.StringIO()
    call_command("import_seeds", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Career roles (roles):" and lines[1].startswith("seeds/000_0fd3161aa7286deb.txt: 5 created")
    assert lines[2] == "Founder posts (posts):" and lines[3].startswith("seeds/001_b340050decece26e.txt: 16 created")
    assert lines[4] == "Systematic reviews (reviews):" and lines[5].startswith(
        "seeds/002_fbfd4bd7059abbbb.txt: 14 created"
    )
