"""DigiD levels of assurance and the `acr` values that carry them.

Brokers send either the DigiD SAML AuthnContextClassRef URNs or the eIDAS LoA URIs;
both are understood. The order is what matters: a higher level always satisfies a lower one.
"""

from __future__ import annotations

LEVELS = ("basis", "midden", "substantieel", "hoog")

ACR_BY_LEVEL = {
    "basis": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    "midden": "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
    "substantieel": "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
    "hoog": "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
}

_EIDAS = {
    "http://eidas.europa.eu/LoA/low": "midden",
    "http://eidas.europa.eu/LoA/substantial": "substantieel",
    "http://eidas.europa.eu/LoA/high": "hoog",
}

LEVEL_BY_ACR = {acr: level for level, acr in ACR_BY_LEVEL.items()} | _EIDAS


def level_of(acr: str | None) -> str | None:
    """The DigiD level for an `acr` value, or None when the value is unknown."""
    if not acr:
        return None
    return LEVEL_BY_ACR.get(acr)


def satisfies(level: str | None, minimum: str) -> bool:
    if level not in LEVELS:
        return False
    return LEVELS.index(level) >= LEVELS.index(minimum)
