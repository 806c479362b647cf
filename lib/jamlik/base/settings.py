"""Settings read from the environment, with the real services as defaults."""

import os
from pathlib import Path

KOLADA_URL = "https://api.kolada.se/v3"
SCB_URL = "https://statistikdatabasen.scb.se/api/v2"


def kolada_url() -> str:
    """Kolada API v3; ``JAMLIK_KOLADA_URL`` points elsewhere (a mirror, a proxy, a test server)."""
    return os.environ.get("JAMLIK_KOLADA_URL", KOLADA_URL).rstrip("/")


def scb_url() -> str:
    """SCB PxWebApi 2.0; ``JAMLIK_SCB_URL`` points elsewhere."""
    return os.environ.get("JAMLIK_SCB_URL", SCB_URL).rstrip("/")


def cache_dir() -> Path:
    """Where HTTP answers are kept, so repeated fetches are quick and work offline."""
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "jamlik" / "http"
    return Path(os.environ.get("JAMLIK_CACHE", default))
