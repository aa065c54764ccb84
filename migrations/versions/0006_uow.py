"""one-time form tokens (a double-clicked or retried POST is stored once)

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('used_form_token',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=False),
    sa.Column('result_url', sa.String(length=500), nullable=False),
    sa.Column('message', sa.String(length=500), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_used_form_token'))
    )
    op.create_index(op.f('ix_used_form_token_used_at'), 'used_form_token', ['used_at'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_used_form_token_used_at'), table_name='used_form_token')
    op.drop_table('used_form_token')
