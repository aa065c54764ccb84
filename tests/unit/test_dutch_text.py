"""Dutch syllables, words and sentences for the B1 check: a word list with known counts, one splitter."""

import pytest

from portal.dutch_text import sentences, syllables, words

# Word, syllables as spoken (checked by hand: hyphenated as in the Woordenlijst, loanwords as pronounced).
KNOWN = {
    # one-letter and diphthong vowel sounds: ui ei ij au ou eu oe ie aa ee oo uu
    "huis": 1,
    "klein": 1,
    "vrij": 1,
    "blauw": 1,
    "hout": 1,
    "neus": 1,
    "boek": 1,
    "fiets": 1,
    "maand": 1,
    "twee": 1,
    "brood": 1,
    "duur": 1,
    "auto": 2,
    "tuinen": 2,
    "wijzigen": 3,
    # three-letter sounds and the trema
    "mooi": 1,
    "draaien": 2,
    "groeien": 2,
    "nieuw": 1,
    "eeuw": 1,
    "bureau": 2,
    "milieu": 2,
    "geëist": 2,
    "ideeën": 3,
    "ruïne": 3,
    "coöperatie": 5,
    "patiënt": 3,
    "zeeën": 2,
    # vowels that meet without making one sound, and a final -e
    "beamen": 3,
    "theater": 3,
    "radio": 3,
    "olie": 2,
    "idee": 2,
    "situatie": 4,
    "politie": 3,
    "museum": 3,
    "gemeente": 3,
    "afspraak": 2,
    "aanvraag": 2,
    "werkdagen": 3,
    # compounds
    "gemeentehuis": 4,
    "woonplaats": 2,
    "identiteitsbewijs": 6,
    "betrouwbaarheidsniveau": 6,
    "toegankelijkheidsverklaring": 8,
    "zee-egel": 3,
    "burgerservicenummer": 6,
    # loanwords, as they are spoken
    "e-mail": 2,
    "e-mailadres": 4,
    "website": 2,
    "websites": 2,
    "online": 2,
    "download": 2,
    "DigiD": 3,
    "cookie": 2,
    "computer": 3,
    "app": 1,
    "café": 2,
    "baby": 2,
    # abbreviations: spelled out, or read as what they stand for
    "BSN": 3,
    "KCC": 3,
    "BRP": 3,
    "PDF": 3,
    "bijv.": 3,
    "o.a.": 5,
    "ca.": 2,
    "t/m": 3,
    "nr.": 2,
    # numbers in digits: one syllable per group of digits
    "8": 1,
    "2026": 1,
    "1.000": 1,
    "14.30": 2,
    "12,50": 2,
}


def test_the_word_list_is_long_enough():
    assert len(KNOWN) >= 40


@pytest.mark.parametrize(("word", "count"), KNOWN.items())
def test_syllables_of_known_words(word, count):
    assert syllables(word) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kom langs. Neem uw paspoort mee!", ["Kom langs.", "Neem uw paspoort mee!"]),
        ("Wilt u dat? Bel ons.", ["Wilt u dat?", "Bel ons."]),
        ("Neem bijv. uw paspoort mee. Of uw rijbewijs.", ["Neem bijv. uw paspoort mee.", "Of uw rijbewijs."]),
        ("U krijgt o.a. een brief. Lees die goed.", ["U krijgt o.a. een brief.", "Lees die goed."]),
        ("Het kost ca. 1.000 euro. Dat is veel.", ["Het kost ca. 1.000 euro.", "Dat is veel."]),
        ("Open van ma t/m vr om 14.30 uur. Daarna dicht.", ["Open van ma t/m vr om 14.30 uur.", "Daarna dicht."]),
        ("Op 1.1.2026 of 14-03-2026 begint het. Kom dan.", ["Op 1.1.2026 of 14-03-2026 begint het.", "Kom dan."]),
        ("Vraag het aan J. Jansen. Hij helpt u.", ["Vraag het aan J. Jansen.", "Hij helpt u."]),
        ("Wij bellen u. Daarna mailen wij.", ["Wij bellen u.", "Daarna mailen wij."]),
        ("Het kost 12,50 euro. Betaal met iDEAL.", ["Het kost 12,50 euro.", "Betaal met iDEAL."]),
        ("Wacht even... Het duurt lang.", ["Wacht even...", "Het duurt lang."]),
        ("Zonder punt aan het eind", ["Zonder punt aan het eind"]),
    ],
)
def test_one_sentence_splitter(text, expected):
    assert sentences(text) == expected


def test_words_keep_numbers_and_abbreviations_whole():
    assert words("Bel ca. 1.000 keer, o.a. om 14.30 uur t/m vrijdag.") == [
        "Bel",
        "ca.",
        "1.000",
        "keer",
        "o.a.",
        "om",
        "14.30",
        "uur",
        "t/m",
        "vrijdag",
    ]
