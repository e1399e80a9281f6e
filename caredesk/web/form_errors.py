"""The old home of ``add_domain_error``, kept while the automation screens still import it from
here; it lives in ``caredesk.core.ui.form_errors``."""

from caredesk.core.ui.form_errors import add_domain_error

__all__ = ["add_domain_error"]
