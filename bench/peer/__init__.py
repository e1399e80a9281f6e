"""The peer, django-helpdesk 2.6.1, measured side by side in the same run (see bench/README.md).

``run.py`` drives it from caredesk's process; ``seed.py`` and ``site/`` run in the peer's own
venv (``var/peer/venv``, made by ``venv.py`` from ``requirements.txt``).
"""
