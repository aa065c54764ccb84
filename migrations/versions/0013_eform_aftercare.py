"""e-form aftercare: which submission an outbox row is about (receipt PDF, confirmation email), and binary
attachments in the development mailbox

Revision ID: 0013
Revises: 0012
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('eform_aftercare',
    sa.Column('outbox_message_id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('zaak_id', sa.Integer(), nullable=False),
    sa.Column('task', sa.String(length=16), nullable=False),
    sa.Column('receipt', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['outbox_message_id'], ['outbox_message.id'], name=op.f('fk_eform_aftercare_outbox_message_id_outbox_message'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['zaak_id'], ['zaak.id'], name=op.f('fk_eform_aftercare_zaak_id_zaak'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('outbox_message_id', name=op.f('pk_eform_aftercare')),
    sa.UniqueConstraint('submission_id', 'task', name='uq_eform_aftercare_submission_id_task')
    )
    with op.batch_alter_table('eform_aftercare', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_eform_aftercare_submission_id'), ['submission_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_eform_aftercare_zaak_id'), ['zaak_id'], unique=False)
    with op.batch_alter_table('dev_mail_attachment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data', sa.LargeBinary(), nullable=True))


def downgrade():
    with op.batch_alter_table('dev_mail_attachment', schema=None) as batch_op:
        batch_op.drop_column('data')
    with op.batch_alter_table('eform_aftercare', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_eform_aftercare_zaak_id'))
        batch_op.drop_index(batch_op.f('ix_eform_aftercare_submission_id'))
    op.drop_table('eform_aftercare')
