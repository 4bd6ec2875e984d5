"""A person's place on the opinion-group map is part of their data: exported to them, and left
anonymous (not removed) when they leave, so the published map keeps its shape."""

import pytest

from pnyx.core import personal_data
from pnyx.participation.models import OpinionGroupsRun, Participant
from pnyx.participation.opinion_groups import unpack_positions
from pnyx.participation.services.opinion_groups import opinion_groups_recompute
from tests.participation.opinion_groups_data import voted_process

pytestmark = pytest.mark.django_db

SOURCE = "participation.opinion_groups"


def test_a_person_gets_their_point_and_group_in_their_data():
    process, _items, people, truth = voted_process(sizes=(6, 6), propositions=6)
    run = opinion_groups_recompute(process=process)
    person = people[0]
    participant = Participant.objects.get(process=process, user=person)
    (x, y), label = unpack_positions(run.positions).find(participant.pk)

    [row] = personal_data.export_all(person)[SOURCE]

    assert row["process"] == process.title
    assert row["group"] == "AB"[label]
    assert (row["x"], row["y"]) == (round(x, 4), round(y, 4))
    assert personal_data.export_all(people[-1])[SOURCE][0]["group"] != row["group"]


def test_someone_without_a_computed_map_has_no_entry():
    _process, _items, people, _truth = voted_process(sizes=(4, 4), propositions=4)

    assert personal_data.export_all(people[0])[SOURCE] == []


def test_leaving_keeps_the_published_map_unchanged():
    process, _items, people, _truth = voted_process(sizes=(6, 6), propositions=6)
    opinion_groups_recompute(process=process)
    before = OpinionGroupsRun.objects.get(process=process).positions

    personal_data.anonymise_all(people[0])

    assert OpinionGroupsRun.objects.get(process=process).positions == before


def test_the_export_reads_the_runs_of_every_consultation_at_once(django_assert_num_queries):
    first, _items, people, _truth = voted_process(sizes=(4, 4), propositions=4)
    second, _items, _others, _truth = voted_process(sizes=(4, 4), propositions=4)
    Participant.objects.create(process=second, user=people[0])
    opinion_groups_recompute(process=first)
    opinion_groups_recompute(process=second)
    opinion_groups_recompute(process=first)

    source = next(s for s in personal_data.sources() if s.key == SOURCE)
    with django_assert_num_queries(2):
        rows = source.export(people[0])

    assert [row["process"] for row in rows] == [first.title]
