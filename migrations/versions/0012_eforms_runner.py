"""e-form runner: drafts, their uploads, submissions (one per draft)

Revision ID: 0012
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('form_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('form_version_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('prefill', sa.JSON(), nullable=False),
    sa.Column('current_step', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('personal_data_removed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['form_version_id'], ['form_version.id'], name=op.f('fk_form_draft_form_version_id_form_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_draft')),
    sa.UniqueConstraint('public_id', name=op.f('uq_form_draft_public_id'))
    )
    op.create_index(op.f('ix_form_draft_owner'), 'form_draft', ['owner'], unique=False)
    op.create_index(op.f('ix_form_draft_form_version_id'), 'form_draft', ['form_version_id'], unique=False)
    op.create_index(op.f('ix_form_draft_expires_at'), 'form_draft', ['expires_at'], unique=False)
    op.create_table('form_draft_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('field_id', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['form_draft.id'], name=op.f('fk_form_draft_file_draft_id_form_draft'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_draft_file'))
    )
    op.create_index(op.f('ix_form_draft_file_draft_id'), 'form_draft_file', ['draft_id'], unique=False)
    op.create_table('form_submission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=True),
    sa.Column('draft_public_id', sa.String(length=32), nullable=False),
    sa.Column('form_version_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('owner', sa.String(length=100), nullable=False),
    sa.Column('outcome', sa.JSON(), nullable=False),
    sa.Column('reference', sa.String(length=16), nullable=False),
    sa.Column('zaak_id', sa.Integer(), nullable=True),
    sa.Column('callback_zaak_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('aftercare_done_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['draft_id'], ['form_draft.id'], name=op.f('fk_form_submission_draft_id_form_draft'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['form_version_id'], ['form_version.id'], name=op.f('fk_form_submission_form_version_id_form_version')),
    sa.ForeignKeyConstraint(['zaak_id'], ['zaak.id'], name=op.f('fk_form_submission_zaak_id_zaak'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['callback_zaak_id'], ['zaak.id'], name=op.f('fk_form_submission_callback_zaak_id_zaak'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_form_submission')),
    sa.UniqueConstraint('draft_id', name=op.f('uq_form_submission_draft_id')),
    sa.UniqueConstraint('draft_public_id', name=op.f('uq_form_submission_draft_public_id'))
    )
    op.create_index(op.f('ix_form_submission_owner'), 'form_submission', ['owner'], unique=False)
    op.create_index(op.f('ix_form_submission_form_version_id'), 'form_submission', ['form_version_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_form_submission_form_version_id'), table_name='form_submission')
    op.drop_index(op.f('ix_form_submission_owner'), table_name='form_submission')
    op.drop_table('form_submission')
    op.drop_index(op.f('ix_form_draft_file_draft_id'), table_name='form_draft_file')
    op.drop_table('form_draft_file')
    op.drop_index(op.f('ix_form_draft_expires_at'), table_name='form_draft')
    op.drop_index(op.f('ix_form_draft_form_version_id'), table_name='form_draft')
    op.drop_index(op.f('ix_form_draft_owner'), table_name='form_draft')
    op.drop_table('form_draft')
