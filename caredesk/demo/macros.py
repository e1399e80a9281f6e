"""The demo's macros: the replies a support team writes every day, in the customers' languages.

"Refund processed", "Need more information" and "Password reset" speak English, Spanish and
German (the demo's customers write in these); the team macros speak English only.
"""

from dataclasses import replace

from caredesk.accounts.models import Team, User
from caredesk.automation.macros.services.config import MacroSpec, create_macro
from caredesk.automation.models import Macro
from caredesk.demo.people import BILLING, TECHNICAL
from caredesk.tickets.choices import Priority

REFUND_PROCESSED = MacroSpec(
    name="Refund processed",
    position=10,
    translations=[
        (
            "en",
            "Hi {{customer.preferred_name}},\n\nWe have refunded your payment for "
            "#{{ticket.number}}. Depending on your bank it shows on your statement within 3 to "
            "5 business days.\n\nBest regards,\n{{agent.first_name}} ({{team.name}})",
        ),
        (
            "es",
            "Hola {{customer.preferred_name}}:\n\nHemos reembolsado tu pago del caso "
            "#{{ticket.number}}. Según tu banco, lo verás en tu extracto en 3 a 5 días "
            "hábiles.\n\nUn saludo,\n{{agent.first_name}} ({{team.name}})",
        ),
        (
            "de",
            "Hallo {{customer.preferred_name}},\n\nwir haben Ihre Zahlung zu "
            "#{{ticket.number}} erstattet. Je nach Bank sehen Sie die Gutschrift in 3 bis 5 "
            "Werktagen auf Ihrem Konto.\n\nViele Grüße\n{{agent.first_name}} ({{team.name}})",
        ),
    ],
    set_status="solved",
    add_tags=["refund"],
    internal_note="Refund confirmed to the customer by {{agent.name}}.",
)
NEED_MORE_INFORMATION = MacroSpec(
    name="Need more information",
    position=20,
    translations=[
        (
            "en",
            "Hi {{customer.preferred_name}},\n\nThanks for writing to us about "
            '"{{ticket.subject}}". To help you quickly, could you send us your order number '
            "and, if you can, a screenshot or photo of the problem?\n\n"
            "{{agent.first_name}}",
        ),
        (
            "es",
            "Hola {{customer.preferred_name}}:\n\nGracias por escribirnos sobre "
            '"{{ticket.subject}}". Para ayudarte rápido, ¿nos envías tu número de pedido y, '
            "si puedes, una captura o foto del problema?\n\n{{agent.first_name}}",
        ),
        (
            "de",
            "Hallo {{customer.preferred_name}},\n\ndanke für Ihre Nachricht zu "
            "„{{ticket.subject}}“. Damit wir schnell helfen können: Schicken Sie uns bitte Ihre "
            "Bestellnummer und, wenn möglich, einen Screenshot oder ein Foto des Problems?\n\n"
            "{{agent.first_name}}",
        ),
    ],
    set_status="pending",
    add_tags=["needs-info"],
    assign_to_me=True,
)
PASSWORD_RESET = MacroSpec(
    name="Password reset",
    position=30,
    translations=[
        (
            "en",
            "Hi {{customer.preferred_name}},\n\nWe have sent a password reset link to the email "
            "address on your account. It works for one hour; if it does not arrive, check your "
            "spam folder and reply here.\n\n{{agent.first_name}}",
        ),
        (
            "es",
            "Hola {{customer.preferred_name}}:\n\nTe hemos enviado un enlace para restablecer "
            "la contraseña al correo de tu cuenta. Vale durante una hora; si no llega, revisa la "
            "carpeta de spam y responde aquí.\n\n{{agent.first_name}}",
        ),
        (
            "de",
            "Hallo {{customer.preferred_name}},\n\nwir haben Ihnen einen Link zum Zurücksetzen "
            "des Passworts an die E-Mail-Adresse Ihres Kontos geschickt. Er gilt eine Stunde; "
            "falls er nicht ankommt, sehen Sie bitte im Spam-Ordner nach und antworten Sie "
            "hier.\n\n{{agent.first_name}}",
        ),
    ],
    set_status="solved",
    add_tags=["account", "password"],
)
# Team macros: one for Billing, one for Technical, English only.
TEAM_MACROS = {
    BILLING: MacroSpec(
        name="Invoice corrected",
        position=40,
        translations=[
            (
                "en",
                "Hi {{customer.preferred_name}},\n\nWe have corrected the invoice and sent the "
                "new copy to your email address. Sorry for the trouble.\n\n"
                "{{agent.first_name}} ({{team.name}})",
            )
        ],
        set_status="solved",
        add_tags=["invoice"],
    ),
    TECHNICAL: MacroSpec(
        name="Escalated to engineering",
        position=40,
        translations=[
            (
                "en",
                "Hi {{customer.preferred_name}},\n\nOur engineers are looking into this now. "
                "We will write again by {{sla.expected_reply}} at the latest.\n\n"
                "{{agent.first_name}}",
            )
        ],
        set_status="on_hold",
        set_priority=Priority.HIGH,
        add_tags=["engineering"],
        assign_to_me=True,
        internal_note="Escalated to engineering; check the issue tracker before replying.",
    ),
}


def install_macros(admin: User, teams: dict[str, Team]) -> list[Macro]:
    macros = [
        create_macro(spec, actor=admin)
        for spec in (REFUND_PROCESSED, NEED_MORE_INFORMATION, PASSWORD_RESET)
    ]
    for team_name, spec in TEAM_MACROS.items():
        macros.append(create_macro(replace(spec, team=teams[team_name]), actor=admin))
    return macros
