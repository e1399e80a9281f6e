"""The one list of periodic work: what ``caredesk worker`` enqueues on each sweep interval.

``caredesk.core.scheduler`` runs it; the interval is ``CAREDESK_SWEEP_INTERVAL_SECONDS``. Add a
task here only if it takes no arguments and is idempotent (several workers may overlap briefly).
"""

from datetime import timedelta

from caredesk.core.scheduler import PeriodicTask
from caredesk.core.tasks import optimize_database, prune_task_results
from caredesk.sla.tasks import run_due_work_task

PERIODIC_TASKS = [
    # SLA warnings and breaches, delayed escalations, follow-up and auto-close timers.
    PeriodicTask(run_due_work_task),
    PeriodicTask(prune_task_results, every=timedelta(hours=1)),
    PeriodicTask(optimize_database, every=timedelta(hours=1)),
]
