"""Where the values in a briefing came from, in Swedish: for the cover line and "Om statistiken".

Each value in the store carries its source, retrieval date and origin; here they are grouped
into the few phrases a reader needs ("Kolada (RKA), ögonblicksbild 30 augusti 2024").
"""

import datetime

import pandas as pd

from jamlik.base.text import and_list, format_day, in_words
from jamlik.data import demo, own_values, snapshot

SOURCE_NAMES = {"kolada": "Kolada (RKA)", "scb": "SCB", "egen": "Egna uppgifter"}
DEMO_PHRASE = "demodata genererade av jamlik (inte officiell statistik)"


def _day(iso: str) -> str:
    return format_day(datetime.date.fromisoformat(iso[:10]))


def phrase(source: str, snapshot_day: str = "", fetched: str = "") -> str:
    """``Kolada (RKA), ögonblicksbild 30 augusti 2024 och hämtad 3 december 2026`` from ISO dates."""
    ways = ([f"ögonblicksbild {_day(snapshot_day)}"] if snapshot_day else []) + \
        ([f"hämtad {_day(fetched)}"] if fetched else [])
    name = SOURCE_NAMES.get(source, source)
    return f"{name}, {' och '.join(ways)}" if ways else name


def source_phrases(frame: pd.DataFrame) -> list[str]:
    """One phrase per source: ``Kolada (RKA), ögonblicksbild 30 augusti 2024 och hämtad 3 december
    2026`` (the snapshot, then the latest live retrieval), ``SCB, hämtad …``, the strategist's own
    (``Elevhälsan, Karlskoga kommun, inläst 7 december 2026``), and demo last."""
    phrases = []
    imported = own_values.is_imported(frame)
    for source, rows in frame[imported].groupby("source"):
        phrases.append(f"{source}, inläst {_day(rows['retrieved'].max())}")
    frame = frame[~imported]
    for source, rows in frame[frame["source"] != demo.SOURCE].groupby("source"):
        from_snapshot = snapshot.is_snapshot(rows)
        dates = rows.loc[~from_snapshot, "retrieved"].dropna()
        phrases.append(phrase(source, snapshot.DATE if from_snapshot.any() else "", dates.max() if len(dates) else ""))
    if (frame["source"] == demo.SOURCE).any():
        phrases.append(DEMO_PHRASE)
    return phrases


def origin_notes(frame: pd.DataFrame) -> list[str]:
    """Plain sentences on how the values reached jamlik, for "Om statistiken"."""
    notes = []
    if snapshot.is_snapshot(frame).any():
        notes.append(
            f"Värdena från Kolada kommer ur en ögonblicksbild av Koladas öppna API som togs "
            f"{_day(snapshot.DATE)} och medföljer jamlik (sparad av Gapminders projekt open-numbers, "
            f"{snapshot.REPOSITORY}, version {snapshot.COMMIT[:7]}). Den sträcker sig till och med 2022; "
            "nyare värden hämtas direkt från Kolada och ersätter då ögonblicksbildens värden ett i taget. "
            "Värden som Kolada inte redovisar, till exempel för att för få personer ingår, saknas också i "
            "ögonblicksbilden.")
    imported = frame[own_values.is_imported(frame)]
    if len(imported):
        first, last = _day(imported["retrieved"].min()), _day(imported["retrieved"].max())
        when = f"mellan {first} och {last}" if first != last else first
        notes.append(f"Egna värden från {and_list(sorted(set(imported['source'])))} lästes in {when}. De "
                     "bedöms med samma metoder som Koladas värden: med täljare och nämnare får de ett "
                     "konfidensintervall och ett trendtest.")
    fetched = ~snapshot.is_snapshot(frame) & ~own_values.is_imported(frame)
    live = frame[fetched & frame["source"].isin(list(SOURCE_NAMES))]
    for source, rows in live.groupby("source"):
        dates = rows["retrieved"].dropna()
        if len(dates):
            first, last = _day(dates.min()), _day(dates.max())
            when = f"mellan {first} och {last}" if first != last else first
            notes.append(f"Värden från {SOURCE_NAMES[source]} som inte kommer ur ögonblicksbilden hämtades {when}.")
    return notes


def age_line(latest_year: int, origins: set[str], fetched: str = "", today: datetime.date | None = None) -> str:
    """How old the newest values are, in words, for a cover dated today (docs/bedomning.md §6):
    ``Uppgifterna avser 2022, det senaste året i datalagret (ögonblicksbild av Kolada, 30 augusti 2024), och är
    alltså fyra år gamla.``"""
    if origins == {demo.SOURCE}:
        return f"Uppgifterna avser {latest_year} (demodata, inte officiell statistik)."
    if "snapshot" in origins and not fetched:
        where = f"ögonblicksbild av Kolada, {_day(snapshot.DATE)}"
    elif fetched:
        where = f"hämtade från Kolada {_day(fetched)}"
    else:
        where = ""
    text = f"Uppgifterna avser {latest_year}, det senaste året i datalagret" + (f" ({where})" if where else "")
    age = (today or datetime.date.today()).year - latest_year
    return text + (f", och är alltså {in_words(age)} år gamla." if age >= 2 else ".")


LICENCE = "Källa: Kolada (RKA), CC BY 4.0"
