"""Requests for the Billing team: refunds, double charges, invoices, subscriptions."""

from caredesk.demo.people import BILLING
from caredesk.demo.scenarios.conversation import Scenario, Thread

BILLING_SCENARIOS = (
    Scenario(
        "refund",
        "billing",
        BILLING,
        ("refund",),
        (
            Thread(
                "Refund for order {order} not received",
                "I returned the {product} from order {order} {days} days ago and the tracking "
                "shows it arrived at your warehouse, but I haven't seen the refund of {amount} "
                "yet.",
                "I'm sorry the refund is taking a while. Could you confirm the last four digits "
                "of the card you paid with, so I can match the payment?",
                "Sure, it's the Visa ending 4821.",
                "Return booked in by the warehouse yesterday; the refund wasn't triggered "
                "automatically. Issuing it by hand.",
                "the warehouse still has to inspect the returned parcel before the refund can go "
                "out. I've asked them to prioritise it and I'll update you as soon as I hear "
                "back.",
                "I've issued the refund of {amount} to your original payment method. Depending on "
                "your bank it shows up within 3-5 working days.",
            ),
            Thread(
                "Please refund order {order}",
                "Could you refund order {order}? The {product} wasn't what I expected and I sent "
                "it back within the 30 days.",
                "Happy to sort this out. Do you still have the return tracking number? Our "
                "warehouse hasn't booked the parcel in yet.",
                "The tracking number is RT{days}0447815; it says delivered on Tuesday.",
                "Customer has had two late refunds this year; worth a goodwill voucher.",
                "{carrier} delivered the parcel to the wrong warehouse, and they are moving it to "
                "ours now. I'll refund you the moment it's booked in.",
                "Good news: the refund of {amount} for order {order} is on its way. I've also "
                "added a 10% voucher to your account for the wait.",
            ),
        ),
    ),
    Scenario(
        "double_charge",
        "billing",
        BILLING,
        ("payment", "double-charge"),
        (
            Thread(
                "Charged twice for order {order}",
                "My bank statement shows two payments of {amount} for order {order}. I only "
                "ordered once. Please refund the second one.",
                "I'm sorry about that. Were both payments taken from the same card, or did you "
                "try a second card when the first attempt seemed to fail?",
                "Same card. The checkout page froze and I pressed pay again.",
                "Payment provider log shows a retry after a gateway timeout: known issue from the "
                "checkout incident that week.",
                "our payment provider needs to confirm which of the two charges was captured. "
                "They usually answer within two working days; I'll keep an eye on it for you.",
                "I've refunded the duplicate payment of {amount}. Sorry again for the trouble; "
                "the checkout fault that caused it has been fixed.",
            ),
            Thread(
                "Double charge for my {plan} renewal",
                "I was charged twice for my {plan} renewal this month, {amount} each time. Can "
                "you check?",
                "Thanks for flagging it. Could you tell me the dates of both charges as they "
                "appear on your statement?",
                "Both on the 3rd of this month, a few minutes apart.",
                "Second charge is still only a pre-authorisation at the bank; it will drop off.",
                "the bank has to release the second authorisation, and our payment provider has "
                "asked them to. I'll check it has gone in two days.",
                "The second charge was only a pre-authorisation and has now been released, so it "
                "will disappear from your statement within a few days.",
            ),
        ),
    ),
    Scenario(
        "invoice",
        "billing",
        BILLING,
        ("invoice",),
        (
            Thread(
                "VAT invoice needed for order {order}",
                "Our finance team needs a VAT invoice for order {order}, with our company name "
                "and VAT number on it. The receipt in the email isn't enough for them.",
                "Of course. Could you send me the exact company name, billing address and VAT "
                "number you'd like on the invoice?",
                "It should say {company}, 14 Harbour Road, 2nd floor, VAT number GB 284 1937 55.",
                "Finance asked that we always attach the PDF rather than linking to the portal.",
                "invoices for business accounts are issued by our finance department, and they "
                "are closing the month this week. I've put your request in their queue.",
                "I've issued the VAT invoice for order {order}; it's attached to the email we "
                "just sent and you'll also find it in the portal under Orders.",
            ),
            Thread(
                "Wrong address on invoice {invoice}",
                "Invoice {invoice} has our old company address. Could you reissue it with the new "
                "one?",
                "Sure. Should the corrected invoice replace {invoice}, or do you need a credit "
                "note for the old one as well?",
                "Please replace it; our accountant says a credit note isn't needed.",
                "Invoices can only be corrected within the same tax period; this one is fine.",
                "corrections to invoices from a closed month have to be approved by our "
                "accountant, who is back on Monday. I'll send the new invoice as soon as she "
                "signs it off.",
                "Here is the corrected invoice {invoice} with your new address. The old one has "
                "been cancelled.",
            ),
        ),
    ),
    Scenario(
        "cancel_subscription",
        "billing",
        BILLING,
        ("subscription", "cancellation"),
        (
            Thread(
                "Cancel my {plan}",
                "Please cancel my {plan}. I don't use the extra features any more.",
                "I can do that for you. Would you like it to end straight away, or at the end of "
                "the period you've already paid for?",
                "At the end of the period is fine.",
                "Offered a pause instead of cancelling; customer declined.",
                "your plan was bought through the app store, which has to process the "
                "cancellation. I've sent them the request and will confirm when it's done.",
                "Done: your {plan} ends at the end of the current period and won't renew. You "
                "keep all features until then.",
            ),
            Thread(
                "Renewal I didn't want",
                "I got charged {amount} for a {plan} renewal, but I thought I'd cancelled last "
                "month. Can I get that back?",
                "I'm sorry about the surprise renewal. Do you remember roughly when you tried to "
                "cancel, and whether you did it in the app or on the website?",
                "In the app, around the start of last month. I think it showed a confirmation.",
                "App cancellations failed silently for iOS users for a week last month; customer "
                "is eligible for a refund under the renewal policy.",
                "app store subscriptions have to be refunded by the store itself. I've opened a "
                "request with them on your behalf and will let you know what they decide.",
                "I've cancelled the subscription and refunded the renewal of {amount}. You'll see "
                "it back on your card within a few days.",
            ),
        ),
    ),
)
