"""Notes for the strategist who runs the notebook, never for the council: shown in JupyterLab under
the part they concern, and left out of the HTML and the PDF (``export`` drops them). Commands
belong here, not in what a council reads.
"""

from jamlik.base.text import and_list, lower_first

LEAD = "För dig som analytiker (visas inte i PDF:en): "
FETCH = ("'jamlik data fetch' hämtar dem från Kolada när datorn når internet, och 'jamlik data status' visar "
         "vad datalagret innehåller.")


def absent(titles: list[str]) -> str:
    """Indicators the store holds no value for (the bundled snapshot lacks them)."""
    what = and_list([lower_first(t) for t in titles])
    return f"{LEAD}{what} saknas i datalagret, så briefingen säger bara att uppgiften inte finns. {FETCH}"


def not_read(titles: list[str]) -> str:
    """The workspace's own indicators (params/indikatorer.csv) without values yet."""
    what = and_list([lower_first(t) for t in titles])
    return (f"{LEAD}inga värden är inlästa ännu för {what}. 'jamlik data import-varden FIL' läser in dem "
            "(kolumnerna kommun, indikator, ar, kon, varde, taljare, namnare, kalla).")


def survey_import(hint: str) -> str:
    """No survey by education and birth region for the kommun: how the region's own can be added."""
    return f"{LEAD}{hint}"
