"""Local HTTP servers that speak the chat APIs focusd's providers use: OpenAI chat completions
(tool calls), Anthropic messages (tool use) and Ollama chat (JSON-schema format). Each counts
the calls it gets and answers what the test scripts: the items, an HTTP error, garbage, or a hang.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PATHS = {"openai": "/v1/chat/completions", "anthropic": "/v1/messages", "ollama": "/api/chat"}


class ChatStub:
    """One API's server. ``script`` holds what to do per call, in order; once it is used up
    every call answers ``items``. A step is "ok", an int (an HTTP status), "garbage" or
    ("hang", seconds)."""

    def __init__(self, api: str, items: list[dict[str, Any]] | None = None) -> None:
        self.api = api
        self.items = items or []
        self.script: list[Any] = []
        self.calls = 0
        self.bodies: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.released = threading.Event()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                stub.calls += 1
                stub.bodies.append(body)
                stub.headers.append({k.lower(): v for k, v in self.headers.items()})
                step = stub.script.pop(0) if stub.script else "ok"
                if self.path != PATHS[stub.api]:
                    return self._send(404, {"error": {"message": f"no route {self.path}"}})
                if isinstance(step, tuple) and step[0] == "hang":
                    stub.released.wait(step[1])
                    return self._send(200, stub.answer(body))
                if isinstance(step, int):
                    return self._send(step, {"type": "error", "error": {"type": "api_error", "message": "scripted"}})
                if step == "garbage":
                    return self._raw(200, b"<html>not json")
                return self._send(200, stub.answer(body))

            def _send(self, code: int, payload: dict[str, Any]) -> None:
                line = json.dumps(payload).encode()
                self._raw(code, line + (b"\n" if stub.api == "ollama" else b""))

            def _raw(self, code: int, data: bytes) -> None:
                kind = "application/x-ndjson" if stub.api == "ollama" else "application/json"
                with suppress(OSError):  # the client gave up (a timeout)
                    self.send_response(code)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def answer(self, body: dict[str, Any]) -> dict[str, Any]:
        """A well-formed reply to ``body``: the tool call (or JSON) with the items when the
        request asks for structured output, else the word OK."""
        payload = {"items": self.items}
        model = body.get("model", "stub")
        if self.api == "openai":
            tools = body.get("tools") or []
            message: dict[str, Any] = {"role": "assistant", "content": "OK"}
            if tools:
                call = {"id": "call_1", "type": "function",
                        "function": {"name": tools[0]["function"]["name"], "arguments": json.dumps(payload)}}
                message = {"role": "assistant", "content": None, "tool_calls": [call]}
            return {"id": "chatcmpl-1", "object": "chat.completion", "created": 0, "model": model,
                    "choices": [{"index": 0, "message": message,
                                 "finish_reason": "tool_calls" if tools else "stop"}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
        if self.api == "anthropic":
            tools = body.get("tools") or []
            content: list[dict[str, Any]] = [{"type": "text", "text": "OK"}]
            if tools:
                content = [{"type": "tool_use", "id": "toolu_1", "name": tools[0]["name"], "input": payload}]
            return {"id": "msg_1", "type": "message", "role": "assistant", "model": model, "content": content,
                    "stop_reason": "tool_use" if tools else "end_turn", "stop_sequence": None,
                    "usage": {"input_tokens": 1, "output_tokens": 1}}
        text = json.dumps(payload) if body.get("format") else "OK"
        return {"model": model, "created_at": "2026-11-19T07:30:00Z",
                "message": {"role": "assistant", "content": text}, "done": True, "done_reason": "stop",
                "total_duration": 1, "prompt_eval_count": 1, "eval_count": 1}


@contextmanager
def serving(api: str, items: list[dict[str, Any]] | None = None) -> Iterator[ChatStub]:
    """A running :class:`ChatStub`; a hung call is released on the way out."""
    stub = ChatStub(api, items)
    thread = threading.Thread(target=stub.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        stub.released.set()
        stub.server.shutdown()
        stub.server.server_close()
