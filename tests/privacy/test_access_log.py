"""Staff views of people's non-public data are recorded and shown to the people concerned."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models

from pnyx.core import personal_data
from pnyx.participation.services.moderation import content_hide
from pnyx.privacy.admin import AccessLoggedAdmin
from pnyx.privacy.models import PersonalDataAccess
from pnyx.privacy.services.access import access_record
from tests.accounts.factories import UserFactory
from tests.participation.factories import add_organiser

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(display_name="Ada Admin", is_staff=True, is_superuser=True)


def accesses_of(person):
    return list(
        PersonalDataAccess.objects.filter(person=person).values_list(
            "staff__display_name", "reason", "sources"
        )
    )


def test_an_admin_opening_a_persons_address_is_logged_and_shown_to_them(client, world, superuser):
    address = EmailAddress.objects.get(user=world.person)
    client.force_login(superuser)

    response = client.get(f"/admin/account/emailaddress/{address.pk}/change/")

    assert response.status_code == 200
    assert accesses_of(world.person) == [("Ada Admin", "privacy.admin_site", ["accounts.profile"])]
    client.force_login(world.person)
    page = client.get("/privacy/").content.decode()
    assert 'Ada Admin <span class="meta">(Platform administrator)</span>' in page
    assert "Administration site: e-mail addresses and sign-in settings" in page
    assert "<td>Account and profile</td>" in page


def test_the_admin_list_logs_each_person_listed_once_per_hour(client, world, superuser):
    client.force_login(superuser)

    client.get("/admin/account/emailaddress/")
    client.get("/admin/account/emailaddress/")
    client.get("/admin/mfa/authenticator/")

    assert accesses_of(world.person) == [("Ada Admin", "privacy.admin_site", ["accounts.profile"])]
    assert accesses_of(world.other) == [("Ada Admin", "privacy.admin_site", ["accounts.profile"])]
    assert accesses_of(superuser) == []


def test_every_admin_of_a_model_holding_a_persons_data_logs_its_views():
    """A model pointing at an account, or the account itself, shown in the admin without
    `AccessLoggedAdmin` would let staff read people's data unseen."""
    user_model = get_user_model()

    def points_at_people(model):
        return model is user_model or any(
            isinstance(field, models.ForeignKey | models.OneToOneField)
            and field.related_model is user_model
            for field in model._meta.get_fields()
        )

    unlogged = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if points_at_people(model) and not isinstance(model_admin, AccessLoggedAdmin)
    ]

    assert unlogged == []
    assert EmailAddress in admin.site._registry


def test_a_moderator_seeing_hidden_content_is_logged_for_its_author(client, world):
    moderator = UserFactory(display_name="Mo Derator")
    world.process.moderators.add(moderator)
    content_hide(moderator=moderator, target=world.comment, reason="Off topic")
    client.force_login(moderator)

    queue = client.get(f"/processes/{world.process.slug}/moderation/")
    detail = client.get(world.theirs.get_absolute_url())

    assert queue.status_code == detail.status_code == 200
    assert "Yes, and the amendments." in detail.content.decode()
    assert PersonalDataAccess.objects.filter(person=world.person).count() == 1
    entry = PersonalDataAccess.objects.get(person=world.person)
    assert (entry.staff, entry.reason, entry.sources, entry.detail) == (
        moderator,
        "participation.moderation",
        ["participation.comments"],
        "Open budgets 2027",
    )
    assert not PersonalDataAccess.objects.filter(person=world.other).exists()


def test_public_content_seen_by_a_moderator_is_not_logged(client, world):
    moderator = UserFactory()
    world.process.moderators.add(moderator)
    client.force_login(moderator)

    client.get(world.theirs.get_absolute_url())

    assert not PersonalDataAccess.objects.exists()


def test_a_manager_shown_the_moderators_addresses_is_logged_for_each_moderator(client, world):
    manager = add_organiser(world.process)
    world.process.moderators.add(world.person, manager)
    client.force_login(manager)

    response = client.get(f"/processes/{world.process.slug}/manage/")

    assert response.status_code == 200
    assert world.person.email in response.content.decode()
    assert [(a.staff, a.reason) for a in PersonalDataAccess.objects.all()] == [
        (manager, "participation.consultation_settings")
    ]


def test_record_access_refuses_unknown_sources_and_reasons(world):
    with pytest.raises(ValueError, match="Unknown personal-data sources"):
        personal_data.record_access(
            staff=world.other, people=[world.person], source_keys=["nope"], reason="x"
        )
    with pytest.raises(ValueError, match="No access reason"):
        personal_data.record_access(
            staff=world.other,
            people=[world.person],
            source_keys=["accounts.profile"],
            reason="nope",
        )


def test_a_repeated_view_is_logged_again_after_an_hour(world):
    first = access_record(
        staff=world.other,
        people=[world.person],
        source_keys=["accounts.profile"],
        reason="privacy.admin_site",
    )
    later = first[0].accessed_at + timedelta(minutes=61)

    again = access_record(
        staff=world.other,
        people=[world.person],
        source_keys=["accounts.profile"],
        reason="privacy.admin_site",
        now=later,
    )

    assert len(first) == len(again) == 1
    assert PersonalDataAccess.objects.count() == 2


def test_the_full_access_log_is_paginated(client, world, settings):
    settings.PNYX_PAGE_SIZE = 2
    for minutes in range(3):
        access_record(
            staff=world.other,
            people=[world.person],
            source_keys=["accounts.profile"],
            reason="privacy.admin_site",
            detail=f"context {minutes}",
        )
    client.force_login(world.person)

    first = client.get("/privacy/access/").content.decode()
    second = client.get("/privacy/access/?page=2").content.decode()

    assert first.count("context ") == 2
    assert second.count("context ") == 1
    assert "Page 2 of 2" in second
