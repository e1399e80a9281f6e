"""The Dockerfile and docker-compose.yml, checked without a Docker engine (none runs here).

The smoke test runs the production profile natively; these tests keep the container files true to
it: every command they run parses as the CLI's own, every setting they pass is one caredesk reads,
and the non-editable install the image makes carries every file of the app.
"""

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands, load_command_class

REPO = Path(__file__).resolve().parents[2]
CAREDESK_SERVICES = ("migrate", "web", "worker", "imap")


def _compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def _dockerfile_cmd() -> list[str]:
    line = next(
        line for line in (REPO / "Dockerfile").read_text().splitlines() if line.startswith("CMD ")
    )
    return list(json.loads(line.removeprefix("CMD ")))


def _commands() -> list[list[str]]:
    services = _compose()["services"]
    return [list(services[name]["command"]) for name in CAREDESK_SERVICES] + [_dockerfile_cmd()]


@pytest.mark.parametrize("argv", _commands(), ids=lambda argv: " ".join(argv[:2]))
def test_each_container_command_parses_as_the_cli_s_own(argv) -> None:
    assert argv[0] == "caredesk"
    name = argv[1]
    commands = get_commands()
    assert name in commands, f"caredesk has no {name!r} command"
    parser = load_command_class(commands[name], name).create_parser("caredesk", name)
    # An unknown flag or a bad value raises CommandError here, as it would stop the container.
    parser.parse_args(argv[2:])


def test_the_web_service_leaves_tasks_to_the_worker_service() -> None:
    services = _compose()["services"]
    assert "--no-worker" in services["web"]["command"]
    assert services["worker"]["command"] == ["caredesk", "worker"]
    assert services["web"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )


def test_every_setting_the_compose_file_passes_is_one_caredesk_reads() -> None:
    environment = _compose()["x-caredesk"]["environment"]
    source = "\n".join(path.read_text() for path in (REPO / "caredesk").glob("**/*.py"))
    read = set(re.findall(r"""env\.read\w*\(\s*["']([A-Z_]+)["']""", source))
    read |= set(re.findall(r"""environ(?:\.get\(|\[)\s*["']([A-Z_]+)["']""", source))
    assert set(environment) - read == set()


def _image_sources(context: Path) -> None:
    """What the Dockerfile's COPY lines put in the image, copied into ``context``."""
    for line in (REPO / "Dockerfile").read_text().splitlines():
        if not line.startswith("COPY "):
            continue
        *sources, _ = line.split()[1:]
        for source in sources:
            if (REPO / source).is_dir():
                shutil.copytree(
                    REPO / source, context / source, ignore=shutil.ignore_patterns("__pycache__")
                )
            else:
                shutil.copyfile(REPO / source, context / source)


def test_the_image_s_install_carries_every_file_of_the_app(tmp_path) -> None:
    """The image copies a few paths and runs ``pip install .`` (not editable): templates, static
    files and migrations must be in what it builds, or the container starts without pages or
    tables."""
    context, wheels = tmp_path / "context", tmp_path / "wheels"
    context.mkdir()
    _image_sources(context)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(wheels), str(context)],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("caredesk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        packaged = {name for name in archive.namelist() if name.startswith("caredesk/")}
    sources = {
        str(path.relative_to(REPO))
        for path in (REPO / "caredesk").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert sources - packaged == set()
    assert any(name.endswith(".html") for name in packaged)
    assert any("/migrations/0001_" in name for name in packaged)
