"""Usages and reviews: services keep the tool's counters exact, refuse outsiders, and the pages
show them on both sides."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.utils import timezone

from pnyx.core.models import AuditEntry
from pnyx.toolbox.models import Review, Tool, Usage
from pnyx.toolbox.services import usages as services
from tests.programs.factories import add_admin, add_member
from tests.toolbox.factories import OrganisationFactory, ToolFactory, UserFactory

pytestmark = pytest.mark.django_db


def counters(tool):
    fresh = Tool.objects.get(pk=tool.pk)
    return fresh.usage_count, fresh.rating_count, fresh.rating_total


def declared(organisation=None, tool=None):
    organisation = organisation or OrganisationFactory()
    tool = tool or ToolFactory()
    admin = add_admin(organisation)
    usage = services.usage_declare(
        actor=admin, organisation=organisation, tool=tool, purpose="Collecting proposals"
    )
    return admin, usage


# --- services -------------------------------------------------------------------------------


def test_an_admin_declares_a_usage_and_the_tool_counts_it():
    organisation, tool = OrganisationFactory(), ToolFactory()
    admin = add_admin(organisation)

    usage = services.usage_declare(
        actor=admin,
        organisation=organisation,
        tool=tool,
        purpose="  Participatory   budget ",
        country="SN",
        since=timezone.localdate() - timedelta(days=30),
    )

    assert usage.purpose == "Participatory budget"
    assert str(usage.country) == "SN"
    assert counters(tool) == (1, 0, 0)
    assert AuditEntry.objects.filter(action="toolbox.usage_declared").count() == 1


def test_a_plain_member_cannot_declare_a_usage_and_nothing_changes():
    organisation, tool = OrganisationFactory(), ToolFactory()
    member = add_member(organisation)

    with pytest.raises(PermissionDenied):
        services.usage_declare(actor=member, organisation=organisation, tool=tool, purpose="x")

    assert not Usage.objects.exists()
    assert counters(tool) == (0, 0, 0)


def test_declaring_twice_is_refused_and_counted_once():
    admin, usage = declared()

    with pytest.raises(ValidationError) as raised:
        services.usage_declare(
            actor=admin, organisation=usage.organisation, tool=usage.tool, purpose="Again"
        )

    assert raised.value.code == "duplicate"
    assert counters(usage.tool) == (1, 0, 0)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"purpose": "   "}, "purpose"),
        ({"purpose": "x" * 301}, "purpose"),
        ({"purpose": "ok", "country": "XX"}, "country"),
        ({"purpose": "ok", "since": timezone.localdate() + timedelta(days=2)}, "since"),
    ],
)
def test_bad_usage_details_are_refused(fields, field):
    organisation, tool = OrganisationFactory(), ToolFactory()
    admin = add_admin(organisation)

    with pytest.raises(ValidationError) as raised:
        services.usage_declare(actor=admin, organisation=organisation, tool=tool, **fields)

    assert field in raised.value.message_dict
    assert counters(tool) == (0, 0, 0)


def test_a_usage_is_changed():
    admin, usage = declared()

    services.usage_update(actor=admin, usage=usage, purpose="Open data portal", country="FR")

    usage.refresh_from_db()
    assert (usage.purpose, str(usage.country)) == ("Open data portal", "FR")


def test_reviews_need_a_usage_and_keep_the_rating_exact():
    admin, usage = declared()
    organisation, tool = usage.organisation, usage.tool

    services.review_write(actor=admin, organisation=organisation, tool=tool, rating=4, text="Good")
    assert counters(tool) == (1, 1, 4)
    services.review_write(actor=admin, organisation=organisation, tool=tool, rating=2)
    assert counters(tool) == (1, 1, 2)
    assert Review.objects.get().text == ""

    other = OrganisationFactory()
    other_admin = add_admin(other)
    with pytest.raises(ValidationError) as raised:
        services.review_write(actor=other_admin, organisation=other, tool=tool, rating=5)
    assert raised.value.code == "no_usage"
    assert counters(tool) == (1, 1, 2)


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_out_of_1_to_5_is_refused(rating):
    admin, usage = declared()

    with pytest.raises(ValidationError):
        services.review_write(
            actor=admin, organisation=usage.organisation, tool=usage.tool, rating=rating
        )

    assert counters(usage.tool) == (1, 0, 0)


def test_only_admins_write_reviews():
    _admin, usage = declared()
    member = add_member(usage.organisation)

    with pytest.raises(PermissionDenied):
        services.review_write(
            actor=member, organisation=usage.organisation, tool=usage.tool, rating=5
        )

    assert not Review.objects.exists()


def test_removing_a_review_takes_it_out_of_the_rating():
    admin, usage = declared()
    review = services.review_write(
        actor=admin, organisation=usage.organisation, tool=usage.tool, rating=5
    )

    services.review_remove(actor=admin, review=review)

    assert counters(usage.tool) == (1, 0, 0)
    assert not Review.objects.exists()


def test_removing_a_usage_removes_its_review_and_both_counts():
    admin, usage = declared()
    services.review_write(actor=admin, organisation=usage.organisation, tool=usage.tool, rating=3)
    _other_admin, _other = declared(tool=usage.tool)

    services.usage_remove(actor=admin, usage=usage)

    assert counters(usage.tool) == (1, 0, 0)
    assert not Review.objects.exists()
    assert AuditEntry.objects.filter(action="toolbox.usage_removed").count() == 1


def test_an_outsider_cannot_remove_a_usage():
    _admin, usage = declared()

    with pytest.raises(PermissionDenied):
        services.usage_remove(actor=UserFactory(), usage=usage)

    assert counters(usage.tool) == (1, 0, 0)


# --- pages ----------------------------------------------------------------------------------


def test_the_tool_page_offers_each_administered_organisation_a_form(client):
    tool = ToolFactory()
    first, second = OrganisationFactory(name="Alpha Org"), OrganisationFactory(name="Beta Org")
    admin = add_admin(first)
    add_admin(second, admin)
    services.usage_declare(actor=admin, organisation=first, tool=tool, purpose="Budgets")
    client.force_login(admin)

    page = client.get(tool.get_absolute_url()).content.decode()

    assert "Your organisations and this tool" in page
    assert "Say that Beta Org uses this tool" in page
    assert "Publish the review" in page
    assert "Remove the usage and its review" in page


def test_a_visitor_sees_usages_without_forms(client):
    _admin, usage = declared()

    page = client.get(usage.tool.get_absolute_url()).content.decode()

    assert "Collecting proposals" in page
    assert "Your organisations and this tool" not in page


def test_declaring_through_the_page(client):
    organisation, tool = OrganisationFactory(), ToolFactory()
    admin = add_admin(organisation)
    client.force_login(admin)

    response = client.post(
        f"/tools/{tool.slug}/usages/",
        {"organisation": organisation.pk, "purpose": "Consultations", "country": "FR"},
    )

    assert response.status_code == 302
    assert counters(tool) == (1, 0, 0)


def test_declaring_for_an_organisation_one_does_not_administer_is_a_400(client):
    organisation, tool = OrganisationFactory(), ToolFactory()
    member = add_member(organisation)
    client.force_login(member)

    response = client.post(
        f"/tools/{tool.slug}/usages/", {"organisation": organisation.pk, "purpose": "x"}
    )

    assert response.status_code == 400
    assert "You do not administer this organisation." in response.content.decode()
    assert not Usage.objects.exists()


def test_an_empty_purpose_is_a_400_naming_the_field(client):
    organisation, tool = OrganisationFactory(), ToolFactory()
    client.force_login(add_admin(organisation))

    response = client.post(
        f"/tools/{tool.slug}/usages/", {"organisation": organisation.pk, "purpose": ""}
    )

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_reviewing_and_removing_through_the_page(client):
    admin, usage = declared()
    client.force_login(admin)
    url = f"/tools/{usage.tool.slug}/reviews/"

    bad = client.post(url, {"organisation": usage.organisation.pk, "rating": 9})
    good = client.post(url, {"organisation": usage.organisation.pk, "rating": 4, "text": "Fine"})
    review = Review.objects.get()
    removed = client.post(f"/tools/{usage.tool.slug}/reviews/{review.pk}/remove/")

    assert bad.status_code == 400
    assert good.status_code == 302
    assert removed.status_code == 302
    assert counters(usage.tool) == (1, 0, 0)


def test_editing_a_usage_of_another_organisation_is_forbidden(client):
    _admin, usage = declared()
    client.force_login(UserFactory())

    edit = client.get(f"/tools/{usage.tool.slug}/usages/{usage.pk}/edit/")
    remove = client.post(f"/tools/{usage.tool.slug}/usages/{usage.pk}/remove/")

    assert edit.status_code == 403
    assert remove.status_code == 403
    assert Usage.objects.count() == 1


def test_editing_a_usage_through_the_page(client):
    admin, usage = declared()
    client.force_login(admin)
    url = f"/tools/{usage.tool.slug}/usages/{usage.pk}/edit/"

    form = client.get(url)
    response = client.post(url, {"purpose": "Petitions", "country": ""})

    assert form.status_code == 200
    assert response.status_code == 302
    usage.refresh_from_db()
    assert usage.purpose == "Petitions"


def test_an_unknown_usage_is_a_404(client):
    admin, usage = declared()
    client.force_login(admin)

    assert client.post(f"/tools/{usage.tool.slug}/usages/999999/remove/").status_code == 404


def test_the_organisation_side_lists_its_tools_with_its_ratings(django_assert_max_num_queries):
    admin, usage = declared()
    services.review_write(actor=admin, organisation=usage.organisation, tool=usage.tool, rating=4)
    template = Template('{% load pnyx %}{% page_parts "orgs.organisation.sections" organisation %}')

    with django_assert_max_num_queries(2):
        html = template.render(Context({"organisation": usage.organisation}))

    assert usage.tool.name in html
    assert "4 out of 5" in html
    assert "Tools it uses" in html


def test_the_organisation_page_shows_the_tools_it_uses(client):
    admin, usage = declared()
    services.review_write(actor=admin, organisation=usage.organisation, tool=usage.tool, rating=5)

    page = client.get(usage.organisation.get_absolute_url()).content.decode()

    assert "Tools it uses" in page
    assert usage.tool.name in page
    assert "Collecting proposals" in page
    assert "5 out of 5" in page
