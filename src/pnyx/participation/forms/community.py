"""Forms of comments, reports, moderation and official answers: they parse input; the services
decide and validate again."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from pnyx.core import ratelimit
from pnyx.participation.models import ReportReason, Stance
from pnyx.participation.services.answers import ANSWER_STATES, TEXT_MAX_LENGTH
from pnyx.participation.services.comments import BODY_MAX_LENGTH
from pnyx.participation.services.moderation import DETAILS_MAX_LENGTH, REASON_MAX_LENGTH


class CommentForm(forms.Form):
    """A new comment, or a reply when `parent` names the comment answered."""

    body = forms.CharField(
        label=_("Your comment"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("You can use Markdown."),
        error_messages={"required": _("Write your comment before sending it.")},
    )
    stance = forms.ChoiceField(
        label=_("Your stance on the proposition"),
        choices=Stance.choices,
        initial=Stance.NEUTRAL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose your stance: for, against or neutral.")},
    )
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Distinct ids: the proposition page holds other forms.
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)


class CommentEditForm(forms.Form):
    body = CommentForm.base_fields["body"]
    stance = CommentForm.base_fields["stance"]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a reason from the list.")},
    )
    details = forms.CharField(
        label=_("Details for the moderators"),
        max_length=DETAILS_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the moderators read this. Required when you choose “Another reason”."),
    )


class ModerationForm(forms.Form):
    """Hide or show again one proposition or comment; the reason is public."""

    target_type = forms.ChoiceField(
        choices=[("proposition", "proposition"), ("comment", "comment")]
    )
    target_id = forms.IntegerField(min_value=1)
    reason = forms.CharField(
        label=_("Reason, shown to everyone"),
        max_length=REASON_MAX_LENGTH,
        error_messages={"required": _("Give the reason, it is shown to everyone.")},
    )


class DismissForm(forms.Form):
    target_type = ModerationForm.base_fields["target_type"]
    target_id = ModerationForm.base_fields["target_id"]


class AnswerForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State of the proposition"),
        choices=[(state.value, state.label) for state in ANSWER_STATES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the state of the answer.")},
    )
    text = forms.CharField(
        label=_("Official answer"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("You can use Markdown. Required when the proposition is rejected."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "answer-%s")
        super().__init__(*args, **kwargs)


def form_errors(form: forms.Form) -> list[str]:
    """Every message of an invalid form, in field order."""
    return [str(message) for errors in form.errors.values() for message in errors]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, by field when it names one."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            field = form.fields.get(name)
            visible = field is not None and not field.widget.is_hidden
            form.add_error(name if visible else None, messages)
    else:
        form.add_error(None, error.messages)


#: Comments a person, and an address, may post per minute before being answered 429.
COMMENT_RATE = ratelimit.Rate(per_person=10, per_address=30)


def comment_rate_exceeded(request: HttpRequest) -> bool:
    """Count one comment attempt by this person and address; True past either limit (logged).

    Shared by the comment form and the API, so both answer 429 at the same rate.
    """
    return ratelimit.exceeded(
        action="comment",
        rate=COMMENT_RATE,
        person=request.user,
        address=request.META.get("REMOTE_ADDR", ""),
    )
