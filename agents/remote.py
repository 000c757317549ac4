"""HTTP clients of the part services, implementing the same Protocols as the in-process parts.

The graph cannot tell an `HttpRenderer` from a `PlanRenderer`: the bodies are the same
pydantic models, and a service's error comes back as the same `TesseraError` type. A
service that cannot be reached, times out or drops the connection becomes a
`ServiceError` that names the service and what to do. Given `HandedImages` (TESSERA_ARTIFACT_DIR),
images travel by reference through the shared artifact store instead of as base64 in the bodies.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

import httpx
from PIL import Image
from pydantic import BaseModel, ValidationError

from tessera.agents._artifacts import HandedImages
from tessera.agents.request import Effort, PlannerChoice
from tessera.agents.wire import (
    EditBody,
    ErrorBody,
    PlanBody,
    RenderBody,
    RenderedImage,
    RenderLine,
    ReviseBody,
    VerifyBody,
    decode_png,
    encode_png,
)
from tessera.contract import (
    Canvas,
    Constraints,
    LayoutPlan,
    PlanEdit,
    PlanResult,
    ProgressCallback,
    RenderResult,
    ServiceError,
    SuppliedFiles,
    TesseraError,
    VerificationReport,
)

_Reply = TypeVar("_Reply", bound=BaseModel)
_CONNECT_TIMEOUT_S = 5.0
# httpx retries only failed connection attempts, never a request the service may have started.
_CONNECT_RETRIES = 2


class _ServiceClient:
    """Posts typed bodies to one part service and turns every failure into a TesseraError."""

    def __init__(
        self,
        role: str,
        base_url: str,
        timeout_s: float,
        transport: httpx.BaseTransport | None,
        api_key: str | None = None,
    ) -> None:
        self.role = role
        self.base_url = base_url.rstrip("/")
        self._client = httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout_s, connect=_CONNECT_TIMEOUT_S),
            transport=transport or httpx.HTTPTransport(retries=_CONNECT_RETRIES),
            headers={"authorization": f"Bearer {api_key}"} if api_key else None,
        )

    @property
    def service(self) -> str:
        return f"{self.role} service at {self.base_url}"

    def post(self, path: str, body: BaseModel, reply: type[_Reply]) -> _Reply:
        with self._errors():
            response = self._client.post(path, content=body.model_dump_json(), headers=_JSON)
            self._raise_for_error(response)
            return self.parse(reply, response.text)

    @contextmanager
    def stream(self, path: str, body: BaseModel) -> Iterator[Iterator[str]]:
        """The reply's lines, as they arrive."""
        with (
            self._errors(),
            self._client.stream("POST", path, content=body.model_dump_json(), headers=_JSON) as response,
        ):
            if response.is_error:
                response.read()
                self._raise_for_error(response)
            yield response.iter_lines()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except httpx.ConnectError as err:
            raise ServiceError(
                f"the {self.service} cannot be reached ({err}); start it with "
                f"`tessera serve --role {self.role}` or check TESSERA_{self.role.upper()}_URL"
            ) from err
        except httpx.TimeoutException as err:
            raise ServiceError(
                f"the {self.service} did not answer in time ({type(err).__name__}); "
                "raise TESSERA_SERVICE_TIMEOUT_S or give the service more capacity"
            ) from err
        except httpx.TransportError as err:
            raise ServiceError(
                f"the {self.service} dropped the connection mid-request ({type(err).__name__}: {err}); "
                "once it is back, resume the run (`tessera resume RUN_ID` or POST /v1/runs/RUN_ID/resume)"
            ) from err

    def _raise_for_error(self, response: httpx.Response) -> None:
        if not response.is_error:
            return
        if response.status_code == 401:
            # The part refused this process's key: a deployment fault, not the caller's (whose key was fine).
            raise ServiceError(
                f"the {self.service} refused this gateway's key; give every Tessera service the same TESSERA_API_KEYS"
            )
        try:
            error = ErrorBody.model_validate(response.json()["error"])
        except (ValueError, KeyError, TypeError, ValidationError):
            raise ServiceError(
                f"the {self.service} answered HTTP {response.status_code}: {response.text[:300]}"
            ) from None
        raise error.exception(self.service)

    def parse(self, reply: type[_Reply], text: str) -> _Reply:
        try:
            return reply.model_validate_json(text)
        except ValidationError as err:
            raise ServiceError(f"the {self.service} sent a reply that is not a {reply.__name__}: {err}") from err

    def close(self) -> None:
        self._client.close()


_JSON = {"content-type": "application/json"}


class HttpPlanner:
    """The Planner Protocol over HTTP. The planner service chooses model or rules from its own settings."""

    def __init__(
        self,
        base_url: str,
        *,
        choice: PlannerChoice = "auto",
        effort: Effort = "medium",
        timeout_s: float = 600.0,
        transport: httpx.BaseTransport | None = None,
        api_key: str | None = None,
    ) -> None:
        self._service = _ServiceClient("planner", base_url, timeout_s, transport, api_key)
        self.choice = choice
        self.effort = effort
        self.name = f"planner service {self._service.base_url}"

    def for_run(self, choice: PlannerChoice, effort: Effort) -> HttpPlanner:
        """This planner with one run's choice and effort, sharing its connections to the service."""
        planner = copy.copy(self)
        planner.choice, planner.effort = choice, effort
        return planner

    def editor(self, choice: PlannerChoice) -> HttpEditor:
        """The planner service's editor (rules or model, as `choice` asks), sharing this planner's connections."""
        return HttpEditor(self._service, choice)

    def plan(
        self, constraints: Constraints, canvas: Canvas, *, seed: int = 0, style_seed: int | None = None
    ) -> PlanResult:
        body = PlanBody(
            constraints=constraints,
            canvas=canvas,
            seed=seed,
            style_seed=style_seed,
            planner=self.choice,
            effort=self.effort,
        )
        return self._service.post("/v1/plan", body, PlanResult)

    def revise(
        self, plan: LayoutPlan, constraints: Constraints, report: VerificationReport, *, attempt: int
    ) -> PlanResult:
        body = ReviseBody(
            plan=plan, constraints=constraints, report=report, attempt=attempt, planner=self.choice, effort=self.effort
        )
        return self._service.post("/v1/revise", body, PlanResult)


class HttpEditor:
    """The PlanEditor Protocol over HTTP: the planner service turns the instruction into a patch (POST /v1/edit); an
    instruction it cannot apply comes back as the same EditError. Made by `HttpPlanner.editor`."""

    def __init__(self, service: _ServiceClient, choice: PlannerChoice) -> None:
        self._service = service
        self.choice = choice
        self.name = f"editor of the planner service {service.base_url}"

    def edit(self, plan: LayoutPlan, constraints: Constraints, instruction: str) -> PlanEdit:
        body = EditBody(plan=plan, constraints=constraints, instruction=instruction, planner=self.choice)
        return self._service.post("/v1/edit", body, PlanEdit)


class HttpRenderer:
    """The Renderer Protocol over HTTP; progress arrives line by line while the service draws.

    With `images`, the service writes the image to the shared artifact store and answers a reference.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float = 600.0,
        transport: httpx.BaseTransport | None = None,
        api_key: str | None = None,
        images: HandedImages | None = None,
    ) -> None:
        self._service = _ServiceClient("renderer", base_url, timeout_s, transport, api_key)
        self._images = images

    def render(
        self,
        plan: LayoutPlan,
        *,
        seed: int = 0,
        on_progress: ProgressCallback | None = None,
        svg: bool = False,
        files: SuppliedFiles | None = None,
    ) -> RenderResult:
        body = RenderBody(plan=plan, seed=seed, svg=svg, files=files, image_by_reference=self._images is not None)
        with self._service.stream("/v1/render", body) as lines:
            for text in lines:
                if not text.strip():
                    continue
                line = self._service.parse(RenderLine, text)
                if line.progress is not None and on_progress is not None:
                    on_progress(line.progress)
                if line.error is not None:
                    raise line.error.exception(self._service.service)
                if line.result is not None:
                    result = line.result
                    image = self._image(result)
                    return RenderResult(image=image, manifest=result.manifest, timings=result.timings, svg=result.svg)
        raise ServiceError(f"the {self._service.service} ended its reply without an image; see its log")

    def _image(self, result: RenderedImage) -> Image.Image:
        try:
            if result.image_ref is None:
                return decode_png(result.image_png_b64 or "")
            if self._images is None:
                raise ServiceError("it answered a reference into an artifact store, which was not asked for")
            return self._images.received(result.image_ref)
        except TesseraError as err:
            raise ServiceError(f"the {self._service.service} sent an image that cannot be used: {err}") from err


class HttpVerifier:
    """The Verifier Protocol over HTTP. With `images`, the image goes by reference through the shared artifact
    store (the renderer's own blob when these are the pixels it drew)."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout_s: float = 600.0,
        transport: httpx.BaseTransport | None = None,
        api_key: str | None = None,
        images: HandedImages | None = None,
    ) -> None:
        self._service = _ServiceClient("verifier", base_url, timeout_s, transport, api_key)
        self._images = images

    def verify(self, image: Image.Image, plan: LayoutPlan, constraints: Constraints) -> VerificationReport:
        if self._images is None:
            body = VerifyBody(image_png_b64=encode_png(image), plan=plan, constraints=constraints)
            return self._service.post("/v1/verify", body, VerificationReport)
        with self._images.handed(image) as ref:
            body = VerifyBody(image_ref=ref, plan=plan, constraints=constraints)
            return self._service.post("/v1/verify", body, VerificationReport)
