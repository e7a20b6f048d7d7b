"""Line-aware YAML reading: plain values that remember their lines, duplicate keys reported."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from bot.knowledge.problem import Problem

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineMap(dict[str, Any]):
    """A YAML mapping that knows its own line and the line of each key."""

    line: int
    key_lines: dict[str, int]


class LineList(list[Any]):
    """A YAML sequence that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]


def read_yaml(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document; return its value (None when unusable) and the problems found."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = " ".join(part for part in (error.context, error.problem) if part)
        started = error.context_mark
        if started is not None and mark is not None and started.line != mark.line:
            what += f" (the construct started on line {started.line + 1})"
        return None, [Problem(file, line, f"YAML syntax error: {what}")]
    except yaml.YAMLError as error:
        return None, [Problem(file, 1, f"YAML error: {error}")]
    if root is None:
        return None, []
    problems: list[Problem] = []
    return _convert(root, file, problems, SafeConstructor()), problems


def _convert(node: yaml.Node, file: str, problems: list[Problem], scalars: SafeConstructor) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping = LineMap()
        mapping.line, mapping.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _convert(key_node, file, problems, scalars)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                problems.append(Problem(file, key_line, f"key {key!r} is not a field name"))
                continue
            if key in mapping:
                first = mapping.key_lines[key]
                problems.append(
                    Problem(file, key_line, f"duplicate key '{key}' (first given on line {first})")
                )
                continue
            mapping[key] = _convert(value_node, file, problems, scalars)
            mapping.key_lines[key] = key_line
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = LineList(_convert(item, file, problems, scalars) for item in node.value)
        items.line = line
        items.item_lines = [item.start_mark.line + 1 for item in node.value]
        return items
    try:
        return scalars.construct_object(node, deep=True)
    except yaml.YAMLError as error:
        problems.append(Problem(file, line, f"unreadable value: {error}"))
        return None
