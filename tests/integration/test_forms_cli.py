"""`flask forms validate|publish|list`."""

from __future__ import annotations

from portal.formdefs.commands import forms_cli
from tests.support.formdefs import as_yaml, form, text


def run(app, *args):
    return app.test_cli_runner().invoke(forms_cli, list(args))


def test_validate_the_shipped_forms(app):
    result = run(app, "validate")
    assert result.exit_code == 0, result.output
    assert "verhuizing-doorgeven.yaml: ok" in result.output
    assert "All form definitions are valid." in result.output


def test_validate_a_broken_file_exits_1_with_the_problems(app, tmp_path):
    path = tmp_path / "proef.yaml"
    path.write_text(as_yaml(form(intro=text("Indien u wilt, kunt u beginnen."))), encoding="utf-8")
    result = run(app, "validate", str(path))
    assert result.exit_code == 1
    assert "proef.yaml line" in result.output and "'Indien': write 'als'" in result.output


def test_validate_refuses_a_slug_that_is_not_the_file_name(app, tmp_path):
    path = tmp_path / "anders.yaml"
    path.write_text(as_yaml(form()), encoding="utf-8")
    result = run(app, "validate", str(path))
    assert result.exit_code == 1 and "must be the file name" in result.output


def test_publish_then_unchanged_then_list(app, tmp_path):
    path = tmp_path / "proef.yaml"
    path.write_text(as_yaml(form()), encoding="utf-8")
    first = run(app, "publish", str(path), "--note", "Eerste versie")
    assert first.exit_code == 0, first.output
    assert "proef: new version 1" in first.output
    second = run(app, "publish", str(path))
    assert "proef: unchanged, version 1" in second.output
    path.write_text(as_yaml(form(title=text("Proef twee"))), encoding="utf-8")
    assert "proef: new version 2" in run(app, "publish", str(path)).output
    listing = run(app, "list")
    assert listing.exit_code == 0
    line = next(row for row in listing.output.splitlines() if row.startswith("proef "))
    assert " v2 " in line and "UTC" in line


def test_publish_nothing_when_one_file_is_broken(app, tmp_path):
    good, bad = tmp_path / "proef.yaml", tmp_path / "kapot.yaml"
    good.write_text(as_yaml(form()), encoding="utf-8")
    bad.write_text("slug: kapot\n", encoding="utf-8")
    result = run(app, "publish", str(good), str(bad))
    assert result.exit_code == 1 and "Nothing was published." in result.output
    assert "proef" not in run(app, "list").output
