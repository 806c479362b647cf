"""Name matching that forgives case, accents and the usual suffixes ("Karlskoga kommun")."""

import difflib
import unicodedata


def normalize(text: str) -> str:
    """Fold case and accents: ``normalize("Örebro län") == "orebro lan"``."""
    decomposed = unicodedata.normalize("NFKD", str(text).strip().casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def closest(query: str, choices: dict[str, str], n: int = 3) -> list[str]:
    """The values of ``choices`` (normalized key -> label) whose keys are nearest to ``query``."""
    keys = difflib.get_close_matches(normalize(query), list(choices), n=n * 3, cutoff=0.6)
    labels = list(dict.fromkeys(choices[k] for k in keys))
    return labels[:n]


def or_list(items: list[str]) -> str:
    """Swedish enumeration: ``a``, ``a eller b``, ``a, b eller c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " eller " + items[-1]
