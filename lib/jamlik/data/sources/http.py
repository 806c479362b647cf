"""One way to ask a web API for JSON: timeouts, retries with backoff on 429/5xx and broken
connections (honouring Retry-After), a polite rate limit, and a file cache so that a repeated
fetch is quick and works offline. Every failure becomes one Swedish sentence (``SourceError``).
"""

import hashlib
import json
import logging
import shutil
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import requests

from jamlik import __version__
from jamlik.base import settings
from jamlik.base.errors import JamlikError

log = logging.getLogger(__name__)
RETRY_STATUS = {429, 500, 502, 503, 504}


class SourceError(JamlikError):
    """A source could not be reached or answered with something unusable."""


def cache_dir() -> Path:
    return settings.cache_dir()


def clear_cache() -> int:
    """Remove every cached answer; returns how many there were."""
    folder = cache_dir()
    count = len(list(folder.glob("*.json"))) if folder.is_dir() else 0
    shutil.rmtree(folder, ignore_errors=True)
    return count


class Client:
    """JSON over HTTP for one service (``name`` is how users know it: "Kolada", "SCB")."""

    def __init__(self, name: str, base_url: str, *, timeout: float = 30, retries: int = 4, backoff: float = 1.0,
                 min_interval: float = 0.2, use_cache: bool = True, session: requests.Session | None = None):
        self.name, self.base_url = name, base_url.rstrip("/")
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.min_interval, self.use_cache = min_interval, use_cache
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = f"jamlik/{__version__} (folkhälsorapporter)"
        self._last_call = 0.0
        self.requests_made = 0

    def url(self, path: str, params: dict | None = None) -> str:
        url = path if path.startswith(("http://", "https://")) else f"{self.base_url}/{path.lstrip('/')}"
        return f"{url}?{urlencode(params, safe=',[]')}" if params else url

    def get_json(self, path: str, params: dict | None = None, *, cache: bool = True):
        url = self.url(path, params)
        cached = self._cache_file(url)
        if cache and self.use_cache and cached.is_file():
            return json.loads(cached.read_text(encoding="utf-8"))
        data = self._fetch(url)
        if cache:
            self._store(cached, data)
        return data

    # --- internals ----------------------------------------------------------------------------

    def _fetch(self, url: str):
        host = urlsplit(url).netloc
        for attempt in range(1, self.retries + 1):
            self._wait_for_rate_limit()
            try:
                response = self.session.get(url, timeout=self.timeout)
            except requests.exceptions.Timeout:
                problem = f"{self.name} svarade inte inom {self.timeout:g} s"
            except requests.exceptions.ConnectionError as exc:
                if _is_dns_failure(exc):
                    raise SourceError(f"Kunde inte slå upp adressen {host} för {self.name}. Kontrollera "
                                      "internetanslutningen eller adressen i inställningarna.") from None
                problem = (f"Kunde inte ansluta till {self.name} ({host}): ingen nätverksanslutning, "
                           "eller tjänsten är nere")
            else:
                self.requests_made += 1
                if response.status_code == 200:
                    return self._parse(response, url)
                if response.status_code not in RETRY_STATUS:
                    raise SourceError(f"{self.name} svarade {response.status_code} ({response.reason}) "
                                      f"på {url}. Kontrollera id:n och år i anropet.")
                problem = f"{self.name} svarade {response.status_code} ({response.reason})"
                if response.status_code == 429:
                    self._sleep(_retry_after(response, self.backoff * 2 ** attempt))
                    continue
            log.warning("%s, försök %d av %d: %s", problem, attempt, self.retries, url)
            if attempt < self.retries:
                self._sleep(self.backoff * 2 ** (attempt - 1))
        raise SourceError(f"{problem} efter {self.retries} försök. Försök igen senare; "
                          "det lokala datalagret är oförändrat.")

    def _parse(self, response: requests.Response, url: str):
        try:
            return response.json()
        except ValueError:
            raise SourceError(f"{self.name} skickade ett svar som inte går att läsa (ofullständig eller "
                              f"felaktig JSON) från {url}. Försök igen; det lokala datalagret är oförändrat.") from None

    def _wait_for_rate_limit(self) -> None:
        wait = self._last_call + self.min_interval - time.monotonic()
        if wait > 0:
            self._sleep(wait)
        self._last_call = time.monotonic()

    @staticmethod
    def _sleep(seconds: float) -> None:
        time.sleep(seconds)

    def _cache_file(self, url: str) -> Path:
        return cache_dir() / (hashlib.sha256(url.encode()).hexdigest()[:32] + ".json")

    @staticmethod
    def _store(path: Path, data) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)


def _retry_after(response: requests.Response, default: float) -> float:
    try:
        return min(float(response.headers.get("Retry-After", default)), 120.0)
    except ValueError:
        return default


def _is_dns_failure(exc: Exception) -> bool:
    text = str(exc)
    return any(s in text for s in ("Name or service not known", "nodename nor servname", "getaddrinfo failed",
                                   "Temporary failure in name resolution", "No address associated"))
