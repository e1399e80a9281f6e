"""Requests for the Support team: deliveries, returns, how-to, contact details, privacy."""

from caredesk.demo.people import SUPPORT
from caredesk.demo.scenarios.conversation import Scenario, Thread

SUPPORT_SCENARIOS = (
    Scenario(
        "feature_question",
        "product",
        SUPPORT,
        ("how-to",),
        (
            Thread(
                "Can the {product} work with voice assistants?",
                "Does the {product} work with voice assistants? I'd like to turn it on and off by "
                "voice.",
                "Good question. Which assistant do you use, and do you have the {plan}? A few "
                "integrations need it.",
                "We use Google at home, and yes, we have the {plan}.",
                "Voice integration works but the docs page is outdated; flagged to the docs team.",
                "Google is re-certifying our integration after their latest update, so linking is "
                "switched off for a few days. I'll tell you as soon as it's back.",
                "Yes: open the app, go to Integrations > Voice assistants and link your Google "
                "account. After that you can say 'turn on the {product}'.",
            ),
            Thread(
                "Export energy reports as a spreadsheet?",
                "Is there a way to export my monthly energy report as a spreadsheet? I only see a "
                "PDF.",
                "Do you need the daily figures or just the monthly totals? The options differ.",
                "Daily figures would be ideal.",
                "Customer asking for CSV export; +1 on the feature request.",
                "the export you're after is being built right now, and I've asked the product "
                "team whether they can share a beta with you. I'll update you when I hear back.",
                "You can export daily figures as CSV: Reports > Energy > the three dots > Export "
                "CSV. It's on the website only, not yet in the app.",
            ),
        ),
    ),
    Scenario(
        "shipping_delay",
        "service",
        SUPPORT,
        ("shipping", "delay"),
        (
            Thread(
                "Where is my order {order}?",
                "I ordered a {product} {days} days ago (order {order}) and it still hasn't "
                "arrived. The tracking hasn't changed since it left your warehouse.",
                "Sorry for the wait. Could you confirm the delivery address? I'd like to make "
                "sure it matches what {carrier} has.",
                "The address is right: 22 Elm Street, flat 3. Nobody has left a card.",
                "{carrier} depot has a backlog after the storm; parcels are 3-5 days behind.",
                "{carrier} has opened an investigation into the parcel. They need up to five "
                "working days, and I'll chase them and let you know the outcome.",
                "{carrier} found the parcel and it's out for delivery today. Sorry it took so "
                "long; I've refunded the shipping costs.",
            ),
            Thread(
                "Order {order} marked delivered but not received",
                "The {carrier} tracking for order {order} says 'delivered' but nothing came, and "
                "none of my neighbours have it.",
                "I'm sorry, that's frustrating. Is there a reception or a safe place where the "
                "driver might have left it? Once you've checked, I'll open a trace with "
                "{carrier}.",
                "Checked with reception and the building manager, nothing.",
                "Parcel scanned at the wrong depot; carrier trace opened.",
                "{carrier} has to finish its trace before we can send a replacement. They promise "
                "an answer within three working days, and I'll chase them.",
                "The parcel is lost, so I've sent a new {product} by express delivery at no cost. "
                "You'll get tracking by email shortly.",
            ),
        ),
    ),
    Scenario(
        "return_exchange",
        "service",
        SUPPORT,
        ("returns",),
        (
            Thread(
                "Exchange {product} for the larger model",
                "I'd like to exchange the {product} from order {order} for the larger model. It's "
                "unopened.",
                "No problem. Would you like a straight exchange, or a refund and a new order? An "
                "exchange is quicker.",
                "An exchange please.",
                "Larger model in stock at the north warehouse only; exchange via there.",
                "the larger model is out of stock until the next delivery from the supplier. I've "
                "reserved one for you and will send the exchange as soon as it arrives.",
                "I've emailed you a prepaid return label. Drop the parcel at any {carrier} point; "
                "the new model ships as soon as we scan your return.",
            ),
            Thread(
                "How do I return order {order}?",
                "How do I return order {order}? I changed my mind about the {product}.",
                "Of course. Has the box been opened? Opened items can be returned too, but the "
                "label is different.",
                "It's been opened but it's in perfect condition with all parts.",
                "Within 30 days, so no restocking fee applies.",
                "{carrier} has paused collections in your area this week. I've booked the first "
                "slot after that and will confirm the date.",
                "Your return is registered. Use the label in your inbox; the refund of {amount} "
                "follows once it's back with us.",
            ),
        ),
    ),
    Scenario(
        "installation",
        "service",
        SUPPORT,
        ("installation", "appointment"),
        (
            Thread(
                "Reschedule installation appointment",
                "We booked installation of the {product} for Thursday but I need to move it. Is "
                "next week possible?",
                "Sure. Which days and times next week suit you best?",
                "Tuesday or Wednesday morning would be great.",
                "Installer partner only has mornings free next week.",
                "the installation partner has to confirm a new slot with their engineer, which "
                "can take a day or two. I'll confirm the time as soon as they do.",
                "You're booked for Tuesday between 8 and 12. The installer will call 30 minutes "
                "before arriving.",
            ),
            Thread(
                "Installer didn't show up",
                "The installer was booked for this morning between 8 and 12 and never came. "
                "Nobody called either.",
                "I'm very sorry. Could you confirm the phone number we should give the installer, "
                "so they can call before arriving?",
                "The best number is the mobile on my account, ending 118.",
                "Installer partner confirmed the no-show was a routing error on their side; they "
                "cover the fee.",
                "the installation partner is looking into what went wrong and finding a priority "
                "slot. I'll confirm it as soon as they call me back.",
                "I've booked a priority visit for tomorrow morning and waived the installation "
                "fee of {amount} for the trouble.",
            ),
        ),
    ),
    Scenario(
        "notifications",
        "communication",
        SUPPORT,
        ("email-preferences",),
        (
            Thread(
                "Still getting marketing emails",
                "I keep getting marketing emails although I unsubscribed twice. Please take me "
                "off every list.",
                "I'm sorry about that. Could you forward one of the emails you received after "
                "unsubscribing? The footer tells me which list it came from.",
                "Forwarded one from yesterday.",
                "Address was on a partner newsletter list we import; removed it and told "
                "marketing.",
                "the newsletter is sent by a partner and I've asked them to remove your address. "
                "They confirm within two working days; I'll check back with them.",
                "You're now unsubscribed from all marketing lists, including the partner "
                "newsletter. Any emails already queued may still arrive in the next 24 hours.",
            ),
            Thread(
                "Stop the text message alerts",
                "Your app sends me a text message every time the {product} goes offline for a "
                "second. How do I turn that off?",
                "Do you want to turn off all device alerts, or only the text messages and keep "
                "the app notifications?",
                "Just the text messages, please.",
                "SMS alerts are on by default for the {product}; customers keep asking.",
                "our text message provider is moving to a new system this week, and changes are "
                "frozen until it's done. I'll switch yours off the moment they're back.",
                "I've switched off text alerts on your account; app notifications stay on. You "
                "can change it under Settings > Alerts.",
            ),
        ),
    ),
    Scenario(
        "contact_details",
        "communication",
        SUPPORT,
        ("account", "contact-details"),
        (
            Thread(
                "Change the email address on my account",
                "I've changed jobs and need to move my account to my personal email address. How "
                "do I do that?",
                "I can change it for you. To confirm it's your account, could you tell me the "
                "last order number and the new address you'd like to use?",
                "The last order was {order}, and the new address is the one I'm writing from.",
                "Verified against order {order}; old address still received invoices, so updated "
                "the billing contact as well.",
                "changing the email on an account with an active {plan} needs a check by our "
                "billing team. They'll do it within a day and I'll confirm when it's done.",
                "Done: your account now uses the new email address. You'll get a confirmation "
                "email there shortly.",
            ),
            Thread(
                "Update my phone number",
                "Please update my phone number; the old one is disconnected.",
                "Sure. What's the new number, and should we use it for delivery updates as well?",
                "It's 07700 900461. Yes, for everything please.",
                "Updated in the account and in the delivery preferences.",
                "{carrier} keeps its own copy of delivery contacts, and I've asked them to update "
                "yours. I'll confirm once they have.",
                "Updated. Delivery updates and account alerts will go to the new number from now "
                "on.",
            ),
        ),
    ),
    Scenario(
        "data_request",
        "other",
        SUPPORT,
        ("privacy", "gdpr"),
        (
            Thread(
                "Request for a copy of my data",
                "Under GDPR I'd like a copy of all personal data you hold about me.",
                "We'll handle this under the data protection rules. For your security, could you "
                "reply from the email address registered on the account?",
                "I'm writing from the registered address now.",
                "Forwarded to the privacy officer; statutory deadline is 30 days.",
                "our privacy officer handles these requests and is preparing the export now. The "
                "law gives us 30 days, but it's usually much quicker; I'll update you.",
                "Your data export is ready: you'll receive a download link by email, valid for "
                "seven days.",
            ),
            Thread(
                "Please delete my account and data",
                "Please delete my account and all my data. I no longer use your products.",
                "I can arrange that. Before I do: deleting your account also ends warranty cover "
                "on past orders. Would you still like to go ahead?",
                "Yes, please go ahead anyway.",
                "Order records must be kept 7 years for tax; those are exempt from deletion.",
                "deletion is carried out by our privacy officer, who checks that no order or "
                "warranty case is still open. I'll confirm as soon as it's done.",
                "Your account and personal data have been deleted. We keep order records for "
                "seven years, as tax law requires, and nothing else.",
            ),
        ),
    ),
    Scenario(
        "feedback",
        "other",
        SUPPORT,
        ("feedback",),
        (
            Thread(
                "Suggestion: dark mode for the app",
                "Just wanted to say the {product} is brilliant, but the app would be even better "
                "with a dark mode.",
                "Thanks so much! Would you mind telling me which screens you use most? It helps "
                "the team decide where to start.",
                "Mostly the Rooms and Energy screens, every evening.",
                "Passed to the product team's feedback board.",
                "the product team is reviewing this quarter's requests this week. I've added "
                "yours and will let you know what they decide.",
                "I've passed your suggestion to the app team: dark mode is on their list for this "
                "year, and your vote helps.",
            ),
            Thread(
                "Partnership enquiry",
                "We run a chain of cafés and would like to talk about using your products in all "
                "our locations. Who should we speak to?",
                "Thanks for getting in touch! Roughly how many locations and devices are we "
                "talking about?",
                "Twelve cafés, maybe 60 devices in total.",
                "Business lead; forwarded to sales (Jordan).",
                "our business sales team is putting together a proposal for you. They need a few "
                "days and I'll make sure you hear from them.",
                "Jordan from our business sales team will contact you this week to arrange a call.",
            ),
        ),
    ),
)
