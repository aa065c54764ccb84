"""Tables of the embedded mock DigiD, so that several gunicorn workers share its key, codes and tokens.

They have their own MetaData, outside the portal's `Base` and its Alembic migrations: the mock creates them
when it is mounted (`portal.mock_digid.store`), so a production database never holds them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from portal.db import NAMING_CONVENTION


class MockBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class MockDigidKey(MockBase):
    __tablename__ = "mock_digid_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kid: Mapped[str] = mapped_column(String(64))
    private_jwk: Mapped[str] = mapped_column(Text)


class MockDigidCode(MockBase):
    __tablename__ = "mock_digid_code"

    code: Mapped[str] = mapped_column(String(128), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64))
    redirect_uri: Mapped[str] = mapped_column(String(512))
    scope: Mapped[str] = mapped_column(String(256))
    nonce: Mapped[str | None] = mapped_column(String(256), nullable=True, index=True)
    code_challenge: Mapped[str | None] = mapped_column(String(128), nullable=True)
    code_challenge_method: Mapped[str | None] = mapped_column(String(16), nullable=True)
    bsn: Mapped[str] = mapped_column(String(9))
    level: Mapped[str] = mapped_column(String(16))
    # Set when a staff member logged in (staff client); then `bsn` is empty.
    staff_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    auth_time: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class MockDigidToken(MockBase):
    __tablename__ = "mock_digid_token"

    access_token: Mapped[str] = mapped_column(String(128), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(256))
    bsn: Mapped[str] = mapped_column(String(9))
    level: Mapped[str] = mapped_column(String(16))
    staff_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
