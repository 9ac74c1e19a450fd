import json

import pytest

from stance import LabelError, read_labels

GOOD = {"id": "a1", "source": "s1", "text": "Moscow signed.", "us": "absent", "china": "absent",
        "russia": "neutral", "framing": "neutral", "annotator": "me"}


def _write(tmp_path, rows, name="x.jsonl"):
    path = tmp_path / name
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_reads_valid_rows(tmp_path):
    path = _write(tmp_path, [GOOD, {**GOOD, "id": "a2", "text": "Beijing agreed."}])
    examples = read_labels([path])
    assert [e.id for e in examples] == ["a1", "a2"]
    assert examples[1].labels["russia"] == "neutral" and examples[1].line == 2


@pytest.mark.parametrize("row, message", [
    ({**GOOD, "framing": "dovish"}, "line 2: unknown framing 'dovish'"),
    ({**GOOD, "us": "pro"}, "line 2: unknown us 'pro'"),
    ({k: v for k, v in GOOD.items() if k != "annotator"}, "line 2: missing or empty field 'annotator'"),
    ({**GOOD, "text": "  "}, "line 2: missing or empty field 'text'"),
    ({**GOOD, "id": "a1", "text": "Other text."}, "line 2: duplicate id 'a1'"),
    ({**GOOD, "id": "a9", "text": "moscow   SIGNED."}, "line 2: duplicate text"),
    ({**GOOD, "id": "a9", "text": "x", "stance": "y"}, "line 2: unknown field(s) stance"),
    ('{"id": "broken"', "line 2: invalid JSON"),
    ("[1, 2]", "line 2: a line must be a JSON object"),
])
def test_errors_name_file_and_line(tmp_path, row, message):
    path = _write(tmp_path, [GOOD, row])
    with pytest.raises(LabelError) as caught:
        read_labels([path])
    assert any(p.startswith(path) and message in p for p in caught.value.problems), caught.value.problems


def test_blank_lines_do_not_shift_line_numbers(tmp_path):
    path = _write(tmp_path, [GOOD, "", {**GOOD, "id": "a2", "text": "B.", "us": "nope"}])
    with pytest.raises(LabelError, match="line 3: unknown us 'nope'"):
        read_labels([path])


def test_csv_and_non_utf8(tmp_path):
    csv_path = tmp_path / "x.csv"
    csv_path.write_text("id,source,text,us,china,russia,framing,annotator\n"
                        'a1,s1,"Moscow, again.",absent,absent,neutral,neutral,me\n'
                        "a2,s1,Beijing.,absent,hawk,absent,neutral,me\n", encoding="utf-8")
    with pytest.raises(LabelError, match=r"x\.csv line 3: unknown china 'hawk'"):
        read_labels([str(csv_path)])
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id": "\xff"}\n')
    with pytest.raises(LabelError, match="not UTF-8"):
        read_labels([str(bad)])


def test_folder_reads_every_file_and_missing_file_is_an_error(tmp_path):
    _write(tmp_path, [GOOD], "a.jsonl")
    _write(tmp_path, [{**GOOD, "id": "b1", "text": "Other."}], "b.jsonl")
    assert len(read_labels([str(tmp_path)])) == 2
    with pytest.raises(LabelError, match="no such file"):
        read_labels([str(tmp_path / "missing.jsonl")])
