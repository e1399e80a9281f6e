"""Where a server's CPU goes under load: py-spy samples it, this sums the samples up.

``py-spy record --format raw`` writes collapsed stacks ("frame;frame;frame count"). The summary
counts, per function, the samples it was on the stack (inclusive) and at the top (self), over
every process of the server (``--subprocesses``), and the share spent in a few named areas.
py-spy leaves out idle threads (waiting on a socket, a lock, a sleep), so the shares are of busy
CPU time.
"""

import collections
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

# Areas a sample belongs to, by the first match on its stack from the top (leaf) down.
AREAS = (
    ("database driver (psycopg / sqlite3)", ("psycopg", "sqlite3", "execute (django/db/backends")),
    ("template rendering", ("django/template",)),
    ("password / token hashing", ("argon2", "hashlib", "authenticate_token")),
    (
        "language / sentiment / classifiers",
        ("lingua", "vaderSentiment", "sklearn", "intelligence/"),
    ),
    ("JSON / schema (ninja, pydantic)", ("pydantic", "ninja/", "json/")),
    ("ORM (query building, model instances)", ("django/db/models",)),
    ("ASGI server / event loop", ("uvicorn", "asyncio", "asgiref", "uvloop", "httptools")),
)


def py_spy() -> str | None:
    here = Path(sys.executable).parent / "py-spy"
    return str(here) if here.exists() else shutil.which("py-spy")


def record(pid: int, seconds: int, out: Path) -> subprocess.Popen[bytes] | None:
    """Start sampling ``pid`` and its children for ``seconds``; None when py-spy is missing."""
    binary = py_spy()
    if binary is None:
        return None
    return subprocess.Popen(
        [binary, "record", "--pid", str(pid), "--subprocesses", "--duration", str(seconds),
         "--rate", "97", "--format", "raw", "--output", str(out), "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip


def summarise(collapsed: Path, *, top: int = 12) -> dict[str, Any]:
    inclusive: collections.Counter[str] = collections.Counter()
    leaf: collections.Counter[str] = collections.Counter()
    areas: collections.Counter[str] = collections.Counter()
    total = 0
    for line in collapsed.read_text(errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        leaf[frames[-1]] += count
        for frame in set(frames):
            inclusive[frame] += count
        areas[_area(frames)] += count
    busy = max(1, total)
    return {
        "samples": total,
        "areas_of_busy": {name: round(n / busy, 3) for name, n in areas.most_common()},
        "top_self": [(frame, round(n / busy, 3)) for frame, n in leaf.most_common(top)],
        "top_caredesk_inclusive": [
            (frame, round(n / busy, 3))
            for frame, n in inclusive.most_common()
            if "caredesk/" in frame and "bench/" not in frame
        ][:top],
    }


def _area(frames: list[str]) -> str:
    for frame in reversed(frames):
        for name, needles in AREAS:
            if any(needle in frame for needle in needles):
                return name
    return "other Python"
