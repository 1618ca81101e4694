import subprocess
import sys
from pathlib import Path

import pytest

from services_catalog.normalize import normalize, strip_filler

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１５ｋＷ", "15kw"),
        ("ＵＫＥＹ丢了", "ukey丢了"),
        ("開公司要多久", "开公司要多久"),
        ("辦電", "办电"),
        ("  开  公司\t要\n多久 ", "开 公司 要 多久"),
        ("CA证书", "ca证书"),
        ("", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_opencc_converter_is_created_lazily() -> None:
    # A fresh interpreter, so what other tests already called cannot hide an eager import.
    code = (
        "import services_catalog.normalize as m\n"
        "assert m._converter is None\n"
        "assert m.normalize('電') == '电'\n"
        "assert m._converter is not None\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("你好，请问开公司要几天？", "开公司要几天"),
        ("那燃气呢", "燃气"),
        ("嗯嗯，那个，办电吗?", "办电"),
        ("麻烦问下不动产登记在哪办", "不动产登记在哪办"),
        ("我想问一下燃气报装吧！！", "燃气报装"),
        ("喂？您好", ""),
        ("请问", ""),
        ("接自来水啊", "接自来水"),
        # only the ends are touched
        ("开公司要多久呢", "开公司要多久"),
        ("燃气那个表吗", "燃气那个表"),
        ("办电吗还是办水", "办电吗还是办水"),
        # real words that end in a particle character survive
        ("开网吧", "开网吧"),
        ("注册公司", "注册公司"),
    ],
)
def test_strip_filler(raw: str, expected: str) -> None:
    assert strip_filler(raw) == expected
