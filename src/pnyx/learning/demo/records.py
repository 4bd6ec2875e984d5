"""The learning demo's engagement records and credit applications: entries kept from the
consultation and written by hand (one confirmed by its referee each), then applications,
conflicts of interest, reviews and the chairs' decisions."""

from datetime import timedelta
from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from pnyx.accounts.models import User
from pnyx.learning import demo_content as content
from pnyx.learning.demo.common import Chairs, email, guarded, missing, missing_of
from pnyx.learning.demo_content.specs import DemoApplication, DemoDecision, DemoEntry
from pnyx.learning.models import (
    CreditApplication,
    EngagementEntry,
    EngagementSource,
    Partner,
    RubricCriterion,
)
from pnyx.learning.services import (
    credits,
    credits_decisions,
    engagement,
    engagement_referees,
    engagement_sync,
)
from pnyx.orgs.models import Organisation

#: An application, the decision to make on it, and the chair who makes it.
Decision = tuple[CreditApplication, DemoDecision, User]


def _entry_fields(spec: DemoEntry) -> engagement.EntryFields:
    """What the learner writes; an organisation that is not on Pnyx is named in free text."""
    today = timezone.localdate()
    slug = ""
    if spec.organisation:
        found = Organisation.objects.filter(name=spec.organisation).values_list("slug", flat=True)
        slug = found.first() or ""
    referee_name, referee_email = spec.referee or ("", "")
    return engagement.EntryFields(
        activity=spec.activity,
        started_on=today - timedelta(days=spec.started_ago),
        ended_on=None if spec.ended_ago is None else today - timedelta(days=spec.ended_ago),
        organisation=slug,
        organisation_name="" if slug else spec.organisation or spec.organisation_name,
        hours=Decimal(spec.hours) if spec.hours else None,
        description=spec.description,
        evidence_url=spec.evidence_url,
        referee_name=referee_name,
        referee_email=referee_email,
        shared=spec.shared,
    )


def referee_link_token(entry: EngagementEntry) -> str | None:
    """The token of the link the referee service e-mails for the entry once the transaction
    commits. The demo has no mailbox: it reads the e-mail still waiting to be sent, as the
    referee would read it in theirs."""
    for waiting in reversed(connection.run_on_commit):
        # (savepoint ids, callback, robust): the callback sends the e-mail with the token.
        keywords = getattr(waiting[1], "keywords", {})
        if keywords.get("entry_pk") == entry.pk and "token" in keywords:
            return str(keywords["token"])
    return None


def _write_entry(spec: DemoEntry, learner: User) -> None:
    """Write the entry; its referee, if it names one, confirms it through their link."""
    entry = engagement.engagement_entry_create(actor=learner, fields_in=_entry_fields(spec))
    if spec.referee is None:
        return
    token = referee_link_token(entry)
    if token is None:
        missing(f"the referee's confirmation of {spec.activity!r}", "the e-mailed link")
    else:
        engagement_referees.referee_answer(token=token, confirm=True, note=spec.referee_note)


def load_engagement(people: dict[str, User]) -> None:
    """The learners' records, once each: the entries Pnyx keeps from the consultation are
    refreshed, then the learner writes theirs. A record the demo already wrote (an entry
    found by learner and activity) is left alone, so a second load adds nothing even when
    a demo loaded later gave the learner more activity."""
    written = set(
        EngagementEntry.objects.filter(source=EngagementSource.MANUAL).values_list(
            "learner__email", "activity"
        )
    )
    learners = {email(spec.who) for spec in (*content.ENTRIES, *content.APPLICATIONS)}
    begun = {address for address, _activity in written}
    for address in sorted((learners & set(people)) - begun):
        guarded(
            f"{address}'s record",
            partial(engagement_sync.engagement_refresh, learner=people[address]),
        )
    for spec in content.ENTRIES:
        learner = people.get(email(spec.who))
        if learner is None:
            missing(f"entry {spec.activity!r}", email(spec.who))
        elif (learner.email, spec.activity) not in written:
            guarded(f"entry {spec.activity!r}", partial(_write_entry, spec, learner))


def _review(spec: DemoApplication, application: CreditApplication, people: dict[str, User]) -> None:
    """The committee's conflicts of interest, then its reviews against the rubric."""
    for who, reason in spec.conflicts:
        credits.conflict_declare(actor=people[email(who)], application=application, reason=reason)
    criteria = list(
        RubricCriterion.objects.filter(partner=application.partner).order_by("position", "pk")
    )
    for review in spec.reviews:
        if len(review.scores) != len(criteria):
            raise ValidationError(f"the rubric of {spec.partner} no longer has these criteria")
        scores = [
            credits.ScoreInput(criterion_id=criterion.pk, score=score)
            for criterion, score in zip(criteria, review.scores, strict=True)
        ]
        credits.application_review_submit(
            actor=people[email(review.who)],
            application=application,
            scores=scores,
            comment=review.comment,
            credits_recommended=review.credits,
        )


def _apply(spec: DemoApplication, partner: Partner, people: dict[str, User]) -> CreditApplication:
    """Submit the application on the learner's kept entries and the named written ones, and
    have it reviewed."""
    learner = people[email(spec.who)]
    entries = EngagementEntry.objects.filter(learner=learner)
    kept = entries.filter(source=EngagementSource.PNYX).values_list("pk", flat=True)
    written = entries.filter(source=EngagementSource.MANUAL, activity__in=spec.entries)
    application = credits.credit_application_submit(
        actor=learner,
        partner=partner,
        entry_ids=[*kept, *written.values_list("pk", flat=True)],
        statement=spec.statement,
        credits_requested=spec.credits,
    )
    _review(spec, application, people)
    return application


def load_applications(chairs: Chairs, people: dict[str, User]) -> list[Decision]:
    """Submit and review the missing applications (found by learner and partner); return the
    decisions still to make."""
    decisions: list[Decision] = []
    for spec in content.APPLICATIONS:
        named = [spec.who, *(who for who, _r in spec.conflicts), *(r.who for r in spec.reviews)]
        needed: dict[str, object] = {email(who): people.get(email(who)) for who in named}
        needed[spec.partner] = chairs.get(spec.partner)
        if None in needed.values():
            missing_of(f"{email(spec.who)}'s application", needed)
            continue
        partner, chair = chairs[spec.partner]
        learner = people[email(spec.who)]
        if CreditApplication.objects.filter(learner=learner, partner=partner).exists():
            continue
        application = guarded(
            f"{learner.email}'s application", partial(_apply, spec, partner, people)
        )
        if application is not None and spec.decision is not None:
            decisions.append((application, spec.decision, people.get(chair.email, chair)))
    return decisions


def _decide(application: CreditApplication, decision: DemoDecision, chair: User) -> None:
    credits_decisions.credit_application_decide(
        actor=chair,
        application=application,
        grant=decision.credits is not None,
        credits=decision.credits,
        reasons=decision.reasons,
    )


def load_decisions(decisions: list[Decision]) -> None:
    """The chairs decide; granting issues the learner's credential."""
    for application, decision, chair in decisions:
        guarded(
            f"the decision on {application.learner.email}'s application",
            partial(_decide, application, decision, chair),
        )
