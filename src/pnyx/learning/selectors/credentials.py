"""Reads about credentials: a learner's own, a partner's issued ones, the issuers hosted here."""

import json
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404

from pnyx.learning.models import (
    CommitteeMember,
    CommitteeRole,
    Credential,
    Enrolment,
    IssuerKey,
    Partner,
    StatusList,
)


def is_committee_chair(*, person: Any, partner: Partner) -> bool:
    """Return whether the person chairs the partner's committee."""
    if not getattr(person, "is_authenticated", False):
        return False
    return CommitteeMember.objects.filter(
        partner=partner, person=person, role=CommitteeRole.CHAIR
    ).exists()


def credential_list_for_learner(*, person: Any) -> QuerySet[Credential]:
    """Return the person's own credentials, newest first, with their issuer."""
    return Credential.objects.filter(learner=person).select_related("partner__organisation")


def credential_get_own(*, person: Any, public_id: UUID | str) -> Credential:
    """Return the person's credential of that public id; Http404 for anyone else's or none."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such credential.")
    try:
        credential = (
            credential_list_for_learner(person=person)
            .select_related("application", "enrolment__course")
            .filter(public_id=public_id)
            .first()
        )
    except (ValueError, TypeError):  # not a UUID at all
        credential = None
    if credential is None:
        raise Http404("No such credential.")
    return credential


def credential_list_for_partner(*, partner: Partner) -> QuerySet[Credential]:
    """Return the credentials the partner issued, newest first, with their learner.

    For the partner's managers (`learning.view_partner_credentials`)."""
    return Credential.objects.filter(partner=partner).select_related("learner", "partner")


def credential_get_for_partner(*, partner: Partner, public_id: UUID | str) -> Credential:
    """Return the partner's credential of that public id; Http404 when it is another's."""
    try:
        credential = credential_list_for_partner(partner=partner).filter(public_id=public_id)
        found = credential.select_related("partner__organisation").first()
    except (ValueError, TypeError):
        found = None
    if found is None:
        raise Http404("No such credential.")
    return found


def partner_get_by_slug(*, slug: str) -> Partner:
    """Return the partner whose organisation has this address name; Http404 otherwise."""
    partner = Partner.objects.select_related("organisation").filter(organisation__slug=slug).first()
    if partner is None:
        raise Http404("No such partner.")
    return partner


@dataclass(frozen=True)
class Issuer:
    """A partner that has issued, with its key and its revocation list."""

    partner: Partner
    key: IssuerKey
    status: StatusList


def issuer_find(*, slug: str) -> Issuer | None:
    """Return the issuer hosted here under this organisation address name, or None when that
    partner has never issued (it has no key yet)."""
    key = (
        IssuerKey.objects.select_related("partner__organisation", "partner__status_list")
        .filter(partner__organisation__slug=slug)
        .first()
    )
    if key is None:
        return None
    try:
        status = key.partner.status_list
    except StatusList.DoesNotExist:
        return None
    return Issuer(partner=key.partner, key=key, status=status)


def credential_file(credential: Credential) -> bytes:
    """Return the credential's file: its stored signed document as UTF-8 JSON, keys sorted.

    PostgreSQL keeps JSON in its own key order, so the order the document was built in is not
    kept; sorting gives the same file on every database (and `@context` first). The proof signs
    the canonical form, in which key order plays no part, so the file verifies either way."""
    text = json.dumps(credential.document, ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def enrolment_get_own(*, person: Any, course_slug: str) -> Enrolment:
    """Return the person's enrolment in the course of that address name; Http404 otherwise."""
    enrolment = (
        Enrolment.objects.select_related("course__partner", "learner")
        .filter(learner=person, course__slug=course_slug)
        .first()
        if getattr(person, "is_authenticated", False)
        else None
    )
    if enrolment is None:
        raise Http404("No such enrolment.")
    return enrolment
