"""Small form definitions for the tests of portal/formdefs: a valid one to start from, changed per test."""

from __future__ import annotations

import copy

import yaml


def text(nl: str, en: str | None = None) -> dict:
    return {"nl": nl, "en": en or f"EN {nl}"}


def yes_no(field_id: str, label: str = "Heeft u een hond?") -> dict:
    return {"id": field_id, "type": "yes_no", "label": text(label), "validate": {"required": text("Kies ja of nee")}}


def line(field_id: str, label: str = "Wat is uw naam?", required: bool = True) -> dict:
    item = {"id": field_id, "type": "text", "label": text(label)}
    if required:
        item["validate"] = {"required": text("Vul dit in")}
    return item


def step(step_id: str, *fields: dict, **extra) -> dict:
    return {"id": step_id, "fields": list(fields), **extra}


def is_yes(field_id: str) -> dict:
    return {"field": f"answers.{field_id}", "op": "equals", "value": True}


BASE = {
    "schema_version": 1,
    "slug": "proef",
    "languages": ["nl", "en"],
    "title": text("Proef"),
    "intro": text("Dit is een proef. Het duurt 1 minuut."),
    "inloggen": "midden",
    "prefill_sources": ["brp", "contact"],
    "drafts": {"keep_days": 7},
    "steps": [step("een", yes_no("hond")), step("twee", line("naam"))],
    "exits": {},
    "check_answers": {
        "title": text("Controleer uw antwoorden"),
        "declaration": text("Het klopt."),
        "submit_label": text("Versturen"),
    },
    "outcomes": [
        {
            "type": "order",
            "zaaktype": "verhuizing",
            "confirmation": {"title": text("Gelukt"), "next_steps": text("We sturen u bericht.")},
        }
    ],
}


def form(**changes) -> dict:
    definition = copy.deepcopy(BASE)
    definition.update(copy.deepcopy(changes))
    return definition


def as_yaml(definition: dict) -> str:
    return yaml.safe_dump(definition, allow_unicode=True, sort_keys=False)
