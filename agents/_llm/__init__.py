"""Serving an LLM for the planner: vLLM in its own venv, model folders that work offline, a managed server process."""

from tessera.agents._llm._env import ensure_vllm_env, has_nvidia_gpu
from tessera.agents._llm._models import SMOLLM2_NAMES, SmolVariant, prepare_smollm2, smollm2_folder, start_smollm2
from tessera.agents._llm._server import LlmServerError, VllmServer, free_port

__all__ = [
    "SMOLLM2_NAMES",
    "LlmServerError",
    "SmolVariant",
    "VllmServer",
    "ensure_vllm_env",
    "free_port",
    "has_nvidia_gpu",
    "prepare_smollm2",
    "smollm2_folder",
    "start_smollm2",
]
