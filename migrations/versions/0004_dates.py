"""case type versions, terms in units, suspension and extension of a case

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:45:00

- zaaktype becomes versioned: `versie` and `inhoud_hash`; (identificatie, versie) is unique instead of
  identificatie. Every existing zaaktype becomes version 1; its hash is that of the definition rebuilt from
  the row (in the shape of casetypes/schema.json, terms in kalenderdagen), so loading an unchanged YAML
  finds it and a changed one makes version 2.
- servicenorm_dagen/doorlooptijd_dagen become an amount and a unit (kalenderdagen, werkdagen, weken).
- zaak gets ZGW opschorting (indicatie, reden, since when, days suspended before) and verlenging (duur, reden).
"""
import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _hash(data: dict) -> str:
    # The same canonical JSON as portal.cases.casetypes.content_hash (kept here so the migration never changes).
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _definition(row, steps) -> dict:
    def text(nl, en):
        return {"nl": nl, "en": en}

    return {
        "identificatie": row.identificatie,
        "omschrijving": text(row.omschrijving, row.omschrijving_en),
        "servicenorm": {"aantal": row.servicenorm_aantal, "eenheid": "kalenderdagen"},
        "doorlooptijd": ({"aantal": row.doorlooptijd_aantal, "eenheid": "kalenderdagen"}
                         if row.doorlooptijd_aantal is not None else None),
        "opschorting_en_aanhouding_mogelijk": bool(row.opschorting_en_aanhouding_mogelijk),
        "verlenging_mogelijk": bool(row.verlenging_mogelijk),
        "verlengingstermijn_dagen": row.verlengingstermijn_dagen,
        "statustypen": [{"omschrijving": text(step.omschrijving, step.omschrijving_en),
                         "statustekst": text(step.statustekst, step.statustekst_en),
                         "informeren": bool(step.informeren), "doorlooptijd_dagen": step.doorlooptijd_dagen}
                        for step in steps],
    }


def _fill_hashes() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT id, identificatie, omschrijving, omschrijving_en, servicenorm_aantal, doorlooptijd_aantal, "
        "opschorting_en_aanhouding_mogelijk, verlenging_mogelijk, verlengingstermijn_dagen FROM zaaktype"
    )).all()
    for row in rows:
        steps = connection.execute(sa.text(
            "SELECT omschrijving, omschrijving_en, statustekst, statustekst_en, informeren, doorlooptijd_dagen "
            "FROM statustype WHERE zaaktype_id = :id ORDER BY volgnummer"), {"id": row.id}).all()
        connection.execute(sa.text("UPDATE zaaktype SET inhoud_hash = :hash, doorlooptijd_eenheid = :unit "
                                   "WHERE id = :id"),
                           {"hash": _hash(_definition(row, steps)), "id": row.id,
                            "unit": "kalenderdagen" if row.doorlooptijd_aantal is not None else None})


def upgrade():
    with op.batch_alter_table('zaaktype', schema=None) as batch_op:
        batch_op.alter_column('servicenorm_dagen', new_column_name='servicenorm_aantal',
                              existing_type=sa.Integer(), existing_nullable=False)
        batch_op.alter_column('doorlooptijd_dagen', new_column_name='doorlooptijd_aantal',
                              existing_type=sa.Integer(), existing_nullable=True)
        batch_op.add_column(sa.Column('servicenorm_eenheid', sa.String(length=16), nullable=False,
                                      server_default='kalenderdagen'))
        batch_op.add_column(sa.Column('doorlooptijd_eenheid', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('versie', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('inhoud_hash', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('geladen_op', sa.DateTime(), nullable=False,
                                      server_default=sa.func.current_timestamp()))
        batch_op.drop_constraint('uq_zaaktype_identificatie', type_='unique')
        batch_op.create_unique_constraint('uq_zaaktype_identificatie_versie', ['identificatie', 'versie'])
        batch_op.create_index('ix_zaaktype_identificatie', ['identificatie'], unique=False)
    _fill_hashes()
    with op.batch_alter_table('zaak', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opschorting_indicatie', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('opschorting_reden', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('opgeschort_sinds', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('opgeschorte_dagen', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('verlenging_duur_dagen', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('verlenging_reden', sa.String(length=200), nullable=True))


def downgrade():
    # Only the first version of each case type can go back to the old shape; later versions and their cases
    # would lose their meaning, so they must be removed by hand first (the drop of the constraint fails).
    with op.batch_alter_table('zaak', schema=None) as batch_op:
        for column in ('verlenging_reden', 'verlenging_duur_dagen', 'opgeschorte_dagen', 'opgeschort_sinds',
                       'opschorting_reden', 'opschorting_indicatie'):
            batch_op.drop_column(column)
    with op.batch_alter_table('zaaktype', schema=None) as batch_op:
        batch_op.drop_index('ix_zaaktype_identificatie')
        batch_op.drop_constraint('uq_zaaktype_identificatie_versie', type_='unique')
        batch_op.create_unique_constraint('uq_zaaktype_identificatie', ['identificatie'])
        for column in ('geladen_op', 'inhoud_hash', 'versie', 'doorlooptijd_eenheid', 'servicenorm_eenheid'):
            batch_op.drop_column(column)
        batch_op.alter_column('doorlooptijd_aantal', new_column_name='doorlooptijd_dagen',
                              existing_type=sa.Integer(), existing_nullable=True)
        batch_op.alter_column('servicenorm_aantal', new_column_name='servicenorm_dagen',
                              existing_type=sa.Integer(), existing_nullable=False)
