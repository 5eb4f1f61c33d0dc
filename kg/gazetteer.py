"""Known entities (gazetteers) from the package's data files and the user's own.

A gazetteer file is YAML keyed by label, each entry a dict with ``name`` and
optionally ``aliases``, ``weak_aliases``, ``parent``, ``roles``, ``level``,
``status``, ``extra_labels``, ``ticker``, ``location``. The user's files (``--gazetteer`` or
``KG_GAZETTEER``, several separated by ``os.pathsep``) are read after the
package's: an entry with a known name adds to that entity; a new name adds an entity.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from .model import model

PACKAGE_FILES = ("companies.yaml", "authorities.yaml", "media.yaml",
                 "regulations.yaml", "data_categories.yaml")


class GazetteerError(ValueError):
    pass


@dataclass
class Entry:
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    weak_aliases: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Location:
    name: str
    short: str
    level: str
    parent: str
    code: str


class Gazetteer:
    def __init__(self, entries: Iterable[Entry], locations: list[Location]):
        self.entries: dict[tuple[str, str], Entry] = {}
        for e in entries:
            self._add(e)
        self.locations = locations
        # strong surface form → (label, canonical name); weak forms kept apart
        self.strong: dict[str, tuple[str, str]] = {}
        self.weak: dict[str, tuple[str, str]] = {}
        for e in self.entries.values():
            for form in (e.name, *e.aliases):
                self.strong.setdefault(form, (e.label, e.name))
            for form in e.weak_aliases:
                self.weak.setdefault(form, (e.label, e.name))
        self.location_by_name: dict[str, list[Location]] = {}
        for loc in locations:
            for form in {loc.name, loc.short}:
                if len(form) >= 2:
                    self.location_by_name.setdefault(form, []).append(loc)
        # an outlet's web domains (lower case) → its name: a source given as a url or a domain
        self.media_by_domain: dict[str, str] = {d.lower(): e.name for e in self.entries.values()
                                                if e.label == "Media" for d in e.attrs.get("domains", ())}

    def _add(self, e: Entry) -> None:
        key = (e.label, e.name)
        if key in self.entries:
            old = self.entries[key]
            old.aliases = sorted(set(old.aliases) | set(e.aliases))
            old.weak_aliases = sorted(set(old.weak_aliases) | set(e.weak_aliases))
            old.attrs.update(e.attrs)
        else:
            self.entries[key] = e

    def get(self, label: str, name: str) -> Entry | None:
        return self.entries.get((label, name))


def _read_entries(text: str, where: str) -> list[Entry]:
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{where}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise GazetteerError(f"{where}: expected a mapping of label → list of entries")
    m = model()
    out = []
    for label, items in raw.items():
        if label not in m.labels or label in ("Article", "Penalty"):
            raise GazetteerError(f"{where}: unknown label {label!r} (use one of "
                                 f"{', '.join(x for x in m.labels if x not in ('Article', 'Penalty'))})")
        for i, item in enumerate(items or []):
            if not isinstance(item, dict) or not str(item.get("name", "")).strip():
                raise GazetteerError(f"{where}: {label} entry {i + 1} has no name")
            item = dict(item)
            name = str(item.pop("name")).strip()
            aliases = [str(a) for a in item.pop("aliases", []) or []]
            weak = [str(a) for a in item.pop("weak_aliases", []) or []]
            out.append(Entry(label, name, aliases, weak, item))
    return out


def _read_locations() -> list[Location]:
    text = resources.files("kg").joinpath("data/locations.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("name\t"):
            continue
        name, short, level, parent, code = line.split("\t")
        rows.append(Location(name, short, level, parent, code))
    return rows


def user_gazetteer_paths() -> list[str]:
    env = os.environ.get("KG_GAZETTEER", "")
    return [p for p in env.split(os.pathsep) if p]


@lru_cache(maxsize=8)
def load(user_files: tuple[str, ...] = ()) -> Gazetteer:
    entries: list[Entry] = []
    base = resources.files("kg").joinpath("data/gazetteer")
    for name in PACKAGE_FILES:
        entries += _read_entries(base.joinpath(name).read_text("utf-8"), f"kg/data/gazetteer/{name}")
    for path in user_files:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise GazetteerError(f"{path}: cannot read gazetteer: {exc.strerror or exc}") from None
        entries += _read_entries(text, path)
    return Gazetteer(entries, _read_locations())
