"""The "why" pages of the opinion groups: why a proposition represents a group, checked against a
hand computation from the votes, and why a person is in their group, shown to them alone."""

import math

import pytest

from pnyx.participation.models import Participant, ProcessStatus, Proposition, Vote
from pnyx.participation.selectors.opinion_groups import run_positions
from pnyx.participation.services.opinion_groups import opinion_groups_recompute
from tests.participation.factories import UserFactory
from tests.participation.opinion_groups_data import voted_process
from tests.transparency.test_why_pages import text_of

pytestmark = pytest.mark.django_db
WHY = "/algorithms/participation-opinion_groups/why"


def fig(value):
    """A number as the why pages print it: three decimals at most, no trailing zeros."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


@pytest.fixture
def grouped():
    """Two planted groups of 10 over 10 propositions, with one vote in five left out, grouped."""
    process, items, people, _truth = voted_process((10, 10), propositions=10, seen=0.8)
    run = opinion_groups_recompute(process=process)
    assert run.group_count == 2
    return process, items, people, run


def members(process, run):
    """Each grouped person's group label, by user id, read from the stored positions."""
    positions = run_positions(run=run)
    label_of = dict(zip(positions.ids.tolist(), positions.group_of.tolist(), strict=True))
    rows = Participant.objects.filter(process=process).values_list("pk", "user_id")
    return {user: label_of[pk] for pk, user in rows if label_of.get(pk, -1) >= 0}


def hand_computation(proposition, direction, label, group_of):
    """p_g, p_o, the ratio and z of one proposition for one group, from the Vote rows."""
    value = {"agree": "agree", "disagree": "disagree"}[direction]
    cast = Vote.objects.filter(proposition=proposition, user__in=list(group_of))
    n_g = n_o = in_g = in_o = 0
    for user_id, vote in cast.values_list("user_id", "value"):
        mine = group_of[user_id] == label
        n_g, n_o = n_g + mine, n_o + (not mine)
        in_g, in_o = in_g + (mine and vote == value), in_o + (not mine and vote == value)
    p_g, p_o = (in_g + 1) / (n_g + 2), (in_o + 1) / (n_o + 2)
    pooled = (p_g * n_g + p_o * n_o) / (n_g + n_o)
    z = (p_g - p_o) / math.sqrt(pooled * (1 - pooled) * (1 / n_g + 1 / n_o))
    return (in_g, n_g, in_o, n_o), p_g, p_o, p_g / p_o, z


def test_a_representative_proposition_shows_the_numbers_of_a_hand_computation(client, grouped):
    process, _items, _people, run = grouped
    entries = run.groups[1]["representative"]
    place = 2
    entry = entries[place - 1]
    proposition = Proposition.objects.get(pk=entry["proposition"])
    counts, p_g, p_o, ratio, z = hand_computation(
        proposition, entry["direction"], 1, members(process, run)
    )

    response = client.get(f"{WHY}/{proposition.pk}/", {"group": "B"})

    text = text_of(response)
    assert response.status_code == 200
    assert f"Why does “{proposition.title}” represent group B?" in text
    assert f"version {run.algorithm_version}" in text
    assert f"Place {place} of {len(entries)}." in text
    verb = entry["direction"]
    in_g, n_g, in_o, n_o = counts
    assert (
        f"Share of group B who {verb} {fig(p_g)} ({in_g} + 1) ÷ ({n_g} + 2): "
        f"{in_g} of {n_g} votes, smoothed · more than 1/2: yes"
    ) in text
    assert (
        f"Share of the other groups' members who {verb} {fig(p_o)} ({in_o} + 1) ÷ ({n_o} + 2)"
    ) in text
    assert f"Ratio of the two shares {fig(ratio)} orders the group's propositions" in text
    assert f"z statistic of the difference {fig(z)} passes: 1.282 needed" in text
    assert f"Score: {fig(ratio)}" in text
    assert f"{fig(p_g)} ÷ {fig(p_o)} = {fig(ratio)}; z = {fig(z)}, at least 1.282" in text
    assert "Computed on" in text
    assert f'href="/processes/{process.slug}/results/#group-B"' in response.content.decode()


def test_the_explanation_agrees_with_what_the_run_stored(client, grouped):
    _process, _items, _people, run = grouped
    for group in run.groups:
        name = "AB"[group["label"]]
        for entry in group["representative"]:
            text = text_of(client.get(f"{WHY}/{entry['proposition']}/", {"group": name}))

            assert f"Ratio of the two shares {fig(entry['ratio'])} " in text
            assert f"z statistic of the difference {fig(entry['z'])} passes" in text


def test_a_proposition_that_does_not_represent_the_group_asked_answers_404(client, grouped):
    _process, items, _people, run = grouped
    listed_in_b = [entry["proposition"] for entry in run.groups[1]["representative"]]
    elsewhere = next(item for item in items if item.pk not in listed_in_b)

    assert len(listed_in_b) == 5  # at most five representatives: the other five are not
    assert client.get(f"{WHY}/{elsewhere.pk}/", {"group": "B"}).status_code == 404
    assert client.get(f"{WHY}/{listed_in_b[0]}/", {"group": "B"}).status_code == 200


@pytest.mark.parametrize("group", ["C", "", "a", "<script>"])
def test_an_unknown_group_answers_404(client, grouped, group):
    _process, _items, _people, run = grouped
    proposition = run.groups[0]["representative"][0]["proposition"]

    assert client.get(f"{WHY}/{proposition}/", {"group": group}).status_code == 404
    assert client.get(f"{WHY}/{proposition}/").status_code == 404


def test_a_representative_of_a_draft_consultation_answers_404(client, grouped):
    process, _items, _people, run = grouped
    type(process).objects.filter(pk=process.pk).update(status=ProcessStatus.DRAFT)
    proposition = run.groups[0]["representative"][0]["proposition"]

    assert client.get(f"{WHY}/{proposition}/", {"group": "A"}).status_code == 404


def test_a_hidden_representative_answers_404(client, grouped):
    _process, _items, _people, run = grouped
    proposition = run.groups[0]["representative"][0]["proposition"]
    Proposition.objects.filter(pk=proposition).update(hidden_at="2026-01-01T00:00:00Z")

    assert client.get(f"{WHY}/{proposition}/", {"group": "A"}).status_code == 404


def own_participation(process, person):
    return Participant.objects.get(process=process, user=person)


def test_a_person_sees_why_they_are_in_their_group(client, grouped):
    process, _items, people, run = grouped
    person = people[0]
    participation = own_participation(process, person)
    positions = run_positions(run=run)
    (x, y), label = positions.find(participation.pk)
    name = "AB"[label]
    client.force_login(person)

    response = client.get(f"{WHY}/{participation.pk}/", {"about": "participant"})

    text = text_of(response)
    assert response.status_code == 200
    assert f"Why are you in group {name}?" in text
    assert f"Your position on the first axis {fig(x)} from your votes" in text
    assert f"Your position on the second axis {fig(y)} from your votes" in text
    for group in run.groups:
        cx, cy = group["centre"]
        distance = math.hypot(x - cx, y - cy)
        effect = "the nearest: your group" if group["label"] == label else "farther"
        other = "AB"[group["label"]]
        assert f"Distance to the centre of group {other} {fig(distance)} {effect}" in text
    for k, value in run.silhouettes.items():
        chosen = "chosen" if int(k) == run.group_count else "not chosen"
        assert f"Silhouette with {k} groups {fig(value)} {chosen}" in text
    assert f"the nearest centre is group {name}'s." in text
    assert "Only you can see this page" in text


def test_nobody_else_sees_a_persons_group(client, grouped):
    process, _items, people, _run = grouped
    participation = own_participation(process, people[0])
    url = f"{WHY}/{participation.pk}/"

    assert client.get(url, {"about": "participant"}).status_code == 404
    client.force_login(people[1])
    assert client.get(url, {"about": "participant"}).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url, {"about": "participant"}).status_code == 404


def test_the_results_page_links_each_representative_and_the_persons_group(client, grouped):
    process, _items, people, run = grouped
    participation = own_participation(process, people[0])
    label = run_positions(run=run).find(participation.pk)[1]
    results = f"/processes/{process.slug}/results/"

    html = client.get(results).content.decode()

    for group in run.groups:
        name = "AB"[group["label"]]
        for entry in group["representative"]:
            assert f'href="{WHY}/{entry["proposition"]}/?group={name}"' in html
    assert "You are in group" not in html

    client.force_login(people[0])
    html = client.get(results).content.decode()

    assert f"You are in group {'AB'[label]}." in html
    assert f'href="{WHY}/{participation.pk}/?about=participant"' in html
