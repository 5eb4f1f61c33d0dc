"""schema.cypher, read from the package and split into statements."""
from __future__ import annotations

from importlib import resources


def schema_text() -> str:
    return resources.files("kg").joinpath("schema.cypher").read_text("utf-8")


def schema_statements() -> list[str]:
    lines = [ln for ln in schema_text().splitlines() if not ln.strip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
