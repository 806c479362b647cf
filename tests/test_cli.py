import re
import subprocess
import sys

import pytest

from jamlik import cli, export, run


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if not line.startswith("Observera")]
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("argv, message", [
    (["run", "--kommun", "Karlskogga"], "Fel: Okänd kommun 'Karlskogga'. Menade du 1883 (Karlskoga),"),
    (["run", "--tema", "tidiga"], "Fel: Okänt tema 'tidiga'. Menade du tidiga_ar?"),
    (["run", "--ar", "2031"], "Fel: År 2031 finns inte i datalagret (2014–2025)."),
    (["run", "--data-store", "/finns/inte"], "Fel: Det finns inget datalager i /finns/inte."),
    (["kommuner", "--lan", "Narnia"], "Fel: Okänd län 'Narnia'."),
])
def test_bad_input_gives_one_clear_line_and_exit_2(capsys, argv, message):
    assert cli.main(argv) == 2
    assert message in one_line_error(capsys)


def test_malformed_params_file_is_caught_before_any_run(capsys, tmp_path, monkeypatch):
    bad = tmp_path / "batch.yaml"
    bad.write_text("year: 2025\nperes: [Kumla]\n", encoding="utf-8")
    monkeypatch.setattr(run, "execute", lambda *a: pytest.fail("nothing should run"))
    assert cli.main(["run", "--params", str(bad)]) == 2
    assert "batch.yaml: okänd parameter 'peres'. Menade du peers?" in one_line_error(capsys)


def test_no_traceback_from_the_installed_command():
    done = subprocess.run([sys.executable, "-m", "jamlik.cli", "run", "--kommun", "Atlantis"],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "Okänd kommun 'Atlantis'" in done.stderr


def test_a_failing_kommun_does_not_stop_the_batch(capsys, tmp_path, monkeypatch):
    made = []

    def fake_execute(notebook, target, parameters):
        if parameters["kommun"] == "1862":
            from jamlik.errors import BriefingError
            raise BriefingError("något gick fel i notebooken")
        made.append(parameters["kommun"])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("{}")

    monkeypatch.setattr(run, "execute", fake_execute)
    monkeypatch.setattr(export, "export", lambda nb, pdf, html=None: pdf)
    code = cli.main(["run", "--kommun", "Degerfors", "Karlskoga", "--tema", "tidiga_ar", "--ut", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert made == ["1883"]
    assert "✗ Degerfors, tidiga år: något gick fel i notebooken" in err
    assert "Klart: 1 av 2 briefingar" in out and "1 misslyckades" in out


def test_demo_warning_is_printed(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(run, "run_briefing", lambda *a, **k: run.Outcome(a[0], a[1], pdf=tmp_path / "x.pdf"))
    assert cli.main(["run", "--kommun", "1883", "--tema", "tidiga_ar"]) == 0
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
    assert re.search(r"demodata: [\d\xa0]+ värden \(100,0 %\), 38 indikatorer, 312 områden, 2014–2025", out)
    assert "Riktiga värden: 0,0 %, demodata: 100,0 %." in out and "inte officiell statistik" in out


def test_council_pdf_is_not_made_when_a_theme_failed(capsys, tmp_path, monkeypatch):
    def fake_run(kommun, theme, *args):
        error = "trasig notebook" if theme.id == "skolaldern" else ""
        return run.Outcome(kommun, theme, pdf=None if error else tmp_path / f"{theme.id}.pdf", year=2025, error=error)

    monkeypatch.setattr(run, "run_briefing", fake_run)
    assert cli.main(["run", "--kommun", "1883"]) == 1
    err = capsys.readouterr().err
    assert "✗ Karlskoga, skolåldern: trasig notebook" in err
    assert "✗ Karlskoga, samlad: samlad PDF inte skapad eftersom skolåldern misslyckades" in err
