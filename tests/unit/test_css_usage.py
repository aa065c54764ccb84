"""The stylesheet keeps only the rules a page can use (scripts/css_usage.py)."""

from scripts.css_usage import Usage, used_rules


def usage_of(tmp_path, template: str) -> Usage:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text(template, encoding="utf-8")
    return Usage(tmp_path)


def test_a_rule_for_a_class_nothing_renders_is_dropped(tmp_path):
    usage = usage_of(tmp_path, '<p class="kept">')
    css = used_rules(".kept{color:red}.gone{color:blue}.kept .gone,.kept>p{margin:0}", usage)
    assert css == ".kept{color:red}.kept>p{margin:0}"


def test_a_modifier_chosen_at_run_time_is_kept(tmp_path):
    usage = usage_of(tmp_path, '<div class="alert alert--{{ params.type }}">')
    assert used_rules(".alert--warning{color:red}.button--big{x:y}", usage) == ".alert--warning{color:red}"


def test_classes_inside_not_and_element_rules_do_not_count(tmp_path):
    usage = usage_of(tmp_path, '<a class="link">')
    css = "a:not(.gone){x:y}.link:not(.other){x:y}p{x:y}"
    assert used_rules(css, usage) == css


def test_media_queries_are_purged_inside_and_dropped_when_empty(tmp_path):
    usage = usage_of(tmp_path, '<p class="kept">')
    css = used_rules("@media (max-width:30em){.kept{x:y}.gone{x:y}}@media print{.gone{x:y}}:root{--a:1}", usage)
    assert css == "@media (max-width:30em){.kept{x:y}}:root{--a:1}"
