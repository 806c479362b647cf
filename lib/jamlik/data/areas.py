"""The register of areas: 290 kommuner, 21 län and Riket, with län, SKR kommungrupp and
Kolada's "liknande kommuner" groups. Source: Kolada API v3 and SCB (see data/SOURCES.md).

>>> kommun("karlskoga").code
'1883'
>>> kommun("Orebro").name
'Örebro'
"""

import csv
import json
import re
from dataclasses import dataclass
from functools import cache

from jamlik.base.errors import UnknownAreaError
from jamlik.base.names import closest, normalize, or_list
from jamlik.base.paths import PACKAGE_DATA

RIKET = "0000"


@dataclass(frozen=True)
class Area:
    code: str
    name: str  # short Swedish name: "Karlskoga", "Örebro län", "Riket"
    official_name: str  # "Karlskoga kommun", "Region Örebro län"
    kind: str  # "kommun", "lan" or "riket"
    lan: str = ""  # län code ("0018") for a kommun
    skr_group: str = ""  # SKR kommungrupp for a kommun

    @property
    def label(self) -> str:
        return f"{self.code} ({self.name})"


@cache
def all_areas() -> dict[str, Area]:
    with open(PACKAGE_DATA / "areas.csv", encoding="utf-8") as f:
        return {row["code"]: Area(**row) for row in csv.DictReader(f)}


def kommuner() -> list[Area]:
    return [a for a in all_areas().values() if a.kind == "kommun"]


def lan_list() -> list[Area]:
    return [a for a in all_areas().values() if a.kind == "lan"]


@cache
def _index(kind: str | None) -> dict[str, str]:
    """Normalized code or name -> area code, for one kind of area (or all)."""
    index: dict[str, str] = {}
    for area in all_areas().values():
        if kind and area.kind != kind:
            continue
        keys = {area.code, area.name, area.official_name}
        if area.kind == "kommun":
            keys.add(area.name + " kommun")
        if area.kind == "lan":
            keys |= {area.code[2:], area.code[2:].lstrip("0"), area.name.removesuffix(" län")}
        for key in keys:
            index.setdefault(normalize(key), area.code)
    return index


def _match(key: str, index: dict[str, str]) -> str | None:
    """Exact key, then without "kommun"/"stad"/"region" and a genitive s ("Falu kommun",
    "Stockholms stad", "Region Gotland"), then a unique name that starts with the stem."""
    stem = re.sub(r"^region |( kommun| stad)$", "", key)
    for candidate in (key, stem, stem.removesuffix("s")):
        if candidate in index:
            return index[candidate]
    starting = {code for name, code in index.items() if name.startswith(stem) and not name.isdigit()}
    return starting.pop() if len(starting) == 1 and len(stem) >= 3 else None


def find(query: str | int, kind: str | None = None) -> Area:
    """Look up an area by code or name, forgiving case and accents.

    Raises
    ------
    UnknownAreaError
        With the closest matches, e.g. "Okänd kommun '1884'. Menade du 1883 (Karlskoga)?"
    """
    text = str(query).strip()
    if isinstance(query, int) or (text.isdigit() and len(text) < 4 and kind == "kommun"):
        text = text.zfill(4)
    code = _match(normalize(text), _index(kind))
    if code:
        return all_areas()[code]
    what = {"kommun": "Okänd kommun", "lan": "Okänt län"}.get(kind, "Okänt område")
    labels = {key: all_areas()[code].label for key, code in _index(kind).items()}
    suggestions = closest(text, labels)
    hint = f" Menade du {or_list(suggestions)}?" if suggestions else ""
    raise UnknownAreaError(f"{what} '{query}'.{hint} Se listan med 'jamlik kommuner'.")


def kommun(query: str | int) -> Area:
    """A kommun by code or name: ``kommun("1883")``, ``kommun("Karlskoga kommun")``."""
    return find(query, "kommun")


def lan(query: str | int) -> Area:
    """A län by code or name: ``lan("18")``, ``lan("Örebro län")``, ``lan("Region Örebro län")``."""
    return find(query, "lan")


def lan_of(area: Area) -> Area:
    return all_areas()[area.lan]


def kommuner_in(lan_area: Area) -> list[Area]:
    return [a for a in kommuner() if a.lan == lan_area.code]


@cache
def _peer_groups() -> dict:
    return json.loads((PACKAGE_DATA / "peer_groups.json").read_text(encoding="utf-8"))


def peer_group(area: Area, topic: str = "övergripande") -> tuple[str, list[Area]]:
    """Kolada's "Liknande kommuner <topic>" for a kommun: (group title, members).

    Falls back to the overall group when the topic has none for this kommun.
    """
    groups = _peer_groups().get(area.code, {})
    group = groups.get(topic) or groups.get("övergripande")
    if not group:
        return "", []
    topic = topic if topic in groups else "övergripande"
    title = f"Liknande kommuner, {topic} ({group['year']})"
    return title, [all_areas()[code] for code in group["members"]]
