"""A B1 check for Dutch text: the texts residents read must be plain (taalniveau B1).

Thresholds, and why:
- Texts of fewer than 8 words (labels, buttons, headings) are judged on their words only. A readability
  formula says nothing about "Mijn gegevens"; officialese ("Indien van toepassing") and very long
  words still make a short text hard.
- Longer texts must have a Flesch-Douma score of at least 60. Douma adapts Flesch to Dutch; 60-70 is the
  usual reading of "plain, B1" text, officialese letters score 20-40. (We measured: the Paspoortwet
  sentence in the tests scores about 18, our own start page texts score 70-110.)
- The average sentence is at most 15 words and no sentence is longer than 22 words: the B1 guidance of
  one message per sentence, and the length at which readers with low literacy lose the thread.
- No word from the officialese list, which names the plain alternative.
- No word longer than 20 letters unless it is a known compound residents meet anyway (ALLOWED_LONG_WORDS).

Placeholders (`%(name)s`, `{{ ... }}`), HTML tags and web addresses are removed before measuring. Words,
sentences and syllables come from portal.dutch_text (Dutch vowel sounds, loanwords, abbreviations and numbers
as they are spoken; abbreviations, numbers and dates do not end a sentence).

Flesch-Douma = 206.835 - 0.93 x (words per sentence) - 77 x (syllables per word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from portal.dutch_text import sentences, syllables, words

SHORT_TEXT_WORDS = 8
MIN_DOUMA = 60.0
MAX_AVERAGE_SENTENCE = 15.0
MAX_SENTENCE = 22
MAX_WORD_LETTERS = 20

# Officialese (ambtelijke taal) and its plain alternative. Keys are regular expressions for the word or
# phrase and its common forms; matched as whole words, case-insensitive.
# "zaken" is not listed: "Mijn aanvragen" and "uw zaken regelen" are everyday words; the singular "zaak" for a
# resident's request is ("aanvraag").
OFFICIALESE = {
    r"indien": "als",
    r"aanvang": "begin",
    r"verstrek(ken|t|te|ten|king)": "geven",
    r"woonachtig": "wonen",
    r"toezend(en|t|ing)": "sturen",
    r"benodigd(e)?": "nodig",
    r"inzake": "over",
    r"zaak(nummer)?": "aanvraag",
    r"voldoen( aan)?": "betalen / zich houden aan",
    r"teneinde": "om",
    r"middels": "met",
    r"alsmede": "en",
    r"dien(en|t) (te|u)": "moeten",
    r"reeds": "al",
    r"derhalve": "daarom",
    r"ten behoeve van": "voor",
    r"conform": "volgens",
    r"omtrent": "over",
    r"aldaar": "daar",
    r"ingevolge": "door / volgens",
    r"krachtens": "volgens",
    r"onverwijld": "direct",
    r"terstond": "meteen",
    r"retourneren": "terugsturen",
    r"wijzig(en|ing|ingen)": "veranderen / verandering",
    r"verzoek(en)?": "vragen / vraag",
    r"verzoeke": "graag",
    r"doch": "maar",
    r"tevens": "ook",
    r"hetgeen": "wat",
    r"dusdanig": "zo",
    r"desalniettemin": "toch",
    r"niettemin": "toch",
    r"nochtans": "toch",
    r"zulks": "dat",
    r"thans": "nu",
    r"aangaande": "over",
    r"betreffende": "over",
    r"met betrekking tot": "over",
    r"in het kader van": "voor / bij",
    r"op grond van": "door / volgens",
    r"ter zake": "hierover",
    r"ten aanzien van": "over",
    r"ter beschikking stellen": "geven",
    r"in behandeling nemen": "bekijken",
    r"(de )?aanvrager": "u",
    r"belanghebbende(n)?": "u / wie het aangaat",
    r"bescheiden": "papieren",
    r"legitimatiebewijs": "identiteitsbewijs (paspoort, id-kaart)",
    r"overleggen": "laten zien / meesturen",
    r"vervolgens": "daarna",
    r"voornoemd(e)?": "deze",
    r"onderhavig(e)?": "deze",
    r"desgewenst": "als u wilt",
    r"ontvang(en|t|st)": "krijgen",
    r"vooralsnog": "voorlopig",
    r"geacht(e)? (wordt|worden)": "zien als",
    r"uiterlijk": "op zijn laatst",
    r"teneinde te": "om te",
    r"bijgaand(e)?": "hierbij",
    r"gelieve": "wilt u",
    r"overeenkomstig": "volgens",
    r"mits": "als",
    r"c\.q\.": "of",
    r"danwel": "of",
    r"respectievelijk": "en",
}
_OFFICIALESE = [(re.compile(rf"(?<![\w-]){pattern}(?![\w-])", re.I), plain) for pattern, plain in OFFICIALESE.items()]

ALLOWED_LONG_WORDS = {"betrouwbaarheidsniveau", "toegankelijkheidsverklaring"}

_PLACEHOLDER = re.compile(r"%\([^)]*\)[sdif]|\{\{.*?\}\}|\{%.*?%\}|<[^>]+>|https?://\S+|\b\w+\.(nl|com|org)\b")


@dataclass
class B1Report:
    text: str
    words: int
    douma: float | None = None
    average_sentence: float | None = None
    longest_sentence: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def clean(text: str) -> str:
    return " ".join(_PLACEHOLDER.sub(" ", text).split())


def officialese_pairs(text: str) -> list[tuple[str, str]]:
    """(the officialese as written, its plain alternative) for every officialese word or phrase in `text`."""
    return [(match.group(0), plain) for pattern, plain in _OFFICIALESE for match in pattern.finditer(text)]


def officialese(text: str) -> list[str]:
    return [f"'{found}': write '{plain}'" for found, plain in officialese_pairs(text)]


def long_words(tokens: list[str]) -> list[str]:
    return [
        word
        for word in tokens
        if len(word) > MAX_WORD_LETTERS and word.isalpha() and word.lower() not in ALLOWED_LONG_WORDS
    ]


def long_sentences(text: str, limit: int = MAX_SENTENCE) -> list[str]:
    """The sentences of `text` (placeholders and tags removed) that have more than `limit` words."""
    return [sentence for sentence in sentences(clean(text)) if len(words(sentence)) > limit]


def check(text: str) -> B1Report:
    plain = clean(text)
    tokens = words(plain)
    report = B1Report(text=text, words=len(tokens))
    report.problems += officialese(plain)
    report.problems += [
        f"'{word}' is a long word ({len(word)} letters): split it or say it more simply" for word in long_words(tokens)
    ]
    if len(tokens) < SHORT_TEXT_WORDS:
        return report
    lengths = [len(words(sentence)) for sentence in sentences(plain)] or [len(tokens)]
    report.average_sentence = sum(lengths) / len(lengths)
    report.longest_sentence = max(lengths)
    report.douma = douma(tokens, sentence_count=len(lengths))
    if report.douma < MIN_DOUMA:
        report.problems.append(f"Flesch-Douma {report.douma:.0f} < {MIN_DOUMA:.0f}: use shorter words and sentences")
    if report.average_sentence > MAX_AVERAGE_SENTENCE:
        report.problems.append(f"average sentence {report.average_sentence:.1f} words > {MAX_AVERAGE_SENTENCE:.0f}")
    if report.longest_sentence > MAX_SENTENCE:
        report.problems.append(f"a sentence of {report.longest_sentence} words > {MAX_SENTENCE}: split it")
    return report


def douma(tokens: list[str], *, sentence_count: int) -> float:
    """Flesch-Douma, Flesch's reading ease adapted to Dutch by W.H. Douma (1960)."""
    per_sentence = len(tokens) / sentence_count
    per_word = sum(syllables(token) for token in tokens) / len(tokens)
    return 206.835 - 0.93 * per_sentence - 77.0 * per_word
