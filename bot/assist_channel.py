"""A channel question about the service the caller names is no second service.

能在手机上办吗 / 可以网上办理不 asks how to reach the service just named (自己交社保…能在手机上
办吗): the app's aliases (手机上办) make the search and the several-services reading name the
app too, and the app then took the first suggestion. When the message without its channel
questions still names another service surely, a service named only by them is set aside.
"""

from __future__ import annotations

import re

from services_catalog.resolve import SURE
from services_catalog.snapshot import CatalogSnapshot

# (能/可以)(在/用)手机上(能)办(吗): the channel asked of, not a service's name.
CHANNEL_ASK = re.compile(
    r"(?:能不能|可不可以|能|可以)?(?:在|用|通过)?(?:手机|网上|线上|掌上|小程序|app|APP)上?"
    r"(?:能不能|能|可以)?(?:办理|办|申请|交|弄)(?:吗|不|么|嘛|呢)?")


def channel_only(snapshot: CatalogSnapshot, text: str, slugs: list[str]) -> set[str]:
    """Those of `slugs` named only by a channel question of `text`, when the rest of `text`
    still names one of `slugs` surely; else none."""
    if len(slugs) < 2:
        return set()
    rest = CHANNEL_ASK.sub("，", text)
    if rest == text:
        return set()
    still = {h.slug for h in snapshot.index.search(rest, 8) if h.confidence >= SURE}
    kept = [slug for slug in slugs if slug in still]
    return set(slugs) - set(kept) if kept else set()
