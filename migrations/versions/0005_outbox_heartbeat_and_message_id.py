"""outbox: worker heartbeat, last attempt time, Message-ID in the development mailbox

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 09:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "outbox_heartbeat",
        sa.Column("worker", sa.String(length=128), nullable=False),
        sa.Column("beat_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("worker", name=op.f("pk_outbox_heartbeat")),
    )
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_attempt_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("dev_mail", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_id", sa.String(length=200), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("dev_mail", schema=None) as batch_op:
        batch_op.drop_column("message_id")
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_column("last_attempt_at")
    op.drop_table("outbox_heartbeat")
