"""Python's errors in Swedish: what went wrong in a notebook cell, in words a strategist can act on.

Python names the error in English (``NameError: name 'egna' is not defined``); the strategist needs
``namnet 'egna' finns inte``. jamlik's own errors are Swedish already and pass through as they are.
An error this module does not know keeps Python's words after a Swedish lead, so nothing is lost.

>>> in_swedish("NameError", "name 'egna' is not defined")
"namnet 'egna' finns inte"
>>> in_swedish("SyntaxError", "incomplete input (1312699832.py, line 1)", "x = briefing.varden(\\n")
'ofullständig rad: en parentes stängs inte'
"""

import builtins
import io
import re
import tokenize

from jamlik.base.errors import JamlikError
from jamlik.base.names import closest, normalize, or_list

# the opening bracket that is left open -> its Swedish name
BRACKETS = {"(": "en parentes", "[": "en hakparentes", "{": "en klammerparentes"}
# Python's SyntaxError and IndentationError messages (without the "(file, line n)" tail), most
# specific first: (pattern, Swedish); a pattern's groups fill the Swedish text's {0}, {1}
SYNTAX = [
    (r"'([(\[{])' was never closed", "ofullständig rad: {bracket} stängs inte"),
    (r"unmatched '([)\]}])'", "'{0}' stänger något som aldrig öppnades"),
    (r"closing parenthesis '(.)' does not match opening parenthesis '(.)'.*",
     "parenteserna passar inte ihop: '{0}' stänger '{1}'"),
    (r"unterminated triple-quoted string literal.*", "en text inom tre citattecken avslutas aldrig"),
    (r"unterminated (?:f-)?string literal.*", "en text saknar sitt avslutande citattecken"),
    (r"expected ':'", "ett kolon (:) saknas i slutet av raden"),
    (r"invalid syntax\. Perhaps you forgot a comma\?", "ogiltig kod: saknas ett kommatecken?"),
    (r"invalid syntax\. Maybe you meant '==' or ':=' instead of '='\?",
     "ogiltig kod: menade du '==' (lika med) i stället för '='?"),
    (r"invalid character '(.)' \(U\+([0-9A-F]+)\)", "tecknet '{0}' går inte att använda i Python-kod{hint}"),
    (r"invalid (?:decimal|hexadecimal|octal|binary) literal", "ogiltigt tal: ett namn kan inte börja med en siffra, "
                                                              "och decimaltal skrivs med punkt (12.5)"),
    (r"unexpected indent", "oväntat indrag: raden börjar längre in än raden ovanför"),
    (r"unindent does not match any outer indentation level", "indraget stämmer inte med raderna ovanför"),
    (r"expected an indented block.*", "ett indraget block saknas efter raden ovanför"),
    (r"inconsistent use of tabs and spaces in indentation", "tabbar och mellanslag blandas i indraget"),
    (r"'return' outside function", "'return' utanför en funktion"),
    (r"cannot assign to (.+?)(?: here\..*)?", "det går inte att tilldela ett värde till {0}"),
    (r"unexpected EOF while parsing|incomplete input", "ofullständig kod"),
    (r"invalid syntax", "ogiltig kod: kontrollera stavning, parenteser, kommatecken och citattecken"),
]
# characters that a word processor or a Swedish keyboard puts where Python wants another
CHARACTER_HINTS = {"”": "; skriv raka citattecken \" eller '", "“": "; skriv raka citattecken \" eller '",
                   "’": "; skriv raka citattecken ' eller \"", "–": "; skriv minus -", "−": "; skriv minus -",
                   "\u00a0": " (hårt mellanslag); skriv ett vanligt mellanslag"}
# errors raised while running: (ename, pattern, Swedish), first match wins
RUNTIME = [
    ("NameError", r"name '(.+?)' is not defined(?:\. Did you mean: '(.+?)'\?)?", "namnet '{0}' finns inte"),
    ("AttributeError", r"'(.+?)' object has no attribute '(.+?)'(?:\. Did you mean: '(.+?)'\?)?",
     "'{0}' har ingen metod eller egenskap som heter '{1}'"),
    ("AttributeError", r"module '(.+?)' has no attribute '(.+?)'(?:\. Did you mean: '(.+?)'\?)?",
     "modulen '{0}' har inget som heter '{1}'"),
    ("ModuleNotFoundError", r"No module named '(.+?)'", "modulen '{0}' är inte installerad"),
    ("ImportError", r"cannot import name '(.+?)' from '(.+?)'.*", "'{0}' finns inte i '{1}'"),
    ("KeyError", r"(.+)", "{0} finns inte bland nycklarna eller kolumnerna"),
    ("IndexError", r".*out of (?:range|bounds).*", "platsen finns inte: listan eller tabellen är kortare"),
    ("ZeroDivisionError", r".*", "division med noll"),
    ("FileNotFoundError", r"\[Errno 2\] No such file or directory: (.+)", "filen {0} finns inte"),
    ("TypeError", r"(.+?)\(\) missing \d+ required positional arguments?: (.+)", "{0}() saknar argumentet {1}"),
    ("TypeError", r"(.+?)\(\) got an unexpected keyword argument '(.+?)'", "{0}() har inget argument '{1}'"),
    ("TypeError", r"'(.+?)' object is not callable", "'{0}' går inte att anropa som en funktion"),
    ("TypeError", r"unsupported operand type\(s\) for (.+?): '(.+?)' and '(.+?)'",
     "det går inte att räkna {1} {0} {2}"),
    ("TypeError", r'can only concatenate str \(not "(.+?)"\) to str',
     "text kan bara sättas ihop med text, inte med {0}"),
    ("KeyboardInterrupt", r".*", "körningen avbröts"),
    ("MemoryError", r".*", "minnet räckte inte"),
    ("RecursionError", r".*", "en funktion anropar sig själv utan slut"),
]
# a kind of error this module has no words for: a Swedish lead, then Python's own text
KINDS = {"ValueError": "ogiltigt värde", "TypeError": "fel sorts värde", "IndexError": "platsen finns inte",
         "AssertionError": "ett villkor i cellen håller inte", "OSError": "filen gick inte att läsa eller skriva"}


def in_swedish(ename: str, evalue: str, source: str = "", names=()) -> str:
    """What went wrong, in Swedish, without a closing full stop.

    ``source`` is the cell's code (to find a bracket left open); ``names`` are names the code could
    have meant (a misspelt method of ``Briefing``), offered as "menade du …?" when one is close.
    """
    if ename in ("SyntaxError", "IndentationError", "TabError"):
        return _syntax(_without_location(evalue), source)
    if is_jamlik_error(ename):
        return evalue.strip().rstrip(".")
    for kind, pattern, words in RUNTIME:
        found = re.fullmatch(pattern, evalue.strip(), re.S) if kind == ename else None
        if found and "Did you mean" in pattern:  # the last group is Python's suggestion, if any
            *groups, meant = found.groups()
            return words.format(*groups) + _suggestion(groups[-1], meant, names)
        if found:
            return words.format(*found.groups())
    lead = KINDS.get(ename, "fel i Python")
    return f"{lead} ({ename}: {evalue.strip()})" if evalue.strip() else f"{lead} ({ename})"


def is_jamlik_error(ename: str) -> bool:
    """One of jamlik's own errors, whose message is Swedish already. Errors are known by name: a
    notebook's error comes back from its kernel as text."""
    pending, names = [JamlikError], set()
    while pending:
        cls = pending.pop()
        names.add(cls.__name__)
        pending += cls.__subclasses__()
    return ename in names and not isinstance(getattr(builtins, ename, None), type)


def _without_location(evalue: str) -> str:
    """``incomplete input (1312699832.py, line 1)`` -> ``incomplete input``: the file is the
    kernel's temporary copy of the cell, meaningless to the reader."""
    return re.sub(r"\s*\([^()]*, line \d+\)$", "", evalue.strip())


def _syntax(message: str, source: str) -> str:
    for pattern, words in SYNTAX:
        found = re.fullmatch(pattern, message, re.S)
        if not found:
            continue
        groups = found.groups()
        if "{bracket}" in words:
            return words.format(bracket=BRACKETS[groups[0]])
        if "{hint}" in words:
            return words.format(*groups, hint=CHARACTER_HINTS.get(groups[0], ""))
        if words == "ofullständig kod":
            return _incomplete(source)
        return words.format(*groups)
    return f"felaktig Python-kod ({message})"


def _incomplete(source: str) -> str:
    """What an incomplete cell leaves open: a bracket, or a text in triple quotes."""
    stack = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.OP and token.string in BRACKETS:
                stack.append(token.string)
            elif token.type == tokenize.OP and token.string in ")]}" and stack:
                stack.pop()
    except tokenize.TokenError as exc:
        if "string" in str(exc):
            return "ofullständig rad: en text inom tre citattecken avslutas aldrig"
    except (SyntaxError, IndentationError):
        pass
    if stack:
        return f"ofullständig rad: {BRACKETS[stack[-1]]} stängs inte"
    return "ofullständig kod: något som påbörjas avslutas inte"


def _suggestion(name: str, meant: str | None, names) -> str:
    """Python's own "Did you mean" (3.12 on), else the nearest of ``names``."""
    choices = [meant] if meant else closest(name, {normalize(n): n for n in names if n != name})
    return f"; menade du {or_list([repr(c) for c in choices])}?" if choices else ""
