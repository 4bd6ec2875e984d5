"""Fixtures shared by every test folder."""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import cache


def pytest_configure(config):
    """Give each parallel test worker its own Redis database: tests clear the cache (FLUSHDB),
    which would otherwise wipe the other worker's rate-limit counters mid-test."""
    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    cache_settings = settings.CACHES["default"]
    if worker.startswith("gw") and cache_settings["BACKEND"].endswith("RedisCache"):
        location = urlsplit(cache_settings["LOCATION"])
        database = f"/{15 - int(worker[2:])}"
        cache_settings["LOCATION"] = urlunsplit(location._replace(path=database))


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    """Tests read English unless they ask for another language."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and used one-time codes live in the cache: each test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing strength is not under test; a fast hasher keeps the suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
