import re
import subprocess
import sys

import pytest

from jamlik.data import catalog
from jamlik.running import batch, cli


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if not line.startswith("Observera")]
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("argv, message", [
    (["run", "--kommun", "Karlskogga"], "Fel: Okänd kommun 'Karlskogga'. Menade du 1883 (Karlskoga),"),
    (["run", "--tema", "tidiga"], "Fel: Okänt tema 'tidiga'. Menade du tidiga_ar?"),
    (["run", "--ar", "2031"], "Fel: För 2031 finns inga värden i datalagret; värden finns för 2014–2025."),
    (["run", "--data-store", "/finns/inte"], "Fel: Det finns inget datalager i /finns/inte."),
    (["kommuner", "--lan", "Narnia"], "Fel: Okänt län 'Narnia'."),
])
def test_bad_input_gives_one_clear_line_and_exit_2(capsys, argv, message):
    assert cli.main(argv) == 2
    assert message in one_line_error(capsys)


def test_malformed_params_file_is_caught_before_any_run(capsys, tmp_path, monkeypatch):
    bad = tmp_path / "batch.yaml"
    bad.write_text("year: 2025\nperes: [Kumla]\n", encoding="utf-8")
    monkeypatch.setattr(batch, "execute", lambda *a, **k: pytest.fail("nothing should run"))
    assert cli.main(["run", "--params", str(bad)]) == 2
    assert "batch.yaml: okänd parameter 'peres'. Menade du peers?" in one_line_error(capsys)


def test_no_traceback_from_the_installed_command():
    done = subprocess.run([sys.executable, "-m", "jamlik.running.cli", "run", "--kommun", "Atlantis"],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "Okänd kommun 'Atlantis'" in done.stderr


def test_failures_set_the_exit_code_and_are_named_in_the_summary(capsys, tmp_path, monkeypatch):
    def fake_execute(jobs, workers, dask, force, report):
        results = [batch.Result(jobs[0], "made", seconds=2.0), batch.Result(jobs[1], "failed", "trasig notebook")]
        for done, result in enumerate(results, start=1):
            report(result, done, len(jobs))
        return batch.Summary(results, seconds=4.0)

    monkeypatch.setattr(batch, "execute", fake_execute)
    code = cli.main(["run", "--kommun", "Karlskoga", "Degerfors", "--tema", "tidiga_ar", "--ut", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "[2/2] ✗ Degerfors, tidiga år: trasig notebook" in err
    assert "gjorda            1" in out and "misslyckade       1" in out and "✗ Degerfors, tidiga år" in out
    assert (tmp_path / "2025" / "index.html").is_file()


def test_demo_warning_is_printed(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "execute", lambda *a, **k: batch.Summary())
    assert cli.main(["run", "--kommun", "1883", "--tema", "tidiga_ar", "--ut", str(tmp_path)]) == 0
    assert "demodata – inte officiell statistik" in capsys.readouterr().err


def test_listings(capsys):
    assert cli.main(["kommuner", "--lan", "18"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 12 and any(line.startswith("1883  Karlskoga") for line in lines)
    assert cli.main(["indikatorer", "--tema", "tidiga_ar"]) == 0
    assert "N66077" in capsys.readouterr().out


def test_data_status_reports_demo(capsys):
    assert cli.main(["data", "status"]) == 0
    out = capsys.readouterr().out
    assert "– demodata – inte officiell statistik" in out.splitlines()[0]
    assert re.search(r"demodata, skapade [\d-]+ \(inte officiell statistik\): [\d\xa0]+ värden \(100,0 %\), "
                     r"\d+ indikatorer, 312 områden, 2014–2025", out)
    shown = sum(i.shown for i in catalog.indicators().values())
    assert f"Täckning: {shown} av katalogens {shown} indikatorer har värden; senaste år med data: 2025." in out


def test_options_given_twice_add_up(capsys):
    assert cli.main(["run", "--kommun", "1883", "--kommun", "Degerfors", "--tema", "tidiga_ar", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Karlskoga, tidiga år" in out and "Degerfors, tidiga år" in out
    assert cli.main(["run", "--lan", "Blekinge", "--lan", "Gotland", "--tema", "tidiga_ar", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Karlskrona, tidiga år" in out and "Gotland, tidiga år" in out


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["data", "fetch", "--help"]])
def test_help_is_swedish_throughout(capsys, argv):
    with pytest.raises(SystemExit) as done:
        cli.main(argv)
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("användning: jamlik") and "visa den här hjälpen och avsluta" in text
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in text


def test_a_year_without_values_names_the_years_that_have_them(capsys, tmp_path, demo_store):
    import pandas as pd

    from jamlik.data import store

    data = store.read(demo_store)
    empty = data[data["year"] == data["year"].max()].assign(year=2030, value=float("nan"), status="missing")
    folder = tmp_path / "store"
    store.write(pd.concat([data, empty]), folder, store.read_meta(demo_store))
    assert cli.main(["run", "--ar", "2030", "--data-store", str(folder), "--dry-run"]) == 2
    assert "För 2030 finns inga värden i datalagret; värden finns för 2014–2025" in one_line_error(capsys)
