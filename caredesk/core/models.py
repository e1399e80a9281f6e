from django.db import models


class SchedulerLease(models.Model):
    """Who may act alone until when: the periodic scheduler's single-enqueuer lock.

    Written only by ``caredesk.core.leases``, with one conditional UPDATE per attempt.
    """

    name = models.CharField(max_length=100, primary_key=True)
    holder = models.CharField(max_length=200, blank=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} held by {self.holder or 'nobody'} until {self.expires_at:%Y-%m-%d %H:%M:%S}"
