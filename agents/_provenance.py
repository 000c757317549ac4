"""Which run made an image: the run id Tessera writes into every PNG it keeps, and the pixel digest that confirms it.

The PNG's text chunks say which run and attempt an image came from, so that an image handed back to Tessera (an
edit through the API) can be traced to its plan. Anyone can write such chunks onto other pixels, so a claim is only
believed when the pixels' digest equals the digest of the image the run kept. The digest covers the decoded
pixels (mode, size and bytes), not the file: a PNG saved again with other compression still matches, any changed
pixel does not, and a lossy JPEG or WebP never does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from PIL import Image
from PIL.PngImagePlugin import PngInfo

RUN_ID_KEY = "tessera:run_id"
ATTEMPT_KEY = "tessera:attempt"
_DIGEST_ROWS = 256  # rows hashed at a time: a 3840 px RGBA image is not copied whole a second time


@dataclass(frozen=True)
class Provenance:
    """What an image's metadata claims about where it came from (unconfirmed until its pixels are compared)."""

    run_id: str
    attempt: int | None


def provenance_info(run_id: str, attempt: int) -> PngInfo:
    """The PNG text chunks naming the run and attempt an image belongs to (pass as `pnginfo=` to `Image.save`)."""
    info = PngInfo()
    info.add_text(RUN_ID_KEY, run_id)
    info.add_text(ATTEMPT_KEY, str(attempt))
    return info


def read_provenance(image: Image.Image) -> Provenance | None:
    """The run an opened image claims to come from; None for an image without Tessera's chunks.

    Reads only what `Image.open` found before the pixel data, so nothing is decoded.
    """
    run_id = image.info.get(RUN_ID_KEY)
    if not isinstance(run_id, str) or not run_id:
        return None
    attempt = image.info.get(ATTEMPT_KEY)
    return Provenance(run_id=run_id, attempt=int(attempt) if isinstance(attempt, str) and attempt.isdigit() else None)


def pixel_digest(image: Image.Image) -> str:
    """SHA-256 of the decoded pixels: the mode, the size and the raw bytes, in strips of rows."""
    digest = hashlib.sha256(f"{image.mode} {image.width}x{image.height}\n".encode("ascii"))
    for top in range(0, image.height, _DIGEST_ROWS):
        digest.update(image.crop((0, top, image.width, min(image.height, top + _DIGEST_ROWS))).tobytes())
    return digest.hexdigest()
