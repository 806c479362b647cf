"""The ``jamlik`` command. Messages for users are Swedish; a failure is one clear line and a
non-zero exit code, with the traceback in ``outputs/jamlik.log``."""

import argparse
import datetime
import logging
import shlex
import signal
import sys
from pathlib import Path

from jamlik import __version__
from jamlik.base import paths
from jamlik.base.errors import InvalidYearError, JamlikError, ParamsError
from jamlik.base.text import DEMO_WARNING, and_list, format_number, year_span
from jamlik.data import (
    areas,
    catalog,
    datastore,
    demo,
    evidence,
    fetch,
    own_areas,
    own_groups,
    own_values,
    snapshot,
    store,
)
from jamlik.data.sources.http import cache_dir, clear_cache
from jamlik.running import batch, batches, granska, params, run, workspace

log = logging.getLogger("jamlik")
SOURCE_LABELS = {"kolada": "Kolada", "scb": "SCB", "demo": "demodata"}


# argparse's own messages (it has no Swedish translation), most specific first
ARGPARSE_WORDS = [("the following arguments are required", "det här saknas"), ("argument ", ""),
                  ("KOMMANDO: invalid choice", "okänt kommando"), ("invalid choice", "okänt val"),
                  ("choose from", "välj bland"), ("unrecognized arguments", "okända argument"),
                  ("expected one argument", "ett värde saknas"), ("expected at least one argument",
                                                                  "minst ett värde saknas"),
                  ("ambiguous option", "tvetydigt val"), ("could match", "kan vara"),
                  ("not allowed with", "går inte ihop med")]


class _SwedishHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "användning: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Swedish: its help (headings, -h) and its errors, as one line with exit code 2 like
    every other bad input."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, "add_help": False, "formatter_class": _SwedishHelp})
        self._positionals.title, self._optionals.title = "argument", "flaggor"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="visa den här hjälpen och avsluta")

    def error(self, message):
        for english, swedish in ARGPARSE_WORDS:
            message = message.replace(english, swedish)
        self.exit(2, f"Fel: {message}. Se '{self.prog} --help'.\n")


def _workers(text: str) -> int:
    """--workers: 0 means every core; a negative or non-numeric value says what to write instead."""
    number = _integer(text)
    if number is None or number < 0:
        raise argparse.ArgumentTypeError(f"'{text}' går inte; ange antal processer, till exempel 2, "
                                         "eller 0 för alla kärnor")
    return number


def _year(text: str) -> int:
    number = _integer(text)
    if number is None or number < 0:
        raise argparse.ArgumentTypeError(f"'{text}' är inget årtal; skriv till exempel 2022")
    return number


def _integer(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="jamlik", description="Briefingar om jämlik hälsa för kommuner, som PDF.")
    parser.add_argument("--version", action="version", version=f"jamlik {__version__}", help="visa versionen")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO", parser_class=_Parser)

    p = commands.add_parser("run", help="gör briefingar (PDF) för kommuner, ett län eller hela landet")
    p.add_argument("--kommun", nargs="+", action="extend",
                   metavar="KOMMUN", help="kommunkoder eller namn (standard: notebookens)")
    p.add_argument("--lan", nargs="+", action="extend",
                   metavar="LÄN", help="alla kommuner i dessa län, och en länsrapport")
    p.add_argument("--alla", action="store_true", help="alla 290 kommuner")
    p.add_argument("--batch", type=Path, metavar="FIL", help="en batchfil, t.ex. params/batches/orebro.yaml")
    p.add_argument("--tema", nargs="+", action="extend",
                   metavar="TEMA", help="teman (standard: alla som har en notebook)")
    p.add_argument("--ar", "--år", dest="year", type=_year, metavar="ÅR", help="redovisningsår (standard: notebookens)")
    p.add_argument("--params", type=Path, metavar="FIL", help="YAML-fil med notebookparametrar")
    p.add_argument("--ut", type=Path, metavar="MAPP", help="mapp för resultat (standard: outputs/)")
    p.add_argument("--data-store", metavar="MAPP", help="datalagrets mapp (standard: data/store)")
    p.add_argument("--workers", type=_workers, default=0, metavar="N",
                   help="antal parallella processer (standard och 0: alla kärnor)")
    p.add_argument("--dask", metavar="ADRESS", help="kör på ett Dask-kluster, t.ex. tcp://schemalaggare:8786")
    p.add_argument("--force", action="store_true", help="gör om allt, även det som är oförändrat")
    p.add_argument("--dry-run", action="store_true", help="visa vad som skulle göras, utan att göra det")
    p.set_defaults(func=cmd_run)

    p = commands.add_parser("granska", help="kontrollera bedömningsreglerna (docs/bedomning.md) utan att göra PDF:er")
    p.add_argument("--kommun", nargs="+", action="extend", metavar="KOMMUN", help="kommunkoder eller namn")
    p.add_argument("--lan", nargs="+", action="extend", metavar="LÄN", help="alla kommuner i dessa län")
    p.add_argument("--alla", action="store_true", help="alla 290 kommuner")
    p.add_argument("--ar", "--år", dest="year", type=_year, default=0, metavar="ÅR",
                   help="redovisningsår (standard: senaste året med data)")
    p.add_argument("--data-store", default="", metavar="MAPP", help="datalagrets mapp (standard: data/store)")
    p.add_argument("--workers", type=_workers, default=0, metavar="N",
                   help="antal parallella processer (standard och 0: alla kärnor)")
    p.add_argument("--exempel", type=_workers, default=3, metavar="N", help="exempel per regel (standard 3)")
    p.set_defaults(func=cmd_granska)

    p = commands.add_parser("mal", aliases=["mål"], help="kommunens mål och deras status som <Kommun>-mal.xlsx")
    p.add_argument("--kommun", nargs="+", action="extend", required=True,
                   metavar="KOMMUN", help="kommunkoder eller namn")
    p.add_argument("--ar", "--år", dest="year", type=_year, default=0, metavar="ÅR",
                   help="redovisningsår (standard: senaste året med data)")
    p.add_argument("--params", type=Path, metavar="FIL", help="YAML-fil med notebookparametrar, t.ex. mål")
    p.add_argument("--ut", type=Path, metavar="MAPP", help="mapp för resultat (standard: outputs/)")
    p.add_argument("--data-store", default="", metavar="MAPP", help="datalagrets mapp (standard: data/store)")
    p.set_defaults(func=cmd_mal)

    p = commands.add_parser("init", help="skapa en arbetsyta: notebookar, params, outputs och en README")
    p.add_argument("mapp", type=Path, metavar="MAPP", help="ny eller tom mapp, t.ex. ~/jamlik")
    p.set_defaults(func=cmd_init)

    p = commands.add_parser("kommuner", help="lista kommuner med koder, län och kommungrupp")
    p.add_argument("--lan", metavar="LÄN", help="bara kommunerna i ett län (kod eller namn)")
    p.set_defaults(func=cmd_kommuner)

    p = commands.add_parser("indikatorer", help="lista indikatorerna i katalogen")
    p.add_argument("--tema", metavar="TEMA", help="bara ett tema")
    p.set_defaults(func=cmd_indikatorer)

    data = commands.add_parser("data", help="datalagret: skapa demodata, visa status")
    sub = data.add_subparsers(dest="data_command", required=True, metavar="KOMMANDO")
    p = sub.add_parser("demo", help="ersätt datalagret med demodata för alla indikatorer (inte officiell statistik)")
    p.add_argument("--seed", type=int, default=demo.SEED, help="slumpfrö (samma frö ger samma värden)")
    p.set_defaults(func=cmd_data_demo)
    p = sub.add_parser("snapshot", aliases=["ogonblicksbild"],
                       help="återställ datalagret till den medföljande ögonblicksbilden av Kolada (2024-08-30)")
    p.set_defaults(func=cmd_data_snapshot)
    p = sub.add_parser("status", help="visa vilket datalager som används och vad det innehåller")
    p.set_defaults(func=cmd_data_status)
    p = sub.add_parser("fetch", help="hämta riktiga värden från Kolada (och SCB) till datalagret")
    p.add_argument("--ar", "--år", dest="years", nargs="+", action="extend", metavar="ÅR",
                   help="år eller intervall, t.ex. 2015-2025 (standard: 2014 till i år)")
    p.add_argument("--kpi", nargs="+", action="extend",
                   metavar="ID", help="Kolada-id eller indikator-id (standard: hela katalogen)")
    p.add_argument("--kommun", nargs="+", action="extend",
                   metavar="KOMMUN", help="bara dessa kommuner (med län och riket)")
    p.add_argument("--lan", nargs="+", action="extend",
                   metavar="LÄN", help="bara kommunerna i dessa län (med län och riket)")
    p.add_argument("--scb", action="store_true", help="hämta också befolkning efter ålder och kön från SCB")
    p.add_argument("--uppdatera", action="store_true", help="fråga källorna på nytt i stället för att läsa cachen")
    p.add_argument("--data-store", default="", metavar="MAPP", help="datalagrets mapp (standard: data/store)")
    p.set_defaults(func=cmd_data_fetch)
    _import_command(sub, "import-omraden", ["import-områden"], cmd_data_import_areas,
                    "läs in egna värden per område inom kommunen (CSV: kommun, omrade, namn, matt, ar, varde, "
                    "taljare, namnare, kalla)")
    _import_command(sub, "import-grupper", [], cmd_data_import_groups,
                    "läs in egen folkhälsoenkät efter utbildning, födelseland eller ålder (CSV: kommun, indelning, "
                    "grupp, kon, matt, ar, varde, ki_lag, ki_hog, n, kalla)")
    _import_command(sub, "import-varden", ["import-värden"], cmd_data_import_values,
                    "läs in egna värden för vilken indikator som helst, katalogens eller egna i "
                    "params/indikatorer.csv (CSV: kommun, indikator, ar, kon, varde, taljare, namnare, kalla)")
    p = sub.add_parser("rensa-cache", help="ta bort sparade svar från Kolada och SCB")
    p.set_defaults(func=cmd_data_clear_cache)
    return parser


def _import_command(sub, name: str, aliases: list[str], func, help_text: str) -> None:
    """``jamlik data import-…``: a file of the strategist's own, read with the same checks."""
    p = sub.add_parser(name, aliases=aliases, help=help_text)
    p.add_argument("fil", type=Path, metavar="FIL", help="CSV-fil, t.ex. sparad från Excel")
    p.add_argument("--data-store", default="", metavar="MAPP", help="datalagrets mapp (standard: data/store)")
    p.set_defaults(func=func)


def cmd_run(args) -> int:
    catalog.indicators()  # the workspace's own indicators are checked before anything runs
    selection = batches.selection(args)
    folder = datastore.ensure(selection.data_store)
    year = (selection.year or params.default(run.notebook_path(selection.themes[0]), "year")
            or datastore.latest_year(datastore.open_store(selection.data_store)[0]))
    first, last = datastore.year_range(folder)
    if not first <= year <= last:
        raise InvalidYearError(f"För {year} finns inga värden i datalagret; värden finns för "
                               f"{year_span(first, last)}. Välj ett år inom det spannet.")
    for theme in selection.themes:  # every params file is checked before anything runs
        for kommun in selection.kommuner:
            params.merged(run.notebook_path(theme), kommun.code, selection.params_file,
                          {**selection.overrides, "year": year})
    evidence.workspace_actions()  # and the analyst's own rows of what has been shown to work
    jobs = batch.plan(selection.kommuner, selection.themes, year, selection.out_root, selection.params_file,
                      selection.overrides, selection.lan_reports, selection.data_store)
    if args.dry_run:
        return _dry_run(jobs, args.force)
    if store.has_demo_values(folder):
        print(DEMO_WARNING, file=sys.stderr)
    progress = Progress(len(jobs))
    try:
        summary = batch.execute(jobs, args.workers, args.dask, args.force, progress.update)
    except KeyboardInterrupt:
        progress.close()
        print("Avbrutet. Det som blev klart finns kvar och hoppas över nästa gång; inga halvskrivna filer.",
              file=sys.stderr)
        return 130
    progress.close()
    failed = _write_goal_workbooks(selection, year)
    index = batches.write_index(selection.out_root, year)
    _print_summary(summary, selection.out_root, year, index)
    return 1 if summary.failed or failed else 0


def _write_goal_workbooks(selection: batches.Selection, year: int) -> int:
    """``<Kommun>-mal.xlsx`` for every kommun of the batch that has set goals; returns the failures."""
    failed = 0
    for kommun in selection.kommuner:
        try:
            made = run.make_goal_workbook(kommun, year, selection.out_root, selection.params_file,
                                      {**selection.overrides, "year": year}, selection.data_store)
        except Exception as exc:  # one kommun's workbook never stops the others
            log.warning("goal workbook failed for %s", kommun.label, exc_info=True)
            print(f"  ✗ {kommun.name}, mål: {exc}", file=sys.stderr)
            failed += 1
            continue
        if made:
            print(f"Mål: {_relative(made)}")
    return failed


def cmd_granska(args) -> int:
    """The invariants for the kommuner asked for; exit 0 only when no rule is broken anywhere."""
    kommuner = [areas.kommun(k) for k in args.kommun or []]
    kommuner += [k for q in args.lan or [] for k in areas.kommuner_in(areas.lan(q))]
    kommuner = areas.kommuner() if args.alla else list(dict.fromkeys(kommuner))
    if not kommuner:
        raise ParamsError("Ange --kommun, --lan eller --alla, till exempel: jamlik granska --lan 18")
    def progress(done: int, total: int) -> None:  # a line per tenth, on stderr: the table is the output
        if done == total or done % max(1, total // 10) == 0:
            print(f"{done} av {total} kommuner granskade", file=sys.stderr, flush=True)

    report = granska.run(kommuner, args.year, args.data_store, args.workers, progress)
    print(granska.table(report, args.exempel))
    return 0 if report.total == 0 and not report.failed else 1


def cmd_mal(args) -> int:
    kommuner = list(dict.fromkeys(areas.kommun(k) for k in args.kommun))
    out_root = Path(args.ut or paths.outputs_dir())
    datastore.ensure(args.data_store)
    for kommun in kommuner:
        made = run.make_goal_workbook(kommun, args.year, out_root, args.params, {"year": args.year or None},
                                  args.data_store)
        if made is None:
            print(f"{kommun.name} har inga mål i sina inställningar. Lägg till 'mal:' i "
                  f"params/kommuner/{kommun.code}.yaml (se params/kommuner/exempel.yaml).")
        else:
            print(f"Mål för {kommun.name}: {_relative(made)}")
    return 0


def cmd_init(args) -> int:
    folder = workspace.create(args.mapp)
    print(f"Arbetsytan {folder} är skapad. Gå dit och gör den första briefingen:\n"
          f"  cd {shlex.quote(str(folder))}\n  jamlik run --kommun Karlskoga\n"
          "Läs README.md där för fler kommandon, och öppna notebookarna med 'jupyter lab'.")
    return 0


class Progress:
    """A progress bar on a terminal; one plain line per finished job otherwise."""

    def __init__(self, total: int):
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="pdf", file=sys.stderr, dynamic_ncols=True) if sys.stderr.isatty() else None

    def update(self, result: batch.Result, done: int, total: int) -> None:
        line = _line(result)
        if self.bar is not None:
            self.bar.update()
            if result.status == "failed":
                self.bar.write(line, file=sys.stderr)
        else:
            print(f"[{done}/{total}] {line}", file=sys.stderr if result.status == "failed" else sys.stdout,
                  flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _line(result: batch.Result) -> str:
    if result.status == "failed":
        return f"✗ {result.job.label}: {result.error}"
    if result.status == "skipped":
        return f"= {result.job.label}: oförändrad, hoppas över"
    return f"✓ {result.job.label}: {_relative(result.job.pdf())} ({format_number(result.seconds, 1)} s)"


def _dry_run(jobs: list, force: bool) -> int:
    known, prints = batch.inputs(jobs), {}
    for job in jobs:  # themes come before their council PDF, so its inputs are known by then
        manifest = batch.Manifest(Path(job.out_root) / str(job.year) / "manifest.json")
        print_ = batch.fingerprint(job, known, prints)
        fresh = not force and manifest.up_to_date(job, print_)
        if fresh and job.kind != batch.COUNCIL:
            prints[(job.kind, job.area)] = print_
        print(f"{'= oförändrad' if fresh else '+ görs     '}  {job.label}: {_relative(job.pdf())}")
    print(f"{len(jobs)} utdata planerade (inget har körts).")
    return 0


def _print_summary(summary, out_root: Path, year: int, index: Path) -> None:
    made, skipped, failed = summary.count("made"), summary.count("skipped"), len(summary.failed)
    per = f" ({format_number(summary.seconds / made, 1)} s per utdata)" if made else ""
    print("Sammanfattning")
    print(f"  gjorda        {made:>5}")
    print(f"  oförändrade   {skipped:>5}")
    print(f"  misslyckade   {failed:>5}")
    print(f"  tid           {format_number(summary.seconds, 1):>5} s{per}")
    for result in summary.failed:
        print(f"  ✗ {result.job.label}: {result.error}")
    print(f"Manifest: {_relative(Path(out_root) / str(year) / 'manifest.json')} · Översikt: {_relative(index)}")


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
            kpis = ind.kpis or "egna värden"
            own = "  (egen, params/indikatorer.csv)" if ind.own else ""
            print(f"  {ind.id:<32} {kpis:<15} {sex}  {ind.title}{own}")
    return 0


def cmd_data_demo(args) -> int:
    folder = paths.store_dir()
    table = demo.generate(seed=args.seed)
    store.write(table, folder, demo.metadata(seed=args.seed))
    print(f"Demodata skapade i {_relative(store.path(folder))}: {format_number(len(table))} rader. "
          "Observera: inte officiell statistik.")
    return 0


def cmd_data_snapshot(args) -> int:
    folder = paths.store_dir()
    datastore.write_snapshot(folder)
    print(f"Datalagret {_relative(store.path(folder))} innehåller nu ögonblicksbilden av Kolada från "
          f"{snapshot.DATE} (riktiga värden till och med 2022).")
    return cmd_data_status(args)


def _origin(rows, meta: dict) -> str:
    """How one group of values reached the store, in a few words."""
    source = rows["source"].iloc[0]
    if snapshot.is_snapshot(rows).all():
        return f"Kolada, ögonblicksbild {snapshot.DATE} (medföljer jamlik)"
    if source == demo.SOURCE:
        return f"demodata, skapade {meta.get(source, {}).get('created', '')[:10]} (inte officiell statistik)"
    info = meta.get(source, {})
    when = rows["retrieved"].dropna()
    return (f"{SOURCE_LABELS.get(source, source)}, hämtad {when.min()[:10]}"
            + (f" till {when.max()[:10]}" if when.max()[:10] != when.min()[:10] else "")
            + (f" från {info['url']}" if info.get("url") else ""))


def cmd_data_status(args) -> int:
    folder = paths.store_dir()
    meta = store.read_meta(folder).get("sources", {})
    table = store.read(folder)
    kind = ("demodata – inte officiell statistik" if store.has_demo(table)
            else "riktiga värden" + (" (ögonblicksbild och hämtade)" if (~snapshot.is_snapshot(table)).any()
                                     and snapshot.is_snapshot(table).any() else ""))
    print(f"Datalager: {_relative(store.path(folder))} – {kind}")
    groups = table.groupby([table["source"], snapshot.is_snapshot(table)], sort=False)
    for _, rows in groups:
        years = year_span(int(rows["year"].min()), int(rows["year"].max()))
        share = format_number(100 * len(rows) / len(table), 1)
        print(f"  {_origin(rows, meta)}: {format_number(len(rows))} värden ({share} %), "
              f"{rows['indicator'].nunique()} indikatorer, {rows['area'].nunique()} områden, {years}")
    imported = own_values.stored(folder)
    _print_imported(imported)
    shown = [i for i in catalog.indicators().values() if i.shown]
    present = set(table.loc[table["value"].notna(), "indicator"]) | set(imported["indicator"])
    lacking = [i for i in shown if i.id not in present]
    own = [i for i in shown if i.own]
    print(f"Täckning: {len(shown) - len(lacking)} av katalogens {len(shown)} indikatorer har värden"
          + (f" (varav {len(own)} egna, från params/indikatorer.csv)" if own else "")
          + f"; senaste år med data: {datastore.latest_year(datastore.open_store()[0])}.")
    fetchable = [i for i in lacking if i.source_id or i.formula]
    if fetchable:
        print("Saknas (hämtas med 'jamlik data fetch'): "
              + ", ".join(f"{i.title} ({i.kpis})" for i in fetchable) + ".")
    unread = [i for i in lacking if not (i.source_id or i.formula)]
    if unread:
        print("Saknas (läses in med 'jamlik data import-varden'): " + ", ".join(i.title for i in unread) + ".")
    if store.has_demo(table):
        print(DEMO_WARNING)
    return 0


def _print_imported(imported) -> None:
    """The strategist's own values (``import-varden``): per source, how many, for what, when read in."""
    if imported.empty:
        return
    known = catalog.indicators()
    for source, rows in imported.groupby("source", sort=True):
        titles = and_list(sorted(f"”{known[i].title}”" if i in known else f"{i} (finns inte längre i katalogen)"
                                 for i in set(rows["indicator"])))
        days = sorted(set(rows["imported"]))
        when = days[0] if len(days) == 1 else f"{days[0]} till {days[-1]}"
        years = year_span(int(rows["year"].min()), int(rows["year"].max()))
        n, places = len(rows), rows["area"].nunique()
        print(f"  Egna värden, {source}, inlästa {when}: {'ett värde' if n == 1 else f'{format_number(n)} värden'} "
              f"för {titles}, {'ett område' if places == 1 else f'{places} områden'}, {years} "
              f"({_relative(own_values.path(paths.store_dir()))})")


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
    if report.replaced_demo:
        print("Datalagret innehöll demodata. De har ersatts av ögonblicksbilden av Kolada, med de hämtade "
              "värdena ovanpå: demodata och riktiga värden blandas aldrig.", file=sys.stderr)
    for warning in report.warnings:
        print(f"Varning: {warning}", file=sys.stderr)
    print(f"Hämtade {format_number(report.rows)} värden för {report.indicators} indikatorer och "
          f"{report.areas} områden, {year_span(years[0], years[-1])} ({report.requests} anrop till Kolada).")
    if args.scb:
        scb_report = fetch.fetch_scb_population(years[-1], args.kommun, args.lan, args.data_store,
                                                use_cache=not args.uppdatera)
        print(f"Hämtade {format_number(scb_report.rows)} befolkningsvärden från SCB för {scb_report.areas} områden.")
    return cmd_data_status(args) if not args.data_store else 0


def cmd_data_import_areas(args) -> int:
    rows = own_areas.read(args.fil)  # every row checked before anything is written
    target = own_areas.save(rows, datastore.ensure(args.data_store))
    return _imported(len(rows), {areas.kommun(k).name for k in rows["kommun"]}, target, "Skillnader inom kommunen")


def cmd_data_import_groups(args) -> int:
    rows = own_groups.read(args.fil)  # every row checked before anything is written
    target = own_groups.save(rows, datastore.ensure(args.data_store))
    return _imported(len(rows), {areas.find(a).name for a in rows["area"]}, target,
                     "Hälsa efter utbildning och födelseland")


def cmd_data_import_values(args) -> int:
    rows = own_values.read(args.fil)  # every row checked before anything is written
    target = own_values.save(rows, datastore.ensure(args.data_store))
    n = len(rows)
    titles = and_list(sorted(f"”{catalog.indicator(i).title}”" for i in set(rows["indicator"])))
    names = ", ".join(sorted({areas.find(a).name for a in rows["area"]}))
    print(f"Läste in {format_number(n)} {'värde' if n == 1 else 'värden'} för {titles} ({names}, "
          f"{year_span(int(rows['year'].min()), int(rows['year'].max()))}) till {_relative(target)}. De bedöms och "
          "visas i indikatorns tema nästa gång briefingarna görs.")
    return 0


def _imported(n: int, names: set[str], target: Path, shown_under: str) -> int:
    print(f"Läste in {format_number(n)} {'rad' if n == 1 else 'rader'} för {', '.join(sorted(names))} till "
          f"{_relative(target)}. De visas under {shown_under} i översikten.")
    return 0


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
    try:
        logfile = paths.outputs_dir() / "jamlik.log"
        logfile.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(logfile, encoding="utf-8")
    except (OSError, JamlikError):  # no workspace (yet): commands that need one say so themselves
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return logfile


def main(argv: list[str] | None = None) -> int:
    # Ctrl-C must work even when the shell that started us ignored SIGINT (background jobs)
    signal.signal(signal.SIGINT, signal.default_int_handler)
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
        where = f" Detaljer finns i {logfile}." if logfile else ""
        print(f"Oväntat fel: {exc}.{where}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
