"""Who may do what in the network.

Following and the feed need an account. Offering help, answering a help request and contacting
a practitioner need a confirmed address. An organisation's members post its help requests and
mark useful answers; its administrators publish its news. A contact request is answered by the
person it is addressed to, and a conversation is read by its two people only.
"""

from typing import Any

import rules

from pnyx.accounts.rules import has_confirmed_email
from pnyx.core.permissions import is_platform_admin
from pnyx.orgs.rules import is_active_person, is_org_admin, is_org_member


@rules.predicate
def is_request_member(user: Any, help_request: Any) -> bool:
    """A member of the organisation that asked for help."""
    return help_request is not None and bool(is_org_member(user, help_request.organisation))


@rules.predicate
def is_recipient(user: Any, contact: Any) -> bool:
    return contact is not None and contact.recipient_id == getattr(user, "pk", None)


@rules.predicate
def is_party(user: Any, conversation: Any) -> bool:
    """One of the two people of a conversation."""
    if conversation is None:
        return False
    contact = conversation.contact
    return getattr(user, "pk", None) in (contact.sender_id, contact.recipient_id)


can_take_part = is_active_person & has_confirmed_email

rules.add_perm("network.follow", is_active_person)
rules.add_perm("network.post_news", is_active_person & (is_org_admin | is_platform_admin))
rules.add_perm("network.offer_help", can_take_part)
rules.add_perm("network.ask_help", is_active_person & is_org_member)
rules.add_perm("network.answer_help", can_take_part)
rules.add_perm("network.mark_useful", is_active_person & is_request_member)
rules.add_perm("network.contact", can_take_part)
rules.add_perm("network.decide_contact", is_active_person & is_recipient)
rules.add_perm("network.read_conversation", is_active_person & is_party)
