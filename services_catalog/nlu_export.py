"""Generate the NLU files that come from the catalog: never hand-edit them.

- generated/jieba/catalog.txt: jieba user dictionary (service names, aliases, departments, and
  every service mention annotated in the hand-written NLU data), so entities align with tokens;
- data/nlu/generated/catalog.yml: synonyms (alias → slug), the `service` lookup table and one
  inform_service example per service name;
- data/nlu/generated/questions.yml: the catalog's example questions (the example_questions table,
  services_catalog/examples.py) as training examples of the question intents. Each is filed under
  the one question type its wording shows (多久 → ask_time_limit, 要钱吗 → ask_fee …); questions
  showing none or several, or only a scene-setting word (钱 in 借钱), are left out. A name or alias
  in it is annotated as the `service` entity.
  Without them the NLU sees mostly questions that name a service, and files a question that
  only describes its need (厂区要拉水管进来怎么申请) as small talk or out of scope. Questions
  staff marked out of scope (from the inbox) become `out_of_scope` examples.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from services_catalog.config import ROOT
from services_catalog.normalize import normalize, unquote
from services_catalog.paraphrase import example_questions
from services_catalog.question_cues import question_type
from services_catalog.schemas import ServiceOut
from services_catalog.text_rules import check_phrase, check_text

# A question that complains (水质有问题去哪投诉, 乱收费) is a complaint to the NLU, whatever
# question word it carries; and 咋回事 asks what a policy is, not how to do something. Neither
# is filed under a question type.
COMPLAINT = re.compile(r"投诉|投訴|不满意|不滿意|乱收费|亂收費|多收|爱答不理|态度差|态度不好|"
                       r"咋回事|怎么回事|怎麼回事")
# Nor is a message that praises or grieves, or tells of a fraud, without asking anything of a
# service (想夸下窗口, 钱让骗子转了): filing it by a stray cue word (窗口, 钱) would teach the NLU
# wrong labels.
NOT_ASKING = re.compile(r"态度|太差|说理|点赞|夸|骗子|被骗|骗了")
# Cue words that only set the scene unless the question is about them: 钱 in 借钱/货款/欠的钱 is no
# fee question, 网上/窗口 in 网上有人卖… no channel question, 联系 in 联系不上 no department one.
# Such a question is filed only when it also shows the pair's second pattern.
WEAK_CUES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "ask_fee": (re.compile(r"钱"),
                re.compile(r"收费|费用|免费|交费|缴费|贵不贵|[收要花掏]钱|交.{0,3}钱|多少钱|"
                           r"钱[吗不么]|收不收|费")),
    "ask_channel": (re.compile(r"网上|线上|手机上|窗口|现场"),
                    re.compile(r"在哪|哪里|哪儿|去哪|哪办|哪个|[吗嘛么不]|能|可以|行")),
    "ask_department": (re.compile(r"联系"),
                       re.compile(r"部门|找谁|谁管|电话|哪个单位|联系谁|怎么联系|联系方式")),
}
ANNOTATION = re.compile(r"\[([^\]]+)\]\((?:service|condition)\)")


Examples = Mapping[str, Sequence[str]]


def nlu_hash(services: list[ServiceOut], examples: Examples | None = None,
             out_of_scope: Sequence[str] = ()) -> str:
    """Changes exactly when something the model learns from the catalog changes: names,
    aliases, the example questions of active services and the out-of-scope examples."""
    payload: list = sorted((s.slug, s.name, sorted(s.aliases)) for s in services)
    if examples or out_of_scope:
        active = {s.slug for s in services}
        payload.append(sorted((slug, sorted(qs)) for slug, qs in (examples or {}).items()
                              if slug in active))
        payload.append(sorted(out_of_scope))
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()[:16]


def hand_written_examples(nlu_dir: Path) -> set[str]:
    """Every example line of the hand-written NLU files, as written (annotations included)."""
    lines: set[str] = set()
    for path in nlu_dir.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("    - "):
                lines.add(line[6:].strip())
    return lines


class _BlockDumper(yaml.SafeDumper):
    """Writes multi-line strings (the `examples` blocks) in literal `|` style, as Rasa data is."""


_BlockDumper.add_representer(
    str,
    lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|" if "\n" in v else None),
)


def write_nlu(services: list[ServiceOut], root: Path = ROOT, questions: Examples | None = None,
              out_of_scope: Sequence[str] = ()) -> dict[str, int]:
    """`questions`: slug → example questions (the catalog's; None: the seed file's)."""
    dict_dir = root / "generated" / "jieba"
    nlu_file = root / "data" / "nlu" / "generated" / "catalog.yml"
    dict_dir.mkdir(parents=True, exist_ok=True)
    nlu_file.parent.mkdir(parents=True, exist_ok=True)

    # Generated examples already written by hand are left out: they would sit in two
    # cross-validation folds. The services the hand-written examples mark go to the dictionary.
    written = hand_written_examples(root / "data" / "nlu")
    # The schema refuses line breaks and markup in names and aliases; data stored before it
    # did is left out here too, so nothing in the catalog can add lines or annotations.
    services, refused = _safe_services(services)
    words: set[str] = {m for line in written for m in ANNOTATION.findall(line)}
    for s in services:
        words.update([s.name, unquote(s.name), *s.aliases, *s.departments, s.lead_unit])
        words.update(t.condition for t in s.time_limits if t.condition)
    words = {w for w in words if w and _one_token_line(w)}
    (dict_dir / "catalog.txt").write_text(
        "".join(f"{w} 2000 n\n" for w in sorted(words)), encoding="utf-8"
    )

    nlu: list[dict] = []
    for s in services:
        examples = [a for a in s.aliases if a != s.slug]
        if examples:
            nlu.append({"synonym": s.slug, "examples": _block([s.name, *examples])})
    lookup = sorted({w for s in services for w in (s.name, *s.aliases)})
    nlu.append({"lookup": "service", "examples": _block(lookup)})
    nlu.append({
        "intent": "inform_service",
        "examples": _block([e for s in services if (e := f"[{s.name}](service)") not in written]),
    })
    header = "# GENERATED by `python -m services_catalog gen-nlu` from the catalog. Do not edit.\n"
    body = yaml.dump({"version": "3.1", "nlu": nlu}, Dumper=_BlockDumper, allow_unicode=True,
                     sort_keys=False, width=1000)
    nlu_file.write_text(header + body, encoding="utf-8")

    by_intent = {i: [q for q in qs if q not in written]
                 for i, qs in question_examples(services, questions).items()}
    outside = [q for q in out_of_scope if q not in written and _is_safe_phrase(q)]
    if outside:
        by_intent.setdefault("out_of_scope", []).extend(outside)
    blocks = [{"intent": i, "examples": _block(sorted(set(qs)))} for i, qs in by_intent.items()]
    body = yaml.dump({"version": "3.1", "nlu": blocks}, Dumper=_BlockDumper,
                     allow_unicode=True, sort_keys=False, width=1000)
    (nlu_file.parent / "questions.yml").write_text(header + body, encoding="utf-8")
    return {"dictionary_words": len(words), "services": len(services), "lookup": len(lookup),
            "question_examples": sum(len(qs) for qs in by_intent.values()),
            "refused_phrases": refused}


def _is_safe_phrase(text: str) -> bool:
    try:
        check_phrase(text)
    except ValueError:
        return False
    return True


def _one_token_line(word: str) -> bool:
    """A jieba dictionary line is `word freq tag`: the word may hold no space or line break."""
    try:
        check_text(word)
    except ValueError:
        return False
    return not any(ch.isspace() for ch in word)


def _safe_services(services: list[ServiceOut]) -> tuple[list[ServiceOut], int]:
    """Services without names/aliases that would inject lines or markup; how many were
    dropped. A service whose name itself is unsafe is left out."""
    out: list[ServiceOut] = []
    refused = 0
    for s in services:
        if not _is_safe_phrase(s.name):
            refused += 1 + len(s.aliases)
            continue
        aliases = [a for a in s.aliases if _is_safe_phrase(a)]
        refused += len(s.aliases) - len(aliases)
        out.append(s if len(aliases) == len(s.aliases)
                   else s.model_copy(update={"aliases": aliases}))
    return out, refused


def annotate(text: str, phrases: list[str]) -> str:
    """Mark the longest catalog name/alias in `text` as the service entity (first occurrence)."""
    norm = normalize(text)
    if norm != text:
        return text  # offsets would not line up; such examples are rare and stay unannotated
    best = max((p for p in phrases if p and p in text), key=len, default=None)
    if best is None:
        return text
    i = text.index(best)
    return f"{text[:i]}[{best}](service){text[i + len(best):]}"


def question_examples(services: list[ServiceOut],
                      examples: Examples | None = None) -> dict[str, list[str]]:
    # Longest first, then by text: a set's order changes with each process's hash seed, and an
    # order that did would change the generated data, and so retrain, on every `make train`.
    phrases = sorted({unquote(p) for s in services for p in (s.name, *s.aliases)
                      if len(unquote(p)) >= 2}, key=lambda p: (-len(p), p))
    active = {s.slug for s in services}
    by_intent: dict[str, list[str]] = {}
    for slug, questions in (example_questions() if examples is None else examples).items():
        if slug not in active:
            continue
        for q in questions:
            intent = export_type(q)
            if intent and _is_safe_phrase(q):
                by_intent.setdefault(intent, []).append(annotate(q, phrases))
    return by_intent


def export_type(question: str) -> str | None:
    """The question intent an example question is filed under, or None to leave it out."""
    intent = question_type(question)
    text = normalize(question)
    if intent is None or COMPLAINT.search(question) or NOT_ASKING.search(text):
        return None
    weak = WEAK_CUES.get(intent)
    if weak and weak[0].search(text) and not weak[1].search(text):
        return None
    return intent


def _block(values: list[str]) -> str:
    """One `- example` line per value; a value that would make more than one line is refused."""
    for v in values:
        if len(v.splitlines()) != 1 or "\n" in v or v != v.strip():
            raise ValueError("NLU example with a line break or edge whitespace refused")
    return "".join(f"- {v}\n" for v in values)
