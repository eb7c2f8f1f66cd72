import codecs

import pytest

from bilingual.errors import InputError
from bilingual.io import decode_bytes, read_text, write_atomic

SAMPLE = "量子協力に関する東京声明\nThe Tokyo Statement ｶﾀｶﾅ ＡＢＣ 😀\n"


NO_EMOJI = SAMPLE.replace("😀", "")  # legacy Japanese encodings can't hold emoji


@pytest.mark.parametrize(
    "data, expected",
    [
        (SAMPLE.encode("utf-8"), SAMPLE),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), SAMPLE),
        (SAMPLE.encode("utf-16"), SAMPLE),
        (NO_EMOJI.encode("cp932"), NO_EMOJI),
        (NO_EMOJI.encode("euc_jp"), NO_EMOJI),
        (SAMPLE.replace("\n", "\r\n").encode("utf-8"), SAMPLE),
    ],
    ids=["utf8", "utf8-bom", "utf16", "cp932", "euc-jp", "crlf"],
)
def test_decode_gives_the_same_text(data, expected):
    assert decode_bytes(data) == expected


def test_explicit_encoding_and_bad_name():
    assert decode_bytes("日本".encode("cp932"), "cp932") == "日本"
    with pytest.raises(InputError, match="unknown encoding"):
        decode_bytes(b"abc", "no-such-codec")


@pytest.mark.parametrize(
    "setup, message",
    [
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_text("  \n\t\n"), "empty"),
        (lambda p: p.write_bytes(bytes(range(256)) * 20), "binary"),
        (lambda p: p.mkdir(), "directory"),
        (lambda p: None, "no such file"),
    ],
    ids=["empty", "whitespace", "binary", "directory", "missing"],
)
def test_bad_inputs_are_one_line_errors(tmp_path, setup, message):
    p = tmp_path / "in.txt"
    setup(p)
    with pytest.raises(InputError, match=message) as info:
        read_text(p)
    assert "\n" not in str(info.value)


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    write_atomic(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_write_atomic_missing_directory(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "out.json", "x")
