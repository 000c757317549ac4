"""Who may call a Tessera service, which runs they see, and what replies may show of the server.

With `TESSERA_API_KEYS` set, every route but /healthz and /readyz needs `Authorization: Bearer KEY`
(in every role, so a part service can be protected as the gateway is), and each run belongs to the
key that made it: another key's run answers 404, as a run that does not exist. A key is known by
its id, a short SHA-256 digest; the key itself is never stored or logged. Replies build URLs from
`TESSERA_PUBLIC_URL` or the address the server listens on, never from the request's Host header,
and error messages lose the server's file paths.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from tessera.agents.runs import RunFolder, RunStore
from tessera.agents.settings import Settings
from tessera.agents.wire import ErrorBody
from tessera.contract import ConfigurationError, RunNotFoundError, RunRecord, UnauthorizedError

OPEN_PATHS = frozenset({"/healthz", "/readyz"})
"""Routes that answer without a key: orchestrators and load balancers probe them."""

VIEWER_PREFIXES = ("/runs/", "/viewer/")
"""The trace viewer's pages (and /runs itself) check their own session cookie or bearer key (`tessera.agents.viewer`):
a browser following a link cannot send `Authorization`."""


def is_viewer_path(path: str) -> bool:
    """Whether `path` is one of the viewer's, which authenticate themselves."""
    return path == "/runs" or path.startswith(VIEWER_PREFIXES)


MIN_KEY_LENGTH = 16
_KEY_ID_HEX = 16  # 64 bits of the digest: ids of distinct keys do not collide, and the id does not give the key away
_SCHEME = "bearer"  # the security scheme's name in the OpenAPI document


def key_id(key: str) -> str:
    """The id a key is known by in run records and logs."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:_KEY_ID_HEX]


class ApiKeys:
    """The keys a service accepts, held as SHA-256 digests and compared in constant time."""

    def __init__(self, keys: list[str]) -> None:
        self._digests = [hashlib.sha256(key.encode("utf-8")).digest() for key in dict.fromkeys(keys)]

    @classmethod
    def from_settings(cls, settings: Settings) -> ApiKeys | None:
        """The keys `TESSERA_API_KEYS` lists; None when it is unset; ConfigurationError when one cannot be a key."""
        secret = settings.services.api_keys
        if secret is None:
            return None
        keys = [key.strip() for key in secret.get_secret_value().split(",")]
        if not any(keys):
            raise ConfigurationError(
                "TESSERA_API_KEYS is set but empty: list one or more keys separated by commas, "
                "or unset it to serve without authentication"
            )
        for position, key in enumerate(keys, start=1):
            problem = _key_problem(key)
            if problem is not None:
                raise ConfigurationError(f"TESSERA_API_KEYS: key {position} of {len(keys)} {problem}")
        return cls(keys)

    def __len__(self) -> int:
        return len(self._digests)

    def identify(self, token: str) -> str | None:
        """The id of `token` when it is one of the keys, else None."""
        presented = hashlib.sha256(token.encode("utf-8")).digest()
        # Compared with every key, without stopping at a match: the time taken does not say which key matched.
        matched = [hmac.compare_digest(presented, digest) for digest in self._digests]
        return key_id(token) if any(matched) else None


def _key_problem(key: str) -> str | None:
    if not key:
        return "is empty (two commas in a row, or one at the end)"
    if len(key) < MIN_KEY_LENGTH:
        return f"is {len(key)} characters long; use at least {MIN_KEY_LENGTH}, e.g. `openssl rand -hex 32`"
    if not key.isascii() or not key.isprintable() or " " in key:
        return "has spaces, control or non-ASCII characters; a bearer token is printable ASCII"
    return None


@dataclass(frozen=True)
class Access:
    """What one app enforces and shows: its keys (None: open to all) and the base of the URLs it returns."""

    keys: ApiKeys | None
    public_url: str | None

    @classmethod
    def from_settings(cls, settings: Settings) -> Access:
        """ConfigurationError when TESSERA_API_KEYS or TESSERA_PUBLIC_URL cannot be used."""
        return cls(keys=ApiKeys.from_settings(settings), public_url=_checked_public_url(settings.services.public_url))


_OPEN = Access(keys=None, public_url=None)


def _checked_public_url(url: str | None) -> str | None:
    if not url:
        return None  # unset, or set to nothing (compose's `${TESSERA_PUBLIC_URL:-}`)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigurationError(
            f"TESSERA_PUBLIC_URL={url!r} is not a base URL; write it as clients reach the gateway, "
            "e.g. https://images.example.com or https://example.com/tessera"
        )
    return url.rstrip("/")


def install_access(app: FastAPI, settings: Settings) -> None:
    """Enforce `settings`' keys on every route of `app` but OPEN_PATHS, and keep its public URL for replies."""
    access = Access.from_settings(settings)
    app.state.access = access
    if access.keys is not None:
        app.add_middleware(Authentication, keys=access.keys)
        _document_bearer(app)


def _document_bearer(app: FastAPI) -> None:
    """The OpenAPI document says every operation but OPEN_PATHS needs a bearer key (only when keys are set)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
        if _SCHEME not in schemes:
            schemes[_SCHEME] = {"type": "http", "scheme": "bearer", "description": "one of TESSERA_API_KEYS"}
            for path, operations in schema.get("paths", {}).items():
                for operation in operations.values() if path not in OPEN_PATHS else ():
                    operation["security"] = [{_SCHEME: []}]
        return schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to customise the document


class Authentication:
    """Answers 401 (with `WWW-Authenticate: Bearer`) to a request without a known key, before any route runs.

    A middleware rather than a dependency of each route: it covers every route, the parts' own, the
    OpenAPI document and those added later, and refuses before a body is read.
    """

    def __init__(self, app: ASGIApp, keys: ApiKeys) -> None:
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] not in OPEN_PATHS and not is_viewer_path(scope["path"]):
            try:
                authenticated(self.keys, Headers(scope=scope).get("authorization"))
            except UnauthorizedError as err:
                await unauthorized(str(err))(scope, receive, send)
                return
        await self.app(scope, receive, send)


def authenticated(keys: ApiKeys, authorization: str | None) -> str:
    """The id of the key an Authorization header carries; UnauthorizedError saying what is wrong with it."""
    if not authorization:
        raise UnauthorizedError("this server needs an API key: send the header `Authorization: Bearer KEY`")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthorizedError("the Authorization header is not `Bearer KEY`")
    caller = keys.identify(token.strip())
    if caller is None:
        raise UnauthorizedError("the API key is not one this server accepts (TESSERA_API_KEYS)")
    return caller


def unauthorized(message: str) -> JSONResponse:
    """A 401 reply in the OpenAI error shape, with the challenge RFC 6750 asks for."""
    error = ErrorBody.of(UnauthorizedError(message))
    return JSONResponse({"error": error.model_dump()}, status_code=401, headers={"WWW-Authenticate": "Bearer"})


def caller_key(request: Request) -> str | None:
    """The id of the API key the request carries (a digest, never the key); None when no keys are configured.

    The Authentication middleware has already refused requests without a known key; this checks
    again so that a route can never see a caller it did not authenticate.
    """
    keys = _access_of(request).keys
    return None if keys is None else authenticated(keys, request.headers.get("authorization"))


Caller = Annotated[str | None, Depends(caller_key)]


def _access_of(request: Request) -> Access:
    # An app built without install_access (a bare gateway app in a test) is open, as one without keys.
    access = getattr(request.app.state, "access", _OPEN)
    return access if isinstance(access, Access) else _OPEN


def open_owned(store: RunStore, run_id: str, key_id: str | None) -> RunFolder:
    """The run's folder when `key_id` may see it; RunNotFoundError otherwise (as if it did not exist)."""
    folder = store.open(run_id)
    if key_id is not None and folder.read_record().key_id != key_id:
        # The same words as for a run that does not exist: a reply must not tell another key's run from none.
        raise RunNotFoundError(f"no run {run_id!r}; `tessera runs` (or GET /v1/runs) lists the stored runs")
    return folder


def owned_records(store: RunStore, limit: int, key_id: str | None) -> list[RunRecord]:
    """The newest `limit` runs `key_id` may see (without keys: every run)."""
    if key_id is None:
        return store.records(limit)
    return [record for record in store.records(None) if record.key_id == key_id][:limit]


def public_base(request: Request) -> str:
    """The base of the URLs a reply carries: TESSERA_PUBLIC_URL, else the address the request arrived at.

    Never the Host header, which the client writes: a URL built from it could point anywhere.
    """
    configured = _access_of(request).public_url
    if configured is not None:
        return configured
    server = request.scope.get("server")
    if not server:
        return ""  # a socket without an address (a Unix socket): links relative to this server
    host, port = server[0], server[1]
    scheme = request.scope.get("scheme", "http")
    shown = f"[{host}]" if ":" in host else host
    default_port = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{shown}" if port in (None, default_port) else f"{scheme}://{shown}:{port}"


# An absolute path whose first folder exists on this machine: /usr/share/..., /home/..., /data/tessera/...;
# API paths (/v1/runs/...) start with a folder no machine has at its root.
_PATH = re.compile(r"(?<![\w:/.])/(?P<top>[\w.-]+)(?:/[\w.@+~-]*)+")


def without_server_paths(message: str) -> str:
    """`message` with every file path of this machine replaced by its last part (`…/eng.traineddata`)."""

    def hide(match: re.Match[str]) -> str:
        if not Path("/", match["top"]).is_dir():
            return match.group(0)
        name = match.group(0).rstrip("/").rsplit("/", 1)[-1]
        return f"…/{name}" if name and name != match["top"] else "…"

    return _PATH.sub(hide, message)


def is_loopback(host: str) -> bool:
    """Whether `host` (what `--host` names) only takes connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


def exposure_notice(settings: Settings, host: str, *, allow_unauthenticated: bool) -> str:
    """What `tessera serve` says at start about who can call it; ConfigurationError for an open non-loopback server.

    Without keys a server on a loopback address is reachable from this machine only, so it starts
    with a notice; on any other address anyone who reaches the port would read every run, so it
    refuses unless told `--allow-unauthenticated` (then it warns loudly).
    """
    keys = ApiKeys.from_settings(settings)
    if keys is not None:
        return f"authentication on: {len(keys)} API key(s) from TESSERA_API_KEYS; /healthz and /readyz stay open"
    if is_loopback(host):
        return (
            f"no TESSERA_API_KEYS: serving WITHOUT authentication on {host} (this machine only); "
            "set TESSERA_API_KEYS to require keys"
        )
    if not allow_unauthenticated:
        raise ConfigurationError(
            f"--host {host} without TESSERA_API_KEYS would let anyone who reaches the port read and start every run; "
            "set TESSERA_API_KEYS (comma-separated keys), listen on 127.0.0.1, or pass --allow-unauthenticated"
        )
    return (
        f"WARNING: serving WITHOUT authentication on {host} (--allow-unauthenticated): anyone who reaches this port "
        "can read every run and start new ones; set TESSERA_API_KEYS"
    )
