"""One's contact requests (sent and received, with their states), answering them, and the
conversations accepted requests open.

A conversation is read by its two people only: anyone else gets a 404, as if it did not exist.
The e-mail addresses of both people are shown inside the conversation, never before.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from pnyx.accounts.http import AuthenticatedRequest
from pnyx.core.pagination import paginate
from pnyx.network.forms.practitioners import MessageForm, message_rate_exceeded
from pnyx.network.models import ContactState, Conversation
from pnyx.network.selectors import contacts as selectors
from pnyx.network.services import contacts as services
from pnyx.network.views.practitioners import too_fast

#: Requests shown on each side of the contacts page.
CONTACTS_SHOWN = 50


@login_required
def contact_list(request: HttpRequest) -> HttpResponse:
    context = {
        "received": selectors.contacts_received(user=request.user)[:CONTACTS_SHOWN],
        "sent": selectors.contacts_sent(user=request.user)[:CONTACTS_SHOWN],
        "pending": ContactState.PENDING,
        "accepted": ContactState.ACCEPTED,
    }
    return render(request, "network/contact_list.html", context)


class ContactDecideView(LoginRequiredMixin, View):
    """Accept or decline (`decision` = accept or decline) a request addressed to oneself."""

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        contact = selectors.contact_get(pk=pk)
        if contact is None or not request.user.has_perm("network.decide_contact", contact):
            raise Http404("No such contact request.")
        decision = request.POST.get("decision")
        if decision not in ("accept", "decline"):
            errors = [_("Choose to accept or to decline.")]
            return render(request, "network/help_error.html", {"errors": errors}, status=400)
        try:
            decided = services.contact_decide(
                actor=request.user, contact=contact, accept=decision == "accept"
            )
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
            return redirect("network:contact-list")
        if decided.state == ContactState.ACCEPTED:
            messages.success(request, _("You accepted: write to each other here."))
            return redirect("network:conversation-detail", pk=decided.conversation.pk)
        messages.success(request, _("You declined the request."))
        return redirect("network:contact-list")


@login_required
def conversation_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.conversations_of(user=request.user))
    return render(request, "network/conversation_list.html", {"page": page})


def _conversation(request: HttpRequest, pk: int) -> Conversation:
    conversation = selectors.conversation_get(pk=pk)
    if conversation is None or not request.user.has_perm("network.read_conversation", conversation):
        raise Http404("No such conversation.")
    return conversation


class ConversationView(LoginRequiredMixin, View):
    def _render(
        self, request: HttpRequest, conversation: Conversation, form: MessageForm, status: int = 200
    ) -> HttpResponse:
        contact = conversation.contact
        other = contact.recipient if contact.sender_id == request.user.pk else contact.sender
        context = {
            "conversation": conversation,
            "contact": contact,
            "other": other,
            "messages_": selectors.conversation_messages(conversation=conversation),
            "form": form,
        }
        return render(request, "network/conversation_detail.html", context, status=status)

    def get(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        conversation = _conversation(request, pk)
        return self._render(request, conversation, MessageForm())

    def post(self, request: AuthenticatedRequest, pk: int) -> HttpResponse:
        conversation = _conversation(request, pk)
        form = MessageForm(request.POST)
        if not form.is_valid():
            return self._render(request, conversation, form, status=400)
        if message_rate_exceeded(request):
            return too_fast(request)
        try:
            services.message_send(
                actor=request.user, conversation=conversation, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error("body", error.messages)
            return self._render(request, conversation, form, status=400)
        return redirect(f"{request.path}#latest")
