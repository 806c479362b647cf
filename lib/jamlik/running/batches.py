"""What a `jamlik run` covers: kommuner, län, themes and year, from command-line options or a
batch file (``params/batches/<namn>.yaml``), and the ``index.html`` that links what was made.

A batch file, every key optional::

    lan: ["18"]              # län (kod eller namn): alla deras kommuner och en länsrapport
    kommuner: [Karlskoga]    # enskilda kommuner
    alla: false              # alla 290 kommuner
    teman: [tidiga_ar]       # standard: alla teman
    ar: 2025                 # redovisningsår
    ut: outputs/orebro       # mapp för resultaten
    parametrar: {peers: []}  # notebookparametrar för alla körningar
"""

import datetime
import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from jamlik.base import paths
from jamlik.base.errors import ParamsError
from jamlik.base.files import write_atomic
from jamlik.base.names import closest, or_list
from jamlik.base.text import DEMO_BAND, format_day, format_number
from jamlik.data import areas, catalog, demo, provenance, snapshot
from jamlik.data.areas import Area
from jamlik.running import batch, run
from jamlik.running.params import TYPE_WORDS, declared, load_yaml, validate

BATCH_KEYS = {"lan": list, "kommuner": list, "alla": bool, "teman": list, "ar": int, "ut": str,
              "parametrar": dict, "params": str, "data_store": str}


@dataclass
class Selection:
    kommuner: list[Area]
    themes: list[catalog.Theme]
    year: int | None
    out_root: Path
    params_file: Path | None = None
    overrides: dict = field(default_factory=dict)
    lan_reports: list[Area] = field(default_factory=list)
    data_store: str = ""


def load_batch(path: Path) -> dict:
    data = load_yaml(path, required=True)
    for key, value in data.items():
        if key not in BATCH_KEYS:
            hint = closest(str(key), {k: k for k in BATCH_KEYS})
            hint_text = f" Menade du {or_list(hint)}?" if hint else ""
            raise ParamsError(f"{path}: okänd nyckel '{key}'.{hint_text} Tillåtna: {', '.join(BATCH_KEYS)}.")
        kind = BATCH_KEYS[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ParamsError(f"{path}: '{key}' ska vara {TYPE_WORDS[kind.__name__]}, men är {value!r}.")
    return data


def selection(args) -> Selection:
    """Merge a batch file (if any) with the command line; the command line wins."""
    spec = load_batch(args.batch) if args.batch else {}
    lan_queries = (args.lan or []) + [str(x) for x in spec.get("lan", [])]
    lans = list(dict.fromkeys(areas.lan(q) for q in lan_queries))
    kommuner = [areas.kommun(k) for k in (args.kommun or []) + [str(x) for x in spec.get("kommuner", [])]]
    for lan in lans:
        kommuner += areas.kommuner_in(lan)
    if args.alla or spec.get("alla"):
        kommuner += areas.kommuner()
    kommuner = list(dict.fromkeys(kommuner)) or [run.default_kommun()]
    theme_ids = args.tema or spec.get("teman")
    themes = [catalog.theme(str(t)) for t in theme_ids] if theme_ids else run.themes_with_notebooks()
    if spec.get("parametrar"):  # checked here, so an error names the batch file, not the command line
        validate(spec["parametrar"], declared(run.notebook_path(themes[0])), f"{args.batch} (parametrar)")
        if "mal" in spec["parametrar"]:
            raise ParamsError(f"{args.batch}: 'mal' hör hemma i params/kommuner/<kod>.yaml, där varje kommun har "
                              "sina egna mål, inte i en batchfil som gäller alla dess kommuner.")
    data_store = args.data_store or spec.get("data_store", "")
    overrides = {**spec.get("parametrar", {}), **({"data_store": data_store} if data_store else {})}
    lan_notebook = paths.notebooks_dir() / batch.LAN_NOTEBOOK
    params_file = args.params or (Path(spec["params"]) if "params" in spec else None)
    if params_file and len(kommuner) > 1 and "mal" in load_yaml(params_file, required=True):
        raise ParamsError(f"{params_file}: målen ('mal') skulle gälla alla {len(kommuner)} kommuner i körningen. "
                          "Lägg varje kommuns mål i params/kommuner/<kod>.yaml.")
    out_root = Path(args.ut or spec.get("ut") or paths.outputs_dir())
    return Selection(kommuner, themes, args.year or spec.get("ar"), out_root, params_file, overrides,
                     lans if lan_notebook.is_file() else [], data_store)


def write_index(out_root: Path, year: int) -> Path:
    """``<ut>/<år>/index.html``: every PDF of the year's batches, by kommun, for an intranet; with
    the date, the data source (and the demo mark) from the manifest, and each file's size."""
    folder = Path(out_root) / str(year)
    try:
        outputs = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    except (FileNotFoundError, ValueError, KeyError):
        outputs = {}
    present = {rel: entry for rel, entry in outputs.items() if (folder / rel).is_file()}
    by_area: dict[str, list] = {}
    for rel, entry in sorted(present.items()):
        by_area.setdefault(entry["area"], []).append((rel, entry))
    sections = []
    for code in sorted(by_area, key=lambda c: (areas.all_areas()[c].kind != "lan", areas.all_areas()[c].name)):
        area = areas.all_areas()[code]
        links = "".join(f'<li><a href="{escape(rel)}">{escape(_title(entry))} ({_size(folder / rel)})</a></li>'
                        for rel, entry in sorted(by_area[code], key=lambda item: _order(item[1])))
        goals = Path(paths.folder_name(area)) / paths.goal_workbook_file(area)
        if area.kind != "lan" and (folder / goals).is_file():
            links += (f'<li><a href="{escape(goals.as_posix())}">Kommunens mål och deras status '
                      f'({_size(folder / goals, "Excel")})</a></li>')
        sections.append(f"<section><h2>{escape(area.name)}</h2><ul>{links}</ul></section>")
    entries = list(present.values())
    sources = _sources(entries)
    made = max((e.get("made", "") for e in entries), default="")
    lead = (f"{_count(len(present), 'briefing', 'briefingar')} i {_count(len(by_area), 'område', 'områden')}."
            + (f" Källa: {escape(sources)}." if sources else "")
            + (f" Uppdaterad {format_day(datetime.date.fromisoformat(made[:10]))}." if made else ""))
    band = (f'<p class="demo" role="note">{escape(DEMO_BAND)}</p>'
            if any(demo.SOURCE in (e.get("data_source") or {}) for e in entries) else "")
    html = (f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Jämlik hälsa {year}</title>"
            '<style>body{font-family:"Liberation Sans",Arial,sans-serif;max-width:60rem;margin:2rem auto;'
            'padding:0 1rem;color:#1a1a1a}h1{color:#0b2e4a}h2{font-size:1.1rem;margin-top:1.5rem}'
            'a{color:#0b4f7c}.demo{padding:.3rem .6rem;font-weight:bold;text-transform:uppercase;'
            'color:#5a3b00;background:#fde9b3;border:1px solid #b07a00}</style></head><body><main>'
            f"<h1>Jämlik hälsa {year}</h1>{band}<p>{lead}</p>"
            + "".join(sections) + "</main></body></html>")
    return write_atomic(folder / "index.html", lambda tmp: Path(tmp).write_text(html, encoding="utf-8"))


def _count(n: int, one: str, many: str) -> str:
    """``1 område``, ``3 områden``."""
    return f"{format_number(n)} {one if n == 1 else many}"


def _size(path: Path, kind: str = "PDF") -> str:
    """``PDF, 1,2 MB`` (or ``PDF, 640 kB``): what the link opens, and how much it weighs."""
    size = path.stat().st_size
    if size >= 1_000_000:
        return f"{kind}, {format_number(size / 1_000_000, 1)} MB"
    return f"{kind}, {format_number(max(size / 1000, 1))} kB"


def _sources(entries: list[dict]) -> str:
    """``Kolada (RKA), ögonblicksbild 30 augusti 2024 och hämtad 3 december 2026``: the sources the
    manifest says the outputs were made from, each with its latest date, in the briefings' words."""
    latest: dict[str, str] = {}
    for entry in entries:
        for name, when in (entry.get("data_source") or {}).items():
            latest[name] = max(latest.get(name, ""), str(when or ""))
    names = sorted({"kolada" if name == snapshot.META_KEY else name for name in latest} - {demo.SOURCE})
    phrases = [provenance.phrase(name, latest.get(snapshot.META_KEY, "") if name == "kolada" else "",
                                 latest.get(name, "")) for name in names]
    return "; ".join(phrases + ([provenance.DEMO_PHRASE] if demo.SOURCE in latest else []))


def _title(entry: dict) -> str:
    kind = entry["kind"]
    if kind == batch.COUNCIL:
        return "Samlad briefing (alla teman)"
    if kind == batch.LAN_REPORT:
        return "Länsrapport: kommunerna jämförda"
    return catalog.theme(kind).title


def _order(entry: dict) -> int:
    kind = entry["kind"]
    return -1 if kind in (batch.COUNCIL, batch.LAN_REPORT) else catalog.theme(kind).number
