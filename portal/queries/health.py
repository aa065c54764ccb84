from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.db import get_session


def database_ok() -> bool:
    try:
        get_session().execute(text("SELECT 1"))
    except SQLAlchemyError:
        return False
    return True
