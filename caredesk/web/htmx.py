"""The old home of the htmx helpers, kept while the automation screens still import it from
here; they live in ``caredesk.core.ui.htmx``."""

from caredesk.core.ui.htmx import HtmxHttpRequest, vary_on_htmx, wants_fragment

__all__ = ["HtmxHttpRequest", "vary_on_htmx", "wants_fragment"]
