"""Documents: ``Briefing`` (the facade a notebook calls), the council document, the goals page, the
län report, workbooks, CSV rows, and HTML/PDF export. Imports from every layer below, never from
``jamlik.running``.

>>> from jamlik.documents import Briefing  # doctest: +SKIP
"""


def __getattr__(name: str):
    # loaded on first use: the command line imports export and council without charts or IPython
    if name == "Briefing":
        from jamlik.documents.briefing import Briefing

        return Briefing
    if name == "LanReport":
        from jamlik.documents.lan_report import LanReport

        return LanReport
    raise AttributeError(name)
