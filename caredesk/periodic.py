"""The one list of periodic work: what ``caredesk worker`` enqueues on each sweep interval.

``caredesk.core.scheduler`` runs it; the interval is ``CAREDESK_SWEEP_INTERVAL_SECONDS``. Add a
task here only if it takes no arguments and is idempotent (several workers may overlap briefly).
"""

from datetime import timedelta

from caredesk.automation.routing.tasks import reassign_unanswered_task
from caredesk.automation.rules.tasks import run_due_time_rules_task, send_due_webhooks_task
from caredesk.channels.chat.tasks import expire_chats_task
from caredesk.channels.email.tasks import email_due_work_task, poll_mailboxes_task
from caredesk.channels.social.tasks import send_due_deliveries_task
from caredesk.channels.voice.tasks import notify_overdue_callbacks_task
from caredesk.core.scheduler import PeriodicTask
from caredesk.core.tasks import optimize_database, prune_task_results
from caredesk.intelligence.tasks import retrain_models_task
from caredesk.sla.tasks import run_due_work_task

PERIODIC_TASKS = [
    # SLA warnings and breaches, delayed escalations, follow-up and auto-close timers.
    PeriodicTask(run_due_work_task),
    PeriodicTask(prune_task_results, every=timedelta(hours=1)),
    PeriodicTask(optimize_database, every=timedelta(hours=1)),
    # Classifiers learn from the week's solved tickets (only targets whose history grew a tenth).
    PeriodicTask(retrain_models_task, every=timedelta(days=1)),
    # Email: fetch IMAP mailboxes; process mail a dead worker left; retry failed sends.
    PeriodicTask(poll_mailboxes_task),
    PeriodicTask(email_due_work_task),
    # Phone: tell the team about missed calls not called back in time.
    PeriodicTask(notify_overdue_callbacks_task),
    # Live chat: chats nobody accepted in time go on by email; idle chats close.
    PeriodicTask(expire_chats_task),
    # Social/API: retry replies the bridge did not accept yet.
    PeriodicTask(send_due_deliveries_task),
    # Rules: time automations that came due; webhook calls to retry.
    PeriodicTask(run_due_time_rules_task),
    PeriodicTask(send_due_webhooks_task),
    # Routing: pass on routed tickets their agent did not answer in the team's time.
    PeriodicTask(reassign_unanswered_task),
]
