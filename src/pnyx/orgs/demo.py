"""Demo organisations for `pnyx demo`, created through the services (so audited and searchable).

Loading twice changes nothing: an organisation is found by its name, and a membership is only
added when it is missing. The demo people come from `pnyx.accounts.demo`, which runs first; an
organisation whose people are all missing is skipped.
"""

import logging
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from pnyx.accounts.models import User
from pnyx.core.models import Topic
from pnyx.orgs import selectors, services
from pnyx.orgs.models import MembershipStatus, Organisation, OrganisationKind, Role

logger = logging.getLogger(__name__)

ADMIN = "admin@pnyx.example"
AMINA = "amina@pnyx.example"
LUCAS = "lucas@pnyx.example"
SOFIA = "sofia@pnyx.example"


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    country: str
    registered_by: str
    description: str
    website: str = ""
    topics: tuple[str, ...] = ()
    #: e-mail -> "admin", "member" or "requested"
    people: dict[str, str] = field(default_factory=dict)


ORGANISATIONS = [
    DemoOrganisation(
        name="Open Budget Lab",
        kind=OrganisationKind.NGO,
        country="SN",
        registered_by=AMINA,
        website="https://budgetlab.example",
        topics=("fiscal-openness", "open-data", "public-participation"),
        description=(
            "A civic-tech association from Dakar. We turn municipal budgets into pages anyone "
            "can read on a phone, and train residents to ask the right questions at council "
            "meetings.\n\n"
            "- free budget-reading workshops every month\n"
            "- open-source tools, published with their data"
        ),
        people={LUCAS: "member", ADMIN: "member"},
    ),
    DemoOrganisation(
        name="Grand-Yoff Residents' Budget Circle",
        kind=OrganisationKind.INFORMAL_GROUP,
        country="SN",
        registered_by=AMINA,
        topics=("public-participation", "fiscal-openness", "gender-inclusion"),
        description=(
            "Neighbours who meet on the first Saturday of the month to go through the district's "
            "spending, line by line, and send our questions to the town hall. No membership fee; "
            "bring a chair."
        ),
    ),
    DemoOrganisation(
        name="Public Contracts Newsroom",
        kind=OrganisationKind.COMPANY,
        country="BE",
        registered_by=LUCAS,
        website="https://contracts-newsroom.example",
        topics=("open-contracting", "anti-corruption", "open-data"),
        description=(
            "A small cooperative newsroom that reads public procurement notices so you do not "
            "have to. Every story comes with the scripts and the files behind it."
        ),
        people={AMINA: "requested"},
    ),
    DemoOrganisation(
        name="Brussels Region Open Data Office",
        kind=OrganisationKind.PUBLIC_SERVICE,
        country="BE",
        registered_by=ADMIN,
        website="https://opendata-brussels.example",
        topics=("open-data", "public-services", "digital-governance"),
        description=(
            "The regional service that publishes datasets about transport, housing and public "
            "spending. Tell us which data you need: requests are answered within a month."
        ),
        people={LUCAS: "admin"},
    ),
    DemoOrganisation(
        name="Institución Educativa La Ladera",
        kind=OrganisationKind.SCHOOL,
        country="CO",
        registered_by=SOFIA,
        topics=("education", "civic-space"),
        description=(
            "A public secondary school in Medellín. Each year our final-year students follow one "
            "commitment of the national open-government action plan and publish what they find."
        ),
    ),
    DemoOrganisation(
        name="Aburrá Valley University — Civic Data Lab",
        kind=OrganisationKind.UNIVERSITY,
        country="CO",
        registered_by=ADMIN,
        topics=("education", "open-data", "algorithms"),
        description=(
            "A university lab where students and teachers study how public algorithms work and "
            "offer free data-literacy courses to schools of the valley."
        ),
        people={SOFIA: "admin"},
    ),
    DemoOrganisation(
        name="Secretariat for Open Government",
        kind=OrganisationKind.GOVERNMENT_BODY,
        country="FR",
        registered_by=ADMIN,
        website="https://open-government.example",
        topics=("access-to-information", "public-participation", "anti-corruption"),
        description=(
            "The national body that coordinates the open-government action plan, runs its public "
            "consultations and reports every six months on each commitment."
        ),
        people={AMINA: "member", SOFIA: "member"},
    ),
]


def _people() -> dict[str, User]:
    emails = [ADMIN, AMINA, LUCAS, SOFIA]
    return {user.email: user for user in get_user_model().objects.filter(email__in=emails)}


def _registrant(spec: DemoOrganisation, people: dict[str, User]) -> User | None:
    for email in (spec.registered_by, ADMIN, AMINA, LUCAS, SOFIA):
        if email in people:
            return people[email]
    return None


def _ensure_place(organisation: Organisation, person: User, wanted: str, admin: User) -> None:
    """Bring one person to the wanted place in the organisation, through the services."""
    membership = selectors.membership_of(user=person, organisation=organisation)
    if membership is None:
        membership = services.membership_request(actor=person, organisation=organisation)
    if wanted == "requested":
        return
    if membership.status == MembershipStatus.REQUESTED:
        services.membership_decide(actor=admin, membership=membership, approve=True)
        membership.refresh_from_db()
    if wanted == Role.ADMIN and membership.role != Role.ADMIN:
        services.membership_change_role(actor=admin, membership=membership, role=Role.ADMIN)


def _load_one(spec: DemoOrganisation, people: dict[str, User]) -> None:
    registrant = _registrant(spec, people)
    if registrant is None:
        return
    organisation = Organisation.objects.filter(name=spec.name).first()
    if organisation is None:
        organisation = services.organisation_register(
            actor=registrant,
            name=spec.name,
            kind=spec.kind,
            country=spec.country,
            website=spec.website,
            description=spec.description,
            topics=Topic.objects.filter(slug__in=spec.topics),
        )
    for email, wanted in spec.people.items():
        if email in people and people[email] != registrant:
            _ensure_place(organisation, people[email], wanted, registrant)


def load() -> None:
    """Create the demo organisations and memberships that are missing."""
    people = _people()
    for spec in ORGANISATIONS:
        try:
            _load_one(spec, people)
        except (PermissionDenied, ValidationError) as error:
            # A demo person without a confirmed address, say: skip, but say why.
            logger.warning("Demo organisation %r skipped: %s", spec.name, error)
