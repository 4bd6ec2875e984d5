"""Factories for the toolbox: tools, practices and the editors who review them; organisations and
people come from the orgs tests. Other toolbox tests append their factories at the end."""

import factory
from django.contrib.auth.models import Group

from pnyx.toolbox.models import Practice, Tool
from pnyx.toolbox.rules import EDITORS_GROUP
from tests.orgs.factories import OrganisationFactory, UserFactory

__all__ = [
    "OrganisationFactory",
    "PracticeFactory",
    "ToolFactory",
    "UserFactory",
    "make_toolbox_editor",
]


class ToolFactory(factory.django.DjangoModelFactory):
    """A published tool row (not indexed for search: approve a revision for that)."""

    class Meta:
        model = Tool

    slug = factory.Sequence(lambda n: f"tool-{n:04d}")
    name = factory.Sequence(lambda n: f"Tool {n:04d}")
    summary = "Collects ideas from citizens."
    description = "A *simple* tool."
    website = "https://tool.example.org/"
    licence = "AGPL-3.0-or-later"
    open_source = True
    languages = ["en", "fr"]


class PracticeFactory(factory.django.DjangoModelFactory):
    """A published practice row (not indexed for search)."""

    class Meta:
        model = Practice

    slug = factory.Sequence(lambda n: f"practice-{n:04d}")
    title = factory.Sequence(lambda n: f"Practice {n:04d}")
    summary = "A city opened its budget."
    description = "The city published every budget line."
    country = "FR"


def make_toolbox_editor(user=None):
    """Put a person (a new one by default) in the toolbox editors' group and return them."""
    person = user or UserFactory()
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    person.groups.add(group)
    return person
