"""workbench: who took a case, when it was last seen, klantcontacten, the case an email is about

Revision ID: 0008
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'zaak_gezien',
        sa.Column('zaak_id', sa.Integer(), nullable=False),
        sa.Column('inwoner_op', sa.DateTime(), nullable=True),
        sa.Column('medewerker_op', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['zaak_id'], ['zaak.id'], name=op.f('fk_zaak_gezien_zaak_id_zaak'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('zaak_id', name=op.f('pk_zaak_gezien')),
    )
    op.create_table(
        'zaak_behandelaar',
        sa.Column('zaak_id', sa.Integer(), nullable=False),
        sa.Column('medewerker_sub', sa.String(length=255), nullable=False),
        sa.Column('medewerker_naam', sa.String(length=120), nullable=False),
        sa.Column('sinds', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['zaak_id'], ['zaak.id'], name=op.f('fk_zaak_behandelaar_zaak_id_zaak'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('zaak_id', name=op.f('pk_zaak_behandelaar')),
    )
    op.create_index(op.f('ix_zaak_behandelaar_medewerker_sub'), 'zaak_behandelaar', ['medewerker_sub'])
    op.create_table(
        'klantcontact',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('bsn', sa.String(length=9), nullable=False),
        sa.Column('zaak_id', sa.Integer(), nullable=True),
        sa.Column('kanaal', sa.String(length=16), nullable=False),
        sa.Column('onderwerp', sa.String(length=200), nullable=False),
        sa.Column('tekst', sa.Text(), nullable=False),
        sa.Column('medewerker_sub', sa.String(length=255), nullable=False),
        sa.Column('medewerker_naam', sa.String(length=120), nullable=False),
        sa.Column('aangemaakt_op', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['zaak_id'], ['zaak.id'], name=op.f('fk_klantcontact_zaak_id_zaak'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_klantcontact')),
    )
    op.create_index('ix_klantcontact_bsn', 'klantcontact', ['bsn', 'aangemaakt_op'])
    with op.batch_alter_table('outbox_message') as batch_op:
        batch_op.add_column(sa.Column('zaak_referentie', sa.String(length=16), nullable=True))


def downgrade():
    with op.batch_alter_table('outbox_message') as batch_op:
        batch_op.drop_column('zaak_referentie')
    op.drop_index('ix_klantcontact_bsn', table_name='klantcontact')
    op.drop_table('klantcontact')
    op.drop_index(op.f('ix_zaak_behandelaar_medewerker_sub'), table_name='zaak_behandelaar')
    op.drop_table('zaak_behandelaar')
    op.drop_table('zaak_gezien')
