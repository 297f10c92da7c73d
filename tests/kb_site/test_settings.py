"""Settings come from the environment and fail loudly when they are wrong."""

import os
import subprocess
import sys

from tests.seeds import ROOT


def run_django(env_overrides, code):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "kb_site.settings", **env_overrides})
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_server_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_django({"DJANGO_ALLOWED_HOSTS": "example.com"}, "import kb_site.wsgi; print('started')")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "started" not in result.stdout


def test_the_server_refuses_to_start_without_allowed_hosts_when_debug_is_off():
    result = run_django({"DJANGO_SECRET_KEY": "x" * 50}, "import kb_site.wsgi; print('started')")
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_nothing_falls_back_to_a_default_secret_key_when_debug_is_off():
    result = run_django({}, "from django.conf import settings; print(settings.SECRET_KEY)")
    assert result.returncode != 0
    assert "The SECRET_KEY setting must not be empty" in result.stderr


def test_commands_that_need_no_key_still_run_without_one():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "kb_site.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_debug_is_off_unless_asked_for():
    result = run_django(
        {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "example.com"},
        "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_a_bad_boolean_is_a_clear_error():
    result = run_django({"DJANGO_DEBUG": "maybe"}, "pass")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_sqlite_is_the_default_database_and_uses_wal(tmp_path):
    result = run_django(
        {"DJANGO_DEBUG": "true", "KB_SQLITE_PATH": str(tmp_path / "kb.sqlite3")},
        "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode');"
        "print(connection.vendor, c.fetchone()[0])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["sqlite", "wal"]


def test_database_url_switches_the_engine_to_postgresql():
    result = run_django(
        {"DJANGO_DEBUG": "true", "DATABASE_URL": "postgres://kb:pw@db.example.com:5433/kbdb"},
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['HOST'], d['PORT'], d['NAME'])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "db.example.com", "5433", "kbdb"]


def test_redis_url_switches_the_cache_to_redis():
    result = run_django(
        {"DJANGO_DEBUG": "true", "REDIS_URL": "redis://127.0.0.1:6379/3"},
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
    )
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


def test_without_redis_the_cache_is_a_file_beside_the_database_that_every_process_shares(tmp_path):
    env = {"DJANGO_DEBUG": "true", "KB_SQLITE_PATH": str(tmp_path / "kb.sqlite3")}
    writer = run_django(env, "from django.core.cache import cache; cache.set('k', 'from another process')")
    assert writer.returncode == 0, writer.stderr
    reader = run_django(
        env,
        "from django.conf import settings; from django.core.cache import cache;"
        "print(settings.CACHES['default']['LOCATION']); print(cache.get('k'))",
    )
    assert reader.returncode == 0, reader.stderr
    assert reader.stdout.splitlines() == [str(tmp_path / "kb-cache"), "from another process"]


def test_the_deploy_check_is_clean_in_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "kb_site.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-with-enough-entropy-0123456789-xyz",
            "DJANGO_ALLOWED_HOSTS": "kb.example.com",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
