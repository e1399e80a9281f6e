"""The old home of ``zone_of``, kept while the approvals screen still imports it from here; it
lives in ``caredesk.accounts.ui.zones`` and the SLA display in ``caredesk.sla.ui.display``."""

from caredesk.accounts.ui.zones import zone_of

__all__ = ["zone_of"]
