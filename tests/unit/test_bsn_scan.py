from tests.support.bsn_scan import find_bsns


def test_scan_finds_a_valid_bsn_and_ignores_other_numbers():
    assert find_bsns(["/mijn-zaken?bsn=999993653"])
    assert not find_bsns(["request id 123456789", "phone 0612345678", "1234567890123"])
