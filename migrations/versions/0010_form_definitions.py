"""form definitions and their immutable versions (e-forms as data)

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('form_definition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_definition')),
    sa.UniqueConstraint('slug', name=op.f('uq_form_definition_slug'))
    )
    op.create_table('form_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('form_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('definition', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('published_by', sa.String(length=200), nullable=False),
    sa.Column('change_note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['form_id'], ['form_definition.id'], name=op.f('fk_form_version_form_id_form_definition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_version')),
    sa.UniqueConstraint('form_id', 'version', name='uq_form_version_form_id_version')
    )
    op.create_index(op.f('ix_form_version_form_id'), 'form_version', ['form_id'], unique=False)
    op.create_index(op.f('ix_form_version_content_hash'), 'form_version', ['content_hash'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_form_version_content_hash'), table_name='form_version')
    op.drop_index(op.f('ix_form_version_form_id'), table_name='form_version')
    op.drop_table('form_version')
    op.drop_table('form_definition')
