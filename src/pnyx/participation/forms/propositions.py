"""Forms of the proposition pages: they parse input; the services validate again and decide."""

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from pnyx.core import ratelimit
from pnyx.core.models import Topic
from pnyx.participation.models import Process, Proposition, Question
from pnyx.participation.services.propositions import BODY_MAX_LENGTH, TITLE_MAX_LENGTH


class PropositionForm(forms.Form):
    """A proposition's question, title, text and topics (the question only when creating)."""

    question = forms.ModelChoiceField(
        label=_("Question you answer"),
        queryset=Question.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the questions of this consultation.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("One sentence saying what you propose."),
    )
    body = forms.CharField(
        label=_("Your proposition"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=BODY_MAX_LENGTH,
        help_text=_("Why, how, for whom. You can use Markdown."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.order_by("slug"),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(
        self, *args: Any, process: Process, proposition: Proposition | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        question_field = self.fields["question"]
        assert isinstance(question_field, forms.ModelChoiceField)  # noqa: S101 - declared above
        question_field.queryset = Question.objects.filter(process=process).order_by(
            "position", "pk"
        )
        title_widget = self.fields["title"].widget
        title_widget.attrs["autocomplete"] = "off"
        if proposition is not None:
            del self.fields["question"]

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned values, named as the services expect them."""
        data = self.cleaned_data
        arguments = {"title": data["title"], "body": data["body"], "topics": list(data["topics"])}
        if "question" in self.fields:
            arguments["question"] = data["question"]
        return arguments


def initial_for(proposition: Proposition) -> dict[str, Any]:
    """The edit form's starting values from the stored proposition."""
    return {
        "title": proposition.title,
        "body": proposition.body,
        "topics": [topic.slug for topic in proposition.topics.all()],
    }


#: Votes a person, and an address, may cast per minute before being answered 429. Generous: at a
#: live event a whole room votes from one address, and a person goes down a list quickly.
VOTE_RATE = ratelimit.Rate(per_person=120, per_address=3000)


def vote_rate_exceeded(request: HttpRequest) -> bool:
    """Count one vote attempt by this person and address; True past either limit (logged).

    Shared by the vote form and the API, so both answer 429 at the same rate.
    """
    return ratelimit.exceeded(
        action="vote",
        rate=ratelimit.rate_for("vote", VOTE_RATE),
        person=request.user,
        address=request.META.get("REMOTE_ADDR", ""),
    )
