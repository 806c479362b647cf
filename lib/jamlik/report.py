"""Deprecated: ``from jamlik.report import Briefing`` still works for one version.

Use ``from jamlik.documents import Briefing``.
"""

import warnings

from jamlik.documents.briefing import Briefing  # noqa: F401

warnings.warn("jamlik.report flyttas: skriv 'from jamlik.documents import Briefing'.", DeprecationWarning,
              stacklevel=2)
