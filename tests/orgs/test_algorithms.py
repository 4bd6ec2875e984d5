import pytest

from pnyx.core import algorithms
from pnyx.orgs import selectors, services
from pnyx.orgs.algorithms import DirectoryEntry, name_sort_key, order_directory
from tests.orgs.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_directory_card_is_registered_and_published(client):
    card = algorithms.get("orgs.directory")

    response = client.get(f"/algorithms/{card.slug}/")

    assert card.slug == "orgs-directory"
    assert card.version == "1.0"
    assert [factor.weight for factor in card.factors] == [1.0, 0.0, 0.0]
    assert response.status_code == 200
    assert "Organisation directory order" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "key"),
    [("École  Ouverte", "ecole ouverte"), ("ÅLAND Watch", "aland watch"), ("straße", "strasse")],
)
def test_names_sort_without_case_or_accents(name, key):
    assert name_sort_key(name) == key


def test_the_plain_rule_gives_the_same_order_as_the_database():
    person = UserFactory()
    for name, description in [
        ("Zeta data", "open"), ("alpha", "open data"), ("Émile group", "data"), ("beta", "data"),
    ]:  # fmt: skip
        services.organisation_register(actor=person, name=name, kind="ngo", description=description)

    for query in ["", "data"]:
        from_database = list(selectors.organisation_list(q=query))
        entries = [
            DirectoryEntry(id=org.pk, name=org.name, search_rank=getattr(org, "search_rank", None))
            for org in reversed(from_database)
        ]

        recomputed = order_directory(entries, searching=bool(query))

        assert [entry.id for entry in recomputed] == [org.pk for org in from_database]
