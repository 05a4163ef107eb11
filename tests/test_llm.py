"""The real client libraries against local servers that speak their APIs: every provider kind
yields items by config alone; transient errors are retried, refusals are not, a hang times out."""

from __future__ import annotations

import stat
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import structlog

from agent import llm
from agent.extractors.base import Owner
from agent.extractors.embedded import EmbeddedExtractor
from agent.extractors.llm import CircuitBreaker, LlmExtractor
from agent.graph import run_batch
from agent.state import Context
from tests.conftest import make_message, run_cli
from tests.fake_chat import item
from tests.llm_stubs import serving

ASK = "Can you send me the signed lease by Friday?"
ITEMS = [item("request", "Return the signed lease to Maria", ASK, "by Friday")]
CLOCK = lambda: datetime(2026, 11, 19, 7, 30, tzinfo=UTC)  # noqa: E731
# provider -> (the API its stub speaks, base_url under the stub's address, the key it needs)
KINDS = {
    "openai": ("openai", "/v1", "sk-test"),
    "openai-compatible": ("openai", "/v1", None),
    "anthropic": ("anthropic", "", "sk-ant-test"),
    "ollama": ("ollama", "", None),
}


def section(provider: str, url: str, timeout: str = "5s") -> dict[str, Any]:
    return {"provider": provider, "model": "test-model", "base_url": url, "timeout": timeout,
            "max_tokens_per_message": 4000}


def extractor(provider: str, url: str, key: str | None, timeout: str = "5s", retries: int = 2) -> LlmExtractor:
    model = llm.chat_model(section(provider, url, timeout), key)
    return LlmExtractor(model, provider, "test-model", retries=retries, backoff=0.01, breaker=CircuitBreaker())


def run(owner: Owner, ex: LlmExtractor) -> list[Any]:
    msg = make_message(f"Hi Ada,\n\n{ASK}\n\nThanks, Maria")
    state = run_batch([msg], Context(extractor=ex, owner=owner, clock=CLOCK, fallback=EmbeddedExtractor()))
    return state["new_items"][msg.message_id]


@pytest.mark.parametrize("provider", list(KINDS))
def test_each_provider_yields_items_by_config_alone(owner: Owner, provider: str) -> None:
    api, path, key = KINDS[provider]
    with serving(api, ITEMS) as stub, structlog.testing.capture_logs() as logs:
        found = run(owner, extractor(provider, stub.url + path, key))
    assert [(i.title, i.due) for i in found] == [("Return the signed lease to Maria", "2026-11-20")]
    assert stub.calls == 1
    assert not [e for e in logs if e["event"] == "llm.failed"]
    prompt = repr(stub.bodies[0])
    assert "untrusted data" in prompt and ASK in prompt
    if key:  # the key from the secret source reaches the server, in the provider's header
        assert key in (stub.headers[0].get("authorization", "") + stub.headers[0].get("x-api-key", ""))


@pytest.mark.parametrize("provider", list(KINDS))
def test_a_server_error_is_retried_with_backoff(owner: Owner, provider: str) -> None:
    api, path, key = KINDS[provider]
    with serving(api, ITEMS) as stub:
        stub.script = [500, 503]
        found = run(owner, extractor(provider, stub.url + path, key, retries=2))
    assert stub.calls == 3
    assert found[0].title == "Return the signed lease to Maria"


@pytest.mark.parametrize("provider", list(KINDS))
def test_a_refusal_is_not_retried_and_falls_back(owner: Owner, provider: str) -> None:
    api, path, key = KINDS[provider]
    with serving(api, ITEMS) as stub, structlog.testing.capture_logs() as logs:
        stub.script = [400]
        found = run(owner, extractor(provider, stub.url + path, key, retries=2))
    assert stub.calls == 1
    assert found[0].evidence == ASK and found[0].title != "Return the signed lease to Maria"  # the embedded item
    assert [e["reason"] for e in logs if e["event"] == "llm.failed"][0].endswith("(HTTP 400)")


def test_too_many_requests_is_retried_and_gives_up_after_the_retries(owner: Owner) -> None:
    with serving("openai", ITEMS) as stub:
        stub.script = [429, 429, 429]
        found = run(owner, extractor("openai", stub.url + "/v1", "sk-test", retries=2))
    assert stub.calls == 3
    assert found[0].title != "Return the signed lease to Maria"


@pytest.mark.parametrize("provider", list(KINDS))
def test_garbage_falls_back(owner: Owner, provider: str) -> None:
    api, path, key = KINDS[provider]
    with serving(api, ITEMS) as stub, structlog.testing.capture_logs() as logs:
        stub.script = ["garbage"]
        found = run(owner, extractor(provider, stub.url + path, key, retries=0))
    assert found[0].evidence == ASK
    assert any(e["event"] == "llm.failed" for e in logs)


@pytest.mark.parametrize("provider", list(KINDS))
def test_a_hang_hits_the_timeout_once_and_falls_back(owner: Owner, provider: str) -> None:
    api, path, key = KINDS[provider]
    with serving(api, ITEMS) as stub, structlog.testing.capture_logs() as logs:
        stub.script = [("hang", 30)]
        started = time.monotonic()
        found = run(owner, extractor(provider, stub.url + path, key, timeout="1s", retries=2))
        took = time.monotonic() - started
    assert took < 10  # one timeout, not three and not the 30 s hang
    assert stub.calls == 1
    assert found[0].evidence == ASK
    assert [e["reason"] for e in logs if e["event"] == "llm.failed"] == ["timeout"]


def test_a_missing_provider_package_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "langchain_ollama", None)  # its import now fails
    with pytest.raises(llm.LlmError) as err:
        llm.chat_model(section("ollama", ""), None)
    assert str(err.value) == "llm.provider 'ollama' needs its package: pip install 'focusd[ollama]'"


def test_a_hosted_provider_without_a_key_is_one_plain_error() -> None:
    with pytest.raises(llm.LlmError, match=r"llm.api_key: openai needs an API key"):
        llm.chat_model(section("openai", ""), None)


@pytest.mark.parametrize("exc,transient", [
    (ConnectionRefusedError(), True),
    (TimeoutError(), False),
    (ValueError("bad"), False),
])
def test_transient_errors(exc: BaseException, transient: bool) -> None:
    assert llm.is_transient(exc) is transient


def test_ping_proves_the_model_answers() -> None:
    with serving("anthropic") as stub:
        model = llm.chat_model(section("anthropic", stub.url), "sk-ant-test")
        assert llm.ping(model) == "OK"
    assert stub.calls == 1


def _with_llm(config: Path, lines: str) -> None:
    config.write_text(config.read_text().replace('[llm]\nprovider = "none"', "[llm]\n" + lines))


def test_doctor_proves_the_model_answers(capsys: pytest.CaptureFixture[str], demo_dir: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    config = demo_dir / "focusd.toml"
    monkeypatch.setenv("FOCUSD_TEST_LLM_KEY", "sk-ant-test")
    with serving("anthropic") as stub:
        _with_llm(config, f'provider = "anthropic"\nmodel = "test-model"\nbase_url = "{stub.url}"\n'
                          'api_key_env = "FOCUSD_TEST_LLM_KEY"')
        code, out, _ = run_cli(capsys, "--config", str(config), "doctor")
    [line] = [ln for ln in out.splitlines() if " llm " in f" {ln} "]
    assert line.startswith("ok   llm       llm:anthropic:test-model: the model answered in"), out
    assert code == 0 and stub.calls == 1
    assert "sk-ant-test" not in out
    assert stat.S_IMODE((demo_dir / "llm-cache.db").stat().st_mode) == 0o600  # beside the store


def test_doctor_says_plainly_when_the_model_does_not_answer(capsys: pytest.CaptureFixture[str],
                                                           demo_dir: Path) -> None:
    config = demo_dir / "focusd.toml"
    with serving("openai") as stub:
        stub.script = [401]
        _with_llm(config, f'provider = "openai-compatible"\nmodel = "test-model"\nbase_url = "{stub.url}/v1"')
        code, out, _ = run_cli(capsys, "--config", str(config), "doctor")
    assert code == 1
    assert "FAIL llm       llm:openai-compatible:test-model: the model did not answer: " \
           "OpenAIAuthenticationError (HTTP 401)" in out


def test_a_hosted_provider_without_a_key_is_a_config_problem(capsys: pytest.CaptureFixture[str],
                                                            demo_dir: Path) -> None:
    config = demo_dir / "focusd.toml"
    _with_llm(config, 'provider = "openai"\nmodel = "gpt-x"')
    code, out, _ = run_cli(capsys, "--config", str(config), "doctor")
    assert code == 2 and "llm.api_key: required when llm.provider is openai" in out


def test_extract_falls_back_when_the_model_fails_and_asks_it_once(capsys: pytest.CaptureFixture[str],
                                                                   demo_dir: Path) -> None:
    """`extract` stopped with "extraction failed: ..." on any model failure, and asked it twice."""
    config = demo_dir / "focusd.toml"
    mail = demo_dir / "ask.eml"
    mail.write_text("From: Maria Chen <maria@northwind.vc>\nTo: ada@loom.example\nSubject: deck\n"
                    "Date: Wed, 18 Nov 2026 09:00:00 +0000\nMessage-ID: <ask@northwind.vc>\n\n"
                    "Hi Ada,\n\nCould you send me the updated deck by Friday?\n\nMaria\n")
    with serving("openai") as stub:
        stub.script = [401]
        _with_llm(config, f'provider = "openai-compatible"\nmodel = "test-model"\nbase_url = "{stub.url}/v1"')
        code, out, _ = run_cli(capsys, "--config", str(config), "extract", str(mail))
    assert code == 0, out
    assert "request    Send Maria the updated deck" in out
    assert stub.calls == 1


def test_a_blank_key_and_an_address_without_its_scheme_are_config_problems(capsys: pytest.CaptureFixture[str],
                                                                         demo_dir: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Both reached doctor as a bare "OpenAIConnectionError", and a blank key was retried as a
    network fault."""
    config = demo_dir / "focusd.toml"
    original = config.read_text()
    _with_llm(config, 'provider = "openai-compatible"\nmodel = "m"\nbase_url = "127.0.0.1:18736/v1"')
    code, out, err = run_cli(capsys, "--config", str(config), "doctor")
    assert code == 2 and "llm.base_url: '127.0.0.1:18736/v1' is no web address" in out + err
    config.write_text(original)
    monkeypatch.setenv("FOCUSD_TEST_LLM_KEY", "sk-abc\nsk-def")
    _with_llm(config, 'provider = "openai-compatible"\nmodel = "m"\nbase_url = "http://127.0.0.1:9/v1"\n'
                      'api_key_env = "FOCUSD_TEST_LLM_KEY"')
    code, out, err = run_cli(capsys, "--config", str(config), "doctor")
    assert code == 2 and "llm.api_key: the key read from its source is empty or has spaces" in out + err
    assert "sk-abc" not in out + err
