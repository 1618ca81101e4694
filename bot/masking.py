"""Mask personal data before anything is stored, logged or sent on to Rasa.

People type numbers the way their phone shows them: 138-1234-5678, 138 1234 5678, full-width
１３８１２３４５６７８, +86 138…, 0086…, with a zero-width space pasted in. So every run of digits
(any script's digits, separated by at most three spaces, dashes, dots or invisible characters)
is read after NFKC with its separators removed, and then judged by its length:
- 11 digits starting 13–19 (after a +86/0086 prefix, if any): a mobile number → 138****5678;
- 18 characters (17 digits + a digit or X) or 15 digits: a 身份证号 → 652301********1234;
- any other run of 12–19 digits (bank card numbers) → ****1234; other runs of 11 or more
  digits → all stars.
E-mail addresses keep only their domain (***@example.com). The rest of the text is unchanged,
so what the NLU sees is what the user wrote, minus the personal data.
"""

from __future__ import annotations

import re
import unicodedata

_SEP = r"[\s\-‐‑‒–—―−﹣－.．·・_/\u00ad\u200b-\u200f\u2060\ufeff]"
# A digit run with separators, an optional leading + (or full-width ＋) and a final X of an ID.
_DIGITS = re.compile(rf"(?:[+＋]{_SEP}{{0,2}})?\d(?:{_SEP}{{0,3}}\d)*(?:{_SEP}{{0,2}}[XxＸｘ])?")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+[@＠][A-Za-z0-9\-]+(?:[.．][A-Za-z0-9\-]+)+")
_MOBILE = re.compile(r"1[3-9]\d{9}")
MIN_MASKED = 11  # shorter runs (amounts, dates, landline numbers without area code) stay


def _kind(chars: str, has_plus: bool) -> tuple[int, str] | None:
    """(priority, masked form) of one candidate, or None when it is no personal number."""
    digits = chars.rstrip("X")
    for prefix in ("0086", "86"):
        rest = digits[len(prefix):]
        if (chars == digits and digits.startswith(prefix) and _MOBILE.fullmatch(rest)
                and (has_plus or prefix == "0086")):
            return 0, f"+86 {rest[:3]}****{rest[-4:]}"
    if chars == digits and _MOBILE.fullmatch(digits):
        return 0, f"{digits[:3]}****{digits[-4:]}"
    if len(chars) == 18 and digits[:17].isdigit() and len(digits) >= 17:
        return 1, f"{chars[:6]}********{chars[-4:]}"
    if len(chars) == 15 and chars == digits:
        return 2, f"{chars[:6]}*****{chars[-4:]}"
    if chars == digits and 12 <= len(digits) <= 19:
        return 3 + (19 - len(digits)), f"{'*' * (len(digits) - 4)}{digits[-4:]}"
    return None


def _mask_digits(match: re.Match[str]) -> str:
    """Mask the personal numbers in one digit run. The run may join a number with what
    follows it (电话 138 1234 5678 2个工作日): groups are tried at their separators, a mobile
    number first, then an ID, then the longest card-like run."""
    raw = match.group(0)
    parts = re.split(f"({_SEP}+)", raw)
    groups, seps = parts[0::2], parts[1::2] + [""]
    out: list[str] = []
    i = 0
    while i < len(groups):
        best: tuple[int, int, str] | None = None  # (priority, end group, masked)
        chars = ""
        has_plus = False
        for j in range(i, len(groups)):
            plain = unicodedata.normalize("NFKC", groups[j]).upper()
            has_plus = has_plus or plain.startswith("+")
            chars += "".join(ch for ch in plain if ch.isdigit() or ch == "X")
            kind = _kind(chars, has_plus)
            if kind and (best is None or kind[0] <= best[0]):
                best = (kind[0], j, kind[1])
        if best is None:
            out.append(groups[i] + seps[i])
            i += 1
            continue
        out.append(best[2] + seps[best[1]])
        i = best[1] + 1
    masked = "".join(out)
    # Whatever is left of 11+ digits in one piece (a number we cannot place) is starred too.
    return re.sub(r"\d{11,}", lambda m: "*" * len(m.group(0)), masked)


def mask_personal(text: str) -> str:
    text = _EMAIL.sub(lambda m: "***@" + re.split("[@＠]", m.group(0), maxsplit=1)[1], text)
    return _DIGITS.sub(_mask_digits, text)
