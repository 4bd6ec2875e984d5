"""Forms of the course pages: a course's details, modules, lessons and the three kinds of
exercise (written as plain text, one item per line, so they work without JavaScript), and the
learner's answers and reviews; with the rate limits the pages and the API share."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pnyx.accounts.languages import language_choices
from pnyx.core import ratelimit
from pnyx.core.models import Topic
from pnyx.learning.models import CourseLevel, Exercise, ExerciseKind
from pnyx.learning.services.courses_exercises import ExerciseSpec
from pnyx.toolbox.models import Tool

#: Answers to exercises a person (and an address) may send per minute before a 429.
ANSWER_RATE = ratelimit.Rate(per_person=30, per_address=120)
#: Peer reviews a person (and an address) may write per minute before a 429.
REVIEW_RATE = ratelimit.Rate(per_person=10, per_address=40)
MULTIPLE_HELP = _("Hold Ctrl (or Cmd) to choose several.")


def answer_rate_exceeded(request: HttpRequest) -> bool:
    """Count one answer; True past either limit (logged)."""
    return ratelimit.request_exceeded(request, "learning.answer", ANSWER_RATE)


def review_rate_exceeded(request: HttpRequest) -> bool:
    """Count one peer review; True past either limit (logged)."""
    return ratelimit.request_exceeded(request, "learning.peer_review", REVIEW_RATE)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, by field when it names one (the right
    choices are written in the choices field)."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            target = "choices" if name == "correct" else name
            form.add_error(target if target in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def topic_choices() -> list[tuple[str, str]]:
    return [(topic.slug, topic.name) for topic in Topic.objects.order_by("slug")]


def tool_choices() -> list[tuple[str, str]]:
    return list(Tool.objects.order_by("name", "pk").values_list("slug", "name"))


class CourseForm(forms.Form):
    """A course's details; `partners` (create only) are the (id, name) the person may author
    for, with "" for a platform course when they may make one."""

    partner = forms.ChoiceField(label=_("Partner"), required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Address name"),
        max_length=120,
        required=False,
        help_text=_("Lower-case letters, digits and hyphens; made from the title when empty."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or two sentences, shown in the catalog."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("You can use Markdown."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=language_choices)
    level = forms.ChoiceField(label=_("Level"), choices=CourseLevel.choices)
    hours = forms.IntegerField(
        label=_("Hours of work, about"), min_value=1, max_value=1000, required=False
    )
    credits = forms.DecimalField(
        label=_("Credits on completion"),
        min_value=0,
        max_value=999,
        max_digits=5,
        decimal_places=2,
        required=False,
        help_text=_("Only for a partner's course; leave empty for none."),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple
    )
    tools = forms.MultipleChoiceField(
        label=_("Toolbox tools it teaches"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=MULTIPLE_HELP,
    )

    def __init__(
        self, *args: Any, partners: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = topic_choices()  # type: ignore[attr-defined]
        self.fields["tools"].choices = tool_choices()  # type: ignore[attr-defined]
        if partners is None:  # editing: the partner and the address name stay
            del self.fields["partner"]
            del self.fields["slug"]
        else:
            self.fields["partner"].choices = partners  # type: ignore[attr-defined]
            # "" (a platform course) is a choice for platform administrators only.
            self.fields["partner"].required = "" not in dict(partners)


class ModuleForm(forms.Form):
    title = forms.CharField(label=_("Module title"), max_length=200)


class LessonForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("You can use Markdown and links."),
    )
    video_url = forms.URLField(
        label=_("Video address"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Shown as a link: videos are never embedded in the page."),
    )


class _ExerciseForm(forms.Form):
    prompt = forms.CharField(
        label=_("Question"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("You can use Markdown."),
    )

    def spec(self) -> ExerciseSpec:
        return ExerciseSpec(prompt=self.cleaned_data["prompt"])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ChoiceExerciseForm(_ExerciseForm):
    choices = forms.CharField(
        label=_("Choices"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One choice a line. Start each right choice with an asterisk (*)."),
    )
    explanation = forms.CharField(
        label=_("Explanation shown after a right answer"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_choices(self) -> list[tuple[str, bool]]:
        return [
            (line.lstrip("*").strip(), line.startswith("*"))
            for line in _lines(self.cleaned_data["choices"])
        ]

    def spec(self) -> ExerciseSpec:
        choices = self.cleaned_data["choices"]
        return ExerciseSpec(
            prompt=self.cleaned_data["prompt"],
            explanation=self.cleaned_data["explanation"],
            choices=[text for text, _right in choices],
            correct=[index for index, (_text, right) in enumerate(choices) if right],
        )

    @staticmethod
    def initial_of(exercise: Exercise) -> dict[str, Any]:
        lines = [
            f"* {text}" if index in exercise.correct else str(text)
            for index, text in enumerate(exercise.choices)
        ]
        return {
            "prompt": exercise.prompt,
            "choices": "\n".join(lines),
            "explanation": exercise.explanation,
        }


class ShortExerciseForm(_ExerciseForm):
    accepted = forms.CharField(
        label=_("Accepted answers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One a line. Case, accents, punctuation and extra spaces do not count when answers "
            "are compared."
        ),
    )
    explanation = ChoiceExerciseForm.base_fields["explanation"]

    def spec(self) -> ExerciseSpec:
        return ExerciseSpec(
            prompt=self.cleaned_data["prompt"],
            explanation=self.cleaned_data["explanation"],
            accepted=_lines(self.cleaned_data["accepted"]),
        )

    @staticmethod
    def initial_of(exercise: Exercise) -> dict[str, Any]:
        return {
            "prompt": exercise.prompt,
            "accepted": "\n".join(str(item) for item in exercise.accepted),
            "explanation": exercise.explanation,
        }


def _criterion(number: int, line: str) -> dict[str, Any]:
    parts = [part.strip() for part in line.split("|", 2)]
    if len(parts) < 2 or not parts[1].isdigit():
        message = gettext(
            "Line %(number)s: write the name, the highest score and a description, separated by |."
        )
        raise ValidationError(message % {"number": number})
    return {
        "name": parts[0],
        "max": int(parts[1]),
        "description": parts[2] if len(parts) > 2 else "",
    }


class PeerExerciseForm(_ExerciseForm):
    prompt = forms.CharField(
        label=_("Task"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What learners write. You can use Markdown."),
    )
    rubric = forms.CharField(
        label=_("Rubric"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One criterion a line: name | highest score (1 to 10) | what reviewers look for. "
            "For example: Clarity | 4 | Is the argument easy to follow?"
        ),
    )
    reviews_required = forms.IntegerField(
        label=_("Reviews each learner gives others"), min_value=1, max_value=10, initial=2
    )

    def clean_rubric(self) -> list[dict[str, Any]]:
        lines = (self.cleaned_data["rubric"] or "").splitlines()
        return [_criterion(number, line) for number, line in enumerate(lines, 1) if line.strip()]

    def spec(self) -> ExerciseSpec:
        return ExerciseSpec(
            prompt=self.cleaned_data["prompt"],
            rubric=self.cleaned_data["rubric"],
            reviews_required=self.cleaned_data["reviews_required"],
        )

    @staticmethod
    def initial_of(exercise: Exercise) -> dict[str, Any]:
        lines = [
            f"{item['name']} | {item['max']} | {item.get('description', '')}".rstrip(" |")
            for item in exercise.rubric
        ]
        return {
            "prompt": exercise.prompt,
            "rubric": "\n".join(lines),
            "reviews_required": exercise.reviews_required,
        }


EXERCISE_FORMS: dict[str, type[ChoiceExerciseForm | ShortExerciseForm | PeerExerciseForm]] = {
    ExerciseKind.CHOICE: ChoiceExerciseForm,
    ExerciseKind.SHORT: ShortExerciseForm,
    ExerciseKind.PEER: PeerExerciseForm,
}


class AnswerForm(forms.Form):
    """A learner's answer to one exercise: boxes to tick (several when more than one choice is
    right, else one), a short text, or a text for peer review."""

    def __init__(self, *args: Any, exercise: Exercise, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"exercise-{exercise.pk}")
        super().__init__(*args, **kwargs)
        self.exercise = exercise
        options = [(str(index), str(text)) for index, text in enumerate(exercise.choices)]
        if exercise.kind == ExerciseKind.CHOICE and len(exercise.correct) > 1:
            self.fields["choices"] = forms.TypedMultipleChoiceField(
                label=_("Choose every right answer"),
                choices=options,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
            )
        elif exercise.kind == ExerciseKind.CHOICE:
            self.fields["choices"] = forms.TypedChoiceField(
                label=_("Choose the right answer"),
                choices=options,
                coerce=int,
                widget=forms.RadioSelect,
            )
        elif exercise.kind == ExerciseKind.SHORT:
            self.fields["text"] = forms.CharField(label=_("Your answer"), max_length=200)
        else:
            self.fields["text"] = forms.CharField(
                label=_("Your text"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8})
            )

    def answer(self) -> dict[str, Any]:
        """The keyword arguments of `exercise_answer` for the cleaned answer."""
        if "choices" in self.cleaned_data:
            chosen = self.cleaned_data["choices"]
            return {"choices": chosen if isinstance(chosen, list) else [chosen]}
        return {"text": self.cleaned_data["text"]}


class PeerReviewForm(forms.Form):
    """A score for each rubric criterion (fields `score-0`, `score-1`…) and a comment."""

    comment = forms.CharField(
        label=_("Your comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what works and what could be better. The author does not see your name."),
    )

    def __init__(self, *args: Any, exercise: Exercise, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rubric = list(exercise.rubric)
        scores = {}
        for index, criterion in enumerate(self.rubric):
            label = gettext("%(name)s (0 to %(max)s)") % {
                "name": criterion["name"],
                "max": criterion["max"],
            }
            scores[f"score-{index}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=int(criterion["max"]),
                help_text=criterion.get("description", ""),
            )
        self.fields = {**scores, **self.fields}

    def scores(self) -> dict[str, int]:
        return {
            str(criterion["name"]): self.cleaned_data[f"score-{index}"]
            for index, criterion in enumerate(self.rubric)
        }
