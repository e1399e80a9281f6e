"""Who the demo is about: Brightside Home's support team and the customers who write to it."""

from dataclasses import dataclass

from caredesk.accounts.choices import Role

# Every demo login shares this published password; the demo is for trying caredesk out locally.
PASSWORD = "caredesk"  # noqa: S105

ADMIN_EMAIL = "admin@example.com"
SUPERVISOR_EMAIL = "supervisor@example.com"
AGENT_EMAIL = "agent@example.com"
PORTAL_EMAIL = "customer@example.com"

SUPPORT = "Support"
BILLING = "Billing"
TECHNICAL = "Technical"


@dataclass(frozen=True)
class TeamSeed:
    name: str
    description: str
    is_default: bool = False


@dataclass(frozen=True)
class StaffSeed:
    email: str
    name: str
    role: Role
    teams: tuple[str, ...]
    timezone: str = "Europe/London"


@dataclass(frozen=True)
class CustomerSeed:
    name: str
    preferred_name: str = ""
    email: str = ""  # derived from the name and the organisation's domain when empty
    is_vip: bool = False
    notes: str = ""
    portal_login: bool = False


@dataclass(frozen=True)
class OrganisationSeed:
    name: str
    domain: str
    members: tuple[CustomerSeed, ...]
    members_see_each_other: bool = False
    notes: str = ""


TEAMS = (
    TeamSeed(SUPPORT, "First line: orders, deliveries, accounts and everything else.", True),
    TeamSeed(BILLING, "Invoices, refunds, subscriptions and payment problems."),
    TeamSeed(TECHNICAL, "Devices, the Brightside app, integrations and the API."),
)

STAFF = (
    StaffSeed(ADMIN_EMAIL, "Morgan Reyes", Role.ADMIN, (SUPPORT,)),
    StaffSeed(SUPERVISOR_EMAIL, "Priya Natarajan", Role.SUPERVISOR, (SUPPORT, BILLING, TECHNICAL)),
    StaffSeed(AGENT_EMAIL, "Daniel Okafor", Role.AGENT, (SUPPORT, BILLING)),
    StaffSeed("lena.fischer@example.com", "Lena Fischer", Role.AGENT, (SUPPORT,), "Europe/Berlin"),
    StaffSeed(
        "tomas.herrera@example.com", "Tomás Herrera", Role.AGENT, (BILLING,), "Europe/Madrid"
    ),
    StaffSeed("grace.liu@example.com", "Grace Liu", Role.AGENT, (BILLING, SUPPORT)),
    StaffSeed("kenji.sato@example.com", "Kenji Sato", Role.AGENT, (TECHNICAL,), "Asia/Tokyo"),
    StaffSeed("sofia.marino@example.com", "Sofia Marino", Role.AGENT, (TECHNICAL, SUPPORT)),
)

C = CustomerSeed

ORGANISATIONS = (
    OrganisationSeed(
        "Example Corp",
        "example.com",
        (
            C("Alexandra Weber", "Alex", email=PORTAL_EMAIL, portal_login=True),
            C("Benjamin Carter", "Ben"),
            C("Chiara Rossi"),
            C("Dmitri Volkov", "Dima"),
            C("Evelyn Brooks", "Evie"),
            C("Farid Haddad"),
        ),
        members_see_each_other=True,
        notes="Office team shares one account; colleagues follow each other's requests.",
    ),
    OrganisationSeed(
        "Northwind Traders",
        "northwind.example",
        (
            C(
                "Harriet Lindqvist",
                "Hattie",
                is_vip=True,
                notes="Key account (120 sites). Anything urgent goes to the supervisor.",
            ),
            C("Isaac Mendel"),
            C("Jasmine Patel", "Jas"),
            C("Kwame Mensah"),
            C("Laura Novak"),
            C("Mateo García", "Teo"),
        ),
        notes="Retail chain; thermostats in every store.",
    ),
    OrganisationSeed(
        "Bluebird Bakery",
        "bluebird-bakery.example",
        (C("Nora O'Sullivan"), C("Oliver Grant", "Ollie"), C("Paula Jiménez"), C("Quentin Blake")),
    ),
    OrganisationSeed(
        "Helix Labs",
        "helixlabs.example",
        (
            C("Rania Aziz"),
            C("Samuel Osei", "Sam"),
            C("Tamsin Cole"),
            C("Umar Siddiqui"),
            C("Valentina Greco", "Vale"),
        ),
        notes="Uses the API to sync sensor readings into their lab dashboard.",
    ),
    OrganisationSeed(
        "Maple & Finch Interiors",
        "maplefinch.example",
        (C("William Hart", "Will"), C("Xenia Popescu"), C("Yusuf Demir"), C("Zoe Adler")),
    ),
    OrganisationSeed(
        "Orbit Cycles",
        "orbitcycles.example",
        (
            C("Aaron Feld"),
            C("Beatriz Costa", "Bia"),
            C("Callum Reid"),
            C("Dalia Nasser"),
            C("Emil Johansson"),
        ),
    ),
    OrganisationSeed(
        "Tidewater Logistics",
        "tidewater.example",
        (
            C("Fiona MacLeod"),
            C("Gabriel Dubois", "Gabe"),
            C("Hana Kobayashi"),
            C("Ivan Petrov"),
            C("Julia Santos", "Jules"),
            C("Karl Becker"),
        ),
        notes="Warehouses in three countries; invoices go to their finance team.",
    ),
    OrganisationSeed(
        "Quill Publishing",
        "quillpress.example",
        (C("Leila Farouk"), C("Marcus Webb"), C("Nadia Ivanova"), C("Owen Price")),
    ),
    OrganisationSeed(
        "Sunrise Dental",
        "sunrisedental.example",
        (
            C("Patricia Holm", "Trish"),
            C("Rafael Moreno"),
            C("Sinead Byrne"),
            C("Thomas Keller", "Tom"),
            C("Uma Krishnan"),
        ),
    ),
    OrganisationSeed(
        "Kestrel Outdoor",
        "kestrel-outdoor.example",
        (
            C("Victor Lindgren"),
            C("Wendy Zhao"),
            C("Xavier Brun"),
            C("Yara Haddad"),
            C("Zachary Moss", "Zach"),
        ),
    ),
)
