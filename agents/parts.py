"""The in-process parts a Settings describes: the renderer (with its generator) and the verifier (with its detector).

The Engine and the part services build them here, so `tessera generate` and
`tessera serve --role renderer|verifier` draw and check with the same configuration.
"""

from __future__ import annotations

from tessera.agents.settings import Settings
from tessera.contract import Generator
from tessera.renderer import GeneratorConfig, PlanRenderer, open_generator
from tessera.verifier import DetectorConfig, RenderVerifier, TesseractOcr, load_detector


def build_renderer(settings: Settings) -> PlanRenderer:
    """Noto fonts from the font folders, and the generator the settings name."""
    return PlanRenderer(font_dirs=settings.font_dirs, generator=generator_for(settings))


def build_verifier(settings: Settings) -> RenderVerifier:
    """Tesseract with the configured language data, and the configured detector.

    A detector asked for but not loadable is a SetupError here, at start, not at the first count.
    """
    detector = DetectorConfig(
        backend=settings.detector, model=settings.detector_model, threshold=settings.detector_threshold
    )
    return RenderVerifier(ocr=TesseractOcr(tessdata=settings.tessdata), detector=load_detector(detector))


def generator_for(settings: Settings) -> Generator | None:
    """The generator the settings name, loaded when the first picture needs it (a load failure becomes a notice)."""
    if settings.generator == "none":
        return None
    config = GeneratorConfig(
        kind=settings.generator,
        model=settings.generator_model,
        device=settings.generator_device,
        dtype=settings.generator_dtype,
        steps=settings.generator_steps,
        guidance=settings.generator_guidance,
    )
    return open_generator(config)
