# The Tessera image: every role (planner, renderer, verifier, gateway) from one image.
#
#   docker build -t tessera:local .
#   docker run --rm -p 127.0.0.1:8000:8000 -e TESSERA_API_KEYS="$(openssl rand -hex 32)" tessera:local
#
# The default command serves every role on 0.0.0.0:8000 inside the container, which `tessera serve`
# refuses without TESSERA_API_KEYS (comma-separated bearer tokens; clients send
# `Authorization: Bearer KEY`); publish the port on the host's loopback (`-p 127.0.0.1:8000:8000`)
# unless other machines must reach it.
#
# compose.yaml builds and runs it; docs/deploy.md explains the deployment. On x86_64, PyPI's
# torch==2.13.0 (the `generate` extra) is the CUDA build, so the same image uses a GPU where the
# container is given one and the CPU otherwise. Build with `--build-arg EXTRAS=` for a small image
# without torch (no generator, no detector).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---- build: a virtual environment with Tessera and its dependencies -------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src

# Dependencies first, from pyproject.toml alone, so a code change does not reinstall torch.
ARG EXTRAS=generate
COPY pyproject.toml ./
RUN python -c "import sys, tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
extras = [e for e in sys.argv[1].split(',') if e]; \
print('\n'.join(p['dependencies'] + [r for e in extras for r in p['optional-dependencies'][e]]))" \
      "${EXTRAS}" > requirements.txt \
 && pip install -r requirements.txt

# Then Tessera itself (src/tessera, the package folders its symlinks point at, and the README pyproject.toml names).
COPY README.md ./
COPY src ./src
COPY agents ./agents
COPY contract ./contract
COPY evals ./evals
COPY planner ./planner
COPY prompts ./prompts
COPY renderer ./renderer
COPY verifier ./verifier
RUN pip install --no-deps .

# ---- runtime ---------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

# The Debian packages scripts/bootstrap installs (tesseract and its language data, Noto fonts,
# fontconfig; libfribidi0, which Pillow's raqm loads at run time for Arabic and Hebrew; libgl1 and
# libglib2.0-0, which opencv-python links against for `tessera eval`; tests/test_compose.py keeps
# the two lists equal), plus curl for health checks. Versions are not pinned: they follow
# bookworm's security updates.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim tesseract-ocr-rus tesseract-ocr-ara \
      tesseract-ocr-jpn tesseract-ocr-kor tesseract-ocr-ell tesseract-ocr-heb tesseract-ocr-hin \
      tesseract-ocr-tha tesseract-ocr-ben tesseract-ocr-tam tesseract-ocr-script-latn tesseract-ocr-script-cyrl \
      fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-dancingscript fontconfig \
      curl libfribidi0 libgl1 libglib2.0-0 \
 && rm -rf /var/lib/apt/lists/*

COPY --from=build /opt/venv /opt/venv

# A fixed uid, so volumes and bind mounts can be given to it; the folders below are volume mount
# points in compose.yaml, and a new named volume takes their owner.
RUN groupadd --gid 10001 tessera \
 && useradd --create-home --uid 10001 --gid 10001 --shell /usr/sbin/nologin tessera \
 && mkdir -p /data/tessera /models/huggingface \
 && chown -R tessera:tessera /data/tessera /models

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HF_HOME=/models/huggingface \
    TESSERA_HOME=/data/tessera
USER 10001:10001
WORKDIR /home/tessera

EXPOSE 8000 8001 8002 8003
# For `--role all` on the default port; compose.yaml gives each role its own check on its own port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10m --retries=3 \
  CMD ["curl", "-fsS", "http://127.0.0.1:8000/readyz"]

ENTRYPOINT ["tessera"]
# Needs TESSERA_API_KEYS: without keys, serving on 0.0.0.0 stops at start and says why.
CMD ["serve", "--role", "all", "--host", "0.0.0.0", "--port", "8000"]
