"""Who can act, in the kommun's own words.

The catalog names generic owners (``actors``: "kommunen (socialnämnden, arbetsmarknadsenheten);
staten (Arbetsförmedlingen)"). A kommun's params may map them to its own committees
(``namnder: {socialnämnden: "Social- och arbetsmarknadsnämnden"}``); the text then names those. Without
a mapping for any of an indicator's owners the generic text stays, and says that it is generic.
"""

import re

from jamlik.base.errors import ParamsError
from jamlik.base.names import closest, normalize, or_list
from jamlik.data import catalog

GENERIC_NOTE = "allmän beskrivning, inte kommunens egna nämnder"


def _pattern(term: str) -> re.Pattern:
    # a whole owner, not part of a longer word ("skolan" is not in "gymnasieskolan")
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.IGNORECASE)


def _catalog_text() -> str:
    # read each time: a workspace's own indicators (params/indikatorer.csv) name owners too
    return "\n".join(i.actors for i in catalog.indicators().values() if i.actors)


def generic_owners() -> dict[str, str]:
    """Every owner phrase the catalog uses (normalized -> as written), for suggestions on a typo."""
    phrases = (p.strip() for p in re.split(r"[();,:\n]", _catalog_text()))
    return {normalize(p): p for p in phrases if p}


def check(committees: dict) -> None:
    """The params key ``namnder``: each key an owner the catalog names, each value a name."""
    for generic, own in committees.items():
        if not _pattern(str(generic).strip()).search(_catalog_text()):
            hint = closest(str(generic), generic_owners())
            raise ParamsError(f"'{generic}' finns inte bland katalogens ansvariga."
                              + (f" Menade du {or_list(hint)}?" if hint else "")
                              + " Se kolumnen actors i jamlik indikatorer.")
        if not isinstance(own, str) or not own.strip():
            raise ParamsError(f"'{generic}' ska ha kommunens eget namn som text, t.ex. \"Socialnämnden\".")


def named(actors: str, committees: dict[str, str]) -> tuple[str, bool]:
    """``actors`` with the kommun's own names in place of the generic owners it maps, and whether any
    was replaced. The longest owner is replaced first ("barn- och utbildningsnämnden" before
    "utbildningsnämnden")."""
    text, replaced = actors, False
    for generic in sorted(committees, key=len, reverse=True):
        text, count = _pattern(generic.strip()).subn(committees[generic].strip(), text)
        replaced = replaced or count > 0
    return text, replaced


def who_can_act(actors: str, committees: dict[str, str]) -> str:
    """``Kan påverkas av kommunen (Social- och arbetsmarknadsnämnden); staten (Arbetsförmedlingen).``, or the
    catalog's text marked as generic; "" when the catalog names no one."""
    if not actors:
        return ""
    text, own = named(actors, committees or {})
    return f"Kan påverkas av {text}." if own else f"Kan påverkas av {text} ({GENERIC_NOTE})."
