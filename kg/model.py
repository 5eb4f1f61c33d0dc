"""The graph model, read once from ``kg/data/model.yaml``."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

EXPORT_FORMAT_VERSION = 1
# A label or relationship type is pasted into Cypher (Cypher cannot take them as
# parameters in MERGE on 5.x); only names from the model that match this may be.
_IDENTIFIER = re.compile(r"^[A-Z][A-Za-z_]*$")


@dataclass(frozen=True, eq=False)
class Model:
    labels: dict[str, dict[str, Any]]
    secondary_labels: tuple[str, ...]
    relationships: dict[str, dict[str, list[str]]]
    evidence_cap: int

    def check_label(self, label: str) -> str:
        if label not in self.labels and label not in self.secondary_labels:
            raise ValueError(f"unknown label {label!r}")
        if not _IDENTIFIER.match(label):
            raise ValueError(f"label {label!r} is not a plain identifier")
        return label

    def check_type(self, rel_type: str) -> str:
        if rel_type not in self.relationships or not _IDENTIFIER.match(rel_type):
            raise ValueError(f"unknown relationship type {rel_type!r}")
        return rel_type

    def all_labels(self) -> list[str]:
        return list(self.labels) + list(self.secondary_labels)

    def labels_for(self, label: str, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The main label, its fixed extra labels (Organization) and any given ones, sorted."""
        return _labels_for(self, label, tuple(extra))


@lru_cache(maxsize=4096)
def _labels_for(m: Model, label: str, extra: tuple[str, ...]) -> tuple[str, ...]:
    found = {label, *m.labels[label].get("extra_labels", []), *extra}
    return tuple(sorted(m.check_label(x) for x in found))


@lru_cache(maxsize=1)
def model() -> Model:
    raw = yaml.safe_load(resources.files("kg").joinpath("data/model.yaml").read_text("utf-8"))
    return Model(
        labels=raw["labels"],
        secondary_labels=tuple(raw.get("secondary_labels", [])),
        relationships=raw["relationships"],
        evidence_cap=int(raw.get("evidence_cap", 5)),
    )


def main_label(labels) -> str:
    """The model label among a node's labels (not Organization/App)."""
    m = model()
    for lab in labels:
        if lab in m.labels:
            return lab
    raise ValueError(f"no main label among {labels!r}")


def entity_id(label: str, name: str) -> str:
    """Readable, stable node id: ``company:上海悠络客电子科技有限公司``."""
    return f"{label.lower()}:{name}"


def hashed_id(label: str, *parts: Any) -> str:
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{label.lower()}:{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"
