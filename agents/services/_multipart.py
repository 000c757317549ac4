"""Multipart requests to the Images API: a form with the same fields as the JSON body, and files for the user's
material, turned into that JSON body before the route reads it, so both kinds of request meet one schema.

    curl -F prompt="A slide titled 'Q3' with our logo top-left" -F asset[logo]=@logo.png \\
         -F data[sales]=@sales.csv http://localhost:8000/v1/images/generations

Fields: every field of the JSON body as text (`plan`, `brand` and `data` as JSON text, `strict` and `web` as true or
false, `n`, `seed` and the other integers as decimal digits);
files: `asset[NAME]` (an image), `data[NAME]` (CSV or JSON), `brand[logo]`, `brand[heading_font]`, `brand[body_font]`.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from tessera.agents.services._common import error_response, replayed
from tessera.agents.wire import ErrorBody
from tessera.contract import MAX_ASSETS, RequestError
from tessera.contract.material import MAX_ASSET_BYTES, MAX_FONT_BYTES

_PATH = "/v1/images/generations"
_FILE_FIELD = re.compile(r"^(?P<group>asset|data|brand)\[(?P<name>[^\]]{1,40})\]$")
_JSON_FIELDS = {"plan", "brand", "data", "assets"}
# Form fields are text; the JSON body wants these as booleans and integers (strictly: `n: "2"` is refused in JSON).
# Text that spells no boolean or integer stays text, for the schema to refuse with the field's name.
_BOOLEAN_FIELDS = {"strict", "stream", "web"}
_BOOLEANS = {"true": True, "false": False}
_INTEGER_FIELDS = {"n", "seed", "max_revisions", "output_compression", "partial_images"}
_INTEGER = re.compile(r"[+-]?\d{1,12}")
_MAX_PART_BYTES = max(MAX_ASSET_BYTES, MAX_FONT_BYTES) + 1024


class MultipartImages:
    """Turns a multipart/form-data POST to the Images API into the JSON body it stands for."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        content_type = dict(scope.get("headers", [])).get(b"content-type", b"") if scope["type"] == "http" else b""
        if scope.get("path") != _PATH or not content_type.startswith(b"multipart/form-data"):
            await self.app(scope, receive, send)
            return
        try:
            async with Request(scope, receive).form(
                max_files=3 * MAX_ASSETS, max_fields=64, max_part_size=_MAX_PART_BYTES
            ) as form:
                body = json.dumps(await json_body(form)).encode("utf-8")
        except RequestError as err:
            await error_response(ErrorBody.of(err))(scope, receive, send)
            return
        except Exception as err:  # noqa: BLE001 - a form the parser rejects is the client's to fix
            await error_response(ErrorBody(message=f"the multipart form cannot be read: {err}", type="request_error"))(
                scope, receive, send
            )
            return
        headers = [(k, v) for k, v in scope["headers"] if k not in (b"content-type", b"content-length")]
        headers += [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await self.app({**scope, "headers": headers}, replayed(body, receive), send)


async def json_body(form: FormData) -> dict[str, Any]:
    """The JSON body a form stands for: its text fields as they are (JSON fields parsed), its files by group."""
    body: dict[str, Any] = {}
    for key, value in form.multi_items():
        file_field = _FILE_FIELD.match(key)
        if isinstance(value, UploadFile):
            if file_field is None:
                raise RequestError(
                    f"form file {key!r}: name files asset[NAME], data[NAME] or brand[logo|heading_font|body_font]"
                )
            data = await value.read()
            group, name = file_field["group"], file_field["name"]
            if group == "data":
                try:
                    body.setdefault("data", {})[name] = data.decode("utf-8-sig")
                except UnicodeDecodeError:
                    raise RequestError(f"form file {key!r} is not UTF-8 text; send CSV or JSON as UTF-8") from None
            elif group == "brand":
                body.setdefault("brand", {})[name] = base64.b64encode(data).decode("ascii")
            else:
                body.setdefault("assets", {})[name] = base64.b64encode(data).decode("ascii")
        elif key in _JSON_FIELDS:
            try:
                parsed = json.loads(value)
            except json.JSONDecodeError as err:
                raise RequestError(f"form field {key!r} is not JSON ({err.msg}); send it as JSON text") from None
            body[key] = (
                {**parsed, **body[key]} if isinstance(parsed, dict) and isinstance(body.get(key), dict) else parsed
            )
        elif key in _BOOLEAN_FIELDS and value in _BOOLEANS:
            body[key] = _BOOLEANS[value]
        elif key in _INTEGER_FIELDS and _INTEGER.fullmatch(value.strip()):
            body[key] = int(value)
        elif file_field is not None and file_field["group"] == "data":
            body.setdefault("data", {})[file_field["name"]] = value
        else:
            body[key] = value
    return body
