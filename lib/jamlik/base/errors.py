"""Error types, one per kind of failure. Messages are Swedish and say what to fix."""


class JamlikError(Exception):
    """Base class: the message is shown to the user as it is, on one line."""


class UnknownAreaError(JamlikError, LookupError):
    """A kommun, län or other area that is not in the register."""


class UnknownThemeError(JamlikError, LookupError):
    """A theme id that is not in the catalog."""


class UnknownIndicatorError(JamlikError, LookupError):
    """An indicator id that is not in the catalog."""


class InvalidYearError(JamlikError, ValueError):
    """A year outside what the data store holds."""


class ParamsError(JamlikError, ValueError):
    """A params file that cannot be read or holds a key or value that is not allowed."""


class StoreError(JamlikError):
    """The local data store is missing, unreadable or of another version."""


class BriefingError(JamlikError):
    """A notebook run or PDF export that failed."""


class NoWorkspaceError(JamlikError):
    """No workspace at or above the current folder, and no usable JAMLIK_HOME."""


class NotebookCellError(BriefingError):
    """A notebook cell that ended in an error: one Swedish line (notebook, cell, line, what went
    wrong), what to do about it, and Python's traceback for the log."""

    def __init__(self, line: str, traceback: str = "", advice: str = ""):
        super().__init__(line)
        self.line, self.traceback, self.advice = line, traceback, advice
