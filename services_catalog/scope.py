"""Which place a question is about: the assistant answers for 昌吉州 only.

The plan is 昌吉州's, so its figures say nothing about 北京 or 伊犁. A question naming another
region (and no place of 昌吉州) gets a polite "we cover 昌吉州, ask 12345" instead of 昌吉's
figures or candidate services. A list, not a model: place names are a closed set, and a wrong
guess here would withhold a true answer.
"""

from __future__ import annotations

import re

from services_catalog.normalize import normalize

# 昌吉州 itself, its 县市 and 园区. (这边 / 本地 are not here: said from 北京 they mean 北京.)
HOME = (
    "昌吉", "阜康", "呼图壁", "玛纳斯", "奇台", "吉木萨尔", "木垒", "准东", "高新区", "本州",
    "州内",
)

# Other regions: provinces, their capitals and big cities, and Xinjiang's other prefectures
# and cities (兵团 cities included: they are not 昌吉州's). A pattern where a bare name is
# also a word: 哈密瓜 is a melon, 和田 follows 宅基地和, 北京时间 is a clock.
OTHER_REGIONS = (
    # 新疆 outside 昌吉州
    "乌鲁木齐", "乌市", "克拉玛依", "吐鲁番", "哈密(?!瓜)", "伊犁", "伊宁", "奎屯", "霍尔果斯",
    "塔城", "阿勒泰", "博州", "博乐", "博尔塔拉", "阿拉山口", "巴州", "库尔勒", "巴音郭楞",
    "阿克苏", "克州", "克孜勒苏", "阿图什", "喀什", "和田(?:地区|市|县)", "石河子", "五家渠",
    "阿拉尔", "图木舒克", "北屯", "铁门关", "双河市", "可克达拉", "昆玉", "胡杨河", "新星市",
    "白杨市",
    # provinces, municipalities, autonomous regions, SARs
    "北京(?!时间)", "天津", "上海", "重庆", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江",
    "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西",
    "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "台湾", "香港",
    "澳门",
    # capitals and big cities
    "石家庄", "太原", "呼和浩特", "包头", "沈阳", "大连", "长春", "哈尔滨", "南京", "苏州",
    "无锡", "杭州", "宁波", "温州", "合肥", "福州", "厦门", "南昌市", "济南", "青岛", "郑州",
    "武汉", "长沙", "广州", "深圳", "东莞", "佛山", "珠海", "南宁", "海口", "三亚", "成都",
    "贵阳", "昆明", "拉萨", "西安(?!装)", "兰州", "西宁", "银川", "雄安",
    # the region's own level: its plan is not 昌吉州's
    "自治区层面", "自治区级", "全疆",
)
# A park of the other region (乌鲁木齐高新区) is no place of 昌吉州.
_ITS_PARK = r"(?:高新区|经开区|开发区|园区)?"
# Leaving for (or arriving from) another region is a 昌吉 procedure: 从新疆迁到陕西 税务怎么办
# is 税务迁移, 跨省通办 serves other provinces' businesses here.
_MOVING = re.compile(r"迁|搬|跨省|跨区域|跨地区|异地|通办")
_OTHER = re.compile(f"(?:{'|'.join(OTHER_REGIONS)}){_ITS_PARK}")
_HOME = re.compile("|".join(HOME))


def other_region(text: str) -> str | None:
    """The other region a message asks about, or None (no place, a place of 昌吉州 named —
    我在乌鲁木齐的公司想迁到昌吉 is a question for 昌吉 — or a move between regions)."""
    norm = normalize(text)
    found = _OTHER.search(norm)
    if found is None or _HOME.search(_OTHER.sub("", norm)) or _MOVING.search(norm):
        return None
    return found.group(0)
