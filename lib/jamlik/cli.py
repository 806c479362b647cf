"""The ``jamlik`` command. Messages for users are Swedish; a failure is one clear line and a
non-zero exit code, with the traceback in ``outputs/jamlik.log``."""

import argparse
import datetime
import logging
import sys
import time
from pathlib import Path

from . import __version__, areas, catalog, datastore, demo, fetch, params, paths, run, store
from .errors import InvalidYearError, JamlikError, ParamsError
from .sources.http import cache_dir, clear_cache
from .text import DEMO_WARNING, format_number, year_span

log = logging.getLogger("jamlik")
SOURCE_LABELS = {"kolada": "Kolada", "scb": "SCB", "demo": "demodata"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jamlik", description="Briefingar om jämlik hälsa för kommuner, som PDF.")
    parser.add_argument("--version", action="version", version=f"jamlik {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    p = commands.add_parser("run", help="gör briefingar (PDF) för en eller flera kommuner")
    p.add_argument("--kommun", nargs="+", metavar="KOMMUN", help="kommunkoder eller namn (standard: notebookens)")
    p.add_argument("--tema", nargs="+", metavar="TEMA", help="teman (standard: alla som har en notebook)")
    p.add_argument("--ar", "--år", dest="year", type=int, metavar="ÅR", help="redovisningsår (standard: notebookens)")
    p.add_argument("--params", type=Path, metavar="FIL", help="YAML-fil med notebookparametrar")
    p.add_argument("--ut", type=Path, metavar="MAPP", help="mapp för resultat (standard: outputs/)")
    p.add_argument("--data-store", metavar="MAPP", help="datalagrets mapp (standard: data/store)")
    p.set_defaults(func=cmd_run)

    p = commands.add_parser("kommuner", help="lista kommuner med koder, län och kommungrupp")
    p.add_argument("--lan", metavar="LÄN", help="bara kommunerna i ett län (kod eller namn)")
    p.set_defaults(func=cmd_kommuner)

    p = commands.add_parser("indikatorer", help="lista indikatorerna i katalogen")
    p.add_argument("--tema", metavar="TEMA", help="bara ett tema")
    p.set_defaults(func=cmd_indikatorer)

    data = commands.add_parser("data", help="datalagret: skapa demodata, visa status")
    sub = data.add_subparsers(dest="data_command", required=True, metavar="KOMMANDO")
    p = sub.add_parser("demo", help="skapa datalagret med demodata (inte officiell statistik)")
    p.add_argument("--seed", type=int, default=demo.SEED, help="slumpfrö (samma frö ger samma värden)")
    p.set_defaults(func=cmd_data_demo)
    p = sub.add_parser("status", help="visa vad datalagret innehåller")
    p.set_defaults(func=cmd_data_status)
    p = sub.add_parser("fetch", help="hämta riktiga värden från Kolada (och SCB) till datalagret")
    p.add_argument("--ar", "--år", dest="years", nargs="+", metavar="ÅR",
                   help="år eller intervall, t.ex. 2015-2025 (standard: 2014 till i år)")
    p.add_argument("--kpi", nargs="+", metavar="ID", help="Kolada-id eller indikator-id (standard: hela katalogen)")
    p.add_argument("--kommun", nargs="+", metavar="KOMMUN", help="bara dessa kommuner (med län och riket)")
    p.add_argument("--lan", nargs="+", metavar="LÄN", help="bara kommunerna i dessa län (med län och riket)")
    p.add_argument("--scb", action="store_true", help="hämta också befolkning efter ålder och kön från SCB")
    p.add_argument("--uppdatera", action="store_true", help="fråga källorna på nytt i stället för att läsa cachen")
    p.add_argument("--data-store", default="", metavar="MAPP", help="datalagrets mapp (standard: data/store)")
    p.set_defaults(func=cmd_data_fetch)
    p = sub.add_parser("rensa-cache", help="ta bort sparade svar från Kolada och SCB")
    p.set_defaults(func=cmd_data_clear_cache)
    return parser


def cmd_run(args) -> int:
    kommuner = [areas.kommun(k) for k in args.kommun] if args.kommun else [run.default_kommun()]
    themes = [catalog.theme(t) for t in args.tema] if args.tema else run.themes_with_notebooks()
    folder = datastore.ensure(args.data_store or "")
    if args.year is not None:
        first, last = datastore.year_range(folder)
        if not first <= args.year <= last:
            raise InvalidYearError(f"År {args.year} finns inte i datalagret ({year_span(first, last)}). "
                                   "Välj ett år inom det spannet.")
    overrides = {"data_store": args.data_store} if args.data_store else {}
    for theme in themes:  # every params file is checked before anything runs
        for kommun in kommuner:
            params.merged(run.notebook_path(theme), kommun.code, args.params, {**overrides, "year": args.year})
    if store.has_demo(store.read(folder, [themes[0].indicators[0].id])):
        print(DEMO_WARNING, file=sys.stderr)
    failed = 0
    start = time.perf_counter()
    total = 0
    for kommun in kommuner:
        outcomes = [run.run_briefing(kommun, theme, args.year, args.ut, args.params, overrides) for theme in themes]
        merged = run.council_pdf(outcomes, args.ut)
        for outcome in outcomes + ([merged] if merged else []):
            total += 1
            failed += _report(outcome)
    print(f"Klart: {total - failed} av {total} briefingar på {format_number(time.perf_counter() - start, 1)} s"
          + (f", {failed} misslyckades." if failed else "."))
    return 1 if failed else 0


def _report(outcome: run.Outcome) -> int:
    """Print one line for a finished briefing; 1 when it failed."""
    what = f"{outcome.kommun.name}, {outcome.theme.short_title.lower()}"
    if outcome.ok:
        print(f"✓ {what}: {_relative(outcome.pdf)} ({format_number(sum(outcome.seconds.values()), 1)} s)")
        return 0
    print(f"✗ {what}: {outcome.error}", file=sys.stderr)
    return 1


def cmd_kommuner(args) -> int:
    chosen = areas.kommuner_in(areas.lan(args.lan)) if args.lan else areas.kommuner()
    for k in chosen:
        print(f"{k.code}  {k.name:<18} {areas.lan_of(k).name:<22} {k.skr_group}")
    return 0


def cmd_indikatorer(args) -> int:
    themes = [catalog.theme(args.tema)] if args.tema else list(catalog.themes().values())
    for theme in themes:
        print(f"{theme.id}: {theme.title}")
        for ind in theme.indicators:
            sex = "K/M" if ind.sex_split else "   "
            print(f"  {ind.id:<32} {ind.source_id}  {sex}  {ind.title}")
    return 0


def cmd_data_demo(args) -> int:
    folder = paths.store_dir()
    table = demo.generate(seed=args.seed)
    store.write(table, folder, demo.metadata(seed=args.seed))
    print(f"Demodata skapade i {_relative(store.path(folder))}: {format_number(len(table))} rader. "
          "Observera: inte officiell statistik.")
    return 0


def cmd_data_status(args) -> int:
    folder = paths.store_dir()
    meta = store.read_meta(folder)
    table = store.read(folder)
    print(f"Datalager: {_relative(store.path(folder))}")
    for source, rows in table.groupby("source"):
        years = year_span(int(rows["year"].min()), int(rows["year"].max()))
        share = format_number(100 * len(rows) / len(table), 1)
        info = meta.get("sources", {}).get(source, {})
        when = f"hämtad {info['retrieved']} från {info['url']} (API {info['api_version']})" \
            if "retrieved" in info else f"skapad {info.get('created', '')}"
        label = SOURCE_LABELS.get(source, source)
        print(f"  {label}: {format_number(len(rows))} värden ({share} %), {rows['indicator'].nunique()} "
              f"indikatorer, {rows['area'].nunique()} områden, {years}; {when}")
    real = 100 * (table["source"] != demo.SOURCE).mean()
    print(f"Riktiga värden: {format_number(real, 1)} %, demodata: {format_number(100 - real, 1)} %.")
    if store.has_demo(table):
        print(DEMO_WARNING)
    return 0


def _years(texts: list[str] | None) -> list[int]:
    if not texts:
        return list(range(2014, datetime.date.today().year + 1))
    years = []
    for text in texts:
        first, _, last = text.partition("-")
        if not (first.isdigit() and (not last or last.isdigit())):
            raise ParamsError(f"'{text}' är inget år. Skriv till exempel 2025 eller 2015-2025.")
        years += range(int(first), int(last or first) + 1)
    return sorted(set(years))


def cmd_data_fetch(args) -> int:
    from tqdm import tqdm

    years = _years(args.years)
    bar = None

    def progress(total):
        nonlocal bar
        bar = tqdm(total=total, desc="Hämtar från Kolada", unit="anrop", file=sys.stderr, disable=None)
        return lambda: bar.update()

    try:
        report = fetch.fetch_kolada(years, args.kpi, args.kommun, args.lan, args.data_store, progress,
                                    use_cache=not args.uppdatera)
    finally:
        if bar is not None:
            bar.close()
    for warning in report.warnings:
        print(f"Varning: {warning}", file=sys.stderr)
    print(f"Hämtade {format_number(report.rows)} värden för {report.indicators} indikatorer och "
          f"{report.areas} områden, {year_span(years[0], years[-1])} ({report.requests} anrop till Kolada).")
    if args.scb:
        scb_report = fetch.fetch_scb_population(years[-1], args.kommun, args.lan, args.data_store,
                                                use_cache=not args.uppdatera)
        print(f"Hämtade {format_number(scb_report.rows)} befolkningsvärden från SCB för {scb_report.areas} områden.")
    return cmd_data_status(args) if not args.data_store else 0


def cmd_data_clear_cache(args) -> int:
    count = clear_cache()
    print(f"Tog bort {format_number(count)} sparade svar från {cache_dir()}.")
    return 0


def _relative(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _setup_logging() -> Path | None:
    logfile = paths.outputs_dir() / "jamlik.log"
    try:
        logfile.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(logfile, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return logfile


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logfile = _setup_logging()
    try:
        return args.func(args)
    except JamlikError as exc:
        log.info("user error", exc_info=True)
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Avbrutet. Inga halvskrivna filer finns kvar.", file=sys.stderr)
        return 130
    except Exception as exc:
        log.exception("unexpected error")
        print(f"Oväntat fel: {exc}. Detaljer finns i {logfile}.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
