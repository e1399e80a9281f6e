from django.core.management import call_command

from caredesk.intelligence.models import Insight
from caredesk.tickets.models import Ticket

EXPORT = (
    "Id;Title;Description;Queue;Kategorie\r\n"
    "A-1;Rechnung falsch;Der Betrag auf der Rechnung stimmt nicht;Billing;Billing\r\n"
    "A-2;Login broken;I cannot log in since yesterday;IT Support;Technical\r\n"
    "A-3;;Where is my parcel?;;\r\n"
    ";;;;\r\n"
)


def test_import_loads_solved_tickets_once(tmp_path, capsys, team):
    path = tmp_path / "history.csv"
    path.write_bytes(EXPORT.encode("cp1252"))
    arguments = [
        "import",
        "tickets",
        "--csv",
        str(path),
        "--map",
        "key=Id,subject=Title,body=Description,team=Queue,category=Kategorie",
    ]

    call_command(*arguments)
    call_command(*arguments)

    assert capsys.readouterr().out.splitlines() == [
        "3 tickets imported, 0 already there, 0 empty rows skipped (utf-8)",
        "0 tickets imported, 3 already there, 0 empty rows skipped (utf-8)",
    ]
    rows = Ticket.objects.order_by("id").values_list(
        "subject", "status", "team__name", "category__slug"
    )
    assert list(rows) == [
        ("Rechnung falsch", "solved", "Billing", "billing"),
        ("Login broken", "solved", "IT Support", "technical"),
        ("Where is my parcel?", "solved", "Support", None),
    ]
    assert not Insight.objects.exists()
