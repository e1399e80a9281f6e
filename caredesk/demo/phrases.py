"""Words every demo conversation shares, and how a message is wrapped for its channel.

Email and web-form messages read like letters (greeting, body, sign-off); chat, social and in-app
(API) messages are short, as they are on those channels.
"""

import random

from caredesk.customers.models import Customer
from caredesk.tickets.choices import Channel

LETTER_CHANNELS = frozenset({Channel.EMAIL, Channel.WEB})

AGENT_GREETINGS = ("Hi", "Hello", "Dear")
AGENT_SIGN_OFFS = ("Best regards,", "Kind regards,", "Thanks,", "All the best,")
CUSTOMER_GREETINGS = ("Hello,", "Hi,", "Hi there,", "Hello support team,", "Dear Brightside team,")
CUSTOMER_SIGN_OFFS = ("Thanks,", "Best,", "Regards,", "Many thanks,", "Cheers,")

ACKNOWLEDGEMENTS = (
    "Thanks for getting in touch. I'm looking into this now and will come back to you today.",
    "Thank you for the details. I've picked this up and I'm checking it with the team.",
    "Sorry for the trouble, and thanks for your patience. I'm on it and will update you shortly.",
)
NUDGES = (
    "Any update on this? I haven't heard back yet.",
    "Just following up on my message from earlier; it's getting a bit urgent.",
    "Hello? Is anyone looking at this?",
)
REOPENINGS = (
    "Unfortunately the problem is back since yesterday. Could you take another look?",
    "Thanks, but I'm afraid this hasn't solved it for me.",
    "It worked for a day and now it's exactly the same as before.",
)
SECOND_RESOLUTIONS = (
    "Thanks for letting me know, and sorry it came back. I've now fixed the underlying cause "
    "on our side as well, so it shouldn't happen again.",
    "I've had a closer look with a colleague and found what we missed the first time; it's "
    "sorted properly now.",
)
ESCALATIONS = (
    "Escalating: the customer needs this sorted before a business deadline this week.",
    "Raising the priority; this is their second contact about the same problem.",
    "Bumping priority: the customer mentioned cancelling if this drags on.",
)
HANDOVERS = (
    "Handing over to {colleague}: I'm on leave from tomorrow. Everything so far is in the thread.",
    "{colleague} knows this area best, passing it on. Customer has been very patient.",
)
DUPLICATE_OPENINGS = (
    "I wrote to you about this earlier ({subject}) and haven't heard back. Can someone help?",
    "Sending this again in case my first message got lost: {subject}.",
)
MERGE_NOTES = (
    "Merged the customer's second message about the same request into this ticket.",
    "Duplicate from the same customer on another channel; merged here.",
)
PROBLEM_NOTES = (
    "Linked to the problem ticket for the app sync incident; we'll answer everyone together.",
)
PHONE_OPENING = "Phone call with {name}. In their words:\n\n{body}"


def agent_message(
    rng: random.Random, body: str, *, customer: Customer, agent_name: str, channel: str
) -> str:
    """An agent's public reply, always greeting the customer by the name they prefer."""
    name = customer.greeting_name
    if channel not in LETTER_CHANNELS:
        return f"Hi {name}! {body}"
    first_name = agent_name.split()[0]
    return (
        f"{rng.choice(AGENT_GREETINGS)} {name},\n\n{body}\n\n"
        f"{rng.choice(AGENT_SIGN_OFFS)}\n{first_name}\nBrightside Home Support"
    )


def customer_message(rng: random.Random, body: str, *, customer: Customer, channel: str) -> str:
    if channel not in LETTER_CHANNELS:
        return body
    signature = rng.choice((customer.greeting_name, customer.name))
    return (
        f"{rng.choice(CUSTOMER_GREETINGS)}\n\n{body}\n\n"
        f"{rng.choice(CUSTOMER_SIGN_OFFS)}\n{signature}"
    )
