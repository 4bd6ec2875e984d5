"""Every consultation page on a 360 px screen, and the demo pages in French and Spanish."""

import pytest
from playwright.sync_api import expect

from pnyx.accounts.demo import DEMO_PASSWORD
from pnyx.participation import demo
from pnyx.participation.models import Comment, Proposition
from pnyx.participation.services.comments import comment_create, comment_update
from pnyx.participation.services.moderation import content_hide, report_create
from pnyx.participation.services.processes import process_invitation_link
from tests.browser.consultation_steps import demo_person, load_demo, log_in, new_page

pytestmark = pytest.mark.django_db(transaction=True)


def _pages_of_the_demo(process):
    """Every page an organiser of the demo can open, with something on each: an edited comment
    of theirs, an open report, a hidden comment, an answer and an invitation link."""
    amina, lucas = demo_person(demo.AMINA), demo_person(demo.LUCAS)
    discussed = process.propositions.order_by("-comment_count", "pk").first()
    crowd = list(Comment.objects.filter(proposition=discussed, parent=None).order_by("pk")[:2])
    report_create(reporter=lucas, target=crowd[0], reason="off_topic")
    content_hide(moderator=amina, target=crowd[1], reason="Shares a phone number.")
    own = comment_create(author=amina, proposition=discussed, body="We will read each one.")
    comment_update(author=amina, comment=own, body="We will read every one of them.")
    hers = Proposition.objects.get(process=process, author=amina)
    answered = process.propositions.filter(answer_state="accepted").order_by("pk").first()
    question = process.questions.order_by("position").first()
    slug = process.slug
    return {
        "process list": "/processes/",
        "process page": process.get_absolute_url(),
        "one question": f"{process.get_absolute_url()}?question={question.pk}",
        "propose": f"/processes/{slug}/propose/",
        "proposition with comments": discussed.get_absolute_url(),
        "answered proposition": answered.get_absolute_url(),
        "proposition edit": f"/propositions/{hers.pk}/edit/",
        "comment edit": f"/propositions/comments/{own.pk}/edit/",
        "comment history": f"/propositions/comments/{own.pk}/history/",
        "comment delete": f"/propositions/comments/{own.pk}/delete/",
        "report": f"/propositions/report/?comment={crowd[0].pk}",
        "moderation queue": f"/processes/{slug}/moderation/",
        "moderation summary": f"/processes/{slug}/moderation/summary/",
        "results": f"/processes/{slug}/results/",
        "notifications": "/notifications/",
        "notification settings": "/notifications/settings/",
        "management": f"/processes/{slug}/manage/",
        "creation": "/processes/new/",
        "invitation": process_invitation_link(actor=amina, process=process),
        "invalid invitation": f"/processes/{slug}/join/not-a-token/",
    }


#: Pages the consultation walk does not visit: axe-core checks them here.
NOT_IN_THE_WALK = {
    "one question",
    "proposition edit",
    "comment history",
    "comment delete",
    "invitation",
    "invalid invitation",
}


def test_every_consultation_page_fits_a_360_pixel_screen(browser, live_server, assert_accessible):
    pages = _pages_of_the_demo(load_demo())
    page = new_page(browser, live_server, width=360)
    log_in(page, demo.AMINA, DEMO_PASSWORD)

    too_wide = {}
    for name, path in pages.items():
        response = page.goto(path)
        expected = 404 if name == "invalid invitation" else 200
        assert (response.status, page.locator("h1").count()) == (expected, 1), name
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[name] = width
        if name in NOT_IN_THE_WALK:
            assert_accessible(page)

    assert too_wide == {}
    page.context.close()


@pytest.mark.parametrize(
    ("locale", "lang", "process_heading", "results_heading", "results_link"),
    [
        ("fr-FR", "fr", "Propositions", "Votes par question", "Voir les résultats"),
        ("es-ES", "es", "Propuestas", "Votos por pregunta", "Ver los resultados"),
    ],
)
def test_the_demo_pages_speak_french_and_spanish(
    browser, live_server, locale, lang, process_heading, results_heading, results_link
):
    process = load_demo()
    page = new_page(browser, live_server, locale=locale)

    page.goto(process.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("#propositions-title")).to_have_text(process_heading)
    page.get_by_role("link", name=results_link).click()

    expect(page.locator("#questions-heading")).to_have_text(results_heading)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.context.close()
