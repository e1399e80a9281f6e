"""gunicorn's worker class for the production profile: uvicorn workers without the lifespan probe.

Django's ASGI handler does not speak the lifespan protocol; uvicorn's default ("auto") probes it
in every worker and logs that it is unsupported. Turning it off says so once, here.
"""

from typing import Any

from uvicorn_worker import UvicornWorker as BaseUvicornWorker


class UvicornWorker(BaseUvicornWorker):
    CONFIG_KWARGS: dict[str, Any] = {**BaseUvicornWorker.CONFIG_KWARGS, "lifespan": "off"}
