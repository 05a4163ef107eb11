"""Hostile mail: text that speaks to the assistant or gives it orders, and mail that claims to
be the owner's without proof.

Mail is data, never instructions. A message that addresses the assistant yields no item at all,
so its text cannot steer what lands in the brief. Text is normalised before it is matched
(NFKC, format characters such as zero-width spaces dropped, Latin look-alikes inside mixed-script
words mapped back to Latin), so "Ｉｇｎｏｒｅ", "I\u200bgnore" and "Ignоre" with a Cyrillic "о" read as
"Ignore".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from agent.extractors.dates import fold
from agent.gates import Gated
from connectors.types import Message

# Cyrillic and Greek letters drawn like Latin ones. Mapped only inside a word that also holds
# Latin letters: a word wholly in Cyrillic is Russian and is matched as Russian.
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁӏАВЕКМНОРСТХІЈЅοαεικνρτυχΑΒΕΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdlABEKMHOPCTXIJSoaeikvptuxABEHIKMNOPTYX")
_WORD_RE = re.compile(r"\w+")


def _unmask(word: re.Match[str]) -> str:
    w = word.group(0)
    if w.isascii() or not any("a" <= c.lower() <= "z" for c in w):
        return w
    return w.translate(_LOOKALIKES)


def normalise(text: str) -> str:
    """``text`` as it reads: NFKC-folded, format characters dropped, look-alike letters in
    mixed-script words made Latin. For matching only; never shown or stored."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return _WORD_RE.sub(_unmask, text)


_ASSISTANT = (r"(ai|a\.i\.|assistant|assistante|asistente|assistent(en)?|focusd|bot|agent|gpt|llm|chatbot|"
              r"ai assistant|email assistant|ia|ki|ассистент\w*|помощник\w*|бот)")
# A line that opens by speaking to the assistant: cheap, anchored.
_ADDRESSED_RE = re.compile(
    r"^\W*(dear |attention |hey |hi |hello |to (the )?|"
    r"(a )?(note|message|instructions?|reminder|memo) (to|for) (the |your |my )?|"
    r"(note|message|nachricht|hinweis|notiz|nota|mensaje|mensagem|примечание|сообщение|заметка) "
    r"(pour|für|an|para|al|для|to|for) (l['’]|le |la |den |die |el |the |your |votre |ihren? |su |tu )?)?"
    rf"{_ASSISTANT}\s*[,:!：，]", re.I | re.M)
# Markup that only a model's chat format uses, or a line posing as a system or developer turn.
_FAKE_TURN = Gated(re.I | re.M, (
    r"<\|?(im_start|im_end|system|endoftext)\|?>|\[/?(inst|system|sys)\]|<</?sys>>|</?system>|"
    r"^\W*(#+\s*)?(system|developer|admin(istrator)?|operator)( (message|prompt|note|notice|override|instructions?|update))?"
    r"\s*[:>\]]\s*(the (owner|user)|you\b|your\b|ignore|disregard|forget|override|new |mark|forward|send|delete|drop|"
    r"add|remove|change|set|from now)",
    [("im_start", "im_end", "system", "endoftext", "inst]", "sys]", "sys>>", "developer", "admin", "operator")]))
_IGNORE = ("ignore", "disregard", "forget", "override", "bypass", "skip")
_ORDERS = Gated(
    re.I | re.M,
    (r"\b(ignore|disregard|forget|override|bypass|skip) (all |any |your |the |my |these |those |of |previous |prior |"
     r"above |earlier |preceding |original |existing |current |other )*"
     r"(instructions|rules|prompts?|guidelines|guidance|directives|commands|orders|constraints|programming|"
     r"system message)\b",
     [_IGNORE, ("instructions", "rules", "prompt", "guidelines", "guidance", "directives", "commands", "orders",
                "constraints", "programming", "system message")]),
    (r"\b(system|developer) (prompt|message)\b",
     [("system ", "developer "), ("prompt", "message")]),
    (r"\bnew instructions\b", [("new instructions",)]),
    (r"\bprompt injection\b", [("prompt injection",)]),
    (r"\byou are (now )?(an? )?(ai|assistant|language model|llm|chatbot|agent)\b", [("you are ",)]),
    (r"\bas an ai\b", [("as an ai",)]),
    (r"\b(ai|email|executive|personal) assistant[,:]?\s+(please\s+)?(forward|send|delete|mark|add|drop|ignore|reply|"
     r"move|archive|schedule|book|pay|transfer|remove|change)\b",
     [("assistant",)]),
    (r"\b(reveal|print|output|repeat) (your|the) (instructions|prompt|configuration|api key|password)",
     [("reveal ", "print ", "output ", "repeat "), ("instructions", "prompt", "configuration", "api key", "password")]),
    (r"\bthe (owner|user) (has )?(asked|wants|instructed|told|authori[sz]ed|requested)( that)? (you|the assistant)\b",
     [("the owner ", "the user ")]),
    (r"\b(change|replace|update|rewrite|overwrite) (the owner's|your owner's|your|all( of)? (the|your)) "
     r"(goals?|priorities|focus)\b",
     [("goal", "priorities", "focus"), ("change ", "replace ", "update ", "rewrite ", "overwrite ")]))
_SWEEPING = Gated(
    re.I | re.M,
    (r"\b(forward|send|email|copy|bcc) (all|every|the owner's|your owner's|the whole|the entire) .{0,40}"
     r"(emails?|mail|messages|inbox|files|passwords?|threads)\b",
     [("forward ", "send ", "email ", "copy ", "bcc "),
      ("all ", "every", "owner's ", "the whole ", "the entire "),
      ("mail", "messages", "inbox", "files", "password", "threads")]),
    (r"\b(mark|set|close) (all|every|everything)( .{0,30})?\b(done|complete|completed|closed|finished)\b",
     [("mark all", "mark every", "set all", "set every", "close all", "close every"),
      ("done", "complete", "closed", "finished")]),
    (r"\bdelete (all|every) .{0,30}\b(items|emails?|tasks)\b",
     [("delete all ", "delete every "), ("items", "email", "tasks")]))
# The same orders in French, German, Spanish, Russian, Chinese and Japanese.
_FORGET_ZH = ("忽略", "无视", "忽视", "忘记", "忘掉", "無視", "忘れ")
_ALL_ZH = ("所有", "全部", "すべて")
_DONE_ZH = ("完成", "完了")
_FOREIGN = Gated(
    re.I | re.M,
    (r"\b(ignore[rz]?|oublie[rz]?|ne tiens pas compte)\b.{0,40}\b(instructions|consignes|règles|directives)\b",
     [("ignore", "oublie", "ne tiens pas compte"), ("instructions", "consignes", "règles", "directives")]),
    (r"\b(ignorier\w*|vergiss\w*|missachte\w*)\b.{0,40}\b(anweisungen|instruktionen|regeln|vorgaben|befehle)\b",
     [("ignorier", "vergiss", "missachte"), ("anweisungen", "instruktionen", "regeln", "vorgaben", "befehle")]),
    (r"\b(anweisungen|instruktionen|vorgaben)\b.{0,40}\b(ignorieren|vergessen)\b",
     [("anweisungen", "instruktionen", "vorgaben"), ("ignorieren", "vergessen")]),
    (r"\b(ignora\w*|olvida\w*|omite|omita)\b.{0,40}\b(instrucciones|reglas|indicaciones|órdenes)\b",
     [("ignora", "olvida", "omite", "omita"), ("instrucciones", "reglas", "indicaciones", "órdenes")]),
    (r"(игнорир\w*|проигнорир\w*|забудь\w*|не обращай\w*)\s.{0,40}(инструкци|указани|правил|команд)",
     [("игнорир", "забудь", "не обращай"), ("инструкци", "указани", "правил", "команд")]),
    (r"(忽略|无视|忽视|忘记|忘掉|無視|忘れ).{0,12}(指令|指示|说明|規則|规则|提示|命令|ルール|プロンプト)",
     [_FORGET_ZH, ("指令", "指示", "说明", "規則", "规则", "提示", "命令", "ルール", "プロンプト")]),
    (r"(指令|指示|规则|規則|命令|ルール|プロンプト).{0,12}(忽略|无视|忽视|忘记|無視|忘れ)",
     [("指令", "指示", "规则", "規則", "命令", "ルール", "プロンプト"), _FORGET_ZH]),
    (r"(给|給)?(助手|人工智能|智能助理|アシスタント|ＡＩ)(へ|への|的|に)?.{0,6}[:：]",
     [("助手", "人工智能", "智能助理", "アシスタント", "ＡＩ"), (":", "：")]),
    (r"(标记|標記|マーク).{0,8}(所有|全部|すべて).{0,8}(完成|完了)", [("标记", "標記", "マーク"), _ALL_ZH, _DONE_ZH]),
    (r"(所有|全部|すべて).{0,12}(标记为|として).{0,4}(完成|完了)", [_ALL_ZH, ("标记为", "として"), _DONE_ZH]))
#: The gated patterns :func:`hostile` searches, for the test that checks each against its whole.
GATED = (_FAKE_TURN, _ORDERS, _SWEEPING, _FOREIGN)


def hostile(text: str) -> bool:
    """Whether ``text`` addresses the assistant or gives it orders."""
    text = normalise(text)
    if _ADDRESSED_RE.search(text):
        return True
    low = fold(text)
    return any(g.search(text, low) for g in GATED)


# -- the owner's own address ------------------------------------------------------------------

_RESULT_RE = re.compile(r"\b(dkim|dmarc)\s*=\s*(\w+)([^;]*)", re.I)
_DOMAIN_RE = re.compile(r"\bheader\.(?:d|from|i)\s*=\s*@?([^\s;]+)", re.I)


def _authserv_id(header: str) -> str:
    """The authserv-id an Authentication-Results header opens with (RFC 8601)."""
    head = re.sub(r"\([^)]*\)", " ", header.split(";", 1)[0])
    return head.split()[0].lower() if head.split() else ""


def owner_authenticated(message: Message, owner_email: str, authserv_id: str) -> bool:
    """Whether the receiving server named by ``authserv_id`` reports a DKIM or DMARC pass for
    the owner's domain, and no DKIM or DMARC failure."""
    if not authserv_id.strip():
        return False
    domain = owner_email.rpartition("@")[2].lower()
    passed = False
    for header in message.server_authentication_results:  # never one the sender wrote itself
        if _authserv_id(header) != authserv_id.strip().lower():
            continue  # any other server's header may have been written by the sender
        for method, result, props in _RESULT_RE.findall(header.split(";", 1)[1] if ";" in header else ""):
            m = _DOMAIN_RE.search(props)
            for_owner = m is not None and m.group(1).lower().rpartition("@")[2] == domain
            if result.lower() == "pass" and for_owner:
                passed = True
            elif result.lower() in ("fail", "permerror", "temperror") and (for_owner or method.lower() == "dmarc"):
                return False
    return passed


@dataclass(frozen=True)
class OwnerProof:
    """What makes mail from the owner's address the owner's: it lies in ``sent_folder`` (by
    default anywhere but INBOX), or the receiving server ``authserv_id`` authenticated it."""

    email: str
    sent_folder: str | None = None
    authserv_id: str = ""

    def forged(self, message: Message) -> bool:
        """Whether ``message`` claims the owner's address without proof."""
        if message.sender.email.strip().lower() != self.email.strip().lower():
            return False
        sent = message.folder == self.sent_folder if self.sent_folder is not None else message.folder != "INBOX"
        return not sent and not owner_authenticated(message, self.email, self.authserv_id)
