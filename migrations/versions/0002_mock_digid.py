"""mock digid (now empty)

The mock DigiD's tables used to be created here. They are no longer part of the portal's schema: the mock
creates them with its own MetaData when it is mounted (portal/mock_digid/store.py), so a production database
never gets them. The revision stays so that the chain 0001 -> 0002 -> 0003 is unchanged.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 14:54:35.412907
"""


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
