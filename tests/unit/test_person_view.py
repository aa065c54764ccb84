from datetime import date

from portal.integrations.person import PersonView
from portal.mock_brp.data import persons_by_bsn


def test_suzanne_as_pages_show_her():
    view = PersonView.from_brp(persons_by_bsn()["999993653"])
    assert view.full_name == "Suzanne Moulin"
    assert view.birth_date == date(1985, 12, 1)
    assert view.birth_place == "Thann"
    assert view.address_lines == ["Boterdiep 31", "3077 AW Rotterdam"]
    assert view.nationalities == ["Franse"]
    assert [partner.name for partner in view.partners] == ["Jean Marie Beaudelaire"]


def test_partial_birth_date_is_shown_in_words():
    view = PersonView.from_brp(
        {"geboorte": {"datum": {"type": "JaarMaandDatum", "jaar": 1985, "maand": 12, "langFormaat": "december 1985"}}}
    )
    assert view.birth_date is None
    assert view.birth_date_text == "december 1985"


def test_person_living_abroad_shows_the_foreign_address_lines():
    abroad = next(
        p for p in persons_by_bsn().values() if p.get("verblijfplaats", {}).get("type") == "VerblijfplaatsBuitenland"
    )
    view = PersonView.from_brp(abroad)
    assert view.address_lines == [
        line
        for line in (abroad["verblijfplaats"]["verblijfadres"].get(k) for k in ("regel1", "regel2", "regel3"))
        if line
    ]


def test_empty_person_gives_empty_values():
    view = PersonView.from_brp({})
    assert view.full_name == "" and view.address_lines == [] and view.partners == []
