"""Every entry's real examples are found by detection, as the code they illustrate.

Like Go's type checker, which runs each error code's documented example: an example that
detection misses is either a detection gap (fix the kind of text in general) or a wrong example.
"""

from __future__ import annotations

import pytest

from bot.detect import find_codes
from bot.domain import Example
from bot.knowledge import KnowledgeBase, load_knowledge
from tests.conftest import ROOT

KB = load_knowledge(ROOT / "knowledge")
EXAMPLES = [(entry.code, example) for entry in KB for example in entry.examples]


@pytest.mark.parametrize(
    ("code", "example"), EXAMPLES, ids=[f"{code}-{n}" for n, (code, _) in enumerate(EXAMPLES)]
)
def test_detection_finds_each_example_as_its_code(code: int, example: Example) -> None:
    assert code in find_codes(KB, example.text), f"{code} not found in: {example.text}"


def test_docs_table_examples_are_labelled_and_real_ones_come_first(kb: KnowledgeBase) -> None:
    for entry in kb:
        origins = [example.origin for example in entry.examples]
        tables = [o in ("docs table", "header", "source code") for o in origins]
        assert tables == sorted(tables), f"{entry.code}: real examples go before docs tables"
