"""Chat models by config: ``[llm]`` names a provider and a model, and this builds it.

Each provider's package is an optional extra; a missing one is one sentence naming the extra.
The client's own retries are off: :func:`invoke` retries transient failures (connection errors,
429, 5xx) with backoff and never a refusal (4xx) or a timeout, so one hung call costs one
timeout. Nothing here logs a prompt, a message or a key.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import structlog

from agent.errors import FocusdError
from agent.formats import parse_duration

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.runnables import Runnable

log = structlog.get_logger(__name__)

T = TypeVar("T")

# provider -> (init_chat_model's provider, the module it imports, the focusd extra that installs it)
PROVIDERS: dict[str, tuple[str, str, str]] = {
    "openai": ("openai", "langchain_openai", "openai"),
    "openai-compatible": ("openai", "langchain_openai", "openai"),
    "anthropic": ("anthropic", "langchain_anthropic", "anthropic"),
    "ollama": ("ollama", "langchain_ollama", "ollama"),
}
# Hosted APIs refuse a call without a key; a local server (ollama, openai-compatible) may need none.
NEEDS_KEY = frozenset({"openai", "anthropic"})
# The OpenAI client insists on some key even for a local server that checks none.
NO_KEY = "unused"
OLLAMA_URL = "http://localhost:11434"


class LlmError(FocusdError):
    """The configured model cannot be built: a missing package or key."""

    exit_code = 2


def timeout_seconds(llm: Mapping[str, Any]) -> float:
    """``[llm].timeout`` in seconds (the schema keeps it as written, "60s")."""
    value = llm.get("timeout") or "60s"
    delta = value if isinstance(value, timedelta) else parse_duration(value)
    return delta.total_seconds()


def chat_model(llm: Mapping[str, Any], secret: str | None) -> BaseChatModel:
    """The chat model ``[llm]`` names, with ``secret`` as its API key (None when unset).

    Raises :class:`LlmError` when the provider's package is missing or a hosted API has no key.
    """
    provider = llm["provider"]
    if provider not in PROVIDERS:
        raise LlmError(f"llm.provider: {provider!r} is not a chat model provider")
    kind, module, extra = PROVIDERS[provider]
    try:
        importlib.import_module(module)
    except ImportError:
        raise LlmError(f"llm.provider {provider!r} needs its package: pip install 'focusd[{extra}]'") from None
    if provider in NEEDS_KEY and not secret:
        raise LlmError(f"llm.api_key: {provider} needs an API key (api_key_env, api_key_file or api_key_command)")
    from langchain.chat_models import init_chat_model

    timeout = timeout_seconds(llm)
    base_url = llm.get("base_url") or ""
    kwargs: dict[str, Any] = {"model_provider": kind}
    if kind == "ollama":
        kwargs |= {"base_url": base_url or OLLAMA_URL, "client_kwargs": {"timeout": timeout}}
    else:
        kwargs |= {"timeout": timeout, "max_retries": 0, "api_key": secret or NO_KEY}
        if base_url:
            kwargs["base_url"] = base_url
    model: BaseChatModel = init_chat_model(llm["model"], **kwargs)
    return model


def structured_method(provider: str) -> str:
    """How ``with_structured_output`` asks this provider: a tool call where the API has tools
    everywhere, Ollama's JSON-schema format (many local models call no tools)."""
    return "json_schema" if provider == "ollama" else "function_calling"


def status(exc: BaseException) -> int | None:
    """The HTTP status an API error carries, if any."""
    code = getattr(exc, "status_code", None)
    if code is None:
        response = getattr(exc, "response", None)
        code = getattr(response, "status_code", None)
    return code if isinstance(code, int) else None


def is_timeout(exc: BaseException) -> bool:
    """A call that ran out of time, whichever client raised it."""
    return isinstance(exc, TimeoutError) or any("Timeout" in c.__name__ for c in type(exc).__mro__)


def is_transient(exc: BaseException) -> bool:
    """Worth another try: the server was unreachable, busy (429) or broken (5xx). A refusal
    (any other 4xx) and a timeout are not: the same call would fail, or cost another timeout."""
    if is_timeout(exc):
        return False
    code = status(exc)
    if code is not None:
        return code == 429 or code >= 500
    names = {c.__name__ for c in type(exc).__mro__}
    return isinstance(exc, ConnectionError) or bool(names & {"APIConnectionError", "ConnectError", "RemoteProtocolError"})


class DeadlineExceeded(TimeoutError):
    """A call still running when its whole time was up (a server trickling its answer)."""


def _within(call: Callable[[], T], deadline: float | None) -> T:
    """``call()``, given up after ``deadline`` seconds in all: the client's timeout bounds each
    read, and a server that sends a byte a second never trips it. The abandoned call finishes (or
    times out) on its own thread, which holds nothing of the cycle's."""
    if deadline is None:
        return call()
    done: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            done.append(call())
        except BaseException as exc:  # noqa: BLE001 - handed to the caller as it is
            failed.append(exc)

    worker = threading.Thread(target=run, name="focusd-llm-call", daemon=True)
    worker.start()
    worker.join(deadline)
    if worker.is_alive():
        raise DeadlineExceeded(f"the model took longer than {deadline:g} s in all")
    if failed:
        raise failed[0]
    return done[0]


def invoke(runnable: Runnable[Any, T], prompt: Any, retries: int, backoff: float = 0.5,
           sleep: Callable[[float], None] = time.sleep, deadline: float | None = None) -> T:
    """``runnable.invoke(prompt)``, tried again up to ``retries`` times on transient errors,
    waiting ``backoff``, then twice as long, and so on; each try given up after ``deadline``
    seconds in all (a timeout, never tried again)."""
    attempt = 0
    while True:
        try:
            return _within(lambda: runnable.invoke(prompt), deadline)
        except Exception as exc:
            if attempt >= retries or not is_transient(exc):
                raise
            attempt += 1
            log.info("llm.retry", attempt=attempt, error=type(exc).__name__, status=status(exc))
            sleep(backoff * 2 ** (attempt - 1))


def ping(model: BaseChatModel, retries: int = 0) -> str:
    """One tiny call that proves the model answers; returns at most 40 characters of its reply."""
    reply = invoke(model, "Reply with the single word OK.", retries)
    text = reply.text if isinstance(reply.text, str) else str(reply.content)
    return " ".join(text.split())[:40]
