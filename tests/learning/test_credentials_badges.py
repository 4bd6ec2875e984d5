"""Open Badges 3.0 credentials built from plain values."""

import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from pnyx.learning.credentials import (
    Achievement,
    BadgeData,
    Evidence,
    IssuerProfile,
    build_open_badge,
    email_identity,
    new_salt,
    recipient_matches_email,
    status_entry,
)

DID = "did:web:pnyx.example:issuers:lyon-university"
LIST_URL = "https://pnyx.example/issuers/lyon-university/status/1"


def _data(**changes):
    values = {
        "credential_id": "https://pnyx.example/credentials/42",
        "issuer": IssuerProfile(
            did=DID, name="Université de Lyon (fictional)", url="https://lyon.example.org"
        ),
        "achievement": Achievement(
            id="https://pnyx.example/learning/courses/7",
            name="Participatory budgeting",
            description="Designing and running a participatory budget.",
            criteria="Attended six sessions and ran one public assembly.",
            achievement_type="Course",
            credits_available=5,
        ),
        "valid_from": datetime(2025, 3, 1, 9, 0, tzinfo=UTC),
        "learner_email": "Camille.Martin@example.org",
        "email_salt": "f00dfeed",
        "evidence": (
            Evidence(
                name="Assembly report",
                narrative="Ran the Croix-Rousse assembly on 12 February.",
                id="https://pnyx.example/engagements/9",
            ),
            Evidence(name="Attendance", narrative="Six of six sessions."),
        ),
        "credential_status": status_entry(list_url=LIST_URL, index=94_567),
    }
    values.update(changes)
    return BadgeData(**values)


def test_open_badge_document():
    expected_hash = hashlib.sha256(b"camille.martin@example.orgf00dfeed").hexdigest()

    document = build_open_badge(_data())

    assert document == {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "https://pnyx.example/credentials/42",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": DID,
            "type": ["Profile"],
            "name": "Université de Lyon (fictional)",
            "url": "https://lyon.example.org",
        },
        "validFrom": "2025-03-01T09:00:00Z",
        "name": "Participatory budgeting",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": f"sha256${expected_hash}",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": "f00dfeed",
                }
            ],
            "achievement": {
                "id": "https://pnyx.example/learning/courses/7",
                "type": ["Achievement"],
                "name": "Participatory budgeting",
                "description": "Designing and running a participatory budget.",
                "criteria": {"narrative": "Attended six sessions and ran one public assembly."},
                "achievementType": "Course",
                "creditsAvailable": 5,
            },
        },
        "evidence": [
            {
                "type": ["Evidence"],
                "name": "Assembly report",
                "id": "https://pnyx.example/engagements/9",
                "narrative": "Ran the Croix-Rousse assembly on 12 February.",
            },
            {"type": ["Evidence"], "name": "Attendance", "narrative": "Six of six sessions."},
        ],
        "credentialStatus": {
            "id": f"{LIST_URL}#94567",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "94567",
            "statusListCredential": LIST_URL,
        },
    }


def test_the_email_itself_is_not_in_the_file():
    text = json.dumps(build_open_badge(_data())).lower()

    assert "camille" not in text
    assert "martin@" not in text


def test_the_learner_can_prove_the_badge_is_theirs():
    document = build_open_badge(_data())

    assert recipient_matches_email(document, "camille.martin@example.org") is True
    assert recipient_matches_email(document, "  CAMILLE.MARTIN@example.org ") is True
    assert recipient_matches_email(document, "someone.else@example.org") is False
    assert recipient_matches_email(document, "") is False
    assert (
        recipient_matches_email({"credentialSubject": "x"}, "camille.martin@example.org") is False
    )


def test_learner_id_alone_is_enough():
    document = build_open_badge(_data(learner_email=None, learner_id="did:web:example.org:camille"))

    assert document["credentialSubject"]["id"] == "did:web:example.org:camille"
    assert "identifier" not in document["credentialSubject"]


def test_a_learner_is_required():
    with pytest.raises(ValueError, match="email address or an id"):
        build_open_badge(_data(learner_email=None))


def test_salts_differ_so_the_same_email_gives_different_hashes():
    first, second = new_salt(), new_salt()

    assert len(first) == 32
    assert first != second
    assert (
        email_identity("a@example.org", first)["identityHash"]
        != email_identity("a@example.org", second)["identityHash"]
    )


@pytest.mark.parametrize(
    ("credits", "expected_json"),
    [(5, "5"), (2.5, "2.5"), (Decimal("2.50"), "2.5"), (Decimal("6.00"), "6"), (3.0, "3")],
)
def test_credits_are_plain_json_numbers(credits, expected_json):
    achievement = _data().achievement
    data = _data(
        achievement=Achievement(
            id=achievement.id,
            name=achievement.name,
            description=achievement.description,
            criteria=achievement.criteria,
            achievement_type="Competency",
            credits_available=credits,
        )
    )

    subject = build_open_badge(data)["credentialSubject"]

    assert json.dumps(subject["achievement"]["creditsAvailable"]) == expected_json
    assert subject["achievement"]["achievementType"] == "Competency"


@pytest.mark.parametrize("credits", [-1, float("nan"), float("inf"), True, "5"])
def test_credits_that_are_not_plain_numbers_are_refused(credits):
    achievement = _data().achievement
    bad = Achievement(
        id=achievement.id,
        name=achievement.name,
        description=achievement.description,
        criteria=achievement.criteria,
        credits_available=credits,
    )

    with pytest.raises(ValueError, match="Credits must be"):
        build_open_badge(_data(achievement=bad))


def test_valid_until_is_written_and_must_follow_valid_from():
    document = build_open_badge(_data(valid_until=datetime(2030, 1, 1, tzinfo=UTC)))

    assert document["validUntil"] == "2030-01-01T00:00:00Z"
    with pytest.raises(ValueError, match="expire after it becomes valid"):
        build_open_badge(_data(valid_until=datetime(2025, 1, 1, tzinfo=UTC)))


def test_naive_dates_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        build_open_badge(_data(valid_from=datetime(2025, 3, 1)))  # noqa: DTZ001


def test_optional_parts_are_left_out():
    document = build_open_badge(_data(evidence=(), credential_status=None, name="Custom title"))

    assert "evidence" not in document
    assert "credentialStatus" not in document
    assert "validUntil" not in document
    assert document["name"] == "Custom title"
