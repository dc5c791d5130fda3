"""Fetching the pages listed in a ``--urls`` file; nothing is fetched unless a user asks for it.

Each URL that cannot be fetched (offline, refused, timed out, not a page) becomes
one rejection with the reason, and the other URLs go on. The policy holds at every
hop: http(s) only, a bounded number of redirects, one time budget for the whole
fetch (not per read, so a server dripping bytes cannot hold it), a byte limit
counted while downloading, and optionally no private or loopback addresses.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlparse

from .. import __version__
from ..models import Rejected
from .read import RawInput, binary_kind, decode_bytes, read_small_text

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
CHUNK = 65_536


@dataclass(frozen=True)
class FetchPolicy:
    """What a fetch may do; every field comes from [ingest] in defaults.toml."""

    timeout: float  # seconds for the whole fetch of one URL, redirects included
    max_bytes: int
    max_redirects: int
    allow_private: bool
    workers: int


class _PolicyError(Exception):
    """A hop the policy refuses; the message is the reason shown to the user."""


def read_url_list(path: Path, limit: int) -> list[str] | Rejected:
    """The URLs in a text file, one a line; blank lines and # comments are skipped."""
    text = read_small_text(path, "URL list", limit)
    if isinstance(text, Rejected):
        return text
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def fetch_all(urls: list[str], policy: FetchPolicy) -> Iterator[RawInput | Rejected]:
    """Every URL fetched by a small pool of workers; results in the order of the list."""
    with ThreadPoolExecutor(max_workers=max(1, policy.workers)) as pool:
        yield from pool.map(lambda item: fetch(item[1], item[0], policy), enumerate(urls))


def fetch(url: str, order: int, policy: FetchPolicy) -> RawInput | Rejected:
    """One page as a draft, or the reason it could not be had."""
    clock = _Clock(policy)
    timer = threading.Timer(policy.timeout, clock.expire)
    timer.daemon = True
    timer.start()
    try:
        return _fetch(url, order, policy, clock)
    except _PolicyError as exc:
        return Rejected(url, f"not fetched ({exc})")
    except urllib.error.HTTPError as exc:
        return Rejected(url, f"cannot fetch (HTTP {exc.code} {exc.reason})")
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, _PolicyError):
            return Rejected(url, f"not fetched ({exc.reason})")
        if clock.expired:
            return Rejected(url, _late(policy))
        return Rejected(url, f"cannot fetch ({_reason(exc.reason)}); check the address or the network")
    except (OSError, ValueError, http.client.HTTPException) as exc:
        if clock.expired or isinstance(exc, TimeoutError):
            return Rejected(url, _late(policy))
        return Rejected(url, f"cannot fetch ({exc})")
    finally:
        timer.cancel()
        clock.expire(quietly=True)


def _fetch(url: str, order: int, policy: FetchPolicy, clock: _Clock) -> RawInput | Rejected:
    if not _is_web(url):
        return Rejected(url, "not an http(s) URL")
    opener = urllib.request.build_opener(_Redirects(policy), _HTTP(clock), _HTTPS(clock))
    request = urllib.request.Request(url, headers={"User-Agent": f"synopsis/{__version__}", "Accept": "text/html"})
    with opener.open(request, timeout=policy.timeout) as response:
        headers: Message = response.headers
        content_type = headers.get_content_type() if headers else "text/html"
        charset = headers.get_content_charset() if headers else None
        if content_type not in PAGE_TYPES:
            return Rejected(url, f"not a web page (content type {content_type})")
        declared = headers.get("Content-Length") if headers else None
        if declared and declared.isdigit() and int(declared) > policy.max_bytes:
            return Rejected(url, _too_large(policy.max_bytes))
        data = _read_within(response, policy.max_bytes, clock)
        final_url = response.geturl() or url
    if data is None:
        return Rejected(url, _too_large(policy.max_bytes))
    if binary_kind(data):
        return Rejected(url, "binary content, not a web page")
    decoded = _decode(data, charset)
    if decoded is None:
        return Rejected(url, "cannot decode the page")
    kind = "text" if content_type == "text/plain" else "html"
    return RawInput(url, decoded, kind, (url, order), url=final_url)


def _read_within(response: IO[bytes], limit: int, clock: _Clock) -> bytes | None:
    """The body read in chunks while time is left; None once it passes ``limit`` bytes."""
    parts: list[bytes] = []
    size = 0
    while True:
        if clock.expired:
            raise TimeoutError
        chunk = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
        if not chunk:
            if clock.expired:
                raise TimeoutError
            return b"".join(parts)
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)


class _Clock:
    """The time budget of one fetch: when it runs out, every socket the fetch opened is shut down."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        self.deadline = time.monotonic() + policy.timeout
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def opened(self, sock: socket.socket) -> None:
        """Track a new connection, and refuse it when it reached an address the policy keeps out."""
        with self._lock:
            self._sockets.append(sock)
        if not self.policy.allow_private:
            address = ipaddress.ip_address(str(sock.getpeername()[0]).split("%")[0])
            if address.is_private or address.is_loopback or address.is_link_local or address.is_unspecified:
                raise _PolicyError(f"{address} is a private or loopback address (ingest.fetch_private)")
        sock.settimeout(max(self.deadline - time.monotonic(), 0.001))

    def expire(self, quietly: bool = False) -> None:
        with self._lock:
            self.expired = self.expired or not quietly
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            self._sockets.clear()


def _connection(base: type[http.client.HTTPConnection], clock: _Clock) -> Any:
    class Tracked(base):  # type: ignore[valid-type,misc]
        def connect(self) -> None:
            super().connect()
            clock.opened(self.sock)

    return Tracked


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, clock: _Clock) -> None:
        super().__init__()
        self.connection = _connection(http.client.HTTPConnection, clock)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self.connection, req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, clock: _Clock) -> None:
        super().__init__()
        self.connection = _connection(http.client.HTTPSConnection, clock)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self.connection, req, context=self._context)  # type: ignore[attr-defined]


def _is_web(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and bool(parsed.hostname)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects followed only to http(s) addresses, at most ``max_redirects`` of them."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy

    def redirect_request(  # type: ignore[override]
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: http.client.HTTPMessage, newurl: str,
    ) -> urllib.request.Request | None:
        if not _is_web(newurl):
            scheme = urlparse(newurl).scheme or "no scheme"
            raise _PolicyError(f"redirected to a {scheme} URL; only http(s) is followed")
        if len(getattr(req, "redirect_dict", {})) >= self.policy.max_redirects:
            raise _PolicyError(f"more than {self.policy.max_redirects} redirects (ingest.fetch_max_redirects)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _late(policy: FetchPolicy) -> str:
    return f"cannot fetch (no complete answer within {policy.timeout:g} s; ingest.fetch_timeout)"


def _too_large(limit: int) -> str:
    return f"page too large (over {limit} bytes; see ingest.max_page_bytes)"


def _decode(data: bytes, charset: str | None) -> str | None:
    if charset:
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            pass
    decoded = decode_bytes(data)
    return decoded.text if decoded else None


def _reason(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return "timed out"
    return str(getattr(reason, "strerror", None) or reason)
