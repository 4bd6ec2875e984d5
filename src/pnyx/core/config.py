"""Reading settings from the environment, with safe embedded defaults and a production guard."""

import os
import secrets
from pathlib import Path
from types import ModuleType
from typing import Any

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
MIN_SECRET_LENGTH = 50


def env_bool(name: str, *, default: bool) -> bool:
    """Read a yes/no variable; anything but a known word is a configuration error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}."
    )


def env_list(name: str, *, default: str) -> list[str]:
    """Read a comma-separated list, ignoring blanks."""
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def secret_key(var_dir: Path, *, production: bool) -> str:
    """SECRET_KEY from the environment or, in embedded mode, from a file made on first use."""
    key = os.environ.get("SECRET_KEY", "")
    if key or production:
        return key
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


def database(url: str | None, var_dir: Path, parser: ModuleType) -> dict[str, Any]:
    """Build the default database from DATABASE_URL; SQLite under var/ when it is not set."""
    if not url:
        var_dir.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{var_dir / 'pnyx.sqlite3'}"
    db: dict[str, Any] = parser.parse(url, conn_max_age=600, conn_health_checks=True)
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE transactions wait for the write lock instead of failing with "database is
        # locked" when a read turns into a write; WAL lets readers run beside the one writer.
        db["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 5,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        db["TEST"] = {"NAME": str(var_dir / "test.sqlite3")}
    return db


def cache(redis_url: str) -> dict[str, Any]:
    """Redis when REDIS_URL is set, an in-process cache otherwise."""
    if redis_url:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def unsafe_settings(settings: dict[str, Any]) -> list[str]:
    """List the reasons the given production settings are unsafe (empty when they are safe)."""
    problems = []
    if settings["DEBUG"]:
        problems.append("DEBUG must be off in production.")
    key = settings["SECRET_KEY"]
    if len(key) < MIN_SECRET_LENGTH or len(set(key)) < 5:
        problems.append(
            f"SECRET_KEY must be set to a random value of {MIN_SECRET_LENGTH}+ characters."
        )
    hosts = settings["ALLOWED_HOSTS"]
    if not hosts or "*" in hosts:
        problems.append("ALLOWED_HOSTS must list the site's host names (no '*').")
    if settings["EMAIL_BACKEND"].endswith(("filebased.EmailBackend", "console.EmailBackend")):
        problems.append("EMAIL_BACKEND must deliver mail in production (set EMAIL_HOST).")
    return problems


def refuse_unsafe(settings: dict[str, Any]) -> None:
    """Stop start-up in production mode when a setting is unsafe."""
    if not settings["PRODUCTION"]:
        return
    problems = unsafe_settings(settings)
    if problems:
        raise ImproperlyConfigured("Pnyx refuses to start: " + " ".join(problems))
