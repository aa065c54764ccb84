"""The `fields` parameter: answer with exactly the asked-for paths (plus `type` of polymorphic objects, and
whole dates)."""

from __future__ import annotations


def build_tree(paths: list[str]) -> dict:
    """["naam.voornamen", "geboorte"] → {"naam": {"voornamen": True}, "geboorte": True}."""
    tree: dict = {}
    for path in paths:
        node = tree
        parts = path.split(".")
        for index, part in enumerate(parts):
            if node.get(part) is True:
                break
            if index == len(parts) - 1:
                node[part] = True
            else:
                node = node.setdefault(part, {})
    return tree


def select(value, tree):
    if tree is True:
        return value
    if isinstance(value, list):
        selected = [select(item, tree) for item in value]
        return [item for item in selected if item]
    if not isinstance(value, dict):
        return value
    if "langFormaat" in value and "type" in value:
        # A date (Datum, JaarDatum, ...) comes whole: the spec requires its type, langFormaat and parts.
        return value
    result = {key: select(value[key], sub) for key, sub in tree.items() if key in value}
    result = {key: item for key, item in result.items() if item not in ({}, [])}
    if result and "type" in value:
        result["type"] = value["type"]
    return result
