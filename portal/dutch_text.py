"""Words, sentences and syllables of Dutch text, for the B1 check's Flesch-Douma score.

Syllables are counted by their vowel sounds: a run of vowel letters is split into the sounds Dutch spells
with one, two or three letters (aa, ee, oo, uu, ie, oe, eu, ui, ei, ij, au, ou; aai, ooi, oei, eeu, ieu,
eau), longest first; a trema (ë, ï, ö, ü) starts a new sound. A hyphenation dictionary (pyphen, which
textstat used) counts worse: it never splits off one letter at a word's edge ("olie", "idee", "radio"
become one syllable too few) and counts the hyphen of "e-mail". Loanwords that are not spoken as written
("website", "e-mail", "DigiD") and abbreviations are counted as they are spoken; a number in digits as one
syllable per group of digits.
"""

from __future__ import annotations

import re
import unicodedata

# Vowel sounds of more than one letter, longest first. "ij" is read as one vowel (see _vowel_runs).
_SOUNDS = (
    "aai",
    "ooi",
    "oei",
    "eeu",
    "ieu",
    "eau",
    "aa",
    "ee",
    "oo",
    "uu",
    "ie",
    "oe",
    "eu",
    "ui",
    "ei",
    "ÿ",
    "au",
    "ou",
)
_VOWELS = "aeiouyÿ"
_TREMA = "ëïöüä"

# Loanwords and short words not spoken as written: the number of syllables as spoken. A longer word holding
# one of at least five letters (websites, e-mailadres, burgerservicenummer) counts that part so.
SPOKEN = {
    "e-mail": 2,
    "email": 2,
    "website": 2,
    "online": 2,
    "offline": 2,
    "update": 2,
    "download": 2,
    "upload": 2,
    "cookie": 2,
    "cookies": 2,
    "software": 2,
    "smartphone": 2,
    "service": 2,
    "live": 1,
    "digid": 3,
    "id": 2,
    "museum": 3,
    "ok": 2,
    "oké": 2,
    "whatsapp": 2,
    "team": 1,
    "mail": 1,
    "chat": 1,
    "site": 1,
    "app": 1,
}
_COMPOUND_PARTS = sorted((key for key in SPOKEN if len(key) >= 5), key=len, reverse=True)
# Abbreviations as they are read aloud.
ABBREVIATIONS = {
    "bijv.": "bijvoorbeeld",
    "bv.": "bijvoorbeeld",
    "o.a.": "onder andere",
    "ca.": "circa",
    "d.w.z.": "dat wil zeggen",
    "e.d.": "en dergelijke",
    "enz.": "enzovoort",
    "etc.": "etcetera",
    "m.b.t.": "met betrekking tot",
    "t.a.v.": "ter attentie van",
    "i.p.v.": "in plaats van",
    "z.o.z.": "zie ommezijde",
    "nr.": "nummer",
    "tel.": "telefoon",
    "jl.": "jongstleden",
    "mr.": "meester",
    "dr.": "dokter",
    "ir.": "ingenieur",
    "drs.": "doctorandus",
    "mevr.": "mevrouw",
    "dhr.": "de heer",
    "incl.": "inclusief",
    "excl.": "exclusief",
    "max.": "maximaal",
    "min.": "minimaal",
    "evt.": "eventueel",
    "resp.": "respectievelijk",
    "t/m": "tot en met",
    "a.u.b.": "alstublieft",
    "z.s.m.": "zo snel mogelijk",
    "vs.": "versus",
    "blz.": "bladzijde",
}

_ABBREVIATION = "|".join(re.escape(key) for key in sorted(ABBREVIATIONS, key=len, reverse=True))
# A token: a known abbreviation, a number (1.000, 14.30, 12,50), or a word (with - and ' inside).
_TOKEN = re.compile(
    rf"(?<![\w.])(?:{_ABBREVIATION})(?!\w)|\d+(?:[.,:]\d+)*|[A-Za-zÀ-ÿ]+(?:[-'’][A-Za-zÀ-ÿ0-9]+)*", re.I
)
_END = re.compile(r"[.!?]+(?=\s|$)")


def words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def sentences(text: str) -> list[str]:
    """Split after . ! ? followed by a space or the end, but not after an abbreviation ("bijv.", "o.a.",
    "ca.") or an initial ("J. Jansen"). Numbers (1.000, 14.30) and dates have no space after the dot, and
    web addresses are removed before (b1.clean)."""
    parts, start = [], 0
    for end in _END.finditer(text):
        chunks = text[start : end.end()].split()
        before = chunks[-1].lstrip("(\"'‘“") if chunks else ""
        if before.lower() in ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", before):
            continue
        parts.append(text[start : end.end()])
        start = end.end()
    parts.append(text[start:])
    return [part.strip() for part in parts if words(part)]


def syllables(token: str) -> int:
    """Syllables of one token (a word, a number or an abbreviation) as it is spoken."""
    lower = token.lower()
    if lower in ABBREVIATIONS:
        return sum(syllables(word) for word in ABBREVIATIONS[lower].split())
    if lower[0].isdigit():
        return _number_syllables(lower)
    if lower in SPOKEN:
        return SPOKEN[lower]
    part = next((key for key in _COMPOUND_PARTS if key in lower), None)
    if part:
        before, _, after = lower.partition(part)
        return _vowel_sounds(before) + SPOKEN[part] + _vowel_sounds(after)
    if token.isupper() and len(token) <= 5:
        return _letters(lower)  # BSN, KCC, PDF: spelled out
    return max(1, _vowel_sounds(lower))


def _letters(abbreviation: str) -> int:
    # Dutch letter names have one syllable (a, bee, cee, ... iks, zet), except y (ypsilon, "i-grec").
    return sum(2 if letter == "y" else 1 for letter in abbreviation if letter.isalpha())


def _vowel_sounds(word: str) -> int:
    count = 0
    for run in _vowel_runs(word):
        position = 0
        while position < len(run):
            sound = next((s for s in _SOUNDS if run.startswith(s, position)), run[position])
            position += len(sound)
            count += 1
    return count


def _vowel_runs(word: str) -> list[str]:
    """Runs of vowel letters; a letter with a trema begins a new run ("geëist" → e, ei)."""
    word = word.replace("ij", "ÿ")
    runs, current = [], ""
    for letter in word:
        if letter in _TREMA:
            runs.append(current)
            current = unicodedata.normalize("NFD", letter)[0]
        elif unicodedata.normalize("NFD", letter)[0] in _VOWELS or letter == "ÿ":
            current += letter if letter == "ÿ" else unicodedata.normalize("NFD", letter)[0]
        else:
            runs.append(current)
            current = ""
    runs.append(current)
    return [run for run in runs if run]


def _number_syllables(number: str) -> int:
    """A number in digits is taken in at a glance: one syllable per group ("8", "2026" and "1.000" one;
    "14.30" and "12,50" two). Spoken out ("tweeduizendzesentwintig") a year would weigh like a word of seven
    syllables, and one date would fail a plain sentence."""
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", number):
        return 1
    return len(re.findall(r"\d+", number))
