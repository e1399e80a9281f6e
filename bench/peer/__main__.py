"""``python -m bench.peer '<workload json>' SERVER_KIND '<words json>' RESULT_PATH``.

bench/load.py's types import caredesk's models, so Django is set up first with caredesk's
settings on a scratch directory; no caredesk database is opened in this process.
"""

import os
import shutil
import tempfile
from pathlib import Path

import django

from bench.databases import django_environment

scratch = Path(tempfile.mkdtemp(prefix="peer-bench-django-"))
os.environ.update(django_environment("sqlite", scratch))
django.setup()
try:
    from bench.peer.run import main

    main()
finally:
    shutil.rmtree(scratch, ignore_errors=True)
