"""Fetching the pages listed in a ``--urls`` file; nothing is fetched unless a user asks for it.

Each URL that cannot be fetched (offline, refused, timed out, not a page) becomes
one rejection with the reason, and the other URLs go on.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from .. import __version__
from ..models import Rejected
from .read import RawInput, binary_kind, decode, read_small_text

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def read_url_list(path: Path) -> list[str] | Rejected:
    """The URLs in a text file, one a line; blank lines and # comments are skipped."""
    text = read_small_text(path, "URL list")
    if isinstance(text, Rejected):
        return text
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def fetch(url: str, order: int, timeout: float, limit: int) -> RawInput | Rejected:
    """One page as a draft, or the reason it could not be had."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return Rejected(url, "not an http(s) URL")
    request = urllib.request.Request(url, headers={"User-Agent": f"synopsis/{__version__}", "Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type() if response.headers else "text/html"
            charset = response.headers.get_content_charset() if response.headers else None
            data = response.read(limit + 1)
            final_url = response.geturl() or url
    except urllib.error.HTTPError as exc:
        return Rejected(url, f"cannot fetch (HTTP {exc.code} {exc.reason})")
    except urllib.error.URLError as exc:
        return Rejected(url, f"cannot fetch ({_reason(exc.reason)}); check the address or the network")
    except TimeoutError:
        return Rejected(url, f"cannot fetch (no answer within {timeout:g} s)")
    except (OSError, ValueError) as exc:
        return Rejected(url, f"cannot fetch ({exc})")
    if content_type not in PAGE_TYPES:
        return Rejected(url, f"not a web page (content type {content_type})")
    if len(data) > limit:
        return Rejected(url, f"page too large (over {limit} bytes; see ingest.max_file_bytes)")
    if binary_kind(data):
        return Rejected(url, "binary content, not a web page")
    text = _decode(data, charset)
    if text is None:
        return Rejected(url, "cannot decode the page")
    kind = "text" if content_type == "text/plain" else "html"
    return RawInput(url, text, kind, (url, order), url=final_url)


def _decode(data: bytes, charset: str | None) -> str | None:
    if charset:
        try:
            return data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            pass
    return decode(data)


def _reason(reason: object) -> str:
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError):
        return "timed out"
    return str(getattr(reason, "strerror", None) or reason)
