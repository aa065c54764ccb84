"""Bulk data for the benchmark, generated on the server (INSERT ... SELECT FROM generate_series).

Case n (1, 2, ...) gets id n and belongs to resident 1 + n % 99,999, except every 400th case up to 10,000, which
belongs to the measured resident (index 0): 25 cases, a third of them open, the same at every size. So at
1,000,000 cases the 100,000 residents have 10 cases on average. About 30% of the other cases are open.
BSNs pass the 11-check (so the portal's log redaction would catch one) and are never printed.
"""

from __future__ import annotations

import time

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection
from stdnum.nl import bsn as bsn_check

RESIDENTS = 100_000
MEASURED = 0  # index of the measured resident
ALPHABET = "23456789ABCDEFGHJKLMNPRSTUVWXY"
_MULTIPLIER, _OFFSET, _SPACE = 7**13, 12_345, 30**8  # n -> (n * a + b) mod 30^8 is a bijection: gcd(a, 30) = 1


def reference_sql(column: str) -> str:
    """SQL for a unique ZK-XXXX-XXXX reference from a row number (8 base-30 digits of a scrambled n)."""
    scrambled = f"(({column}::bigint * {_MULTIPLIER} + {_OFFSET}) % {_SPACE})"
    digits = [f"substr('{ALPHABET}', (({scrambled} / {30**i}) % 30)::int + 1, 1)" for i in range(7, -1, -1)]
    return "'ZK-' || " + " || ".join(digits[:4]) + " || '-' || " + " || ".join(digits[4:])


def resident_bsns(count: int = RESIDENTS) -> list[str]:
    """Distinct 9-digit numbers that pass the BSN 11-check."""
    found, candidate = [], 10_000_000
    while len(found) < count:
        prefix = str(candidate)
        check = sum((9 - i) * int(digit) for i, digit in enumerate(prefix)) % 11
        if check < 10:
            found.append(prefix + str(check))
        candidate += 743
    assert all(bsn_check.is_valid(number) for number in found[:100])
    return found


def load_residents(connection: Connection) -> None:
    connection.exec_driver_sql("CREATE TABLE bench_resident (idx integer PRIMARY KEY, bsn varchar(9) NOT NULL)")
    raw = connection.connection.driver_connection
    with raw.cursor().copy("COPY bench_resident (idx, bsn) FROM STDIN") as copy:
        for index, number in enumerate(resident_bsns()):
            copy.write_row((index, number))
    connection.exec_driver_sql(
        "CREATE TABLE bench_type AS SELECT (row_number() OVER (ORDER BY t.id) - 1)::int AS idx, t.id AS zaaktype_id, "
        "t.servicenorm_aantal AS servicenorm_dagen, t.doorlooptijd_aantal AS doorlooptijd_dagen, "
        "(SELECT count(*) FROM statustype s WHERE s.zaaktype_id = t.id) "
        "AS steps FROM zaaktype t"
    )


_SHAPE = """
WITH base AS (
  SELECT n, (n <= 10000 AND n % 400 = 0) AS mine, random() AS r1, random() AS r2, random() AS r3
  FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS n
), shaped AS (
  SELECT b.*, t.zaaktype_id, t.servicenorm_dagen, t.doorlooptijd_dagen, t.steps,
         CASE WHEN b.mine THEN 0 ELSE 1 + b.n % 99999 END AS resident,
         CASE WHEN b.mine THEN (b.n / 400) % 3 = 1 ELSE b.r1 < 0.3 END AS is_open
  FROM base b JOIN bench_type t ON t.idx = b.n % (SELECT count(*) FROM bench_type)
), dated AS (
  SELECT s.*, date_trunc('second', now() AT TIME ZONE 'UTC')
           - (CASE WHEN s.is_open THEN s.r2 * 60 ELSE 20 + s.r2 * 1800 END) * interval '1 day' AS reg,
         CASE WHEN s.is_open THEN 1 + floor(s.r3 * (s.steps - 1))::int ELSE s.steps END AS step
  FROM shaped s
)
"""

_INSERT_CASES = (
    _SHAPE
    + f"""
INSERT INTO zaak (id, identificatie, zaaktype_id, omschrijving, initiator_bsn, registratiedatum, startdatum,
                  einddatum_gepland, uiterlijke_einddatum_afdoening, einddatum, resultaat, statustype_id,
                  status_gezet_op)
SELECT d.n, {reference_sql("d.n")}, d.zaaktype_id,
       (ARRAY['Aanvraag via het webformulier', 'Melding bij de bushalte', 'Verzoek om contact',
              'Aanvraag voor de achtertuin', 'Wijziging van het adres', ''])[1 + d.n % 6],
       r.bsn, d.reg, d.reg::date, d.reg::date + d.servicenorm_dagen,
       CASE WHEN d.doorlooptijd_dagen IS NOT NULL THEN d.reg::date + d.doorlooptijd_dagen END,
       CASE WHEN NOT d.is_open THEN d.reg::date + 1 + floor(d.r3 * d.servicenorm_dagen * 1.3)::int END,
       CASE WHEN NOT d.is_open THEN 'Afgehandeld' END, st.id,
       CASE WHEN d.is_open
            THEN d.reg + (now() AT TIME ZONE 'UTC' - d.reg) * ((d.step - 1)::float / d.steps)
            ELSE (d.reg::date + 1 + floor(d.r3 * d.servicenorm_dagen * 1.3)::int) + interval '10 hours' END
FROM dated d JOIN bench_resident r ON r.idx = d.resident
JOIN statustype st ON st.zaaktype_id = d.zaaktype_id AND st.volgnummer = d.step
"""
)

# The current status and up to two before it, spread between registration and the current status.
_INSERT_STATUSES = """
INSERT INTO zaak_status (zaak_id, statustype_id, datum_status_gezet, statustoelichting, gezet_door)
SELECT z.id, st.id,
       z.registratiedatum
         + (z.status_gezet_op - z.registratiedatum) * ((v - l.lo)::float / greatest(cur.volgnummer - l.lo, 1)),
       CASE WHEN v = cur.volgnummer AND z.id % 7 = 0 THEN 'We wachten nog op een advies.' ELSE '' END, 'Bench'
FROM zaak z JOIN statustype cur ON cur.id = z.statustype_id
CROSS JOIN LATERAL (SELECT greatest(1, cur.volgnummer - 2) AS lo) AS l
CROSS JOIN LATERAL generate_series(l.lo, cur.volgnummer) AS v
JOIN statustype st ON st.zaaktype_id = z.zaaktype_id AND st.volgnummer = v
WHERE z.id BETWEEN :first AND :last
"""

# Every 5th case (so every case of the measured resident) has a message from us; every 10th a reply.
_INSERT_MESSAGES = """
INSERT INTO zaak_bericht (zaak_id, richting, onderwerp, tekst, afzender, verzonden_op, gelezen_op)
SELECT z.id, m.richting, m.onderwerp, m.tekst, m.afzender, z.registratiedatum + m.na, z.registratiedatum + m.na
FROM zaak z CROSS JOIN (VALUES
  ('gemeente', 'Wij hebben uw aanvraag ontvangen', 'Wij gaan ermee aan de slag. U hoort van ons.', 'Team Burgerzaken',
   interval '2 hours', 5),
  ('inwoner', 'Vraag over mijn aanvraag', 'Kunt u mij laten weten wanneer ik iets hoor?', '', interval '3 days', 10)
) AS m(richting, onderwerp, tekst, afzender, na, every)
WHERE z.id BETWEEN :first AND :last AND z.id % m.every = 0
"""

# Every 10th open case (every open case of the measured resident) has a task; every 50th case a document.
_INSERT_TASKS = """
INSERT INTO zaak_taak (zaak_id, titel, toelichting, uiterlijk, aangemaakt_op)
SELECT z.id, 'Stuur ons een foto', 'Wij hebben een foto nodig om uw aanvraag te beoordelen.',
       z.einddatum_gepland, z.registratiedatum + interval '1 day'
FROM zaak z WHERE z.id BETWEEN :first AND :last AND z.einddatum IS NULL AND z.id % 10 = 0
"""

_INSERT_DOCUMENTS = """
INSERT INTO zaak_document (zaak_id, titel, bestandsnaam, formaat, bestandsomvang, vertrouwelijkheidaanduiding,
                           auteur, creatiedatum, inhoud)
SELECT z.id, 'Ontvangstbevestiging', 'ontvangstbevestiging.pdf', 'application/pdf', 2048, 'zaakvertrouwelijk',
       'gemeente', z.registratiedatum + interval '1 hour', convert_to(repeat('x', 2048), 'UTF8')
FROM zaak z WHERE z.id BETWEEN :first AND :last AND z.id % 50 = 0
"""


def load_cases(url: str, first: int, last: int, chunk: int = 250_000) -> float:
    """Insert cases first..last (and their statuses, messages, tasks, documents); return the seconds taken."""
    started = time.perf_counter()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("SET LOCAL synchronous_commit = off")
        if first == 1:
            load_residents(connection)
    for start in range(first, last + 1, chunk):
        end = min(start + chunk - 1, last)
        with engine.begin() as connection:
            connection.exec_driver_sql("SET LOCAL synchronous_commit = off")
            for statement in (_INSERT_CASES, _INSERT_STATUSES, _INSERT_MESSAGES, _INSERT_TASKS, _INSERT_DOCUMENTS):
                connection.execute(text(statement), {"first": start, "last": end})
        print(f"  loaded cases {start:,}..{end:,} ({time.perf_counter() - started:.0f} s)", flush=True)
    with engine.begin() as connection:
        connection.exec_driver_sql("SELECT setval(pg_get_serial_sequence('zaak', 'id'), (SELECT max(id) FROM zaak))")
    engine.dispose()
    return time.perf_counter() - started


def measured_resident(url: str) -> tuple[str, str, dict]:
    """The measured resident's BSN (never print it), the reference of their open case with the most on it,
    and counts of their cases."""
    engine = create_engine(url)
    with engine.connect() as connection:
        bsn = connection.scalar(text("SELECT bsn FROM bench_resident WHERE idx = :idx"), {"idx": MEASURED})
        counts = (
            connection.execute(
                text(
                    "SELECT count(*) AS cases, count(*) FILTER (WHERE einddatum IS NULL) AS open FROM zaak "
                    "WHERE initiator_bsn = :bsn"
                ),
                {"bsn": bsn},
            )
            .mappings()
            .one()
        )
        reference = connection.scalar(
            text(
                "SELECT z.identificatie FROM zaak z WHERE z.initiator_bsn = :bsn AND z.einddatum IS NULL "
                "ORDER BY (SELECT count(*) FROM zaak_status s WHERE s.zaak_id = z.id) DESC, z.id LIMIT 1"
            ),
            {"bsn": bsn},
        )
    engine.dispose()
    return bsn, reference, dict(counts)
