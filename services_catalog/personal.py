"""A person's own affairs (身份证补办, 驾驶证换证, 结婚登记, 医保报销, 孩子上小学报名): outside the
plan, which is about doing business in 昌吉州.

Free text reads such a question close to some service whose examples share a word (驾驶证 →
公证事项跨省通办, 报销比例 → 投标保证金, 补办 → 户籍业务), and answering with that service's card
would pass off another matter's rules as the answer. Like scope.py's places, the affairs are a
closed list, not a model: a matter the catalog does name (驾驶证公证, 随迁子女入学, 户口本补办)
is a name or alias match, which the caller checks first.
"""

from __future__ import annotations

import re

from services_catalog.normalize import normalize

# A person's document and something done to it (补办, 到期换证 …): getting, renewing or replacing
# it. 扣着身份证 / 凭身份证申领 use the document for something else.
_DOCUMENT = re.compile(r"(身份证|驾驶证|驾照|护照|港澳通行证|通行证|居住证|社保卡|医保卡|结婚证"
                       r"|离婚证).{0,6}?(?:丢|补办|补领|补|掉|到期|过期|换|挂失|年审|审验|延期)"
                       r"|(?:补办|补领|换|申领|办理|办|领|挂失)(?:个|张|一张|本)?"
                       r"(身份证|驾驶证|驾照|护照|港澳通行证|居住证|社保卡|医保卡)")
# Life procedures of a person or a family: marriage, a medical bill, a child's school place, a
# pension.
_AFFAIRS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"结婚|离婚|婚姻登记"), "婚姻登记"),
    (re.compile(r"(?:医保|医疗费?|药费).{0,4}报销|看病|挂号|住院"), "看病就医和医保报销"),
    (re.compile(r"(?:上|读|念)?(?:小学|初中|中学|高中|幼儿园)(?:.{0,4})(?:报名|入学|招生|学区|划片)"
                r"|(?:中考|高考)"), "子女上学"),
    (re.compile(r"养老金|退休金|办退休|退休手续"), "养老金和退休手续"),
)


def personal_matter(text: str) -> str | None:
    """What the message asks of a person's own affairs (身份证补办, 婚姻登记 …), or None."""
    norm = normalize(text)
    document = _DOCUMENT.search(norm)
    if document is not None:
        return f"{document.group(1) or document.group(2)}的办理"
    for pattern, affair in _AFFAIRS:
        if pattern.search(norm):
            return affair
    return None
