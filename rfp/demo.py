"""The demo world: a buying team at a telecom, five BPO vendors with distinct profiles, the
evaluated RFI-2027-001 and the RFP-2027-002 promoted from its shortlist.

Vendor profiles are the inputs from which answers (vendors/demo.py) and evaluators' scores
(scoring/demo.py) are derived, so that the ranking the demo shows follows from the answers.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from vendors.models import Vendor

DEMO_PASSWORD = "shortlist-demo"

BUYERS = [
    # username, first, last, role, job title
    ("paula", "Paula", "Lind", Role.PROCUREMENT, gettext_noop("Head of procurement")),
    ("omar", "Omar", "Haddad", Role.EVALUATOR, gettext_noop("Customer operations manager")),
    ("lena", "Lena", "Berg", Role.EVALUATOR, gettext_noop("IT security and risk lead")),
    ("farid", "Farid", "Karimi", Role.EVALUATOR, gettext_noop("Finance business partner")),
    ("dana", "Dana", "Cohen", Role.EXECUTIVE, gettext_noop("Chief customer officer")),
]

VENDORS = [
    {
        "name": "Harbor Premium Contact",
        "username": "harbor",
        "contact": ("Grace", "Whitfield"),
        "country": gettext_noop("United Kingdom"),
        "sites": ["Leeds", "Cardiff"],
        "languages": [gettext_noop("English"), gettext_noop("Welsh")],
        "seats": 900,
        "certifications": ["ISO 27001", "PCI DSS", "COPC"],
        "profile": gettext_noop("Premium onshore operator with low attrition and strong management layers."),
        "answers": {
            "style": "premium onshore",
            "quality": 0.86,
            "attrition": 21,
            "agents_per_team_leader": 10,
            "pci_dss": True,
            "iso27001": True,
            "languages_strength": 0.8,
            "price": 4_650_000,
        },
    },
    {
        "name": "Vistula Nearshore CX",
        "username": "vistula",
        "contact": ("Marek", "Zielinski"),
        "country": gettext_noop("Poland"),
        "sites": ["Krakow", "Gdansk"],
        "languages": [gettext_noop("Polish"), gettext_noop("English"), gettext_noop("German")],
        "seats": 650,
        "certifications": ["ISO 27001", "SOC 2 Type II", "PCI DSS"],
        "profile": gettext_noop("Nearshore centre strong on security and process, weaker on language coverage."),
        "answers": {
            "style": "nearshore security-first",
            "quality": 0.74,
            "attrition": 29,
            "agents_per_team_leader": 12,
            "pci_dss": True,
            "iso27001": True,
            "languages_strength": 0.35,
            "price": 3_420_000,
        },
    },
    {
        "name": "Coral Coast Outsourcing",
        "username": "coral",
        "contact": ("Joy", "Santos"),
        "country": gettext_noop("Philippines"),
        "sites": ["Cebu", "Davao"],
        "languages": [gettext_noop("English"), gettext_noop("Tagalog")],
        "seats": 2400,
        "certifications": ["ISO 27001"],
        "profile": gettext_noop("Low-cost offshore operator; high agent attrition and wide team-leader spans."),
        "answers": {
            "style": "offshore low-cost",
            "quality": 0.38,
            "attrition": 55,
            "agents_per_team_leader": 25,
            "pci_dss": True,
            "iso27001": True,
            "languages_strength": 0.5,
            "price": 1_590_000,
        },
    },
    {
        "name": "Atlas Multilingual Services",
        "username": "atlas",
        "contact": ("Youssef", "Benali"),
        "country": gettext_noop("Morocco"),
        "sites": ["Casablanca", "Lisbon"],
        "languages": [
            gettext_noop("French"),
            gettext_noop("Arabic"),
            gettext_noop("English"),
            gettext_noop("Spanish"),
            gettext_noop("Portuguese"),
        ],
        "seats": 1100,
        "certifications": ["ISO 27001"],
        "profile": gettext_noop("Multilingual nearshore hub; no PCI DSS service-provider attestation."),
        "answers": {
            "style": "multilingual nearshore",
            "quality": 0.66,
            "attrition": 34,
            "agents_per_team_leader": 14,
            "pci_dss": False,
            "iso27001": True,
            "languages_strength": 0.92,
            "price": 3_050_000,
        },
    },
    {
        "name": "Meridian Digital Care",
        "username": "meridian",
        "contact": ("Priya", "Raman"),
        "country": gettext_noop("India"),
        "sites": ["Pune", "Manila"],
        "languages": [gettext_noop("English"), gettext_noop("Hindi")],
        "seats": 1800,
        "certifications": ["ISO 27001", "SOC 2 Type II", "PCI DSS"],
        "profile": gettext_noop("Digital-first operator with strong automation and analytics; mid-range attrition."),
        "answers": {
            "style": "digital-first",
            "quality": 0.7,
            "attrition": 36,
            "agents_per_team_leader": 15,
            "pci_dss": True,
            "iso27001": True,
            "languages_strength": 0.55,
            "price": 2_980_000,
        },
    },
]

RFI_FIELDS = {
    "kind": "RFI",
    "title": gettext_noop("Customer service outsourcing 2027"),
    "buyer": "Northern Lights Telecom",
    "summary": gettext_noop(
        "Northern Lights Telecom seeks a partner to run first-line customer service for its "
        "consumer mobile and broadband customers from 2027, on voice, e-mail and chat, with "
        "seasonal peaks around device launches and the holiday season."
    ),
    "channels": ["voice", "email", "chat"],
    "languages": [gettext_noop("English"), gettext_noop("Polish"), gettext_noop("Arabic")],
    "yearly_volumes": {"voice": 1_200_000, "email": 300_000, "chat": 250_000},
    "hours": gettext_noop("Mon-Sun 07:00-23:00"),
    "sites": gettext_noop("Europe, North Africa or South-East Asia"),
    "currency": "USD",
    "sealed": True,
    "two_envelope": True,
}


# The third tender: an RFP for a smaller desk, now in evaluation, with the panel half-way through.
EVALUATION_RFP_FIELDS = dict(
    RFI_FIELDS,
    kind="RFP",
    title=gettext_noop("Retention and win-back desk 2027"),
    summary=gettext_noop(
        "Northern Lights Telecom seeks a partner for a retention and win-back desk: outbound calls to "
        "customers who asked to leave, on voice and chat, measured on saves and on complaints."
    ),
    channels=["voice", "chat"],
    yearly_volumes={"voice": 180_000, "chat": 60_000},
    two_envelope=False,
)
EVALUATION_RFP_SECTIONS = ["vmo", "turnover", "oversight", "language", "sla", "security", "pricing", "exit"]

# The fourth tender: evaluated, then a best-and-final round for its two leading bids.
BAFO_RFP_FIELDS = dict(
    EVALUATION_RFP_FIELDS,
    title=gettext_noop("Billing and payments desk 2027"),
    summary=gettext_noop(
        "Northern Lights Telecom seeks a partner for its billing and payments desk: questions about bills, "
        "payment plans and card payments by phone, on voice and chat. After scoring, the two leading bids "
        "were asked for best and final offers."
    ),
)
BAFO_RFP_SECTIONS = ["vmo", "turnover", "oversight", "sla", "security", "pricing"]


def evaluation_rfp_fields(language: str, base: dict = EVALUATION_RFP_FIELDS) -> dict:
    """A later demo tender's settings (the third's by default) in the active language, its
    questionnaire in `language`."""
    fields = dict(base, language=language)
    fields.update({name: _(base[name]) for name in TRANSLATED_FIELDS})
    fields["languages"] = [_(name) for name in base["languages"]]
    return fields


# Vendors' questions during the RFP, and procurement's answer to the first.
CLARIFICATIONS = [
    (
        gettext_noop(
            "Should the yearly price assume the volumes of the RFI, or the 2028 forecast mentioned in the summary?"
        ),
        gettext_noop(
            # xgettext:no-python-format
            "Price the volumes stated in the RFP for every year of the contract; volume bands of plus or minus 15% "
            "are expected to keep the same rate."
        ),
    ),
    (
        gettext_noop("May agents on this account work from home for part of the week, under the controls listed?"),
        "",
    ),
]

TRANSLATED_FIELDS = ("title", "summary", "hours", "sites")


def rfi_fields(language: str) -> dict:
    """The demo RFI's settings in the active language, its questionnaire in `language`."""
    fields = dict(RFI_FIELDS, language=language)
    fields.update({name: _(RFI_FIELDS[name]) for name in TRANSLATED_FIELDS})
    fields["languages"] = [_(name) for name in RFI_FIELDS["languages"]]
    return fields


def demo_deadline(days: int):
    return (timezone.now() + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)


def create_user(username: str, first: str, last: str, role: str, **extra) -> User:
    user = User(username=username, first_name=first, last_name=last, role=role, **extra)
    user.email = extra.get("email") or f"{username}@demo.shortlist.test"
    user.set_password(DEMO_PASSWORD)
    user.full_clean()
    user.save()
    return user


def create_buyers() -> dict[str, User]:
    return {
        username: create_user(username, first, last, role, job_title=_(title))
        for username, first, last, role, title in BUYERS
    }


def create_vendors() -> list[tuple[Vendor, User, dict]]:
    made = []
    for spec in VENDORS:
        vendor = Vendor.objects.create(
            name=spec["name"],
            slug=spec["username"],
            country=_(spec["country"]),
            sites=spec["sites"],
            languages=[_(name) for name in spec["languages"]],
            seats=spec["seats"],
            certifications=spec["certifications"],
            profile=_(spec["profile"]),
            contact_email=f"bids@{spec['username']}.demo.shortlist.test",
        )
        first, last = spec["contact"]
        user = create_user(
            spec["username"],
            first,
            last,
            Role.VENDOR,
            company=vendor,
            email=f"{first.lower()}@{spec['username']}.demo.shortlist.test",
        )
        made.append((vendor, user, spec["answers"]))
    return made
