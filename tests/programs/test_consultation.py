"""The consultation on a draft: the period, annotations on a paragraph, amendments with supports,
the editors' decisions, and the credit in the next version."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pnyx.core.models import AuditEntry
from pnyx.participation.models import Notification
from pnyx.programs import services
from pnyx.programs.models import AmendmentStatus, Annotation
from tests.programs.factories import (
    DocumentFactory,
    MeasureFactory,
    SectionFactory,
    UserFactory,
    add_admin,
    add_member,
)

pytestmark = pytest.mark.django_db

FIRST = "Teach data literacy in every school.\n\nFund teacher training for it."


@pytest.fixture
def document():
    return DocumentFactory(title="Open city", slug="open-city")


@pytest.fixture
def editor(document):
    return add_admin(document.organisation)


@pytest.fixture
def measure(document):
    section = SectionFactory(document=document, title="Educate", intro="Learning comes first.")
    return MeasureFactory(section=section, text=FIRST)


@pytest.fixture
def opened(document, editor, measure):
    services.consultation_open(
        actor=editor, document=document, closes_at=timezone.now() + timedelta(days=14)
    )
    return document


@pytest.fixture
def citizen():
    return UserFactory(display_name="Amina")


def _propose(citizen, measure, text="Teach data literacy in every school and library."):
    return services.amendment_propose(
        actor=citizen, measure=measure, text=text, justification="Libraries reach adults too."
    )


# The period


def test_only_editors_open_a_consultation_and_it_is_audited(document, editor, measure):
    member = add_member(document.organisation)
    closes = timezone.now() + timedelta(days=7)

    with pytest.raises(PermissionDenied):
        services.consultation_open(actor=member, document=document, closes_at=closes)
    services.consultation_open(actor=editor, document=document, closes_at=closes)

    assert AuditEntry.objects.filter(action="programs.consultation_opened").count() == 1
    assert document.consultation_closes_at == closes


@pytest.mark.parametrize(
    ("days", "message"),
    [(-1, "must close after it opens"), (400, "at most 366 days")],
)
def test_a_bad_period_is_refused_with_its_reason(document, editor, measure, days, message):
    with pytest.raises(ValidationError, match=message):
        services.consultation_open(
            actor=editor, document=document, closes_at=timezone.now() + timedelta(days=days)
        )


def test_an_empty_draft_cannot_be_consulted(document, editor):
    with pytest.raises(ValidationError, match="at least one measure"):
        services.consultation_open(
            actor=editor, document=document, closes_at=timezone.now() + timedelta(days=7)
        )


def test_after_closing_nobody_can_comment_but_everything_stays_readable(
    client, opened, editor, measure, citizen
):
    services.annotation_add(
        actor=citizen, document=opened, body="Yes!", measure=measure, paragraph=1
    )
    services.consultation_close(actor=editor, document=opened)

    with pytest.raises(PermissionDenied):
        services.annotation_add(
            actor=citizen, document=opened, body="Late", measure=measure, paragraph=1
        )
    page = client.get("/programs/open-city/consultation/").content.decode()
    assert "Closed on" in page
    assert "Yes!" in page


def test_an_unconsulted_draft_stays_secret(client, document, measure, citizen):
    client.force_login(citizen)

    assert client.get("/programs/open-city/consultation/").status_code == 404
    assert client.get("/programs/open-city/").status_code == 404


def test_a_consulted_draft_is_readable_by_anyone(client, opened):
    response = client.get("/programs/open-city/", follow=True)

    assert response.redirect_chain[-1][0] == "/programs/open-city/consultation/"
    page = response.content.decode()
    assert "Teach data literacy in every school." in page
    assert "Measure 1.1" in page
    assert "Sign in to comment and propose amendments." in page


# Annotations


def test_a_person_comments_on_one_paragraph_and_sees_it_there(client, opened, measure, citizen):
    client.force_login(citizen)

    response = client.post(
        "/programs/open-city/consultation/comments/",
        {"target": "measure", "target_id": measure.pk, "paragraph": 2, "body": "How much?"},
    )

    annotation = Annotation.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#annotation-{annotation.pk}")
    assert annotation.quote == "Fund teacher training for it."
    page = client.get("/programs/open-city/consultation/").content.decode()
    second = page.index("Fund teacher training for it.")
    assert page.index("How much?") > second
    assert "1 comment on this paragraph" in page


def test_a_section_introduction_can_be_annotated(opened, measure, citizen):
    note = services.annotation_add(
        actor=citizen, document=opened, body="Agreed", section=measure.section, paragraph=1
    )

    assert note.quote == "Learning comes first."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"paragraph": 3, "body": "x"}, "Choose a paragraph of the text."),
        ({"paragraph": 1, "body": "   "}, "This field is required."),
        ({"paragraph": 1, "body": "x" * 2001}, "at most 2000 characters"),
        ({"paragraph": "one", "body": "x"}, "Enter a whole number."),
    ],
)
def test_bad_comments_get_a_400_that_keeps_the_text(
    client, opened, measure, citizen, data, message
):
    client.force_login(citizen)

    response = client.post(
        "/programs/open-city/consultation/comments/",
        {"target": "measure", "target_id": measure.pk, **data},
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Annotation.objects.exists()


def test_a_comment_on_another_documents_measure_is_a_404(client, opened, citizen):
    elsewhere = MeasureFactory()
    client.force_login(citizen)

    response = client.post(
        "/programs/open-city/consultation/comments/",
        {"target": "measure", "target_id": elsewhere.pk, "paragraph": 1, "body": "x"},
    )

    assert response.status_code == 404


def test_a_person_without_a_confirmed_address_cannot_take_part(client, opened, measure):
    unconfirmed = UserFactory(confirmed=False)
    client.force_login(unconfirmed)

    response = client.post(
        "/programs/open-city/consultation/comments/",
        {"target": "measure", "target_id": measure.pk, "paragraph": 1, "body": "x"},
    )

    assert response.status_code == 403
    page = client.get("/programs/open-city/consultation/").content.decode()
    assert "Confirm your e-mail address to comment" in page


def test_the_author_and_the_editors_remove_a_comment_but_not_others(
    opened, editor, measure, citizen
):
    note = services.annotation_add(
        actor=citizen, document=opened, body="Rude", measure=measure, paragraph=1
    )

    with pytest.raises(PermissionDenied):
        services.annotation_remove(actor=UserFactory(), annotation=note)
    services.annotation_remove(actor=editor, annotation=note)

    note.refresh_from_db()
    assert note.body == ""
    assert note.removed_at is not None


def test_comments_are_escaped(client, opened, measure, citizen):
    services.annotation_add(
        actor=citizen,
        document=opened,
        body="<script>alert(1)</script>",
        measure=measure,
        paragraph=1,
    )

    page = client.get("/programs/open-city/consultation/").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# Amendments


def test_an_amendment_keeps_the_text_it_replaces_and_shows_the_change(
    client, opened, measure, citizen
):
    amendment = _propose(citizen, measure)

    assert amendment.original_text == FIRST
    page = client.get("/programs/open-city/consultation/").content.decode()
    assert "Amendment by Amina" in page
    assert "<ins>and library.</ins>" in page or "<ins>and</ins>" in page
    assert "Libraries reach adults too." in page


def test_an_amendment_must_change_the_text_and_say_why(opened, measure, citizen):
    with pytest.raises(ValidationError, match="already says"):
        services.amendment_propose(actor=citizen, measure=measure, text=FIRST, justification="Same")
    with pytest.raises(ValidationError, match="required"):
        services.amendment_propose(actor=citizen, measure=measure, text="New", justification="")


def test_a_refused_amendment_form_keeps_what_was_typed(client, opened, measure, citizen):
    client.force_login(citizen)

    response = client.post(
        f"/programs/open-city/consultation/measures/{measure.pk}/amendments/",
        {"text": "My careful new wording", "justification": ""},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "My careful new wording" in page
    assert "This field is required." in page


def test_supports_are_counted_once_and_can_be_taken_back(client, opened, measure, citizen):
    amendment = _propose(citizen, measure)
    supporter = UserFactory()
    client.force_login(supporter)
    url = f"/programs/open-city/consultation/amendments/{amendment.pk}/support/"

    client.post(url, {"supported": "on"})
    client.post(url, {"supported": "on"})
    amendment.refresh_from_db()
    assert amendment.support_count == 1
    assert "Withdraw my support" in client.get("/programs/open-city/consultation/").content.decode()

    client.post(url, {})
    amendment.refresh_from_db()
    assert amendment.support_count == 0


def test_an_author_cannot_support_their_own_amendment(opened, measure, citizen):
    amendment = _propose(citizen, measure)

    with pytest.raises(ValidationError, match="your own amendment"):
        services.amendment_support(actor=citizen, amendment=amendment)


def test_the_author_withdraws_an_open_amendment_and_nobody_else_can(opened, measure, citizen):
    amendment = _propose(citizen, measure)

    with pytest.raises(PermissionDenied):
        services.amendment_withdraw(actor=UserFactory(), amendment=amendment)
    services.amendment_withdraw(actor=citizen, amendment=amendment)

    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.WITHDRAWN
    with pytest.raises(ValidationError, match="can no longer change"):
        services.amendment_support(actor=UserFactory(), amendment=amendment)


# Decisions


def test_accepting_changes_the_draft_notifies_and_audits(client, opened, editor, measure, citizen):
    amendment = _propose(citizen, measure)
    client.force_login(editor)

    response = client.post(
        f"/programs/open-city/consultation/amendments/{amendment.pk}/decide/",
        {"decision": "accept", "reason": ""},
    )

    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.text == "Teach data literacy in every school and library."
    assert AuditEntry.objects.filter(action="programs.amendment_accepted").exists()
    notification = Notification.objects.get(user=citizen)
    client.force_login(citizen)
    page = client.get("/notifications/").content.decode()
    assert "The editors of “Open city” accepted your amendment." in page
    assert f'href="/programs/open-city/consultation/#amendment-{amendment.pk}"' in page
    assert notification.event == "programs.amendment_accepted"


def test_rejecting_needs_a_reason_that_everyone_sees(client, opened, editor, measure, citizen):
    amendment = _propose(citizen, measure)
    client.force_login(editor)
    url = f"/programs/open-city/consultation/amendments/{amendment.pk}/decide/"

    refused = client.post(url, {"decision": "reject", "reason": ""})
    client.post(url, {"decision": "reject", "reason": "Libraries are in measure 2.1."})

    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    client.logout()
    page = client.get("/programs/open-city/consultation/").content.decode()
    assert "Rejected by the editors" in page
    assert "Libraries are in measure 2.1." in page
    measure.refresh_from_db()
    assert measure.text == FIRST


def test_only_editors_decide_and_only_once(opened, editor, measure, citizen):
    amendment = _propose(citizen, measure)

    with pytest.raises(PermissionDenied):
        services.amendment_accept(actor=citizen, amendment=amendment)
    services.amendment_accept(actor=editor, amendment=amendment)
    with pytest.raises(ValidationError, match="can no longer change"):
        services.amendment_reject(actor=editor, amendment=amendment, reason="Changed my mind")


def test_an_amendment_to_a_deleted_measure_can_only_be_rejected(opened, editor, measure, citizen):
    amendment = _propose(citizen, measure)
    services.measure_delete(actor=editor, measure=measure)
    amendment.refresh_from_db()

    with pytest.raises(ValidationError, match="reject the amendment instead"):
        services.amendment_accept(actor=editor, amendment=amendment)


def test_the_next_version_credits_the_accepted_amendments(client, opened, editor, measure, citizen):
    services.version_publish(actor=editor, document=opened, changelog="First")
    amendment = _propose(citizen, measure)
    services.amendment_accept(actor=editor, amendment=amendment)
    client.force_login(editor)

    form = client.get("/programs/open-city/publish/").content.decode()
    client.post("/programs/open-city/publish/", {"changelog": "Libraries added"})

    assert "Amendments this version will credit" in form
    assert "Amendment by Amina taken up" in form
    amendment.refresh_from_db()
    assert amendment.version.number == "1.2"
    page = client.get("/programs/open-city/v/1.2/").content.decode()
    assert "Amendments taken up in this version" in page
    assert "Amendment by Amina" in page
    assert "Amendment by Amina" not in client.get("/programs/open-city/v/1.1/").content.decode()


def test_publishing_the_same_content_twice_is_refused(opened, editor):
    services.version_publish(actor=editor, document=opened, changelog="First")

    with pytest.raises(ValidationError, match="exactly what version 1.1 says"):
        services.version_publish(actor=editor, document=opened, changelog="Again")


def test_the_consultation_page_reads_in_a_bounded_number_of_queries(
    client, opened, measure, citizen, django_assert_max_num_queries
):
    for index in range(15):
        more = MeasureFactory(section=measure.section, text=f"Measure {index}\n\nSecond part")
        services.annotation_add(
            actor=citizen, document=opened, body=f"Note {index}", measure=more, paragraph=2
        )
        _propose(citizen, more, text=f"Measure {index} improved")
    client.force_login(UserFactory())

    with django_assert_max_num_queries(14):
        response = client.get("/programs/open-city/consultation/")

    assert response.content.decode().count("Amendment by Amina") == 15


def test_a_new_person_who_posts_too_fast_is_slowed_down(client, opened, measure, citizen, settings):
    settings.PNYX_RATE_LIMITS = {"programs.contribution": (2, 100, 60)}
    client.force_login(citizen)
    url = "/programs/open-city/consultation/comments/"
    data = {"target": "measure", "target_id": measure.pk, "paragraph": 1, "body": "x"}

    codes = [client.post(url, data).status_code for _ in range(3)]

    assert codes == [302, 302, 429]
