import time

import pytest

from services_catalog import paraphrase
from services_catalog.resolve import SEARCH_SURE
from services_catalog.search import Hit, SearchDoc, SearchIndex

DOCS = [
    SearchDoc("company-setup", "企业开办", ["开公司", "注册公司", "办执照", "营业执照", "开办企业"],
              "市场主体登记 企业登记、公章刻制、发票申领、社保登记一次办结。"
              "通过企业开办一网通办平台填报，全程网办。"),
    SearchDoc("water-connection", "用水报装", ["通水", "接自来水", "装水表", "用水申请"],
              "供水服务 新建房屋或商铺申请接入城市供水管网，供水企业现场踏勘后安装水表。"),
    SearchDoc("gas-connection", "燃气报装", ["通燃气", "装燃气", "开通天然气", "燃气开户"],
              "市政公用 居民或工商户申请接入管道天然气，燃气公司上门安检后点火通气。"),
    SearchDoc("power-connection", "用电报装", ["办电", "接电", "装电表", "新装用电"],
              "供电服务 低压小微企业和居民新装、增容，供电公司免费接入；"
              "分布式光伏并网也在此受理。"),
    SearchDoc("simple-deregistration", "简易注销", ["注销公司", "公司注销", "注销营业执照"],
              "市场主体退出 未开业或无债权债务的企业，公示期20天无异议即可注销登记。"),
    SearchDoc("digital-certificate", "数字证书办理", ["ＵＫＥＹ", "CA证书", "电子签章"],
              "企业服务 用于电子税务局、公共资源交易平台登录和签章，丢失可补办。"),
    SearchDoc("property-registration", "不动产登记", ["过户", "房产证", "不動產權證書"],
              "不动产 二手房买卖转移登记、抵押登记，契税完税后领取证书。"),
    SearchDoc("social-security-card", "社会保障卡申领", ["社保卡", "补办社保卡", "社保卡挂失"],
              "社会保障 首次申领、换领、补领第三代社会保障卡，可在合作银行网点即时制卡。"),
    SearchDoc("housing-fund-withdrawal", "住房公积金提取", ["提取公积金", "取公积金"],
              "住房公积金 购房、租房、退休时提取个人账户余额，网上办理实时到账。"),
    SearchDoc("food-license", "食品经营许可", ["开饭店", "开餐馆", "食品经营许可证"],
              "市场监管 餐饮服务、食品销售经营者在经营前取得许可，现场核查后发证。"),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(DOCS)


def top(index: SearchIndex, query: str) -> Hit:
    hits = index.search(query)
    assert hits, f"no hit for {query!r}"
    return hits[0]


def test_alias_in_question(index: SearchIndex) -> None:
    hit = top(index, "开公司要几天")
    assert (hit.slug, hit.kind, hit.matched, hit.confidence) == (
        "company-setup", "alias", "开公司", 1.0)


def test_traditional_characters(index: SearchIndex) -> None:
    assert top(index, "開公司要多久").slug == "company-setup"
    hit = top(index, "辦電")
    assert (hit.slug, hit.kind) == ("power-connection", "alias")


def test_name_match(index: SearchIndex) -> None:
    hit = top(index, "请问简易注销需要什么材料？")
    assert (hit.slug, hit.kind, hit.confidence) == ("simple-deregistration", "name", 1.0)


def test_pinyin_typo(index: SearchIndex) -> None:
    hit = top(index, "注测公司要多久")
    assert (hit.slug, hit.kind, hit.matched) == ("company-setup", "pinyin", "注册公司")
    assert 0.8 <= hit.confidence < 1.0


def test_pinyin_typo_two_characters(index: SearchIndex) -> None:
    hit = top(index, "办点")
    assert (hit.slug, hit.kind, hit.matched) == ("power-connection", "pinyin", "办电")


def test_two_character_homophone_needs_one_right_character(index: SearchIndex) -> None:
    assert all(h.kind != "pinyin" for h in index.search("半点"))  # ban dian, nothing typed right


def test_water_alias(index: SearchIndex) -> None:
    hit = top(index, "新房子接自来水")
    assert (hit.slug, hit.kind, hit.matched) == ("water-connection", "alias", "接自来水")


def test_full_width_query_and_alias(index: SearchIndex) -> None:
    hit = top(index, "ＵＫＥＹ丢了怎么办")
    assert (hit.slug, hit.matched, hit.confidence) == ("digital-certificate", "ukey", 1.0)
    assert top(index, "ca证书过期").slug == "digital-certificate"


def test_latin_alias_needs_word_boundary(index: SearchIndex) -> None:
    assert index.mentions("myukey2") == []


def test_traditional_alias_is_normalized(index: SearchIndex) -> None:
    assert top(index, "不动产权证书丢了").slug == "property-registration"


@pytest.mark.parametrize(
    "query", ["在哪办", "要多久", "你好", "今天天气怎么样", "", "？？", "谢谢", "好的"]
)
def test_no_service_signal(index: SearchIndex, query: str) -> None:
    assert all(h.confidence < 0.5 for h in index.search(query))


def test_alias_inside_a_longer_word_is_not_confident(index: SearchIndex) -> None:
    # 接电 is an alias of 用电报装, but 接电话 is answering the phone.
    assert all(h.confidence < 0.5 for h in index.search("接电话"))
    assert top(index, "我要接电").confidence == 1.0


def test_bm25_finds_word_only_in_text(index: SearchIndex) -> None:
    hit = top(index, "有债权债务能注销吗")
    assert hit.slug == "simple-deregistration"
    hit = top(index, "分布式光伏并网")
    assert (hit.slug, hit.kind) == ("power-connection", "bm25")
    assert 0.5 <= hit.confidence < 0.8


def test_longest_match_wins(index: SearchIndex) -> None:
    # 营业执照 (企业开办) lies inside 注销营业执照 (简易注销).
    hits = index.search("注销营业执照")
    assert [h.slug for h in hits[:2]] == ["simple-deregistration", "company-setup"]
    assert hits[0].confidence == 1.0
    assert hits[1].confidence < 1.0


def test_equal_length_earliest_wins(index: SearchIndex) -> None:
    assert [h.slug for h in index.search("办电和通水")[:2]] == [
        "power-connection", "water-connection"]
    assert [h.slug for h in index.search("通水和办电")[:2]] == [
        "water-connection", "power-connection"]


def test_name_beats_alias_on_tie() -> None:
    idx = SearchIndex([
        SearchDoc("card-services", "卡类业务", ["社保卡"], ""),
        SearchDoc("social-card", "社保卡", [], ""),
    ])
    assert [(h.slug, h.kind) for h in idx.search("社保卡")] == [
        ("social-card", "name"), ("card-services", "alias")]


def test_one_hit_per_slug_and_limit(index: SearchIndex) -> None:
    hits = index.search("注册公司 开公司 企业开办 公司注销")
    slugs = [h.slug for h in hits]
    assert len(slugs) == len(set(slugs))
    assert slugs[0] == "company-setup"
    assert len(index.search("企业", limit=2)) <= 2
    assert index.search("开公司", limit=0) == []


def test_hits_are_sorted_by_confidence(index: SearchIndex) -> None:
    hits = index.search("注测公司还有办电")
    assert hits == sorted(hits, key=lambda h: -h.confidence)
    assert all(0.0 <= h.confidence <= 1.0 for h in hits)
    assert all(h.confidence < 0.8 for h in hits if h.kind == "bm25")


def test_mentions_only_name_alias_pinyin(index: SearchIndex) -> None:
    assert index.search("债权债务")
    assert index.mentions("债权债务") == []
    assert [h.slug for h in index.mentions("那通燃气呢")] == ["gas-connection"]
    assert {h.kind for h in index.mentions("注测公司和办电")} == {"pinyin", "alias"}
    assert index.mentions("在哪办") == []


def test_duplicate_slug_rejected() -> None:
    with pytest.raises(ValueError):
        SearchIndex([DOCS[0], DOCS[0]])


def test_empty_index() -> None:
    assert SearchIndex([]).search("开公司") == []


def test_speed() -> None:
    docs = [
        SearchDoc(
            f"svc-{i}",
            f"{obj}{act}",
            [f"{verb}{obj}{act}" for verb in ("办", "申请", "我要", "去办", "开通")]
            + [f"{act}{obj}", f"{obj}{act}手续", f"{obj}{act}业务"],
            f"{obj}{act} 申请人提交材料，窗口受理审核，{obj}部门现场核查，网上办理进度可查。" * 3,
        )
        for i, (obj, act) in enumerate(
            (o, a)
            for o in ("企业", "个体户", "房屋", "车辆", "驾驶证", "医保", "户口", "护照",
                      "食品", "药品")
            for a in ("登记", "注销", "变更", "备案", "许可", "申领", "补办", "年检")
        )
    ]
    assert len(docs) == 80
    SearchIndex(docs[:2])  # the one-off jieba dictionary load is not what is measured
    # CPU time of this process, best of three: what the code costs, not how busy the shared
    # machine is (wall time flaked at load ~19); budgets are 1 s and 5 ms.
    builds = []
    for _ in range(3):
        t0 = time.process_time()
        idx = SearchIndex(docs)
        builds.append(time.process_time() - t0)
    assert min(builds) < 1.0
    queries = ["请问企业注销要几天？", "注测公司要多久", "驾驶证补办在哪个窗口", "在哪办",
               "医保变更需要什么材料呢", "我想问一下护照申领多长时间"]
    assert top(idx, "驾驶证补办在哪个窗口").slug == "svc-38"
    rounds = []
    for _ in range(3):
        t0 = time.process_time()
        for _ in range(10):
            for q in queries:
                idx.search(q)
        rounds.append((time.process_time() - t0) / (10 * len(queries)))
    assert min(rounds) < 0.005


def test_a_measure_word_between_verb_and_object_still_meets_the_alias(index: SearchIndex) -> None:
    # 办个电 / 装个水表: the aliases are 办电 / 装水表.
    assert top(index, "办个电要几天").slug == "power-connection"
    assert top(index, "想装个水表").confidence >= 0.8
    # 个体 / 个人 keep their 个.
    assert all(h.slug != "power-connection" for h in index.search("个体户"))


def test_example_questions_catch_a_paraphrase_that_names_nothing() -> None:
    docs = [
        SearchDoc("water-connection", "用水报装", ["通水", "接自来水"], "供水",
                  ("厂区要拉水管进来怎么申请", "门面房想安个水表要多长时间")),
        SearchDoc("gas-connection", "燃气报装", ["通燃气"], "燃气",
                  ("饭店灶台要通天然气找谁",)),
    ]
    plain = SearchIndex([SearchDoc(d.slug, d.name, d.aliases, d.text) for d in docs])
    with_examples = SearchIndex(docs)
    query = "厂区想拉根水管进来"
    assert plain.search(query) == []  # no word of it is in a name, alias or description
    hits = with_examples.search(query)
    assert [h.slug for h in hits] == ["water-connection"]


def test_a_family_word_goes_to_the_relative_the_rest_of_the_question_fits() -> None:
    # 注销 is an alias of 企业注销 and part of 注销公告: asking about 登报 means the notice.
    docs = [
        SearchDoc("deregistration", "企业注销", ["注销", "注销公司"], "清税 注销登记",
                  ("公司不干了怎么注销", "注销要跑几个部门")),
        SearchDoc("deregistration-notice", "注销公告", ["注销登报"], "公告 公示",
                  ("注销公告还要去报纸上登吗", "清算公告在哪个网站发布")),
    ]
    idx = SearchIndex(docs)
    notice = idx.search("注销还要在报纸上登个公告吗")[0]
    assert notice.slug == "deregistration-notice" and notice.confidence == 1.0
    assert idx.search("公司不想干了 注销要跑几个部门")[0].slug == "deregistration"


def test_the_pretrained_encoder_makes_a_paraphrase_confident_enough_to_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "工作丢了" is 失业 in other words: character n-grams alone find the service too weakly to
    # answer (below resolve.SEARCH_SURE); with the sentence encoder's half it is answered.
    docs = [
        SearchDoc("unemployment-insurance", "失业保险金申领", ["失业金"], "失业保险",
                  ("失业了怎么申请失业保险金", "下岗以后每个月能领多少补助")),
        SearchDoc("company-registration", "企业开办", ["开公司"], "企业登记",
                  ("注册公司要几天", "开个小公司要准备啥材料")),
        SearchDoc("gas-connection", "燃气报装", ["通燃气"], "燃气",
                  ("饭店灶台要通天然气找谁", "燃气开户去哪办")),
    ]
    query = "工作丢了 每月能领补助吗"
    hit = SearchIndex(docs).search(query)[0]
    assert hit.slug == "unemployment-insurance" and hit.confidence >= SEARCH_SURE
    monkeypatch.setattr(paraphrase, "CHAR_WEIGHT", 1.0)  # characters only
    assert SearchIndex(docs).search(query)[0].confidence < SEARCH_SURE


def test_a_common_word_read_like_an_alias_is_not_that_alias() -> None:
    """保证公正 (fairness) reads gongzheng like 公证 (notarisation) but is a word of its own."""
    from actions.catalog_access import CACHE
    from services_catalog.db import session_scope

    with session_scope() as session:
        snap = CACHE.get(session)
    spans = snap.index.named_spans("税务局执法有没有公示，怎么保证公正")
    assert all(conf < 0.5 for slug, _, _, conf in spans if slug == "notary-green-channel")
