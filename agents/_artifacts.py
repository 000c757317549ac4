"""The artifact store: the folder every service shares (TESSERA_ARTIFACT_DIR), where parts hand each other images.

The renderer writes the PNG it drew and answers a reference (key, SHA-256, size) instead of the bytes; the gateway
reads it, and hands the verifier the same blob by reference. Whoever is named a blob in a reply owns it and deletes
it when done, so the store holds only images in flight; a blob a crashed process left behind is swept when it is a
day old.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image

from tessera.agents.wire import MAX_PNG_BYTES, ImageRef, png_bytes, read_image
from tessera.contract import Canvas, ConfigurationError, RequestError, TooLargeError

_HOPS = "hops"  # the store's folder for images between parts
_STALE_S = 24 * 3600.0  # no call between parts waits this long (TESSERA_SERVICE_TIMEOUT_S is 600 s by default)


class ArtifactStore:
    """PNGs under one shared folder, each named by a key relative to it and guarded by its SHA-256."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        try:
            (self.root / _HOPS).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise ConfigurationError(
                f"TESSERA_ARTIFACT_DIR cannot hold the artifact store ({err.strerror}); name a folder this service "
                "can write, shared with the gateway and every part"
            ) from err

    def put_png(self, image: Image.Image) -> ImageRef:
        """Write `image` as a new PNG; its reference. Readers never see a half-written file."""
        data = png_bytes(image)
        key = f"{_HOPS}/{uuid.uuid4().hex}.png"
        path = self.root / key
        partial = path.with_suffix(".partial")
        partial.write_bytes(data)
        os.replace(partial, path)
        return ImageRef(key=key, sha256=hashlib.sha256(data).hexdigest(), width=image.width, height=image.height)

    def read(self, ref: ImageRef, *, canvas: Canvas | None) -> Image.Image:
        """The image `ref` names, after checking its bytes against the hash and its size (from the header alone)
        against the reference, the pixel budget and `canvas`. RequestError (or TooLargeError) naming the key."""
        source = f"image_ref {ref.key}"
        path = self._path(ref.key)
        try:
            if path.stat().st_size > MAX_PNG_BYTES:
                raise TooLargeError(f"{source} is over {MAX_PNG_BYTES // (1024 * 1024)} MiB, larger than any render")
            data = path.read_bytes()
        except FileNotFoundError:
            raise RequestError(
                f"{source} is not in this service's artifact store; give every service the same shared folder "
                "as TESSERA_ARTIFACT_DIR"
            ) from None
        except OSError as err:
            raise RequestError(f"{source} cannot be read from the artifact store ({err.strerror})") from err
        digest = hashlib.sha256(data).hexdigest()
        if digest != ref.sha256:
            raise RequestError(
                f"{source} does not match its hash: the reference says sha256 {ref.sha256}, the stored bytes hash to "
                f"{digest}; the image changed after it was written"
            )
        image = read_image(data, canvas=canvas, source=source)
        if image.size != (ref.width, ref.height):
            raise RequestError(f"{source} is {image.width}x{image.height}, not the {ref.width}x{ref.height} it claims")
        return image

    def delete(self, ref: ImageRef) -> None:
        """Remove the blob `ref` names (gone already is fine)."""
        self._path(ref.key).unlink(missing_ok=True)

    def sweep(self, *, older_than_s: float) -> int:
        """Remove hop images older than `older_than_s` (left by a process that died mid-call); how many."""
        cutoff = time.time() - older_than_s
        removed = 0
        for entry in os.scandir(self.root / _HOPS):
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed += 1
            except FileNotFoundError:
                continue  # another gateway's sweep got there first
        return removed

    def _path(self, key: str) -> Path:
        # ImageRef refuses '..' and absolute keys; resolving also refuses a symlink that leads out of the store.
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root):
            raise RequestError(f"image_ref {key} is outside the artifact store; name a file inside it")
        return path


class HandedImages:
    """The calling side of the hops (the gateway): reads the images the renderer wrote, and hands the verifier the
    same blob when it is asked to verify the same pixels, so a hop costs no second PNG encoding.

    Up to `keep` received blobs wait for their verify, matched by their pixels; past that the oldest is deleted
    (and a later verify of it writes a blob of its own). With `keep` 0 (no verifier service) each blob is deleted
    as soon as it is read. Safe to share between threads.
    """

    def __init__(self, store: ArtifactStore, *, keep: int) -> None:
        self.store = store
        self._keep = keep
        self._waiting: OrderedDict[str, ImageRef] = OrderedDict()  # pixel digest -> blob
        self._lock = threading.Lock()
        store.sweep(older_than_s=_STALE_S)

    def received(self, ref: ImageRef) -> Image.Image:
        """The image a reply named; its blob is this side's now."""
        try:
            image = self.store.read(ref, canvas=None)
        except BaseException:
            self.store.delete(ref)
            raise
        if self._keep == 0:
            self.store.delete(ref)
            return image
        pixels = _pixel_digest(image)
        with self._lock:
            dropped = [self._waiting.pop(pixels)] if pixels in self._waiting else []
            self._waiting[pixels] = ref
            while len(self._waiting) > self._keep:
                dropped.append(self._waiting.popitem(last=False)[1])
        for old in dropped:
            self.store.delete(old)
        return image

    @contextmanager
    def handed(self, image: Image.Image) -> Iterator[ImageRef]:
        """A reference to `image` for one call: the received blob with the same pixels, else a new one; deleted
        when the call is over."""
        pixels = _pixel_digest(image)
        with self._lock:
            ref = self._waiting.pop(pixels, None)
        if ref is None:
            ref = self.store.put_png(image)
        try:
            yield ref
        finally:
            self.store.delete(ref)


def _pixel_digest(image: Image.Image) -> str:
    digest = hashlib.sha256(f"{image.mode} {image.width}x{image.height} ".encode())
    digest.update(image.tobytes())
    return digest.hexdigest()
