"""Cases (zaken): the case store's rules, and the resident's Mijn zaken pages."""
