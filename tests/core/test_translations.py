"""Every interface string is translated into French and Spanish, and the catalogs are up to date."""

import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

import pnyx

APPS_DIR = Path(pnyx.__file__).parent
CATALOGS = sorted(APPS_DIR.glob("*/locale/*/LC_MESSAGES/django.po"))
APPS_WITH_CATALOGS = sorted({path.parents[3].name for path in CATALOGS})
_ENTRY = re.compile(r'^msgid "(.*)"$', re.MULTILINE)


def _entries(po_text):
    """(msgid, translated?) pairs of a .po file, joining continued lines."""
    blocks = po_text.split("\n\n")
    result = []
    for block in blocks:
        if "msgid" not in block or block.lstrip().startswith("#~"):
            continue
        msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', block.split("msgstr")[0], re.MULTILINE))
        if not msgid:
            continue
        strs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block, re.MULTILINE)
        translated = all(first or rest.strip() for first, rest in strs)
        result.append((msgid, translated and "#, fuzzy" not in block))
    return result


def test_every_app_has_french_and_spanish_catalogs():
    for app in sorted(path.parent.name for path in APPS_DIR.glob("*/apps.py")):
        assert app in APPS_WITH_CATALOGS
        for language in ("fr", "es"):
            assert (APPS_DIR / app / "locale" / language / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: "/".join(path.parts[-5:-2]))
def test_every_string_is_translated(catalog):
    untranslated = [msgid for msgid, ok in _entries(catalog.read_text()) if not ok]

    assert untranslated == []


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: "/".join(path.parts[-5:-2]))
def test_every_plural_has_each_form_its_language_counts(catalog):
    """Spanish catalogs may count three forms (one, millions, other): a missing third form shows
    "5 supports" in English on a Spanish page."""
    text = catalog.read_text()
    forms = int(re.search(r"nplurals=(\d)", text).group(1))
    short = []
    for block in text.split("\n\n"):
        if "msgid_plural" not in block or block.lstrip().startswith("#~"):
            continue
        strs = re.findall(r'^msgstr\[\d\] "(.*)"((?:\n".*")*)', block, re.MULTILINE)
        if sum(bool(first or rest.strip()) for first, rest in strs) != forms:
            short.append(re.search(r'^msgid "(.*)"', block, re.MULTILINE).group(1))

    assert short == []


@pytest.mark.parametrize("app", APPS_WITH_CATALOGS)
def test_catalogs_hold_every_string_of_the_code(app, tmp_path, monkeypatch):
    copy = tmp_path / app
    shutil.copytree(APPS_DIR / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    before = {
        msgid for msgid, _ in _entries((copy / "locale/fr/LC_MESSAGES/django.po").read_text())
    }
    monkeypatch.chdir(copy)

    call_command(
        "makemessages",
        locale=["fr"],
        no_location=True,
        ignore_patterns=["migrations/*"],
        verbosity=0,
    )

    after = {msgid for msgid, _ in _entries((copy / "locale/fr/LC_MESSAGES/django.po").read_text())}
    assert sorted(after - before) == [], "run `make messages` and translate the new strings"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "skip_link"),
    [("fr", "Aller au contenu principal"), ("es", "Ir al contenido principal")],
)
def test_pages_follow_the_browser_language(client, language, skip_link):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE=f"{language},en;q=0.5").content.decode()

    assert f'<html lang="{language}">' in page
    assert skip_link in page
