"""The B1 check fails typical officialese and passes plain B1 Dutch; short labels are judged on words."""

import pytest

from portal.b1 import check, clean

OFFICIALESE = [
    "Indien de aanvrager niet beschikt over een geldig legitimatiebewijs, dient hij of zij voorafgaand aan de "
    "indiening van de aanvraag tot verstrekking van een reisdocument een verklaring van vermissing te overleggen, "
    "overeenkomstig de daartoe strekkende bepalingen van de Paspoortwet.",
    "Wij verzoeken u vriendelijk de benodigde bescheiden binnen een termijn van veertien dagen na dagtekening van "
    "deze brief aan ons te retourneren.",
    "Naar aanleiding van uw aanvraag ten behoeve van een parkeervergunning delen wij u mede dat deze thans in "
    "behandeling is genomen.",
    "Middels dit schrijven informeren wij u omtrent de wijziging van de openingstijden van de publieksbalie.",
    "De belanghebbende dient de verschuldigde leges te voldoen alvorens tot verstrekking van het gevraagde "
    "document kan worden overgegaan door de daartoe bevoegde ambtenaar van de afdeling Burgerzaken.",
    "Uw melding is geregistreerd en zal conform de geldende afhandelingstermijnen door de betreffende "
    "vakafdeling worden beoordeeld en afgehandeld.",
]

PLAIN = [
    "U kunt een afspraak maken. Kies een dag en een tijd. Neem uw paspoort mee.",
    "We beslissen binnen 8 weken. Dat is voor 14 maart 2026.",
    "Wij kijken uw melding na. Als het nodig is, passen wij de BRP aan. U hoort binnen 5 werkdagen van ons.",
    "Doet u 15 minuten niets? Dan logt u automatisch uit. Dat is voor uw veiligheid.",
    "Uw paspoort is klaar. U kunt het ophalen in het gemeentehuis. Neem de brief mee die u van ons kreeg.",
    "Het lukt nu niet om uw gegevens op te halen. Probeer het later opnieuw.",
]


@pytest.mark.parametrize("text", OFFICIALESE)
def test_officialese_fails(text):
    assert not check(text).passed


@pytest.mark.parametrize("text", PLAIN)
def test_plain_b1_text_passes(text):
    report = check(text)
    assert report.passed, report.problems


@pytest.mark.parametrize("label", ["Mijn gegevens", "Inloggen met DigiD", "Burgerservicenummer", "Verstuur melding"])
def test_short_labels_pass_on_their_words(label):
    report = check(label)
    assert report.passed and report.douma is None


def test_short_label_with_officialese_fails_and_names_the_plain_word():
    report = check("Indien van toepassing")
    assert not report.passed
    assert "als" in report.problems[0]


def test_very_long_word_fails_unless_allowed():
    assert not check("Omgevingsvergunningaanvraagformulier").passed
    assert check("Betrouwbaarheidsniveau").passed


def test_placeholders_html_and_addresses_are_not_measured():
    text = "Welkom, %(name)s! Kijk op <a href='x'>digid.nl</a> of https://example.nl/a."
    assert clean(text) == "Welkom, ! Kijk op of"


def test_long_sentences_fail_even_with_simple_words():
    sentence = " ".join(["de kat zit op de mat en"] * 4) + " slaapt."
    report = check(sentence)
    assert not report.passed
    assert any("sentence" in problem for problem in report.problems)


# The thresholds, pinned: Flesch-Douma >= 60, <= 15 words per sentence on average, no sentence over 22 words.


def test_flesch_douma_is_computed_with_the_douma_formula():
    # 2 sentences, 9 words, 10 syllables (only "pas-poort" has two)
    report = check("Kom naar het huis. Neem uw paspoort mee, graag.")
    assert report.words == 9
    assert report.douma == pytest.approx(206.835 - 0.93 * 9 / 2 - 77.0 * 10 / 9)


def test_a_text_just_under_sixty_fails_and_just_over_passes():
    under = check("We volgen de regels van WCAG 2.2 op niveau AA.")  # 18 syllables in 10 words: 59.3
    over = check("We houden ons aan de regels van WCAG 2.2, op niveau AA.")  # 20 in 12: 67.3
    assert under.douma < 60 and any("Flesch-Douma" in problem for problem in under.problems)
    assert over.douma >= 60 and over.passed


def test_an_average_of_fifteen_words_passes_and_sixteen_fails():
    fifteen = "Wij kijken naar uw vraag en wij sturen u snel een brief met het antwoord."
    sixteen = "Wij kijken naar uw vraag en wij sturen u heel snel een brief met het antwoord."
    assert check(fifteen).average_sentence == 15 and check(fifteen).passed
    report = check(sixteen)
    assert report.average_sentence == 16
    assert any("average sentence" in problem for problem in report.problems)


def test_one_sentence_over_twenty_two_words_fails_even_when_the_average_is_fine():
    long = "Wij kijken naar uw vraag en wij sturen u heel snel een brief met het antwoord en met wat u nu kunt doen."
    report = check(f"{long} Dat is alles. Tot ziens. Dank u.")
    assert report.longest_sentence == 23 and report.average_sentence <= 15
    assert any("a sentence of 23 words" in problem for problem in report.problems)


def test_abbreviations_numbers_and_addresses_do_not_cut_a_sentence_short():
    report = check("U betaalt ca. 1.000 euro, bijv. met iDEAL via https://www.example.nl/betalen of gemeente.nl.")
    assert report.longest_sentence == report.words


@pytest.mark.parametrize("word", ["indien", "reeds", "verstrekken", "middels", "woonachtig"])
def test_each_officialese_word_fails_and_names_the_plain_word(word):
    report = check(f"U kunt dit {word} doen.")
    assert not report.passed and "write" in report.problems[0]
