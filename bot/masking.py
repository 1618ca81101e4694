"""Mask personal data before anything is stored, logged or sent on to Rasa."""

from __future__ import annotations

import re

# 18-digit 身份证号 (last char may be X) and mainland mobile numbers, not inside longer digit runs.
ID_CARD = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")
MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask_personal(text: str) -> str:
    text = ID_CARD.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text)
    return MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)
