"""Demo people for `pnyx demo`: an administrator and a few members with filled-in profiles.

Loading twice changes nothing: people are found by e-mail address and brought back to the
profile below. The shared password is for local demonstrations only.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.db import transaction

from pnyx.accounts.models import User
from pnyx.core.models import Topic

DEMO_PASSWORD = "democracy-night"  # noqa: S105 - published demo credentials, never in production


@dataclass(frozen=True)
class DemoPerson:
    email: str
    display_name: str
    role: str
    country: str = ""
    languages: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    bio: str = ""
    public_fields: list[str] = field(default_factory=list)
    is_staff: bool = False


PEOPLE = [
    DemoPerson(
        email="admin@pnyx.example",
        display_name="Pnyx administrators",
        role="platform administrator",
        country="FR",
        languages=["en", "fr"],
        topics=["algorithms", "access-to-information"],
        bio="The team that keeps this Pnyx running. Write to us about anything that looks wrong.",
        public_fields=["country", "languages", "bio"],
        is_staff=True,
    ),
    DemoPerson(
        email="amina@pnyx.example",
        display_name="Amina Diallo",
        role="citizen, organiser of a neighbourhood budget assembly",
        country="SN",
        languages=["fr", "wo", "en"],
        topics=["fiscal-openness", "public-participation", "gender-inclusion"],
        bio=(
            "I run monthly assemblies where residents of my district read the **municipal budget** "
            "line by line and send questions to the town hall. Ask me how to start one."
        ),
        public_fields=["country", "languages", "topics", "bio"],
    ),
    DemoPerson(
        email="lucas@pnyx.example",
        display_name="Lucas Moreau",
        role="data journalist",
        country="BE",
        languages=["fr", "nl", "en"],
        topics=["open-data", "open-contracting", "anti-corruption"],
        bio=(
            "Data journalist. I turn public procurement files into stories and publish the "
            "scripts, so anyone can check the numbers."
        ),
        public_fields=["languages", "topics", "bio"],
    ),
    DemoPerson(
        email="sofia@pnyx.example",
        display_name="Sofía Herrera",
        role="civics teacher, partner school",
        country="CO",
        languages=["es", "en"],
        topics=["education", "digital-governance", "civic-space"],
        bio=(
            "I teach civics in a public secondary school in Medellín. My students follow one "
            "commitment of the national action plan each year and report on its progress."
        ),
        public_fields=["country", "topics", "bio"],
    ),
    DemoPerson(
        email="noor@pnyx.example",
        display_name="Noor Haddad",
        role="toolbox editor, reviews proposed tools and practices",
        country="JO",
        languages=["ar", "en", "fr"],
        topics=["open-data", "digital-governance", "algorithms"],
        bio=(
            "I review the tools and practices people propose for the toolbox. Tell me when a "
            "page is out of date: I would rather fix it than leave it wrong."
        ),
        public_fields=["country", "languages", "topics", "bio"],
    ),
]

#: (e-mail, password, what the account shows), printed by `pnyx demo`.
DEMO_LOGINS: list[tuple[str, str, str]] = [
    (person.email, DEMO_PASSWORD, person.role) for person in PEOPLE
]


def _save_person(spec: DemoPerson) -> User:
    user, created = User.objects.get_or_create(email=spec.email)
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
    user.display_name = spec.display_name
    user.country = spec.country
    user.languages = spec.languages
    user.bio = spec.bio
    user.public_fields = spec.public_fields
    user.is_staff = spec.is_staff
    user.is_superuser = spec.is_staff
    user.is_active = True
    user.save()
    user.topics.set(Topic.objects.filter(slug__in=spec.topics))
    EmailAddress.objects.update_or_create(
        user=user, email=spec.email, defaults={"verified": True, "primary": True}
    )
    return user


def load() -> None:
    """Create or refresh the demo people, with confirmed e-mail addresses so they can log in."""
    with transaction.atomic():
        for spec in PEOPLE:
            _save_person(spec)
