"""Requests for the Technical team: sign-in, the app, the API and faulty devices."""

from caredesk.demo.people import TECHNICAL
from caredesk.demo.scenarios.conversation import Scenario, Thread

TECHNICAL_SCENARIOS = (
    Scenario(
        "login",
        "technical",
        TECHNICAL,
        ("login", "account"),
        (
            Thread(
                "Password reset email never arrives",
                "I can't log in to the Brightside app. I reset my password twice but the reset "
                "email never arrives, not even in spam.",
                "Sorry you're locked out. Which email address did you sign up with? It may differ "
                "from the one you're writing from.",
                "I might have used my old work address at {company}. Can you look it up by my "
                "name?",
                "Reset emails to this domain bounce: their mail server rejects our sending "
                "address. Asked them to allow-list us.",
                "your company's mail server is currently rejecting our emails. I've contacted our "
                "email provider to get it resolved and will let you know as soon as it's fixed.",
                "I've moved your account to the address you're writing from and sent a fresh "
                "reset link; it's valid for 30 minutes. You should be able to log in now.",
            ),
            Thread(
                "App says invalid credentials",
                "The app says 'invalid credentials' even though I'm sure the password is right. I "
                "changed it on the website yesterday.",
                "Could you tell me which version of the app you have? You'll find it under "
                "Settings > About, even when logged out.",
                "It says version 4.1.2 on my {device}.",
                "4.1.2 caches the old password after a change on the web; fixed in 4.2.",
                "the fix is in the app update that is waiting for the store's review. It usually "
                "takes a day or two; I'll let you know the moment it's live.",
                "Updating the app to version 4.2 fixes the sign-in problem. Once updated, log in "
                "with your new password and you're all set.",
            ),
            Thread(
                "Locked out of my account",
                "My account says it's locked after I mistyped my password a few times. How long "
                "does that last?",
                "I can unlock it for you. To make sure it's you, could you tell me the order "
                "number of your most recent purchase?",
                "The last one was {order}.",
                "Account locked after 10 failed attempts from two countries; checked, it was the "
                "customer travelling. Unlocked.",
                "because the failed attempts came from two countries, our security team has to "
                "review the account before it's unlocked. They do it every morning.",
                "I've unlocked your account. You can log in straight away, and I'd suggest "
                "turning on two-factor sign-in under Settings > Security.",
            ),
        ),
    ),
    Scenario(
        "two_factor",
        "technical",
        TECHNICAL,
        ("login", "2fa"),
        (
            Thread(
                "Lost my phone, can't get 2FA code",
                "I got a new phone and the authenticator app didn't transfer. Now I can't log in "
                "because I have no two-factor code. How do I get back in?",
                "To remove two-factor sign-in we need to confirm it's you. Could you tell me the "
                "order number of your most recent purchase and the city it was delivered to?",
                "The last order was {order}, delivered to Leeds.",
                "Identity confirmed against order history; safe to reset 2FA.",
                "resetting two-factor sign-in needs a second approval from our security team. "
                "They review requests every morning, so you'll hear from me tomorrow.",
                "I've switched off two-factor sign-in on your account. Log in with your password "
                "and set it up again under Settings > Security with the new phone.",
            ),
            Thread(
                "Two-factor codes not accepted",
                "Every two-factor code I enter is rejected as 'expired', even right after it "
                "appears.",
                "Expired codes usually mean the phone's clock is off. Could you check that date "
                "and time are set automatically on your {device}?",
                "The clock was set manually and two minutes behind. I switched it to automatic.",
                "Second 2FA ticket this month about clock drift; suggesting a clearer error "
                "message to the app team.",
                "our security team is checking whether your codes are rejected for another reason "
                "too. I'll get back to you as soon as they've looked.",
                "With the clock corrected the codes work again; I can see your successful sign-in "
                "on our side. Thanks for your patience!",
            ),
        ),
    ),
    Scenario(
        "app_sync",
        "technical",
        TECHNICAL,
        ("app", "sync"),
        (
            Thread(
                "{product} shows offline in the app",
                "My {product} shows as offline in the app, although it's working and connected to "
                "the wifi. Schedules I set in the app don't reach it.",
                "Could you try removing the {product} from the app and adding it again? If it "
                "still shows offline, send me the device ID from the back of the unit.",
                "Removed and re-added it, still offline. The device ID is BH-{days}A7-3C.",
                "Device is on firmware 2.3, which has the reconnect bug. Pushing 2.4.",
                "firmware updates to devices in your region are paused while a new version is "
                "tested. It's due to be released this week and I'll make sure yours is first.",
                "I've pushed firmware 2.4 to your {product}; after its restart it showed up "
                "online on our side. Schedules should sync again.",
            ),
            Thread(
                "App keeps crashing on the Rooms tab",
                "The Brightside app crashes every time I open the Rooms tab on my {device}.",
                "Sorry about the crashes. Could you send the diagnostic report from Settings > "
                "Help > Send diagnostics and tell me when it last happened?",
                "Sent the diagnostics just now; it crashed at 9:40 this morning.",
                "Crash is in the Rooms tab with more than 12 devices; app team knows, fix in the "
                "next release.",
                "the app team has confirmed the fault and a fix is scheduled for the next "
                "release. I've linked your report to it and will let you know when it's out.",
                "Version 4.2.1 of the app is out today and fixes the crash. Please update and let "
                "us know if anything else looks wrong.",
            ),
        ),
    ),
    Scenario(
        "api_errors",
        "technical",
        TECHNICAL,
        ("api", "integration"),
        (
            Thread(
                "API returns 429 Too Many Requests",
                "Our integration started getting 429 responses from /v2/readings since this "
                "morning. We poll every 30 seconds for about 40 devices.",
                "Could you send the request IDs (the X-Request-Id header) of a few failed calls "
                "and the time they happened, in UTC?",
                "Request IDs: 7f3a9c, 81bb02, 9c04de, all between 08:10 and 08:15 UTC.",
                "Per-account limit is 60/min; 40 devices every 30 s is 80/min. Suggest the batch "
                "endpoint.",
                "raising an account's rate limit needs approval from the platform team. I've sent "
                "them your use case and will get back to you when they've decided.",
                "The batch endpoint /v2/readings:batch returns all devices in one call, which "
                "keeps you well under the limit. I've added an example to our docs.",
            ),
            Thread(
                "Webhook deliveries stopped",
                "We stopped receiving webhook deliveries for device events about {days} days ago. "
                "Nothing changed on our side.",
                "Could you check what the developer dashboard shows for your webhook endpoint? We "
                "disable endpoints that time out repeatedly.",
                "The dashboard says 'disabled after repeated failures'. We did have a deploy that "
                "week.",
                "Endpoint was disabled automatically after 50 timeouts; logs confirm.",
                "replaying more than a few days of events needs the platform team, and they are "
                "scheduling it for tonight's maintenance window. I'll confirm tomorrow.",
                "I've re-enabled your webhook endpoint and replayed the events from the last "
                "{days} days. You should see them arriving now.",
            ),
        ),
    ),
    Scenario(
        "product_defect",
        "product",
        TECHNICAL,
        ("defect", "warranty"),
        (
            Thread(
                "{product} stopped working",
                "My {product} (order {order}) stopped working after {days} days. The light blinks "
                "red three times and then nothing.",
                "I'm sorry to hear that. Could you hold the reset button for 10 seconds and tell "
                "me what the light does afterwards?",
                "After the reset the light goes solid amber and stays like that.",
                "Solid amber after reset means a failed relay board. Warranty replacement, no "
                "need to return it first.",
                "we've run out of replacement units in your region. New stock is due from the "
                "supplier next week and yours is reserved; I'll confirm when it ships.",
                "That's a hardware fault, so I've sent you a replacement {product} under "
                "warranty; it ships today with {carrier}. Please keep the old one until the new "
                "one is working.",
            ),
            Thread(
                "{product} makes a clicking noise",
                "The {product} I bought makes a loud clicking noise every few minutes. Is that "
                "normal?",
                "That's not normal. Does it happen when the unit switches on or off, or also in "
                "between?",
                "It clicks when it switches on, and sometimes in between for no reason.",
                "Third report of this from the same production batch; told the quality team.",
                "our quality team wants to examine units from this batch before we replace them. "
                "They'll tell me by Friday which replacement to send you.",
                "I've arranged a free replacement from a newer batch. A prepaid return label for "
                "the noisy unit is in your inbox.",
            ),
        ),
    ),
)

# A fault many customers report at once: the demo opens one problem ticket and links the rest.
OUTAGE = Scenario(
    "outage",
    "technical",
    TECHNICAL,
    ("app", "incident"),
    (
        Thread(
            "App shows 'Sync failed' since the update",
            "Since this morning the Brightside app shows 'Sync failed' for every device and I "
            "can't change any settings.",
            "Sorry about this. Could you tell me the app version shown under Settings > About?",
            "It says 4.2.0.",
            "Known incident: 4.2.0 sends the wrong API version header. Linked to the problem "
            "ticket.",
            "this is a fault on our side affecting many customers. The fix is in review and we'll "
            "update you as soon as it's released.",
            "We've released app version 4.2.1, which fixes the sync error. Please update and it "
            "should work straight away. Sorry for the disruption!",
        ),
        Thread(
            "Nothing syncs after the app update",
            "After updating the app today my {product} won't sync. The app says 'Sync failed, try "
            "again later'.",
            "Could you try pulling down to refresh the device list and tell me whether the error "
            "comes back?",
            "Refreshing doesn't help, the error comes back straight away.",
            "Same root cause as the other sync reports today.",
            "this is a fault on our side affecting many customers. The fix is in review and we'll "
            "update you as soon as it's released.",
            "We've released app version 4.2.1, which fixes the sync error. Please update and it "
            "should work straight away. Sorry for the disruption!",
        ),
    ),
)
