"""Language names for profiles: the codes Django knows, named in the reader's language."""

from django.conf import global_settings
from django.utils.translation import gettext

_NAMES = dict(global_settings.LANGUAGES)
LANGUAGE_CODES = frozenset(_NAMES)


def language_choices() -> list[tuple[str, str]]:
    """(code, translated name) for every language, sorted by name in the active language."""
    named = [(code, gettext(name)) for code, name in _NAMES.items()]
    return sorted(named, key=lambda pair: pair[1].casefold())


def language_name(code: str) -> str:
    """The translated name of a language code (the code itself when unknown)."""
    return gettext(_NAMES[code]) if code in _NAMES else code
