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
