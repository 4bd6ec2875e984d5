"""What a partner needs to issue credentials: its key, its DID and its revocation list.

Each partner gets one Ed25519 key, made the first time it issues (`issuer_ensure`). The private
key is stored encrypted with Fernet under a key derived from `settings.SECRET_KEY` (HKDF-SHA256
with a fixed label): **changing SECRET_KEY makes every issuer's private key unreadable**, so
partners could no longer issue or revoke (credentials already issued still verify, as their
public keys stay published).

The issuer's DID is `did:web:<host>:learning:issuers:<organisation slug>`, the host taken from
`settings.SITE_URL`; did:web resolves it to `/learning/issuers/<slug>/did.json`, and the
revocation list is published at `/learning/issuers/<slug>/status/1`.
"""

import base64
from datetime import datetime
from urllib.parse import quote, urlsplit

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import IntegrityError, transaction

from pnyx.learning import credentials as vc
from pnyx.learning.models import IssuerKey, Partner, StatusList

_KEY_LABEL = b"pnyx.learning.issuer-key.v1"
STATUS_LIST_NUMBER = 1


class IssuerKeyUnreadable(RuntimeError):
    """The stored private key cannot be decrypted: SECRET_KEY changed since it was made."""


def _fernet() -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_KEY_LABEL).derive(
        settings.SECRET_KEY.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def _site() -> tuple[str, str]:
    """Return (scheme://host[:port], did:web host part with a port's colon percent-encoded)."""
    parts = urlsplit(settings.SITE_URL)
    return f"{parts.scheme}://{parts.netloc}", quote(parts.netloc, safe="")


def site_url(path: str) -> str:
    """Return the absolute address of a site path on this Pnyx."""
    return _site()[0] + path


def issuer_did(partner: Partner) -> str:
    """Return the partner's did:web DID."""
    return f"did:web:{_site()[1]}:learning:issuers:{partner.organisation.slug}"


def issuer_did_prefix() -> str:
    """Return the beginning every DID of an issuer hosted on this Pnyx shares."""
    return f"did:web:{_site()[1]}:learning:issuers:"


def status_list_url(partner: Partner) -> str:
    """Return the address where the partner's revocation list is published."""
    slug = partner.organisation.slug
    return site_url(f"/learning/issuers/{slug}/status/{STATUS_LIST_NUMBER}")


def issuer_profile(partner: Partner) -> vc.IssuerProfile:
    """Return the partner as an Open Badges issuer profile (DID, name, page)."""
    # Identifiers written into signed documents never change, so the path is spelt out here
    # rather than reversed from URL names that might be renamed.
    page = site_url(f"/learning/partners/{partner.organisation.slug}/")
    return vc.IssuerProfile(did=issuer_did(partner), name=partner.organisation.name, url=page)


def issuer_ensure(*, partner: Partner) -> IssuerKey:
    """Return the partner's issuer key, creating it and its empty revocation list (131,072 bits)
    the first time. Safe when two requests race: the second reuses the first one's key.

    Assumes the caller may issue for the partner (no permission of its own: it only prepares).
    """
    existing = IssuerKey.objects.filter(partner=partner).first()
    if existing is not None:
        StatusList.objects.get_or_create(partner=partner, defaults={"bits": vc.new_bitstring()})
        return existing
    private_key = vc.generate_private_key()
    try:
        with transaction.atomic():
            key = IssuerKey.objects.create(
                partner=partner,
                private_key_encrypted=_fernet()
                .encrypt(vc.private_key_to_text(private_key).encode("ascii"))
                .decode("ascii"),
                public_key_multibase=vc.public_key_to_multibase(private_key.public_key()),
            )
            StatusList.objects.get_or_create(partner=partner, defaults={"bits": vc.new_bitstring()})
    except IntegrityError:
        # Another request made the key between our read and our insert: use theirs.
        key = IssuerKey.objects.get(partner=partner)
        StatusList.objects.get_or_create(partner=partner, defaults={"bits": vc.new_bitstring()})
    return key


def issuer_private_key(key: IssuerKey) -> Ed25519PrivateKey:
    """Return the decrypted private key. Raises IssuerKeyUnreadable when SECRET_KEY changed."""
    try:
        text = _fernet().decrypt(key.private_key_encrypted.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise IssuerKeyUnreadable(
            f"The issuer key of partner {key.partner_id} cannot be decrypted with this SECRET_KEY."
        ) from error
    return vc.private_key_from_text(text)


def issuer_sign(
    *, partner: Partner, key: IssuerKey, document: vc.JsonObject, created: datetime
) -> vc.JsonObject:
    """Return `document` signed with the partner's key (an eddsa-jcs-2022 proof)."""
    return vc.sign(
        document,
        private_key=issuer_private_key(key),
        verification_method=vc.verification_method_id(issuer_did(partner)),
        created=created,
    )


def did_document(*, partner: Partner, key: IssuerKey) -> vc.JsonObject:
    """Return the partner's DID document: its public key, for anyone to check signatures."""
    public_key = vc.public_key_from_multibase(key.public_key_multibase)
    return vc.did_web_document(issuer_did(partner), public_key)


def status_list_document(*, partner: Partner, key: IssuerKey, status: StatusList) -> vc.JsonObject:
    """Return the partner's signed revocation list credential.

    It is made from the stored bits and dated by their last change (`validFrom` and the proof's
    `created`): Ed25519 signatures are deterministic, so the same bits always give the very same
    document, and every change of a bit gives a new one, re-signed.
    """
    unsigned = vc.status_list_credential(
        list_url=status_list_url(partner),
        issuer=issuer_did(partner),
        bits=bytes(status.bits),
        valid_from=status.updated_at,
    )
    return issuer_sign(partner=partner, key=key, document=unsigned, created=status.updated_at)
