"""Running caredesk in subprocesses against a database given only through the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# Settings the test runner may have set that would point a subprocess at the wrong place.
CAREDESK_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "TASK_BACKEND",
    "CAREDESK_DATA_DIR",
    "CAREDESK_SWEEP_INTERVAL_SECONDS",
    "DATABASE_POOL",
}


def subprocess_environment(database: dict[str, str]) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if k not in CAREDESK_VARIABLES}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "caredesk.settings",
        "SECRET_KEY": "caredesk-tests-only",
        "LOG_LEVEL": "WARNING",
        **database,
    }


# A bound on a hung command, not a speed claim: migrating a fresh PostgreSQL database on a
# loaded 2-core machine takes over a minute.
COMMAND_TIMEOUT_SECONDS = 240


def run(*arguments: str, database: dict[str, str], timeout: float = COMMAND_TIMEOUT_SECONDS) -> str:
    """Run ``python -m <arguments>`` against ``database``; fail with its output if it fails."""
    finished = subprocess.run(
        [sys.executable, "-m", *arguments],
        cwd=REPO_ROOT,
        env=subprocess_environment(database),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert finished.returncode == 0, (
        f"{' '.join(arguments)} exited {finished.returncode}\n"
        f"--- stdout\n{finished.stdout}\n--- stderr\n{finished.stderr}"
    )
    return finished.stdout


def caredesk(*arguments: str, database: dict[str, str]) -> str:
    return run("caredesk.cli", *arguments, database=database)


def scenario(*arguments: str, database: dict[str, str]) -> dict:
    output = run("tests.worker.scenario", *arguments, database=database)
    return json.loads(output.strip().splitlines()[-1])


def start(*arguments: str, database: dict[str, str], log_path: Path) -> subprocess.Popen:
    """Start ``caredesk <arguments>`` in the background, its output going to ``log_path``."""
    with log_path.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "caredesk.cli", *arguments],
            cwd=REPO_ROOT,
            env=subprocess_environment(database),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
