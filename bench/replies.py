"""The visible reply on the public reply corpora: exact-match per corpus, before and after.

    python bench/replies.py [--before REF] [DATA_DIR]

DATA_DIR is the shared ``replies`` folder (``../shared/data/replies/`` beside the checkout), with
``talon/`` and ``crisp/`` in it; without it the benchmark says what is missing and exits 2.

talon: every fixture's visible reply is "Hello". Two fixtures ship a ``NAME_reply_text`` that keeps
their mobile footer or "-- " signature; the visible reply drops both, which leaves "Hello" there too.

crisp: each fixture's expectation is read from the upstream ``test.js`` and written below, one
entry per fixture it tests (fixtures it does not test are not scored). Where ``test.js`` gives the
whole first fragment, the visible reply must equal it (whitespace-trimmed); where it gives only
patterns, the visible reply must match each (``has``) and hold none of the quoted or hidden
fragments' markers (``lacks``).

Three rows share one run: "naive" cuts at the first line that starts with ">", "before" is
``visible_reply`` as committed at REF (default: the commit this work started from), "after" is
the working tree's. Each row prints its exact-match share and messages per second.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT.parent / "shared" / "data" / "replies"
BEFORE_REF = "974916e"

COMMON = (
    "Fusce bibendum, quam hendrerit sagittis tempor, dui turpis tempus erat, pharetra sodales ante sem sit amet "
    "metus.\nNulla malesuada, orci non vulputate lobortis, massa felis pharetra ex, convallis consectetur ex "
    "libero eget ante.\nNam vel turpis posuere, rhoncus ligula in, venenatis orci. Duis interdum venenatis ex a "
    "rutrum.\nDuis ut libero eu lectus consequat consequat ut vel lorem. Vestibulum convallis lectus urna,\net "
    "mollis ligula rutrum quis. Fusce sed odio id arcu varius aliquet nec nec nibh."
)
WHOLE = object()  # the fixture is one unquoted, unsigned fragment: the visible reply is all of it

Check = tuple[str, object]
CRISP: dict[str, list[Check]] = {
    "email_1": [("eq", "Hi folks\n\nWhat is the best way to clear a Riak bucket of all key, values after\nrunning "
                       "a test?\nI am currently using the Java HTTP API.\n\n-Abhishek Kona")],
    "email_3": [("eq", "Oh thanks.\n\nHaving the function would be great.\n\n-Abhishek Kona")],
    "email_2": [("has", r"^Hi,"), ("has", r"^You can list"), ("lacks", r"^On [^:]+:"), ("lacks", r"^>"),
                ("lacks", r"^_")],
    "email_4": [("has", r"^Awesome"), ("lacks", r"^On"), ("lacks", r"Loader")],
    "email_5": [("eq", WHOLE)],
    "email_6": [("has", r"^I get"), ("lacks", r"^On"), ("lacks", r"Was this")],
    "correct_sig": [("eq", "this is an email with a correct -- signature.")],
    "sig_no_empty_line": [("eq", "this is an email with a signature with no empty line above.")],
    "email_one_is_not_on": [("has", r"One outstanding question"), ("lacks", r"^On Oct 1, 2012")],
    "email_sent_from": [("eq", "Hi it can happen to any texts you type, as long as you type in between words or "
                               "paragraphs.")],
    "email_emoji": [("eq", "🎉\n\n—\nJohn Doe\nCEO at Pandaland\n\n@pandaland")],
    "email_not_a_signature": [("eq", WHOLE)],
    "email_not_a_signature_2": [("eq", WHOLE)],
    "email_reply_header": [("has", r"^On the other hand"), ("lacks", r"^On Wed, Dec 9")],
    "email_zoho": [("eq", "What is the best way to clear a Riak bucket of all key, values after\nrunning a test?")],
    "email_with_regards": [("eq", "Hi,\n\nI still have the same problem....\n\nCan you help?")],
    "email_tricky_1_on_false_positive": [("eq", WHOLE)],
    "email_tricky_2_url_with_wrote": [("has", r"Check out this article"), ("has", r"https://example\.com")],
    "email_tricky_3_code_block": [("has", r"function sendEmail")],
    "email_tricky_4_from_in_body": [("has", r"\S")],
    "email_tricky_6_regards_in_sentence": [("has", r"with regards to the payment")],
    "email_tricky_7_multiple_dashes": [("has", r"Key Points")],
    "email_tricky_8_sent_from_in_content": [("has", r"sent from my iPhone app")],
    "email_tricky_9_nested_quotes": [("has", r"I agree with the points"), ("lacks", r"wrote:")],
    "email_tricky_11_double_signature": [("has", r"Thanks for your help"), ("lacks", r"Senior Developer")],
    "email_tricky_13_timestamp_variations": [("eq", WHOLE)],
    "email_tricky_16_unicode_signatures": [("has", r"Thanks for the update")],
    "email_tricky_17_forward_header": [("has", r"See the forwarded message")],
    "email_tricky_18_inline_reply": [("has", r"\S")],
    "email_tricky_19_quote_without_header": [("has", r"I wanted to respond")],
    "email_tricky_20_html_entities": [("has", r"&gt; 100 and &lt; 200")],
}
for _name in ("email_7", "email_8", "email_9", "email_10", "email_11", "email_12", "email_13", "email_14",
              "email_15", "email_16", "email_17", "email_18", "email_22", "email_23", "email_24", "email_25",
              "email_26", "email_portuguese", "email_german", "email_german_2", "email_german_3",
              "email_german_outlook", "email_norwegian_gmail", "email_finnish", "email_italian", "email_russian",
              "email_outlook_split_line_from", "email_gmail_split_line_from", "email_ios_outlook_fr",
              "email_ios_outlook", "email_msn", "email_fr_multiline", "email_french_2", "email_en_multiline_2",
              "email_original_message", "email_original_message_2", "email_danish_dash_separator",
              "email_french_dash_separator", "email_tricky_5_mixed_languages", "email_tricky_10_special_chars_in_name",
              "email_tricky_12_no_space_after_header", "email_tricky_14_long_quote_header",
              "email_tricky_15_original_message_variations"):
    CRISP[_name] = [("eq", COMMON)]


def _trim(text: str) -> str:
    """Whitespace-trimmed: around the text and at the end of each line."""
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def passes(visible: str, text: str, checks: list[Check]) -> bool:
    """Whether one visible reply meets every check of its fixture."""
    visible = _trim(visible)
    for kind, want in checks:
        if kind == "eq":
            expected = _trim(text if want is WHOLE else str(want))
            if visible != expected:
                return False
        elif kind in ("has", "lacks") and (kind == "has") != bool(re.search(str(want), visible, re.M)):
            return False
    return True


def naive(text: str) -> str:
    """The baseline: everything above the first line that starts with ">"."""
    kept = []
    for line in text.split("\n"):
        if line.lstrip().startswith(">"):
            break
        kept.append(line)
    return "\n".join(kept).strip()


def load_at(ref: str) -> ModuleType:
    """connectors/mime.py as committed at ``ref``, imported under another name."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:connectors/mime.py"], capture_output=True,
                            text=True, check=True).stdout
    path = Path(tempfile.mkdtemp()) / "mime_before.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("mime_before", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def corpora(folder: Path, body_of: Callable[[bytes], str]) -> dict[str, list[tuple[str, str, list[Check]]]]:
    """Per corpus: (fixture, text, checks). talon's text is the decoded body of each message."""
    hello: list[Check] = [("eq", "Hello")]
    talon = [(p.stem, body_of(p.read_bytes()), hello) for p in sorted((folder / "talon").glob("*.eml"))]
    crisp = []
    for name, checks in sorted(CRISP.items()):
        crisp.append((name, (folder / "crisp" / f"{name}.txt").read_text(errors="replace"), checks))
    return {"talon": talon, "crisp": crisp}


def score(fn: Callable[[str], str], cases: list[tuple[str, str, list[Check]]]) -> tuple[float, float, list[str]]:
    """Exact-match share, messages per second (best of five passes) and the fixtures that fail."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        outs = [fn(text) for _, text, _ in cases]
        best = min(best, time.perf_counter() - start)
    failed = [name for (name, text, checks), out in zip(cases, outs, strict=True) if not passes(out, text, checks)]
    return 1 - len(failed) / len(cases), len(cases) / best, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--before", default=BEFORE_REF, help="git ref of the 'before' row")
    parser.add_argument("--failures", action="store_true", help="name the fixtures each row fails")
    args = parser.parse_args(argv)
    for sub in ("talon", "crisp/test.js"):
        if not (args.data / sub).exists():
            print(f"{args.data / sub} is missing: pass the shared ../shared/data/replies/ folder", file=sys.stderr)
            return 2

    from connectors import mime

    before = load_at(args.before)
    # The body each message's visible reply is cut from: the text the parser decodes, before cutting.
    sets = corpora(args.data, lambda raw: mime.parse_message(raw).text)
    rows: list[tuple[str, Callable[[str], str]]] = [("naive", naive), (f"before ({args.before})", before.visible_reply),
                                                    ("after", mime.visible_reply)]
    print(f"{'corpus':<8}{'row':<18}{'exact':>8}{'msgs/s':>12}")
    for corpus, cases in sets.items():
        for label, fn in rows:
            share, rate, failed = score(fn, cases)
            print(f"{corpus:<8}{label:<18}{share:>7.1%} {rate:>11,.0f}  ({len(cases) - len(failed)}/{len(cases)})")
            if args.failures and failed:
                print("        fails: " + ", ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
