"""Find mentions of the target countries and mask them for the model.

Who counts as a target is data (``targets.json`` beside this module, or any
file of the same shape): adding a fourth target is a data change plus labels.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from importlib import resources


@dataclass(frozen=True)
class Target:
    id: str
    name: str
    token: str


@dataclass(frozen=True)
class Mention:
    """One mention: ``text[start:end]`` refers to every target in ``targets``."""

    start: int
    end: int
    text: str
    targets: tuple[str, ...]


def _trie_regex(phrases) -> str:
    """Return one regex for all ``phrases``, factored as a character trie.

    A flat alternation of a few hundred phrases is tried branch by branch at
    every position of the text; the trie tries one branch per distinct next
    character, which makes masking about as fast as tokenizing. Longer phrases
    win because a node's children come before its end.
    """
    root: dict = {}
    for phrase in phrases:
        node = root
        for char in phrase.replace("’", "'"):
            node = node.setdefault(char, {})
        node[""] = r"(?!\w)" if phrase[-1].isalnum() or phrase[-1] == "." else ""

    def build(node) -> str:
        branches = [("['’]" if char == "'" else re.escape(char)) + build(child)
                    for char, child in sorted(node.items()) if char]
        if "" in node:
            branches.append(node[""])
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return r"(?<![\w.])" + build(root)


class TargetSet:
    """The targets and the phrases that refer to each.

    Parameters
    ----------
    spec : dict
        ``{"targets": [{"id", "name", "token", "phrases"}], "groups": [{"phrases",
        "targets"}], "blocks": [phrase, ...]}``, as in ``targets.json``.
    """

    def __init__(self, spec: dict):
        self.spec = spec

    def __getstate__(self):
        # Pickle the data only: compiled patterns are rebuilt by the code that loads them.
        return {"spec": self.spec}

    def __setstate__(self, state):
        self.spec = state["spec"]

    @classmethod
    def from_file(cls, path=None) -> "TargetSet":
        """Read a targets file; the packaged ``targets.json`` when ``path`` is None."""
        if path is None:
            text = resources.files("stance").joinpath("targets.json").read_text("utf-8")
        else:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        return cls(json.loads(text))

    @cached_property
    def targets(self) -> tuple[Target, ...]:
        return tuple(Target(t["id"], t["name"], t["token"]) for t in self.spec["targets"])

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.targets)

    @cached_property
    def _phrase_targets(self) -> dict[str, tuple[str, ...]]:
        owners: dict[str, tuple[str, ...]] = {}
        for block in self.spec.get("blocks", []):
            owners[block] = ()
        for target in self.spec["targets"]:
            for phrase in target["phrases"]:
                owners.setdefault(phrase, (target["id"],))
        for group in self.spec.get("groups", []):
            for phrase in group["phrases"]:
                owners[phrase] = tuple(group["targets"])
        return owners

    @cached_property
    def _pattern(self) -> re.Pattern:
        return re.compile(_trie_regex(self._phrase_targets))

    @cached_property
    def _lookup(self) -> dict[str, tuple[str, ...]]:
        return {p.replace("’", "'"): owners for p, owners in self._phrase_targets.items()}

    @cached_property
    def _tokens(self) -> dict[str, str]:
        return {t.id: t.token for t in self.targets}

    def find(self, text: str) -> list[Mention]:
        """Return every mention of a target in ``text``, in order."""
        mentions = []
        for match in self._pattern.finditer(text):
            owners = self._lookup[match.group().replace("’", "'")]
            if owners:
                mentions.append(Mention(match.start(), match.end(), match.group(), owners))
        return mentions

    def _replacement(self, match: re.Match) -> str:
        owners = self._lookup[match.group().replace("’", "'")]
        if not owners:
            return match.group()
        return " ".join(self._tokens[o] for o in owners)

    def mask(self, text: str) -> str:
        """Replace each mention with its targets' tokens (``xxus``, ``xxcn`` ...)."""
        return self._pattern.sub(self._replacement, text)

    def mask_with_offsets(self, text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
        """Mask ``text`` and return the spans that changed.

        Returns the masked text and a list of ``(masked_start, masked_end,
        start, end)``: each masked span and the original span it stands for.
        """
        pieces, spans, cursor, shift = [], [], 0, 0
        for match in self._pattern.finditer(text):
            replacement = self._replacement(match)
            pieces.append(text[cursor:match.start()])
            pieces.append(replacement)
            masked_start = match.start() + shift
            spans.append((masked_start, masked_start + len(replacement), match.start(), match.end()))
            shift += len(replacement) - (match.end() - match.start())
            cursor = match.end()
        pieces.append(text[cursor:])
        return "".join(pieces), spans

    def present(self, text: str) -> set[str]:
        """Return the ids of the targets mentioned in ``text``."""
        return {owner for mention in self.find(text) for owner in mention.targets}
