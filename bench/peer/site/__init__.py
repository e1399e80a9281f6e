"""A minimal Django project serving django-helpdesk, run only inside the peer's venv."""
