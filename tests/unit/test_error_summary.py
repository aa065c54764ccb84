"""The error summary links each error to the first input of its question (GOV.UK / NL Design System)."""

from flask import render_template_string
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import InputRequired
from wtforms.widgets import CheckboxInput, ListWidget

MACRO = '{% from "components/forms.html" import error_summary, radios, checkboxes %}'


class MultiCheckboxField(SelectMultipleField):
    """What a form with checkboxes uses (rendered by the `checkboxes` macro)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class Questions(FlaskForm):
    class Meta:
        csrf = False

    topic = RadioField(
        "Wat klopt niet?",
        choices=[("adres", "Adres"), ("naam", "Naam")],
        validators=[InputRequired("Kies wat er niet klopt")],
    )
    days = MultiCheckboxField(
        "Welke dagen?", choices=[("ma", "Maandag"), ("di", "Dinsdag")], validators=[InputRequired("Kies een dag")]
    )
    agree = BooleanField("Ik ga akkoord", validators=[InputRequired("Zet een vinkje")])
    name = StringField("Naam", validators=[InputRequired("Vul uw naam in")])
    kind = SelectField("Soort", choices=[("", "Kies"), ("a", "A")], validators=[InputRequired("Kies een soort")])


def _render(app, template):
    with app.test_request_context("/", method="POST", data={}):
        form = Questions()
        form.validate()
        return render_template_string(MACRO + template, form=form)


def test_links_go_to_the_first_radio_the_first_checkbox_and_the_input(app):
    html = _render(app, "{{ error_summary(form) }}")
    assert 'href="#topic-1">Kies wat er niet klopt' in html
    assert 'href="#days-1">Kies een dag' in html
    assert 'href="#agree">Zet een vinkje' in html
    assert 'href="#name">Vul uw naam in' in html
    assert 'href="#kind">Kies een soort' in html  # a select is one input


def test_the_linked_ids_exist_in_the_rendered_questions(app):
    html = _render(app, '{{ radios({"field": form.topic}) }}{{ checkboxes({"field": form.days}) }}')
    assert 'id="topic-1"' in html and 'id="days-1"' in html
    assert 'type="checkbox"' in html


def test_the_summary_is_focusable_and_announced(app):
    html = _render(app, "{{ error_summary(form) }}")
    assert 'role="alert"' in html and 'tabindex="-1"' in html and 'data-module="error-summary"' in html
