import json

import pytest

from stance import TargetSet

TARGETS = TargetSet.from_file()


@pytest.mark.parametrize("text, present", [
    ("Washington must counter Beijing.", {"us", "china"}),
    ("The Kremlin and Roscosmos said so.", {"russia"}),
    ("BRICS leaders met.", {"china", "russia"}),
    ("NATO allies met in Brussels.", {"us"}),
    ("The head of the “red dragon” must be cut off.", {"china"}),
    ("Chang’e 5 brought samples back.", {"china"}),
    ("Latin America and the Washington Post.", set()),
    ("Tell us what you think of us.", set()),
    ("A budget of US$5 billion.", set()),
    ("the two countries and a geopolitical rival", set()),
])
def test_present(text, present):
    assert TARGETS.present(text) == present


def test_mask_replaces_each_mention_by_its_token():
    assert TARGETS.mask("Moscow and Beijing oppose the U.S. plan.") == "xxru and xxcn oppose the xxus plan."
    assert TARGETS.mask("the Sino-Russian alliance") == "the xxcn xxru"


def test_mask_with_offsets_maps_back_to_the_original():
    text = "Putin met Xi Jinping in Moscow."
    masked, spans = TARGETS.mask_with_offsets(text)
    assert masked == TARGETS.mask(text)
    assert [text[s:e] for _, _, s, e in spans] == ["Putin", "Xi Jinping", "Moscow"]
    assert [masked[a:b] for a, b, _, _ in spans] == ["xxru", "xxcn", "xxru"]


def test_a_fourth_target_is_a_data_change(tmp_path):
    spec = json.loads(json.dumps(TARGETS.spec))
    spec["targets"].append({"id": "india", "name": "India", "token": "xxin", "phrases": ["India", "New Delhi", "Modi"]})
    path = tmp_path / "targets.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    targets = TargetSet.from_file(str(path))
    assert targets.ids == ("us", "china", "russia", "india")
    assert targets.present("Modi met Putin.") == {"india", "russia"}
