"""compose.yaml and the Dockerfile, checked offline: the Compose schema, and the wiring between services.

No Docker engine runs these files here; these tests check what can be checked without one:
the file against the Compose Specification's JSON schema (after `${VAR:-default}` interpolation, as
Compose does), that every Tessera service runs `tessera serve` for its role on the port it is
health-checked on, that the gateway's and planner's URLs name services that exist on the right
ports, that every `TESSERA_*` name is a real setting, that the secrets (the Postgres password, the
API keys) come from the environment with no default, that every Tessera service requires API keys
and only the gateway is published, on the host's loopback by default, and that the image installs
the Debian packages scripts/bootstrap does. Each check is also run on a broken copy, to show it can fail.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from tessera.agents import Settings
from tessera.agents._llm._env import VLLM_VERSION
from tessera.agents._llm._server import STRUCTURED_OUTPUTS
from tessera.agents.services._access import exposure_notice
from tessera.contract import ConfigurationError

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "compose.yaml"
DOCKERFILE = ROOT / "Dockerfile"
BOOTSTRAP = ROOT / "scripts" / "bootstrap"
SCHEMA_FILE = Path(__file__).resolve().parent / "data" / "compose-spec.json"

ROLE_PORTS = {"gateway": 8000, "planner": 8001, "renderer": 8002, "verifier": 8003}
GATEWAY_URLS = {
    "TESSERA_PLANNER_URL": "planner",
    "TESSERA_RENDERER_URL": "renderer",
    "TESSERA_VERIFIER_URL": "verifier",
}
GPU_SERVICES = {"vllm", "renderer"}
# Debian packages the image needs beyond scripts/bootstrap's, each for a reason given in the Dockerfile.
IMAGE_ONLY_PACKAGES = {"curl"}
# Variables with no default: `docker compose up` stops and names them until they are set (`${NAME:?message}`).
SECRETS = {"POSTGRES_PASSWORD", "TESSERA_API_KEYS"}
# What the tests set them to, as an operator's .env would.
SECRET_VALUES = {"POSTGRES_PASSWORD": "a-password-from-env", "TESSERA_API_KEYS": "k" * 32 + ",second-key-0123456789"}

_DURATION = re.compile(r"(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+")

Compose = dict[str, Any]
Check = Callable[[Compose], list[str]]

# ---- reading the files --------------------------------------------------------------------------

_VARIABLE = re.compile(r"\$(?:\$|\{(?P<braced>[^}]*)\}|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))")
_BRACED = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>.*))?$", re.DOTALL)


def variables(text: str) -> list[tuple[str, str | None, str | None]]:
    """Every `${NAME...}` / `$NAME` reference in `text`: (name, operator, argument)."""
    found = []
    for match in _VARIABLE.finditer(text):
        if match["braced"] is not None:
            parts = _BRACED.match(match["braced"])
            if parts is None:
                raise ValueError(f"not a valid interpolation: ${{{match['braced']}}}")
            found.append((parts["name"], parts["op"], parts["arg"]))
        elif match["bare"] is not None:
            found.append((match["bare"], None, None))
    return found


def interpolate(value: Any, env: dict[str, str]) -> Any:
    """Compose's interpolation of every string value (not keys), as the Compose Specification describes it."""
    if isinstance(value, dict):
        return {key: interpolate(item, env) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, env) for item in value]
    if not isinstance(value, str):
        return value

    def substitute(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        if match["bare"] is not None:
            return env.get(match["bare"], "")
        parts = _BRACED.match(match["braced"])
        if parts is None:
            raise ValueError(f"not a valid interpolation: {match.group(0)}")
        name, op, arg = parts["name"], parts["op"], parts["arg"] or ""
        current = env.get(name)
        unset_or_empty = not current if op and op.startswith(":") else current is None
        if op in (":-", "-"):
            return arg if unset_or_empty else current or ""
        if op in (":?", "?"):
            if unset_or_empty:
                raise ValueError(f"{name} is required: {arg}")
            return current or ""
        if op in (":+", "+"):
            return "" if unset_or_empty else arg
        return current or ""

    return _VARIABLE.sub(substitute, value)


def strings(value: Any) -> list[str]:
    """Every string value in a loaded YAML document."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return [value] if isinstance(value, str) else []


@pytest.fixture(scope="module")
def raw_compose() -> Compose:
    """compose.yaml as written (YAML anchors and merge keys resolved, variables not)."""
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture(scope="module")
def compose(raw_compose: Compose) -> Compose:
    """compose.yaml as Compose sees it with only the secrets set: every `${VAR:-default}` at its default."""
    return interpolate(raw_compose, SECRET_VALUES)


@pytest.fixture
def no_tessera_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings built in a test see only the values compose.yaml gives, not this shell's TESSERA_* variables."""
    for name in [name for name in os.environ if name.startswith("TESSERA_")]:
        monkeypatch.delenv(name)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    """The vendored Compose Specification schema (tests/data/README.md says where it is from)."""
    return json.loads(SCHEMA_FILE.read_text())


# ---- the checks (each returns what is wrong; empty when nothing is) ------------------------------


def schema_problems(compose: Compose, schema: dict[str, Any]) -> list[str]:
    """Where the file breaks the Compose Specification schema (a draft-07 schema, see its `$schema`)."""
    # Its `$schema` is written `https://json-schema.org/draft-07/schema`, which jsonschema's lookup does not
    # recognise (it would fall back to the newest draft), so the draft is named here and checked in a test.
    validator = jsonschema.Draft7Validator(schema)
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(compose), key=lambda e: list(map(str, e.absolute_path)))
    ]


def tessera_services(compose: Compose) -> dict[str, dict[str, Any]]:
    """The services built from this repository's Dockerfile."""
    return {name: service for name, service in compose["services"].items() if "build" in service}


def serve_command(service: dict[str, Any]) -> tuple[str, int] | None:
    """(role, port) when the service's command is exactly `tessera serve --role R --host 0.0.0.0 --port N`."""
    command = service.get("command")
    if isinstance(command, str):
        command = shlex.split(command)
    if not isinstance(command, list) or len(command) != 8:
        return None
    program, verb, role_flag, role, host_flag, host, port_flag, port = command
    if (program, verb, role_flag, host_flag, host, port_flag) != (
        "tessera",
        "serve",
        "--role",
        "--host",
        "0.0.0.0",
        "--port",
    ):
        return None
    if not str(port).isdigit():
        return None
    return role, int(port)


def hostnames(name: str, service: dict[str, Any]) -> set[str]:
    """The names other containers reach this service by: its name and its network aliases."""
    names = {name}
    networks = service.get("networks") or {}
    if isinstance(networks, dict):
        for network in networks.values():
            names.update((network or {}).get("aliases") or [])
    return names


def services_reached_as(compose: Compose, host: str) -> dict[str, dict[str, Any]]:
    """The services a container would reach under `host` (one per profile, normally)."""
    return {name: service for name, service in compose["services"].items() if host in hostnames(name, service)}


def healthcheck_url(service: dict[str, Any]) -> str | None:
    """The URL a `CMD curl ... URL` health check asks."""
    test = (service.get("healthcheck") or {}).get("test")
    if not isinstance(test, list) or test[:2] != ["CMD", "curl"]:
        return None
    urls = [part for part in test[2:] if part.startswith("http")]
    return urls[0] if len(urls) == 1 else None


def command_problems(compose: Compose) -> list[str]:
    """Tessera services that do not run `tessera serve` for their role on the role's port."""
    problems = []
    services = tessera_services(compose)
    if not services:
        return ["no service is built from the Dockerfile"]
    for name, service in services.items():
        # The image's entrypoint is `tessera`; kept, the command would run as `tessera tessera serve ...`.
        if service.get("entrypoint") != []:
            problems.append(
                f"{name}: entrypoint is {service.get('entrypoint')!r}, not [] (the command is the whole line)"
            )
        served = serve_command(service)
        if served is None:
            problems.append(
                f"{name}: command {service.get('command')!r} is not `tessera serve --role R --host 0.0.0.0 --port N`"
            )
            continue
        role, port = served
        if role not in ROLE_PORTS:
            problems.append(f"{name}: unknown role {role!r}")
        elif port != ROLE_PORTS[role]:
            problems.append(f"{name}: {role} serves on {port}, its default port is {ROLE_PORTS[role]}")
        if role not in hostnames(name, service):
            problems.append(f"{name}: runs role {role} but is not reachable as {role!r} (name or network alias)")
    for role in ROLE_PORTS:
        if not any((serve_command(s) or ("",))[0] == role for s in services.values()):
            problems.append(f"no service runs role {role}")
    return problems


def healthcheck_problems(compose: Compose) -> list[str]:
    """Services without a health check, and Tessera services not checked on GET /readyz of their own port."""
    problems = []
    for name, service in compose["services"].items():
        test = (service.get("healthcheck") or {}).get("test")
        if not test or test == ["NONE"] or (service.get("healthcheck") or {}).get("disable"):
            problems.append(f"{name}: no health check")
            continue
        # The schema accepts any string here; Compose then fails to parse it.
        for key in ("interval", "timeout", "start_period", "start_interval"):
            value = service["healthcheck"].get(key)
            if value is not None and not _DURATION.fullmatch(str(value)):
                problems.append(f"{name}: healthcheck {key} {value!r} is not a duration like 30s or 1m30s")
        if not str(service["healthcheck"].get("retries", 3)).isdigit():
            problems.append(f"{name}: healthcheck retries {service['healthcheck']['retries']!r} is not a whole number")
    for name, service in tessera_services(compose).items():
        served = serve_command(service)
        url = healthcheck_url(service)
        if url is None:
            problems.append(f"{name}: health check is not `CMD curl ... http://127.0.0.1:PORT/readyz`")
            continue
        parts = urlsplit(url)
        if parts.hostname not in ("127.0.0.1", "localhost") or parts.path != "/readyz":
            problems.append(f"{name}: health check asks {url}, not GET /readyz on the container itself")
        if "-f" not in " ".join(service["healthcheck"]["test"]):
            problems.append(f"{name}: curl without --fail reports a 503 as healthy")
        if served is not None and parts.port != served[1]:
            problems.append(f"{name}: serves on {served[1]} but is health-checked on {parts.port}")
    return problems


def depends_on_problems(compose: Compose) -> list[str]:
    """Dependencies that are not `condition: service_healthy`, or that name no service, or are missing."""
    problems = []
    services = compose["services"]
    for name, service in services.items():
        depends_on = service.get("depends_on") or {}
        if isinstance(depends_on, list):
            problems.append(f"{name}: depends_on is a list (it only waits for containers to start, not to be healthy)")
            continue
        for dependency, rule in depends_on.items():
            if dependency not in services:
                problems.append(f"{name}: depends on undefined service {dependency}")
            elif rule.get("condition") != "service_healthy":
                problems.append(f"{name}: waits for {dependency} with {rule.get('condition')!r}, not service_healthy")
            elif rule.get("required", True) is False and not services[dependency].get("profiles"):
                problems.append(f"{name}: {dependency} is always enabled, so required: false only hides a failure")
    wanted = {"gateway": ["postgres", "planner", "renderer", "verifier"], "planner": ["vllm"]}
    for role, hosts in wanted.items():
        for name, service in tessera_services(compose).items():
            if (serve_command(service) or ("",))[0] != role:
                continue
            depends_on = service.get("depends_on") or {}
            for host in hosts:
                providers = services_reached_as(compose, host)
                if not providers or not all(provider in depends_on for provider in providers):
                    problems.append(
                        f"{name}: does not wait for every service reached as {host!r} ({sorted(providers)})"
                    )
    return problems


def _url_target_problems(compose: Compose, owner: str, variable: str, url: str, role: str | None) -> list[str]:
    parts = urlsplit(url)
    providers = services_reached_as(compose, parts.hostname or "")
    if not providers:
        return [f"{owner}: {variable}={url} names no service"]
    problems = []
    for provider, service in providers.items():
        served = serve_command(service)
        if role is not None and (served is None or served[0] != role):
            problems.append(f"{owner}: {variable}={url} reaches {provider}, which does not run role {role}")
        elif served is not None and parts.port != served[1]:
            problems.append(f"{owner}: {variable}={url} uses port {parts.port}, {provider} serves on {served[1]}")
    return problems


def environment(service: dict[str, Any]) -> dict[str, Any]:
    """A service's environment as a mapping (the list form `NAME=value` too)."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return env


def url_problems(compose: Compose) -> list[str]:
    """The gateway's service URLs, the planner's LLM URL and the database URL against what the services serve."""
    problems = []
    services = tessera_services(compose)
    for name, service in services.items():
        role = (serve_command(service) or ("",))[0]
        env = environment(service)
        if role == "gateway":
            for variable, target in GATEWAY_URLS.items():
                if not env.get(variable):
                    problems.append(f"{name}: {variable} is not set")
                    continue
                problems += _url_target_problems(compose, name, variable, env[variable], target)
            problems += database_url_problems(compose, name, env.get("TESSERA_DATABASE_URL"))
        if role == "planner":
            problems += llm_url_problems(compose, name, env)
    return problems


def database_url_problems(compose: Compose, owner: str, url: str | None) -> list[str]:
    """The gateway's Postgres URL against the postgres service's user, password, database and port."""
    if not url:
        return [f"{owner}: TESSERA_DATABASE_URL is not set"]
    parts = urlsplit(url)
    providers = services_reached_as(compose, parts.hostname or "")
    if parts.scheme not in ("postgresql", "postgres") or not providers:
        return [f"{owner}: TESSERA_DATABASE_URL={url} is not a postgresql:// URL of a service"]
    problems = []
    for provider, service in providers.items():
        env = environment(service)
        expected = (
            env.get("POSTGRES_USER"),
            env.get("POSTGRES_PASSWORD"),
            env.get("POSTGRES_DB", env.get("POSTGRES_USER")),
        )
        actual = (parts.username, parts.password, parts.path.lstrip("/"))
        if actual != expected:
            problems.append(f"{owner}: TESSERA_DATABASE_URL user/password/database {actual} != {provider}'s {expected}")
        if (parts.port or 5432) != 5432:
            problems.append(f"{owner}: TESSERA_DATABASE_URL port {parts.port}, Postgres listens on 5432")
    return problems


def vllm_arguments(service: dict[str, Any]) -> dict[str, list[str]]:
    """A vLLM service's `--flag value...` arguments (its entrypoint is `vllm serve`; the model comes first)."""
    arguments: dict[str, list[str]] = {"model": []}
    current = "model"
    for part in service.get("command") or []:
        if str(part).startswith("--"):
            current = str(part)
            arguments[current] = []
        else:
            arguments[current].append(str(part))
    return arguments


def llm_url_problems(compose: Compose, owner: str, env: dict[str, Any]) -> list[str]:
    """The planner's LLM URL and model name against the vLLM services it can reach."""
    url = env.get("TESSERA_LLM_BASE_URL")
    if not url:
        return [f"{owner}: TESSERA_LLM_BASE_URL is not set"]
    parts = urlsplit(url)
    providers = services_reached_as(compose, parts.hostname or "")
    if not providers:
        return [f"{owner}: TESSERA_LLM_BASE_URL={url} names no service"]
    problems = []
    if parts.path.rstrip("/") != "/v1":
        problems.append(f"{owner}: TESSERA_LLM_BASE_URL={url} does not end in /v1 (the OpenAI API root)")
    for provider, service in providers.items():
        arguments = vllm_arguments(service)
        if arguments.get("--port") != [str(parts.port)]:
            problems.append(
                f"{owner}: TESSERA_LLM_BASE_URL port {parts.port}, {provider} serves on {arguments.get('--port')}"
            )
        if env.get("TESSERA_LLM_MODEL") not in arguments.get("--served-model-name", []):
            problems.append(
                f"{owner}: TESSERA_LLM_MODEL={env.get('TESSERA_LLM_MODEL')} is not a name {provider} serves"
            )
    return problems


def tessera_variable_problems(raw_compose: Compose) -> list[str]:
    """`TESSERA_*` names (environment keys and interpolated variables) that Settings does not read."""
    known = Settings.variables()
    names = set()
    for service in raw_compose["services"].values():
        names.update(environment(service))
    for text in strings(raw_compose):
        names.update(name for name, _, _ in variables(text))
    return [
        f"{name} is not a setting (agents.settings.Settings reads no such variable)"
        for name in sorted(names)
        if name.startswith("TESSERA_") and name not in known
    ]


def default_problems(raw_compose: Compose) -> list[str]:
    """Interpolated variables without a default (but the secrets), and secrets with one or without `:?`."""
    problems = set()
    for text in strings(raw_compose):
        for name, op, _ in variables(text):
            if name in SECRETS and op != ":?":
                problems.add(f"${{{name}}} is a secret: write ${{{name}:?message}} (no default, required)")
            elif name not in SECRETS and op != ":-":
                problems.add(f"${{{name}}} has no default (write ${{{name}:-default}})")
    return sorted(problems)


def gpu_problems(compose: Compose) -> list[str]:
    """GPU services (vLLM, the renderer) reserve NVIDIA GPUs in the gpu profile, and nothing else does."""
    problems = []
    for name, service in compose["services"].items():
        devices = (((service.get("deploy") or {}).get("resources") or {}).get("reservations") or {}).get(
            "devices"
        ) or []
        gpus = [d for d in devices if d.get("driver") == "nvidia" and "gpu" in (d.get("capabilities") or [])]
        profiles = service.get("profiles") or []
        if name in GPU_SERVICES:
            if profiles != ["gpu"]:
                problems.append(f"{name}: profiles {profiles}, expected [gpu]")
            if not gpus:
                problems.append(f"{name}: reserves no NVIDIA GPU (deploy.resources.reservations.devices)")
        elif gpus or service.get("gpus"):
            problems.append(f"{name}: reserves a GPU but is not one of {sorted(GPU_SERVICES)}")
        if profiles and profiles not in (["gpu"], ["cpu"]):
            problems.append(f"{name}: profiles {profiles}, expected [gpu] or [cpu]")
    for role_host in GPU_SERVICES:
        by_profile = sorted(
            p for s in services_reached_as(compose, role_host).values() for p in s.get("profiles") or []
        )
        if by_profile != ["cpu", "gpu"]:
            problems.append(f"{role_host}: reached by services of profiles {by_profile}, expected one cpu and one gpu")
    return problems


def vllm_problems(compose: Compose) -> list[str]:
    """The vLLM services: the pinned version, a reasoning parser, and the structured-output backend agents/_llm uses."""
    problems = []
    expected_images = {"gpu": f"vllm/vllm-openai:v{VLLM_VERSION}", "cpu": f"vllm/vllm-openai-cpu:v{VLLM_VERSION}"}
    providers = services_reached_as(compose, "vllm")
    for name, service in providers.items():
        profile = (service.get("profiles") or [""])[0]
        if service.get("image") != expected_images.get(profile):
            problems.append(f"{name}: image {service.get('image')}, expected {expected_images.get(profile)}")
        arguments = vllm_arguments(service)
        if len(arguments["model"]) != 1:
            problems.append(f"{name}: the command must start with one model id, not {arguments['model']}")
        if not arguments.get("--reasoning-parser"):
            problems.append(f"{name}: no --reasoning-parser (the planner runs with TESSERA_LLM_THINKING=true)")
        config = arguments.get("--structured-outputs-config") or ["{}"]
        if json.loads(config[0]) != json.loads(STRUCTURED_OUTPUTS):
            problems.append(f"{name}: --structured-outputs-config {config[0]}, agents/_llm uses {STRUCTURED_OUTPUTS}")
        if arguments.get("--host") != ["0.0.0.0"]:
            problems.append(f"{name}: vLLM must listen on 0.0.0.0 to be reached from other containers")
    return problems


def _published_host_ip(port: Any) -> str | None:
    """The host address a `ports` entry publishes on; None: every interface."""
    if isinstance(port, dict):
        return port.get("host_ip")
    return ":".join(str(port).split(":")[:-2]) or None  # HOST_IP:PUBLISHED:TARGET; PUBLISHED:TARGET has none


def port_problems(compose: Compose) -> list[str]:
    """Only the gateway publishes a port, on the host's loopback, and it publishes the port the gateway serves on."""
    problems = []
    for name, service in compose["services"].items():
        ports = service.get("ports") or []
        served = serve_command(service) if "build" in service else None
        if served is None or served[0] != "gateway":
            if ports:
                problems.append(f"{name}: publishes {ports}; only the gateway should")
            continue
        targets = {
            int(str(p).rsplit(":", 1)[-1].split("/")[0]) if not isinstance(p, dict) else int(p["target"]) for p in ports
        }
        if targets != {served[1]}:
            problems.append(f"{name}: publishes container ports {sorted(targets)}, serves on {served[1]}")
        for port in ports:
            if _published_host_ip(port) != "127.0.0.1":
                problems.append(
                    f"{name}: publishes {port} on {_published_host_ip(port) or 'every interface'}, not 127.0.0.1"
                )
    return problems


def access_problems(compose: Compose) -> list[str]:
    """Every Tessera service requires the same API keys, accepted by `tessera serve` on 0.0.0.0 as it starts."""
    problems = []
    keys = {name: environment(service).get("TESSERA_API_KEYS") for name, service in tessera_services(compose).items()}
    if len(set(keys.values())) != 1:
        problems.append(f"the Tessera services are given different TESSERA_API_KEYS: {sorted(keys)}")
    for name, service in tessera_services(compose).items():
        values = {k: str(v) for k, v in environment(service).items() if k.startswith("TESSERA_") and v is not None}
        with mock.patch.dict(os.environ, values):
            try:
                exposure_notice(Settings.from_environment(), "0.0.0.0", allow_unauthenticated=False)
            except ConfigurationError as error:
                problems.append(f"{name}: `tessera serve --host 0.0.0.0` would refuse to start: {error}")
        if "--allow-unauthenticated" in (service.get("command") or []):
            problems.append(f"{name}: runs with --allow-unauthenticated")
    return problems


def public_url_problems(compose: Compose) -> list[str]:
    """The gateway's TESSERA_PUBLIC_URL is where it is published: links in replies must reach it from the host."""
    problems = []
    for name, service in tessera_services(compose).items():
        if (serve_command(service) or ("",))[0] != "gateway":
            continue
        url = environment(service).get("TESSERA_PUBLIC_URL")
        published = {str(port).rsplit(":", 2)[-2] for port in service.get("ports") or [] if not isinstance(port, dict)}
        if not url:
            problems.append(f"{name}: no TESSERA_PUBLIC_URL (replies would link to the container's own address)")
        elif urlsplit(url).hostname != "127.0.0.1" or {str(urlsplit(url).port)} != published:
            problems.append(f"{name}: TESSERA_PUBLIC_URL={url} is not where it is published ({sorted(published)})")
    return problems


def volume_problems(compose: Compose) -> list[str]:
    """Named volumes are declared, and the gateway keeps TESSERA_HOME on a volume."""
    problems = []
    declared = set(compose.get("volumes") or {})
    for name, service in compose["services"].items():
        for volume in service.get("volumes") or []:
            source = volume.split(":", 1)[0] if isinstance(volume, str) else volume.get("source", "")
            if source and not source.startswith((".", "/", "~", "$")) and source not in declared:
                problems.append(f"{name}: uses volume {source!r}, which is not declared under volumes:")
    for name, service in tessera_services(compose).items():
        if (serve_command(service) or ("",))[0] != "gateway":
            continue
        home = environment(service).get("TESSERA_HOME")
        targets = [v.split(":")[1] if isinstance(v, str) else v.get("target") for v in service.get("volumes") or []]
        if not home or home not in targets:
            problems.append(f"{name}: TESSERA_HOME={home} is not a volume (runs would be lost with the container)")
    return problems


def settings_value_problems(compose: Compose) -> list[str]:
    """Each Tessera service's TESSERA_* values, at their defaults, must be accepted by Settings."""
    problems = []
    for name, service in tessera_services(compose).items():
        values = {
            key: str(value)
            for key, value in environment(service).items()
            if key.startswith("TESSERA_") and value is not None
        }
        # Settings reads its variables from the environment only: the service's, on top of the test's clean one.
        with mock.patch.dict(os.environ, values):
            try:
                Settings()
            except ValidationError as error:
                problems.append(f"{name}: {error}")
    return problems


# ---- the Dockerfile -------------------------------------------------------------------------------


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, rest = line.strip().partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def apt_packages_in_dockerfile(text: str) -> set[str]:
    """The packages of every `apt-get install` in the Dockerfile's RUN instructions."""
    packages: set[str] = set()
    for keyword, arguments in dockerfile_instructions(text):
        if keyword != "RUN":
            continue
        if "apt-get" not in arguments:
            continue
        command: list[str] = []
        for word in [*shlex.split(arguments), "&&"]:
            if word not in ("&&", "||", ";"):
                command.append(word)
                continue
            if command[:2] == ["apt-get", "install"]:
                packages.update(w for w in command[2:] if not w.startswith("-"))
            command = []
    return packages


def apt_packages_in_bootstrap(text: str) -> set[str]:
    """The packages of scripts/bootstrap's `apt_packages=( ... )` array."""
    match = re.search(r"^apt_packages=\((?P<body>.*?)\)", text, re.DOTALL | re.MULTILINE)
    if match is None:
        raise AssertionError("scripts/bootstrap has no apt_packages=( ... ) array")
    return set(shlex.split(match["body"], comments=True))


def dockerfile_problems(text: str) -> list[str]:
    """The image's base, user, entrypoint, health check and the packages it copies in."""
    instructions = dockerfile_instructions(text)
    problems = []
    args = dict(a.split("=", 1) for k, a in instructions if k == "ARG" and "=" in a)
    bases = [a.split()[0] for k, a in instructions if k == "FROM"]
    resolved = {re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m[1], m[0]), base) for base in bases}
    if resolved != {"python:3.11-slim-bookworm"}:
        problems.append(f"base images {sorted(resolved)}, expected python:3.11-slim-bookworm")
    users = [a for k, a in instructions if k == "USER"]
    if not users or users[-1].split(":")[0] in ("root", "0"):
        problems.append("the image runs as root (no USER, or USER root last)")
    entrypoints = [a for k, a in instructions if k == "ENTRYPOINT"]
    if not entrypoints or json.loads(entrypoints[-1]) != ["tessera"]:
        problems.append(f'ENTRYPOINT is {entrypoints[-1:] or None}, expected ["tessera"]')
    if not any(k == "HEALTHCHECK" and "/readyz" in a for k, a in instructions):
        problems.append("no HEALTHCHECK on /readyz")
    if "generate" not in args.get("EXTRAS", "").split(","):
        problems.append("the image does not install the `generate` extra by default (ARG EXTRAS=generate)")
    copied = {Path(a.split()[-1]).name for k, a in instructions if k == "COPY" and "--from" not in a}
    copied |= {Path(a.split()[0]).name for k, a in instructions if k == "COPY" and "--from" not in a}
    # The wheel is built from src/tessera, whose package folders are symlinks to the top-level folders.
    packages = {link.name for link in (ROOT / "src" / "tessera").iterdir() if link.is_symlink()}
    for top in sorted(packages | {"src"}):
        if top not in copied:
            problems.append(f"{top} (a folder the tessera package is built from) is not copied into the image")
    # The example `docker run` lines: a port published without a host address is open on every interface.
    for published in re.findall(r"(?<!\S)-p\s+((?:[\w.:\[\]]+:)?\d+:\d+)", text):
        if _published_host_ip(published) != "127.0.0.1":
            problems.append(f"an example publishes -p {published} on every interface; write -p 127.0.0.1:{published}")
    return problems


def apt_drift_problems(dockerfile: str, bootstrap: str) -> list[str]:
    """Debian packages in one of scripts/bootstrap and the Dockerfile but not the other."""
    in_image = apt_packages_in_dockerfile(dockerfile)
    in_bootstrap = apt_packages_in_bootstrap(bootstrap)
    problems = [f"{p}: installed by scripts/bootstrap, not by the Dockerfile" for p in sorted(in_bootstrap - in_image)]
    problems += [
        f"{p}: installed by the Dockerfile, not by scripts/bootstrap (add it there, or to IMAGE_ONLY_PACKAGES)"
        for p in sorted(in_image - in_bootstrap - IMAGE_ONLY_PACKAGES)
    ]
    return problems


# ---- the file as it is ------------------------------------------------------------------------------


def test_compose_file_is_valid_against_the_compose_specification_schema(
    compose: Compose, schema: dict[str, Any]
) -> None:
    assert re.fullmatch(r"https?://json-schema\.org/draft-07/schema#?", schema["$schema"])
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema_problems(compose, schema) == []


def test_every_variable_has_a_default(raw_compose: Compose) -> None:
    assert default_problems(raw_compose) == []


def test_every_tessera_service_runs_tessera_serve_for_its_role_on_its_port(compose: Compose) -> None:
    assert command_problems(compose) == []


def test_every_service_has_a_health_check_and_ours_ask_readyz_on_their_own_port(compose: Compose) -> None:
    assert healthcheck_problems(compose) == []


def test_dependencies_wait_until_healthy(compose: Compose) -> None:
    assert depends_on_problems(compose) == []


def test_gateway_and_planner_urls_reach_the_right_services_and_ports(compose: Compose) -> None:
    assert url_problems(compose) == []


def test_tessera_names_in_compose_are_settings(raw_compose: Compose) -> None:
    assert tessera_variable_problems(raw_compose) == []


@pytest.mark.usefixtures("no_tessera_environment")
def test_tessera_values_in_compose_are_accepted_by_settings(compose: Compose) -> None:
    assert settings_value_problems(compose) == []


def test_gpu_profile_reserves_gpus_for_vllm_and_the_renderer_and_cpu_profile_none(compose: Compose) -> None:
    assert gpu_problems(compose) == []


def test_vllm_services_match_the_vllm_tessera_pins_and_its_structured_output_settings(compose: Compose) -> None:
    assert vllm_problems(compose) == []


def test_only_the_gateway_publishes_a_port_on_the_hosts_loopback(compose: Compose) -> None:
    assert port_problems(compose) == []


@pytest.mark.usefixtures("no_tessera_environment")
def test_every_tessera_service_requires_the_same_api_keys(compose: Compose) -> None:
    assert access_problems(compose) == []


def test_the_gateways_links_point_where_it_is_published(compose: Compose) -> None:
    assert public_url_problems(compose) == []


def test_compose_stops_until_the_secrets_are_set(raw_compose: Compose) -> None:
    for secret in sorted(SECRETS):
        unset = {name: value for name, value in SECRET_VALUES.items() if name != secret}
        with pytest.raises(ValueError, match=f"{secret} is required"):
            interpolate(raw_compose, unset)


def test_the_gateway_can_be_published_on_another_address_when_asked(raw_compose: Compose) -> None:
    published = interpolate(raw_compose, {**SECRET_VALUES, "GATEWAY_BIND": "0.0.0.0", "GATEWAY_PORT": "9000"})
    assert published["services"]["gateway"]["ports"] == ["0.0.0.0:9000:8000"]


def test_volumes_are_declared_and_runs_live_on_one(compose: Compose) -> None:
    assert volume_problems(compose) == []


def test_dockerfile_runs_tessera_as_a_non_root_user_on_python_311_bookworm() -> None:
    assert dockerfile_problems(DOCKERFILE.read_text()) == []


def test_dockerfile_installs_the_debian_packages_bootstrap_installs() -> None:
    assert apt_drift_problems(DOCKERFILE.read_text(), BOOTSTRAP.read_text()) == []


# ---- each check fails on a broken copy ----------------------------------------------------------------


def _set(path: str, value: Any) -> Callable[[Compose], None]:
    keys = path.split(".")

    def mutate(compose: Compose) -> None:
        target = compose
        for key in keys[:-1]:
            target = target[int(key)] if isinstance(target, list) else target[key]
        last: Any = int(keys[-1]) if isinstance(target, list) else keys[-1]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value

    return mutate


_DELETE = object()

BROKEN_COPIES: dict[str, tuple[Callable[[Compose], None], Check]] = {
    "planner serves another role": (_set("services.planner.command.3", "verifier"), command_problems),
    "renderer on a wrong port": (_set("services.renderer.command.7", "9002"), command_problems),
    "gateway command as a string without tessera": (
        _set("services.gateway.command", "serve --role gateway"),
        command_problems,
    ),
    "entrypoint kept": (_set("services.verifier.entrypoint", None), command_problems),
    "cpu renderer without its alias": (_set("services.renderer-cpu.networks", _DELETE), command_problems),
    "health check on another port": (
        _set("services.verifier.healthcheck.test", ["CMD", "curl", "-fsS", "http://127.0.0.1:8001/readyz"]),
        healthcheck_problems,
    ),
    "health check on healthz": (
        _set("services.planner.healthcheck.test", ["CMD", "curl", "-fsS", "http://127.0.0.1:8001/healthz"]),
        healthcheck_problems,
    ),
    "postgres without health check": (_set("services.postgres.healthcheck", _DELETE), healthcheck_problems),
    "health check retries not a number": (_set("services.planner.healthcheck.retries", "three"), healthcheck_problems),
    "health check interval not a duration": (
        _set("services.vllm.healthcheck.interval", "30 seconds"),
        healthcheck_problems,
    ),
    "depends_on service_started": (
        _set("services.gateway.depends_on.planner.condition", "service_started"),
        depends_on_problems,
    ),
    "depends_on as a list": (
        _set("services.gateway.depends_on", ["planner", "verifier", "postgres"]),
        depends_on_problems,
    ),
    "gateway not waiting for postgres": (_set("services.gateway.depends_on.postgres", _DELETE), depends_on_problems),
    "planner not waiting for cpu vllm": (_set("services.planner.depends_on.vllm-cpu", _DELETE), depends_on_problems),
    "gateway renderer url on the planner's port": (
        _set("services.gateway.environment.TESSERA_RENDERER_URL", "http://renderer:8001"),
        url_problems,
    ),
    "gateway verifier url names a planner": (
        _set("services.gateway.environment.TESSERA_VERIFIER_URL", "http://planner:8001"),
        url_problems,
    ),
    "gateway planner url names no service": (
        _set("services.gateway.environment.TESSERA_PLANNER_URL", "http://planer:8001"),
        url_problems,
    ),
    "database password differs": (
        _set("services.gateway.environment.TESSERA_DATABASE_URL", "postgresql://tessera:x@postgres:5432/tessera"),
        url_problems,
    ),
    "llm url without /v1": (
        _set("services.planner.environment.TESSERA_LLM_BASE_URL", "http://vllm:8000"),
        url_problems,
    ),
    "llm model not served": (_set("services.planner.environment.TESSERA_LLM_MODEL", "Qwen3-8B"), url_problems),
    "bad generator value": (_set("services.renderer.environment.TESSERA_GENERATOR", "janos"), settings_value_problems),
    "cpu vllm without gpu profile twin": (_set("services.vllm.profiles", ["cpu"]), gpu_problems),
    "renderer without gpu": (_set("services.renderer.deploy", _DELETE), gpu_problems),
    "verifier reserving a gpu": (_set("services.verifier.gpus", "all"), gpu_problems),
    "vllm another version": (_set("services.vllm.image", "vllm/vllm-openai:latest"), vllm_problems),
    "vllm without reasoning parser": (
        _set("services.vllm-cpu.command", ["Qwen/Qwen3-0.6B", "--host", "0.0.0.0", "--port", "8000"]),
        vllm_problems,
    ),
    "planner publishing a port": (_set("services.planner.ports", ["8001:8001"]), port_problems),
    "gateway publishing the wrong port": (_set("services.gateway.ports", ["8000:8080"]), port_problems),
    "gateway published on every interface": (_set("services.gateway.ports", ["8000:8000"]), port_problems),
    "gateway published on 0.0.0.0 (long syntax)": (
        _set("services.gateway.ports", [{"target": 8000, "published": "8000", "host_ip": "0.0.0.0"}]),
        port_problems,
    ),
    "verifier without keys": (_set("services.verifier.environment.TESSERA_API_KEYS", _DELETE), access_problems),
    "planner with other keys": (
        _set("services.planner.environment.TESSERA_API_KEYS", "another-key-0123456789abcdef"),
        access_problems,
    ),
    "public url on another port": (
        _set("services.gateway.environment.TESSERA_PUBLIC_URL", "http://127.0.0.1:9000"),
        public_url_problems,
    ),
    "public url unset": (_set("services.gateway.environment.TESSERA_PUBLIC_URL", ""), public_url_problems),
    "gateway with a short key": (_set("services.gateway.environment.TESSERA_API_KEYS", "short"), access_problems),
    "undeclared volume": (_set("volumes", {"models": None}), volume_problems),
    "runs not on a volume": (_set("services.gateway.volumes", []), volume_problems),
    "unknown service property": (
        _set("services.gateway.helthcheck", {}),
        lambda c: schema_problems(c, json.loads(SCHEMA_FILE.read_text())),
    ),
    "depends_on condition misspelt": (
        _set("services.gateway.depends_on.planner.condition", "healthy"),
        lambda c: schema_problems(c, json.loads(SCHEMA_FILE.read_text())),
    ),
}


@pytest.mark.usefixtures("no_tessera_environment")
@pytest.mark.parametrize("case", sorted(BROKEN_COPIES))
def test_each_check_reports_a_broken_copy(case: str, compose: Compose) -> None:
    mutate, check = BROKEN_COPIES[case]
    broken = copy.deepcopy(compose)
    mutate(broken)
    assert check(broken) != []


def test_a_misspelt_tessera_name_is_reported(raw_compose: Compose) -> None:
    broken = copy.deepcopy(raw_compose)
    broken["services"]["gateway"]["environment"]["TESSERA_PLANER_URL"] = "http://planner:8001"
    broken["services"]["renderer"]["command"] = ["${TESSERA_GENERATOR_MODELS:-x}"]
    assert tessera_variable_problems(broken) == [
        "TESSERA_GENERATOR_MODELS is not a setting (agents.settings.Settings reads no such variable)",
        "TESSERA_PLANER_URL is not a setting (agents.settings.Settings reads no such variable)",
    ]


def test_a_variable_without_default_is_reported(raw_compose: Compose) -> None:
    broken = copy.deepcopy(raw_compose)
    broken["services"]["vllm"]["image"] = "vllm/vllm-openai:${VLLM_TAG}"
    assert default_problems(broken) == ["${VLLM_TAG} has no default (write ${VLLM_TAG:-default})"]


def test_a_secret_with_a_default_is_reported(raw_compose: Compose) -> None:
    broken = copy.deepcopy(raw_compose)
    broken["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"] = "${POSTGRES_PASSWORD:-tessera}"
    assert default_problems(broken) == [
        "${POSTGRES_PASSWORD} is a secret: write ${POSTGRES_PASSWORD:?message} (no default, required)"
    ]


def test_interpolation_follows_the_compose_rules() -> None:
    env = {"SET": "value", "EMPTY": ""}
    assert interpolate("${SET:-d} ${EMPTY:-d} ${EMPTY-d} ${UNSET-d} $$SET $SET", env) == "value d  d $SET value"


def test_dockerfile_checks_report_a_broken_dockerfile() -> None:
    text = DOCKERFILE.read_text()
    assert dockerfile_problems(text.replace("USER 10001:10001", "USER root"))
    assert dockerfile_problems(text.replace('ENTRYPOINT ["tessera"]', 'ENTRYPOINT ["python"]'))
    assert dockerfile_problems(text.replace("python:3.11-slim-bookworm", "python:3.12-slim"))
    assert dockerfile_problems(text.replace("COPY verifier ./verifier\n", ""))
    assert dockerfile_problems(text.replace("ARG EXTRAS=generate", "ARG EXTRAS="))
    assert dockerfile_problems(text.replace("-p 127.0.0.1:8000:8000", "-p 8000:8000"))


def test_apt_drift_is_reported_both_ways() -> None:
    dockerfile, bootstrap = DOCKERFILE.read_text(), BOOTSTRAP.read_text()
    assert apt_drift_problems(dockerfile.replace(" tesseract-ocr-hin", ""), bootstrap) == [
        "tesseract-ocr-hin: installed by scripts/bootstrap, not by the Dockerfile"
    ]
    assert apt_drift_problems(dockerfile.replace("curl libfribidi0", "curl libfribidi0 htop"), bootstrap) != []
    assert apt_drift_problems(dockerfile, bootstrap.replace("fontconfig", "fontconfig fonts-dejavu")) == [
        "fonts-dejavu: installed by scripts/bootstrap, not by the Dockerfile"
    ]


def test_compose_runs_the_same_serve_commands_as_the_integration_tests(compose: Compose) -> None:
    from tessera.agents.services import DEFAULT_PORTS, ROLES
    from tests.service_fixtures import Service

    assert {role: DEFAULT_PORTS[role] for role in ROLE_PORTS} == ROLE_PORTS
    for name, service in compose["services"].items():
        served = serve_command(service)
        if served is None:
            continue
        role, port = served
        assert role in ROLES, f"{name}: role {role!r} is not one `tessera serve` accepts ({ROLES})"
        tested = Service(role, port, {}, Path("unused.log")).command()
        # The tests start `python -m tessera serve ...` (the `tessera` script's module) on loopback.
        assert tested[1:3] == ["-m", "tessera"]
        assert ["tessera", *tested[3:]] == [*service["command"][:5], "127.0.0.1", *service["command"][6:]]


def hop_problems(compose: Compose) -> list[str]:
    """Every service with TESSERA_ARTIFACT_DIR mounts one and the same named volume there, and the gateway and the
    renderers and verifier all have it: images pass between them by reference."""
    problems, volumes = [], set()
    services = compose["services"]
    for name in ("gateway", "renderer", "renderer-cpu", "verifier"):
        directory = services[name].get("environment", {}).get("TESSERA_ARTIFACT_DIR")
        if directory is None:
            problems.append(f"{name} has no TESSERA_ARTIFACT_DIR")
            continue
        mounted = [m.split(":")[0] for m in services[name].get("volumes", []) if m.split(":")[1:2] == [directory]]
        if len(mounted) != 1:
            problems.append(f"{name} mounts no volume at its TESSERA_ARTIFACT_DIR {directory}")
        volumes.update(mounted)
    if len(volumes) > 1:
        problems.append(f"the parts hand images over in different volumes: {sorted(volumes)}")
    return problems


def test_the_parts_hand_images_over_in_one_shared_volume(compose: Compose) -> None:
    assert hop_problems(compose) == []


def test_hop_problems_reports_a_part_without_the_shared_volume(compose: Compose) -> None:
    broken = copy.deepcopy(compose)
    broken["services"]["verifier"]["volumes"] = ["models:/models"]
    assert hop_problems(broken) == ["verifier mounts no volume at its TESSERA_ARTIFACT_DIR /data/hops"]
