"""An error in a notebook cell as one Swedish line a strategist can act on: which notebook, which cell
(its number and first line), which line in it and what went wrong; Python's traceback after it."""

import nbformat
import pytest

from jamlik.base import cell_errors
from jamlik.base.python_errors import in_swedish


@pytest.mark.parametrize("ename, evalue, source, said", [
    ("NameError", "name 'egna' is not defined", "print(egna)", "namnet 'egna' finns inte"),
    ("SyntaxError", "incomplete input (1312699832.py, line 1)", "t = briefing.varden(\n",
     "ofullständig rad: en parentes stängs inte"),
    ("SyntaxError", "incomplete input (1.py, line 2)", "x = 1\ny = [1, 2,\n",
     "ofullständig rad: en hakparentes stängs inte"),
    ("SyntaxError", "'{' was never closed (2.py, line 1)", "", "ofullständig rad: en klammerparentes stängs inte"),
    ("SyntaxError", "incomplete input (3.py, line 1)", 'text = """Vår kommentar\n',
     "ofullständig rad: en text inom tre citattecken avslutas aldrig"),
    ("SyntaxError", "unterminated string literal (detected at line 1) (4.py, line 1)", "s = 'abc",
     "en text saknar sitt avslutande citattecken"),
    ("SyntaxError", "invalid character '”' (U+201D) (5.py, line 1)", "x = ”text”",
     "tecknet '”' går inte att använda i Python-kod; skriv raka citattecken \" eller '"),
    ("SyntaxError", "expected ':' (6.py, line 1)", "if True", "ett kolon (:) saknas i slutet av raden"),
    ("IndentationError", "unexpected indent (7.py, line 2)", "a = 1\n  b = 2",
     "oväntat indrag: raden börjar längre in än raden ovanför"),
    ("KeyError", "'värde'", "", "'värde' finns inte bland nycklarna eller kolumnerna"),
    ("ModuleNotFoundError", "No module named 'geopandas'", "", "modulen 'geopandas' är inte installerad"),
    ("TypeError", "unsupported operand type(s) for +: 'int' and 'str'", "", "det går inte att räkna int + str"),
    ("UnknownAreaError", "Okänd kommun 'Karlskogga'. Menade du 1883 (Karlskoga)?", "",
     "Okänd kommun 'Karlskogga'. Menade du 1883 (Karlskoga)?"),  # jamlik's own errors are Swedish already
])
def test_python_errors_in_swedish(ename, evalue, source, said):
    assert in_swedish(ename, evalue, source) == said


def test_an_error_without_swedish_words_keeps_python_s_after_a_swedish_lead():
    assert in_swedish("ValueError", "could not convert string to float: 'x'") == \
        "ogiltigt värde (ValueError: could not convert string to float: 'x')"
    assert in_swedish("ZipError", "bad zip") == "fel i Python (ZipError: bad zip)"


def test_a_misspelt_name_is_matched_against_the_names_the_notebook_has():
    assert in_swedish("NameError", "name 'egna' is not defined", names=["egen", "briefing"]) == \
        "namnet 'egna' finns inte; menade du 'egen'?"
    assert in_swedish("AttributeError", "'Briefing' object has no attribute 'show_tabel'",
                      names=["show_table", "show_header"]).endswith("'show_tabel'; menade du 'show_table'?")


def _error_output(ename, evalue, line):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[
        "\x1b[31m---------------------------------------------------------------------------\x1b[39m",
        f"\x1b[31m{ename}\x1b[39m Traceback (most recent call last)",
        f"\x1b[36mCell\x1b[39m\x1b[36m \x1b[39m\x1b[32mIn[7]\x1b[39m\x1b[32m, line \x1b[39m\x1b[32m{line}\x1b[39m",
        f"\x1b[31m{ename}\x1b[39m: {evalue}"])


def test_the_cell_is_counted_as_the_strategist_sees_it_and_the_line_found_in_the_traceback():
    cells = [nbformat.v4.new_markdown_cell("Läs mig"), nbformat.v4.new_code_cell("kommun = '1883'"),
             nbformat.v4.new_code_cell("kommun = '1862'"), nbformat.v4.new_markdown_cell("Fel här"),
             nbformat.v4.new_code_cell("# min tabell\nprint(egna)")]
    cells[2].metadata["tags"] = ["injected-parameters"]  # Papermill's, not the strategist's
    cells[3].metadata["tags"] = ["papermill-error-cell-tag"]
    cells[4].outputs = [_error_output("NameError", "name 'egna' is not defined", 2)]
    error = cell_errors.first_error(nbformat.v4.new_notebook(cells=cells))
    assert error.line_text("02_skolaldern.ipynb") == \
        "Fel i 02_skolaldern.ipynb, cell 3 (”# min tabell”), rad 2: namnet 'egna' finns inte."
    assert error.traceback[-1] == "NameError: name 'egna' is not defined"  # no terminal colours
    assert "\x1b" not in error.traceback_text()


@pytest.mark.slow
def test_the_kernel_shows_the_swedish_line_before_python_s_traceback():
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("from jamlik.documents import notebook_errors\nnotebook_errors.install()\negen = 1"),
        nbformat.v4.new_code_cell("# summan\nprint(egna)"),
        nbformat.v4.new_code_cell("x = (1,\n"),
    ])
    for cell in nb.cells[1:]:
        with pytest.raises(CellExecutionError):
            NotebookClient(nbformat.v4.new_notebook(cells=[nb.cells[0], cell]), kernel_name="python3",
                           timeout=120).execute()
    first, second = (cell_errors.plain(c.outputs[0]["traceback"][0]) for c in nb.cells[1:])
    assert first == "Fel i cellen [2] (”# summan”), rad 2: namnet 'egna' finns inte; menade du 'egen'?"
    assert second == "Fel i cellen [2] (”x = (1,”), rad 1: ofullständig rad: en parentes stängs inte."
    assert "Traceback" in cell_errors.plain("".join(nb.cells[1].outputs[0]["traceback"][1:]))  # Python's follows
