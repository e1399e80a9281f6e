"""Typed readers for the environment; the only place settings come from outside the code.

Every secret may also come from a file named by ``<NAME>_FILE`` (Docker and systemd credentials).
Bad values fail loudly at start-up rather than silently falling back.
"""

import os
from pathlib import Path


class ConfigurationError(Exception):
    pass


def read(name: str, default: str | None = None) -> str | None:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text().strip()
    return os.environ.get(name, default)


def read_bool(name: str, default: bool = False) -> bool:
    value = read(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be a boolean (true/false), got {value!r}")


def read_int(name: str, default: int) -> int:
    value = read(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ConfigurationError(f"{name} must be an integer, got {value!r}") from error


def read_list(name: str, default: list[str]) -> list[str]:
    value = read(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
