"""A renderer service whose renders take SECONDS longer, so a test can act while one is in flight.

    python tests/services/slow_renderer.py PORT SECONDS

It is the real renderer app and the real PlanRenderer behind real HTTP; only the delay is added.
"""

from __future__ import annotations

import sys
import time

import uvicorn

from tessera.agents import Settings
from tessera.agents.services import create_app
from tessera.contract import LayoutPlan, ProgressCallback, RenderProgress, RenderResult, SuppliedFiles
from tessera.renderer import PlanRenderer


class SlowRenderer:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.inner = PlanRenderer(font_dirs=Settings().font_dirs)

    def render(
        self,
        plan: LayoutPlan,
        *,
        seed: int = 0,
        on_progress: ProgressCallback | None = None,
        svg: bool = False,
        files: SuppliedFiles | None = None,
    ) -> RenderResult:
        if plan.canvas.width > 256 and on_progress is not None:  # the readiness probe draws a 256 px plan: no delay
            on_progress(RenderProgress(element_id="canvas", step=0, steps=1, message="slow renderer waiting"))
        if plan.canvas.width > 256:
            time.sleep(self.seconds)
        return self.inner.render(plan, seed=seed, on_progress=on_progress, svg=svg, files=files)


if __name__ == "__main__":
    port, seconds = int(sys.argv[1]), float(sys.argv[2])
    app = create_app("renderer", Settings(), renderer=SlowRenderer(seconds))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="info")
