"""The personal-data registry: what each app holds about a person, how to export or anonymise it.

Each app registers one `PersonalDataSource` per kind of personal data in its `personal_data.py`,
loaded when the app is ready. The privacy features build on `export_all` and `anonymise_all`:
a person sees and downloads everything held about them, and deleting an account anonymises each
source (contributions stay, detached from the person, so public results stay consistent).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.functional import Promise

Text = str | Promise


@dataclass(frozen=True)
class PersonalDataSource:
    """One kind of personal data an app holds."""

    key: str
    label: Text
    description: Text
    export: Callable[[Any], Any]
    anonymise: Callable[[Any], None]
    #: The account itself (e-mail, name): anonymised after every other source, which may still
    #: need to find the person's data by those details.
    identity: bool = False


class SourceAlreadyRegistered(ValueError):
    pass


_sources: dict[str, PersonalDataSource] = {}


def register(source: PersonalDataSource) -> PersonalDataSource:
    """Declare a source; keys are unique across the project."""
    existing = _sources.get(source.key)
    if existing is not None and existing != source:
        raise SourceAlreadyRegistered(
            f"A personal-data source {source.key!r} is already registered."
        )
    _sources[source.key] = source
    return source


def sources() -> Iterator[PersonalDataSource]:
    """Every registered source, ordered by key."""
    return iter(sorted(_sources.values(), key=lambda source: source.key))


def export_all(person: Any) -> dict[str, Any]:
    """Everything held about a person, keyed by source (JSON-serialisable values)."""
    return {source.key: source.export(person) for source in sources()}


def anonymise_all(person: Any) -> None:
    """Detach a person from everything every app holds about them, in one transaction."""
    ordered = sorted(sources(), key=lambda source: source.identity)
    with transaction.atomic():
        for source in ordered:
            source.anonymise(person)
