"""E-mails sent by the organisation services, always after their transaction commits."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from pnyx.orgs.models import Invitation


def invitation_send(*, invitation_pk: int, raw_token: str, site_url: str, language: str) -> None:
    """E-mail the accept link; runs after commit, so a rolled-back invitation sends nothing."""
    invitation = Invitation.objects.select_related("organisation", "created_by").get(
        pk=invitation_pk
    )
    path = reverse("orgs:invitation-accept", kwargs={"token": raw_token})
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "inviter": invitation.created_by.public_name if invitation.created_by else "",
        "role": invitation.get_role_display(),
        "accept_url": site_url.rstrip("/") + path,
    }
    with translation.override(language):
        subject = render_to_string("orgs/email/invitation_subject.txt", context)
        body = render_to_string("orgs/email/invitation_body.txt", context)
    send_mail(
        subject=" ".join(subject.split()),
        message=body,
        from_email=None,
        recipient_list=[invitation.email],
    )
