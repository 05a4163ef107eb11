"""A scripted chat model for the graph: it answers what the test scripts, tool calls included.

langchain-core's fake chat models bind no tools, so ``with_structured_output`` cannot use them.
This one binds the converted tools and replies ``AIMessage(tool_calls=[...])``, which the real
output parser then validates. A scripted exception is raised instead of answering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import LanguageModelInput
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatResult
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool
from langchain_core.utils.function_calling import convert_to_openai_tool


class ScriptedChat(GenericFakeChatModel):
    """Answers from ``messages`` (an iterator of AIMessage, str or exception); counts calls
    and keeps the prompts it was sent."""

    calls: int = 0
    prompts: list[list[BaseMessage]] = []

    def bind_tools(self, tools: Sequence[dict[str, Any] | type | Callable[..., Any] | BaseTool],
                   *, tool_choice: str | None = None, **kwargs: Any) -> Runnable[LanguageModelInput, AIMessage]:
        return self.bind(tools=[convert_to_openai_tool(t) for t in tools], **kwargs)

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        self.calls += 1
        self.prompts.append(list(messages))
        nxt = next(self.messages)
        if isinstance(nxt, BaseException):
            raise nxt
        self.messages = _prepend(nxt, self.messages)
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


def _prepend(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def tool_reply(items: list[dict[str, Any]], name: str = "Extraction") -> AIMessage:
    """The reply a model gives when it calls the schema's tool with ``items``."""
    return AIMessage(content="", tool_calls=[{"name": name, "args": {"items": items}, "id": "call_1"}])


def item(kind: str, title: str, evidence: str, due_phrase: str = "", counterparty: str = "maria@fund.example",
         owner: str = "me") -> dict[str, str]:
    """One item as the schema has it."""
    return {"kind": kind, "title": title, "evidence": evidence, "due_phrase": due_phrase,
            "counterparty": counterparty, "owner": owner}
