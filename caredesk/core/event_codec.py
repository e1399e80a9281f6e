"""Domain events as JSON of ids, and back: how an after-commit reaction reaches a task.

Rows travel as ``(model, pk)`` and are read again when the event is rebuilt, so a reaction sees
the database as it is when it runs, not the instance the publisher held. Only caredesk's own
dataclasses are rebuilt; anything else in an event is a JSON value already.
"""

import importlib
from dataclasses import fields, is_dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from django.apps import apps
from django.db import models

OWN_PACKAGE = "caredesk."


class Gone(Exception):
    """A row the event names was deleted before the reaction ran: there is nothing to react to."""


def type_name(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def encode(value: Any) -> Any:
    if isinstance(value, models.Model):
        return {"$model": value._meta.label, "pk": value.pk}
    if is_dataclass(value) and not isinstance(value, type):
        return {
            "$dataclass": type_name(type(value)),
            "fields": {item.name: encode(getattr(value, item.name)) for item in fields(value)},
        }
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return {"$tuple": [encode(item) for item in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {"$dict": {str(key): encode(item) for key, item in value.items()}}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"An event cannot carry {type(value).__name__} after the commit.")


def decode(value: Any) -> Any:
    return _Decoder().decode(value)


class _Decoder:
    """One rebuild: a row named twice in an event (a ticket and its clock's ticket) is read once."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, Any], models.Model] = {}

    def decode(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.decode(item) for item in value]
        if not isinstance(value, dict):
            return value
        if "$model" in value:
            return self._row(value["$model"], value["pk"])
        if "$dataclass" in value:
            kind = _own_type(value["$dataclass"])
            return kind(**{name: self.decode(item) for name, item in value["fields"].items()})
        if "$datetime" in value:
            return datetime.fromisoformat(value["$datetime"])
        if "$tuple" in value:
            return tuple(self.decode(item) for item in value["$tuple"])
        if "$dict" in value:
            return {key: self.decode(item) for key, item in value["$dict"].items()}
        raise ValueError(f"Not an encoded event value: {sorted(value)}")

    def _row(self, label: str, pk: Any) -> models.Model:
        key = (label, pk)
        if key not in self.rows:
            model = apps.get_model(label)
            try:
                self.rows[key] = model._default_manager.get(pk=pk)
            except model.DoesNotExist as error:
                raise Gone(f"{label} {pk}") from error
        return self.rows[key]


def _own_type(name: str) -> type:
    if not name.startswith(OWN_PACKAGE):
        raise ValueError(f"Events rebuild only caredesk's own types, not {name}.")
    module_name, _, qualname = name.rpartition(".")
    kind = getattr(importlib.import_module(module_name), qualname)
    if not isinstance(kind, type) or not is_dataclass(kind):
        raise ValueError(f"{name} is not an event dataclass.")
    return kind
