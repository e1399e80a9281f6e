"""The peer's own venv at ``var/peer/venv``, made with ``python -m venv`` and pip from the
exact pins in ``requirements.txt``; remade only when the pins change (a stamp holds them)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / "var" / "peer" / "venv"
PYTHON = VENV / "bin" / "python"
REQUIREMENTS = Path(__file__).resolve().parent / "requirements.txt"
STAMP = VENV / ".bench-requirements"


def ensure() -> Path:
    """The peer venv's python, installing it first when it is missing or out of date."""
    wanted = REQUIREMENTS.read_text()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return PYTHON
    print(f"  installing django-helpdesk and its pins into {VENV}", flush=True)
    VENV.parent.mkdir(parents=True, exist_ok=True)
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--clear", str(VENV)], check=True)
    pip = [str(PYTHON), "-m", "pip", "install", "-qq", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True)
    STAMP.write_text(wanted)
    return PYTHON
