from tests.support.bsn_scan import find_bsns


def test_scan_finds_a_valid_bsn_and_ignores_other_numbers():
    assert find_bsns(["/mijn-zaken?bsn=999993653"])
    assert not find_bsns(["request id 123456789", "phone 0612345678", "1234567890123"])


def test_scan_ignores_the_digits_of_a_random_id_but_not_a_bsn_between_separators():
    assert bsn_check_passes("189882529")
    assert not find_bsns(["/medewerkers/formulieren/concept/549a37cb-822d-4251-9e85-189882529d49/yaml"])
    assert find_bsns(["/x/189882529/y", "bsn=189882529&z=1", "BSN 189882529."])
    assert len(find_bsns(["/x/189882529/y", "bsn=189882529&z=1", "BSN 189882529."])) == 3


def bsn_check_passes(number: str) -> bool:
    from stdnum.nl import bsn

    return bsn.is_valid(number)
