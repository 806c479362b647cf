"""Deprecated: ``from jamlik.lan_report import LanReport`` still works for one version.

Use ``from jamlik.documents import LanReport``.
"""

import warnings

from jamlik.documents.lan_report import LanReport  # noqa: F401

warnings.warn("jamlik.lan_report flyttas: skriv 'from jamlik.documents import LanReport'.", DeprecationWarning,
              stacklevel=2)
