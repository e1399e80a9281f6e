"""Schema pieces every automation API shares: strict input and a person's name."""

from ninja import Schema
from pydantic import ConfigDict


class StrictSchema(Schema):
    model_config = ConfigDict(extra="forbid")


class PersonOut(Schema):
    id: int
    name: str
