import pytest
from django.core.exceptions import ImproperlyConfigured

from pnyx.core import config

SAFE = {
    "PRODUCTION": True,
    "DEBUG": False,
    "SECRET_KEY": "k3y-" + "abcdefghij" * 6,
    "ALLOWED_HOSTS": ["pnyx.example"],
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def test_safe_production_settings_start():
    config.refuse_unsafe(SAFE)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"DEBUG": True}, "DEBUG must be off"),
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "a" * 80}, "SECRET_KEY must be set"),
        ({"ALLOWED_HOSTS": []}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": ["*"]}, "ALLOWED_HOSTS"),
        ({"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}, "EMAIL_BACKEND"),
    ],
)
def test_production_refuses_to_start_on_an_unsafe_setting(change, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        config.refuse_unsafe({**SAFE, **change})


def test_embedded_mode_is_not_checked():
    config.refuse_unsafe({**SAFE, "PRODUCTION": False, "DEBUG": True})


def test_embedded_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)

    first = config.secret_key(tmp_path, production=False)
    second = config.secret_key(tmp_path, production=False)

    assert len(first) >= 50
    assert first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_production_never_generates_a_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)

    assert config.secret_key(tmp_path, production=True) == ""
    assert not (tmp_path / "secret_key").exists()


def test_sqlite_gets_wal_a_busy_timeout_and_immediate_transactions(tmp_path):
    import dj_database_url

    db = config.database(None, tmp_path, dj_database_url)

    assert db["NAME"] == str(tmp_path / "pnyx.sqlite3")
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert db["OPTIONS"]["timeout"] == 5
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert db["CONN_MAX_AGE"] == 600


def test_database_url_selects_postgresql(tmp_path):
    import dj_database_url

    db = config.database("postgres://pnyx@db.internal:5432/pnyx", tmp_path, dj_database_url)

    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert db["HOST"] == "db.internal"
    assert "OPTIONS" not in db or "transaction_mode" not in db["OPTIONS"]


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("off", False), ("Yes", True), ("", False)]
)
def test_yes_no_variables(monkeypatch, raw, expected):
    monkeypatch.setenv("PNYX_TEST_FLAG", raw)

    assert config.env_bool("PNYX_TEST_FLAG", default=not expected) is expected


def test_a_malformed_yes_no_variable_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("PNYX_TEST_FLAG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="PNYX_TEST_FLAG must be one of"):
        config.env_bool("PNYX_TEST_FLAG", default=False)


def test_redis_url_selects_the_redis_cache():
    assert config.cache("redis://127.0.0.1:6379/0")["BACKEND"].endswith("RedisCache")
    assert config.cache("")["BACKEND"].endswith("LocMemCache")


def test_the_pnyx_command_refuses_to_start_in_production_without_a_secret_key(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {
        "PNYX_ENV": "production",
        "PNYX_VAR_DIR": str(tmp_path),
        "ALLOWED_HOSTS": "pnyx.example",
    }
    pnyx = Path(sys.executable).with_name("pnyx")

    result = subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [str(pnyx), "check"], env=env, capture_output=True, text=True, check=False
    )

    assert result.returncode != 0
    assert "Pnyx refuses to start" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr
