"""Test persons offered on the mock DigiD page (all are RvIG test persons in the mock BRP)."""

TEST_PERSONS = (
    ("999993653", "Suzanne Moulin"),
    ("999995078", "Christina Maria Maassen"),
    ("999993847", "Merel Kooyman"),
    ("999990615", "Alex de Goede"),
    ("999991851", "Tineke Holthuizen"),
    ("999992995", "Jan Goedmut"),
    ("999991401", "Janus Bloothooft"),
    ("000009957", "Ronald Franciscus Maria Moes"),
)

# Staff members offered when the staff client asks for a login: (id, name, roles).
TEST_STAFF = (
    ("sanne", "Sanne Jansen", ("zaakbehandelaar",)),
    ("kees", "Kees de Boer", ("kcc",)),
    ("fatima", "Fatima El Amrani", ("formulierbeheerder",)),
    ("jeroen", "Jeroen Bakker", ("zaakbehandelaar", "kcc", "formulierbeheerder")),
    ("lotte", "Lotte Visser", ("beheerder",)),
    ("piet", "Piet Visser", ()),  # no role: the portal refuses him and says why
)
STAFF_BY_ID = {staff_id: (name, roles) for staff_id, name, roles in TEST_STAFF}
