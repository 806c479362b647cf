"""One way to ask a web API for JSON: timeouts, retries with backoff on 429/5xx and broken
connections (urllib3's ``Retry`` on a ``requests`` session, honouring Retry-After), a polite rate
limit, and a file cache so that a repeated fetch is quick and works offline. Every failure becomes
one Swedish sentence (``SourceError``).
"""

import hashlib
import json
import logging
import shutil
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

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
        # urllib3 retries connection errors, timeouts and 429/5xx, honouring Retry-After (at most 2 min)
        adapter = HTTPAdapter(max_retries=_Retry(total=retries - 1, backoff_factor=backoff, allowed_methods={"GET"},
                                                 status_forcelist=RETRY_STATUS, raise_on_status=False))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
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
        """One GET; the session's adapter retries (``_Retry``) and this turns the outcome into data or
        one Swedish sentence."""
        host = urlsplit(url).netloc
        self._wait_for_rate_limit()
        tries = f"efter {self.retries} försök. Försök igen senare; det lokala datalagret är oförändrat."
        try:
            response = self.session.get(url, timeout=self.timeout)
        except requests.exceptions.RequestException as exc:
            if _is_dns_failure(exc):
                raise SourceError(f"Kunde inte slå upp adressen {host} för {self.name}. Kontrollera "
                                  "internetanslutningen eller adressen i inställningarna.") from None
            if _is_timeout(exc):
                raise SourceError(f"{self.name} svarade inte inom {self.timeout:g} s {tries}") from None
            raise SourceError(f"Kunde inte ansluta till {self.name} ({host}): ingen nätverksanslutning, eller "
                              f"tjänsten är nere, {tries}") from None
        self.requests_made += 1
        if response.status_code == 200:
            return self._parse(response, url)
        if response.status_code in RETRY_STATUS:
            raise SourceError(f"{self.name} svarade {response.status_code} ({response.reason}) {tries}")
        raise SourceError(f"{self.name} svarade {response.status_code} ({response.reason}) på {url}. "
                          "Kontrollera id:n och år i anropet.")

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


class _Retry(Retry):
    """urllib3's retry policy, waiting through ``Client._sleep``: ``backoff_factor`` × 2ⁿ⁻¹ seconds
    before the n-th retry, or the server's Retry-After (at most two minutes)."""

    def get_backoff_time(self) -> float:
        return self.backoff_factor * 2 ** (len(self.history) - 1) if self.history else 0.0

    def sleep(self, response=None) -> None:
        after = self.get_retry_after(response) if response is not None else None
        Client._sleep(min(after, 120.0) if after else self.get_backoff_time())


def _is_timeout(exc: Exception) -> bool:
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(exc, requests.exceptions.Timeout) or isinstance(reason, (ReadTimeoutError, TimeoutError))


def _is_dns_failure(exc: Exception) -> bool:
    text = str(exc)
    return any(s in text for s in ("Name or service not known", "nodename nor servname", "getaddrinfo failed",
                                   "Temporary failure in name resolution", "No address associated"))
