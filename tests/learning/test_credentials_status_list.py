"""Bitstring Status List: bit order, encoding, and the documents that point at a bit."""

import base64
import gzip
from datetime import UTC, datetime

import pytest

from pnyx.learning.credentials import (
    MIN_BITS,
    StatusListError,
    decode,
    encode,
    get_bit,
    new_bitstring,
    set_bit,
    status_entry,
    status_list_credential,
)
from pnyx.learning.credentials.status_list import MAX_BITS, entry_index, list_bits

LIST_URL = "https://pnyx.example/issuers/lyon-university/status/1"
DID = "did:web:pnyx.example:issuers:lyon-university"


def test_a_new_list_holds_at_least_131072_clear_bits():
    bits = new_bitstring()

    assert MIN_BITS == 131_072
    assert len(bits) == 16_384
    assert not any(bits)


@pytest.mark.parametrize("size", [MIN_BITS - 8, MIN_BITS + 1])
def test_short_or_ragged_lists_are_refused(size):
    with pytest.raises(ValueError, match="multiple of 8 bits"):
        new_bitstring(size)


def test_index_zero_is_the_left_most_bit_of_the_first_byte():
    bits = new_bitstring()

    set_bit(bits, 0)
    set_bit(bits, 9)
    set_bit(bits, MIN_BITS - 1)

    assert bits[0] == 0x80
    assert bits[1] == 0x40
    assert bits[-1] == 0x01
    assert get_bit(bits, 0) is True
    assert get_bit(bits, 1) is False
    assert get_bit(bits, 9) is True


def test_clearing_a_bit_leaves_its_neighbours():
    bits = new_bitstring()
    bits[0] = 0xFF

    set_bit(bits, 3, False)

    assert bits[0] == 0xEF


@pytest.mark.parametrize("index", [-1, MIN_BITS, True, "3"])
def test_bits_outside_the_list_are_refused(index):
    with pytest.raises(IndexError):
        get_bit(new_bitstring(), index)


def test_encode_decode_round_trip():
    bits = new_bitstring()
    for index in (0, 7, 94_567, MIN_BITS - 1):
        set_bit(bits, index)

    text = encode(bits)

    assert text.startswith("u")
    assert "=" not in text
    assert decode(text) == bytes(bits)


def test_encoding_is_gzip_then_unpadded_base64url_and_is_deterministic():
    bits = new_bitstring()

    text = encode(bits)

    padded = text[1:] + "=" * (-len(text[1:]) % 4)
    assert gzip.decompress(base64.urlsafe_b64decode(padded)) == bytes(bits)
    assert encode(new_bitstring()) == text


def test_decode_reads_lists_written_by_other_gzip_writers():
    bits = bytes([0x80]) + bytes(16_383)
    text = "u" + base64.urlsafe_b64encode(gzip.compress(bits, compresslevel=1)).decode()

    assert decode(text) == bits


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("H4sIAAAA", "not base64url multibase text"),
        ("u!!!", "not valid base64url"),
        ("u" + base64.urlsafe_b64encode(b"plain bytes").decode(), "not valid GZIP data"),
        ("u" + base64.urlsafe_b64encode(gzip.compress(bytes(100))[:-12]).decode(), "cut short"),
    ],
    ids=["no-multibase-prefix", "bad-base64url", "not-gzip", "cut-short"],
)
def test_unreadable_lists_are_refused(text, message):
    with pytest.raises(StatusListError, match=message):
        decode(text)


def test_a_list_that_inflates_too_far_is_refused():
    bomb = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(MAX_BITS // 8 + 1))).decode()

    with pytest.raises(StatusListError, match="too long"):
        decode(bomb)


def test_status_entry_points_at_one_bit_as_a_string_index():
    assert status_entry(list_url=LIST_URL, index=94_567) == {
        "id": f"{LIST_URL}#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": LIST_URL,
    }


@pytest.mark.parametrize("index", [-1, True, 1.5])
def test_status_entry_refuses_bad_indexes(index):
    with pytest.raises(ValueError, match="non-negative integer"):
        status_entry(list_url=LIST_URL, index=index)


@pytest.mark.parametrize(("value", "expected"), [("0", 0), ("94567", 94_567), (12, 12)])
def test_entry_index_reads_decimal_strings(value, expected):
    assert entry_index({"statusListIndex": value}) == expected


@pytest.mark.parametrize("value", [None, "-1", "1e3", " 1", "١٢", False])
def test_entry_index_refuses_anything_else(value):
    with pytest.raises(StatusListError, match="no valid statusListIndex"):
        entry_index({"statusListIndex": value})


def test_status_list_credential_document():
    bits = new_bitstring()
    set_bit(bits, 5)

    document = status_list_credential(
        list_url=LIST_URL,
        issuer=DID,
        bits=bits,
        valid_from=datetime(2025, 3, 1, tzinfo=UTC),
    )

    assert document == {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": LIST_URL,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": DID,
        "validFrom": "2025-03-01T00:00:00Z",
        "credentialSubject": {
            "id": f"{LIST_URL}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(bits),
        },
    }
    assert list_bits(document) == bytes(bits)


def test_list_bits_refuses_lists_for_another_purpose_or_too_short():
    document = status_list_credential(
        list_url=LIST_URL,
        issuer=DID,
        bits=new_bitstring(),
        valid_from=datetime(2025, 3, 1, tzinfo=UTC),
        purpose="suspension",
    )
    with pytest.raises(StatusListError, match="not a “revocation” list"):
        list_bits(document)

    document["credentialSubject"]["statusPurpose"] = "revocation"
    document["credentialSubject"]["encodedList"] = encode(bytes(1024))
    with pytest.raises(StatusListError, match="shorter than 131072 bits"):
        list_bits(document)
