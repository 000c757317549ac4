"""Who is looking at the viewer's pages: a signed session cookie, or a bearer key, when the server has API keys.

A browser cannot send `Authorization` with a link or an `EventSource`, so the pages ask for a key once and keep
a session in the HttpOnly, SameSite=Strict cookie `tessera_session`. The cookie never holds the key: it holds
the key's id and an expiry, signed with HMAC-SHA256 under a secret derived from that key. Every gateway that
shares the keys accepts it, and removing a key from TESSERA_API_KEYS ends its sessions.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from tessera.agents.services._access import ApiKeys, authenticated, key_id
from tessera.agents.settings import Settings
from tessera.contract import UnauthorizedError

COOKIE = "tessera_session"
SESSION_S = 12 * 3600  # a working day: long enough not to ask again, short enough that a lost cookie expires
_SECRET_LABEL = b"tessera viewer session\x00"
_DEFAULT_NEXT = "/runs"


class LoginNeeded(Exception):
    """The server has keys and the request carries no valid session or bearer key."""


@dataclass(frozen=True)
class ViewerKeys:
    """The keys the viewer accepts (None: the pages are open) and a signing secret per key id."""

    keys: ApiKeys | None
    secrets: dict[str, bytes]

    @classmethod
    def from_settings(cls, settings: Settings) -> ViewerKeys:
        """The keys of TESSERA_API_KEYS (ConfigurationError for an unusable one, as the API says)."""
        keys = ApiKeys.from_settings(settings)
        if keys is None or settings.services.api_keys is None:
            return cls(keys=None, secrets={})
        listed = [key.strip() for key in settings.services.api_keys.get_secret_value().split(",")]
        secrets = {key_id(key): hashlib.sha256(_SECRET_LABEL + key.encode("utf-8")).digest() for key in listed}
        return cls(keys=keys, secrets=secrets)

    @property
    def required(self) -> bool:
        """Whether the pages need a key."""
        return self.keys is not None

    def caller(self, request: Request) -> str | None:
        """The key id the request is made with (None when the pages are open); LoginNeeded when it has none."""
        if self.keys is None:
            return None
        header = request.headers.get("authorization")
        if header:
            try:
                return authenticated(self.keys, header)
            except UnauthorizedError as err:
                raise LoginNeeded from err
        session = self._session_key(request.cookies.get(COOKIE, ""))
        if session is None:
            raise LoginNeeded
        return session

    def log_in(self, key: str) -> str | None:
        """The cookie value for a session of `key`; None when it is not one of the keys."""
        if self.keys is None:
            return None
        caller = self.keys.identify(key.strip())
        if caller is None:
            return None
        expiry = int(time.time()) + SESSION_S
        return f"{caller}.{expiry}.{self._signature(caller, expiry)}"

    def _session_key(self, cookie: str) -> str | None:
        caller, _, rest = cookie.partition(".")
        expiry, _, signature = rest.partition(".")
        if caller not in self.secrets or not expiry.isdigit() or int(expiry) < time.time():
            return None
        return caller if hmac.compare_digest(signature, self._signature(caller, int(expiry))) else None

    def _signature(self, caller: str, expiry: int) -> str:
        return hmac.new(self.secrets[caller], f"{caller}.{expiry}".encode(), hashlib.sha256).hexdigest()


def set_session(response: Response, cookie: str, *, secure: bool) -> None:
    """Keep the session in the browser: unreadable to scripts, sent only with requests from this site."""
    response.set_cookie(COOKIE, cookie, max_age=SESSION_S, path="/", httponly=True, samesite="strict", secure=secure)


def end_session(response: Response, *, secure: bool) -> None:
    """Forget the session."""
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=secure)


def local_next(target: str | None) -> str:
    """`target` when it is a path on this server, else the run list: a login link cannot send anyone elsewhere."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return _DEFAULT_NEXT
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(c) < 0x21 or c == "\\" for c in target):
        return _DEFAULT_NEXT
    return target
