"""The consultations' public datasets: processes, phases, questions, propositions, votes,
comments and official answers.

Only what a visitor can see: published and archived consultations, never drafts. A proposition
hidden by the moderators stays as a tombstone (its place, dates and counts, the public reason,
no text), as its page shows it; so does a deleted or hidden comment. No author is named: the
site shows names beside contributions, but a bulk file of who wrote what is another matter, and
a pseudonym shared with the votes would tell how a named author voted. Voters appear under a
pseudonym per consultation (`selectors.results.voter_pseudonym`), the one the results page's vote
file uses: stable, never the same in two consultations, and not computable without the site's
secret key, which is never exported.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from pnyx.core.opendata import Dataset, Field, ForeignKey, register_dataset
from pnyx.participation.opendata.rows import (
    answer_rows,
    comment_rows,
    phase_rows,
    process_rows,
    proposition_rows,
    question_rows,
    vote_rows,
)

PROCESS_ID = Field("process_id", "integer", _("The consultation's id."), required=True)
PROPOSITION_ID = Field("proposition_id", "integer", _("The proposition's id."), required=True)


def _text(name: str, description: Any) -> Field:
    return Field(name, "string", description)


def _moment(name: str, description: Any, *, required: bool = True) -> Field:
    return Field(name, "datetime", description, required=required)


def _count(name: str, description: Any) -> Field:
    return Field(name, "integer", description, required=True)


TO_PROCESS = ForeignKey(("process_id",), "processes", ("id",))
TO_PROPOSITION = ForeignKey(("proposition_id",), "propositions", ("id",))

PROCESSES = Dataset(
    name="processes",
    title=_("Consultations"),
    description=_("Every published or archived consultation, with its rules. Drafts are left out."),
    fields=(
        Field("id", "integer", _("The consultation's id."), required=True),
        Field("slug", "string", _("Its address name: /processes/<slug>/."), required=True),
        Field("title", "string", _("Its title."), required=True),
        _text("summary", _("Its summary.")),
        _text("body", _("Its description, in Markdown.")),
        Field("organisation_id", "integer", _("The organiser's id."), required=True),
        Field("status", "string", _("“published” or “archived”."), required=True),
        Field(
            "vote_mode",
            "string",
            _("“support” (support only) or “agree_disagree” (agree, disagree or pass)."),
            required=True,
        ),
        Field("vote_limit", "integer", _("Votes per person; empty for no limit.")),
        Field(
            "support_threshold", "integer", _("Supports that mark a proposition; empty if none.")
        ),
        _text("propose_audience", _("Who may propose.")),
        _text("vote_audience", _("Who may vote.")),
        _text("comment_audience", _("Who may comment.")),
        Field("languages", "array", _("Language codes of the consultation.")),
        Field("topics", "array", _("Topic names (slugs).")),
        _moment("published_at", _("When it was published."), required=False),
        _moment("created_at", _("When it was created.")),
    ),
    rows=process_rows,
    primary_key=("id",),
    foreign_keys=(ForeignKey(("organisation_id",), "organisations", ("id",)),),
)

PHASES = Dataset(
    name="phases",
    title=_("Phases"),
    description=_(
        "The dated steps of each consultation, which open proposing, voting, commenting."
    ),
    fields=(
        Field("id", "integer", _("The phase's id."), required=True),
        PROCESS_ID,
        Field(
            "kind",
            "string",
            _("information, proposing, voting, results or follow_up."),
            required=True,
        ),
        _text("title", _("Its title, if it has one.")),
        _text("description", _("Its description.")),
        _moment("starts_at", _("When it starts.")),
        _moment("ends_at", _("When it ends.")),
        Field("position", "integer", _("Its place among the phases."), required=True),
    ),
    rows=phase_rows,
    primary_key=("id",),
    foreign_keys=(TO_PROCESS,),
)

QUESTIONS = Dataset(
    name="questions",
    title=_("Questions"),
    description=_("The questions each consultation asks; every proposition answers one."),
    fields=(
        Field("id", "integer", _("The question's id."), required=True),
        PROCESS_ID,
        Field("title", "string", _("The question."), required=True),
        _text("description", _("Its description.")),
        Field("position", "integer", _("Its place among the questions."), required=True),
    ),
    rows=question_rows,
    primary_key=("id",),
    foreign_keys=(TO_PROCESS,),
)

PROPOSITIONS = Dataset(
    name="propositions",
    title=_("Propositions"),
    description=_(
        "Every proposition of the published consultations, withdrawn ones included. One hidden "
        "by the moderators keeps its place and counts but not its text, as on its page. The "
        "counts are those shown on the site; the votes file lets anyone recount them."
    ),
    fields=(
        Field("id", "integer", _("The proposition's id."), required=True),
        PROCESS_ID,
        Field("question_id", "integer", _("The question it answers."), required=True),
        Field("status", "string", _("“published” or “withdrawn” by its author."), required=True),
        Field("hidden", "boolean", _("Hidden by the moderators."), required=True),
        _text("hidden_reason", _("The moderators' public reason, when hidden.")),
        _text("title", _("Its title; empty when hidden.")),
        _text("body", _("Its text, in Markdown; empty when hidden.")),
        Field("topics", "array", _("Topic names (slugs); empty when hidden.")),
        Field(
            "entered_offline",
            "boolean",
            _("Entered by a facilitator for someone met offline."),
            required=True,
        ),
        _moment("created_at", _("When it was published.")),
        _count("supports", _("Supports.")),
        _count("agreements", _("Agree votes.")),
        _count("disagreements", _("Disagree votes.")),
        _count("passes", _("Pass votes.")),
        _count("comments", _("Comments neither deleted nor hidden.")),
    ),
    rows=proposition_rows,
    primary_key=("id",),
    foreign_keys=(TO_PROCESS, ForeignKey(("question_id",), "questions", ("id",))),
)

VOTES = Dataset(
    name="votes",
    title=_("Votes"),
    description=_(
        "Every vote, one row each. A voter appears under a pseudonym that is the same for all "
        "their votes in one consultation and different in every other; it cannot be traced back "
        "to an account. A vote whose voter deleted their account has no pseudonym."
    ),
    fields=(
        PROCESS_ID,
        PROPOSITION_ID,
        _text("voter", _("The voter's pseudonym in this consultation.")),
        Field("value", "string", _("support, agree, disagree or pass."), required=True),
        Field("day", "date", _("The day of the vote (UTC)."), required=True),
        Field(
            "entered_offline",
            "boolean",
            _("Entered by a facilitator for someone met offline."),
            required=True,
        ),
    ),
    rows=vote_rows,
    foreign_keys=(TO_PROCESS, TO_PROPOSITION),
)

COMMENTS = Dataset(
    name="comments",
    title=_("Comments"),
    description=_(
        "Every comment and reply. A deleted or hidden one keeps its place in the thread without "
        "its text, as on the site."
    ),
    fields=(
        Field("id", "integer", _("The comment's id."), required=True),
        PROCESS_ID,
        PROPOSITION_ID,
        Field("parent_id", "integer", _("The comment it replies to; empty for a first comment.")),
        Field("depth", "integer", _("0 for a comment, 1 and more for replies."), required=True),
        Field("state", "string", _("visible, deleted or hidden."), required=True),
        _text("hidden_reason", _("The moderators' public reason, when hidden.")),
        _text("stance", _("for, against or neutral; empty unless visible.")),
        _text("body", _("Its text, in Markdown; empty unless visible.")),
        _moment("created_at", _("When it was posted.")),
        Field("edited", "boolean", _("Changed after it was posted."), required=True),
    ),
    rows=comment_rows,
    primary_key=("id",),
    foreign_keys=(
        TO_PROCESS,
        TO_PROPOSITION,
        ForeignKey(("parent_id",), "comments", ("id",)),
    ),
)

ANSWERS = Dataset(
    name="answers",
    title=_("Official answers"),
    description=_("The organisers' answers to propositions, which are also in the audit log."),
    fields=(
        PROPOSITION_ID,
        PROCESS_ID,
        Field(
            "state",
            "string",
            _("evaluating, accepted, rejected or implemented."),
            required=True,
        ),
        _text("text", _("The answer, in Markdown.")),
        _moment("answered_at", _("When it was given."), required=False),
    ),
    rows=answer_rows,
    primary_key=("proposition_id",),
    foreign_keys=(TO_PROCESS, TO_PROPOSITION),
)


def register() -> None:
    for dataset in (PROCESSES, PHASES, QUESTIONS, PROPOSITIONS, VOTES, COMMENTS, ANSWERS):
        register_dataset(dataset)
