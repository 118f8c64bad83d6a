"""`envmap admin`: what an IT person runs to set up a shared PostgreSQL status store.

`init` creates or upgrades the schema, the group roles, triggers and policies (run it twice:
the same); `add-user` gives a person their own login in one group (district editors with
their districts); `list-users`; `revoke` takes the login away but keeps the name, so that the
events it wrote stay unambiguously theirs. Run them as the database's owner (e.g. postgres).
A password is read from standard input, sent to the server only as a SCRAM verifier, and
never printed or logged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from gis import store_roles
from gis.boundaries import DISTRICT_NAMES_EN
from gis.errors import EnvMapError
from gis.failures import mask_passwords

if TYPE_CHECKING:
    from gis.model import Catalog

log = logging.getLogger(__name__)
NAME = re.compile(r"[a-z][a-z0-9_]{1,40}")


class AdminError(EnvMapError):
    """An administrator's command that cannot be done; the message says why."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    districts: tuple[str, ...]
    active: bool


def _engine(url: str) -> Engine:
    if not url.startswith("postgresql"):
        raise AdminError(
            f"{mask_passwords(url)}: roles need a shared PostgreSQL store "
            "(postgresql+psycopg://USER@HOST/DB); the single-PC SQLite store has none"
        )
    return create_engine(url, connect_args={"connect_timeout": 5})


def init(url: str, catalog: Catalog) -> None:
    """Create or upgrade the store, its roles and policies; idempotent."""
    from gis.layers import site_districts
    from gis.store import StatusStore

    store = StatusStore(url, catalog)  # the tables and the documents' events, as the owner
    try:
        store_roles.install(store.engine, catalog, site_districts(catalog))
    except DBAPIError as exc:
        raise AdminError(f"{mask_passwords(url)}: cannot install the roles: {exc.orig}") from exc
    finally:
        store.engine.dispose()


def check_districts(names: Iterable[str]) -> tuple[str, ...]:
    found = tuple(dict.fromkeys(names))
    unknown = [n for n in found if n not in DISTRICT_NAMES_EN]
    if unknown:
        raise AdminError(
            f"unknown district {', '.join(unknown)}; Wuhan's 13: {' '.join(DISTRICT_NAMES_EN)}"
        )
    return found


def _check(name: str, role: str, districts: tuple[str, ...]) -> None:
    if not NAME.fullmatch(name) or name.startswith(("pg_", "envmap_")):
        raise AdminError(
            f"login {name!r}: use lower-case letters, digits and _ (e.g. wang_wuchang), "
            "starting with a letter, not pg_ or envmap_"
        )
    if role not in store_roles.GROUPS:
        raise AdminError(f"role {role!r}: one of {', '.join(store_roles.GROUPS)}")
    if (role == "district-editor") != bool(districts):
        raise AdminError("a district editor needs --district (one or more); other roles take none")


def _is_user(db: Connection, name: str) -> bool:
    """Whether `name` is a login EnvMap made (not merely some role on the server)."""
    found = db.execute(text("SELECT 1 FROM envmap_users WHERE role_name = :n"), {"n": name})
    return found.scalar() is not None


def _installed(db: Connection, url: str) -> None:
    if db.execute(text("SELECT to_regclass('envmap_users')")).scalar() is None:
        raise AdminError(f"{mask_passwords(url)}: no roles here yet: run `envmap admin init` first")


def add_user(
    url: str, name: str, role: str, districts: Iterable[str], password: str | None
) -> None:
    """Give `name` a login in `role`'s group (again: its role, districts and password change)."""
    districts = check_districts(districts)
    _check(name, role, districts)
    engine = _engine(url)
    try:
        with engine.begin() as db:
            _installed(db, url)
            known = _is_user(db, name)
            exists = db.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
            if exists.scalar() and not known:
                raise AdminError(
                    f"{name!r} is a database role EnvMap did not create; left as it is"
                )
            verb = "ALTER" if known else "CREATE"
            statement = f'{verb} ROLE "{name}" LOGIN'
            if password is not None:
                raw = db.connection.dbapi_connection
                pgconn = raw.pgconn  # type: ignore[union-attr]
                verifier = pgconn.encrypt_password(
                    password.encode(), name.encode(), b"scram-sha-256"
                ).decode()
                statement += f" PASSWORD '{verifier}'"  # a verifier: the password stays here
            db.exec_driver_sql(statement)
            for group in store_roles.GROUPS.values():
                db.exec_driver_sql(f'REVOKE {group} FROM "{name}"')
            db.exec_driver_sql(f'GRANT {store_roles.GROUPS[role]} TO "{name}"')
            db.execute(
                text("DELETE FROM envmap_editor_districts WHERE role_name = :n"), {"n": name}
            )
            if districts:
                db.execute(
                    text("INSERT INTO envmap_editor_districts VALUES (:n, :d)"),
                    [{"n": name, "d": d} for d in districts],
                )
            db.execute(
                text(
                    "INSERT INTO envmap_users (role_name, role) VALUES (:n, :r) "
                    "ON CONFLICT (role_name) DO UPDATE SET role = :r, revoked_at = NULL"
                ),
                {"n": name, "r": role},
            )
    except DBAPIError as exc:
        raise AdminError(f"{mask_passwords(url)}: cannot add {name!r}: {_reason(exc)}") from exc
    finally:
        engine.dispose()


def list_users(url: str) -> list[User]:
    engine = _engine(url)
    try:
        with engine.connect() as db:
            _installed(db, url)
            rows = db.execute(
                text(
                    "SELECT u.role_name, u.role, u.revoked_at IS NULL AND r.rolcanlogin, "
                    "  coalesce(array_agg(d.district ORDER BY d.district) "
                    "           FILTER (WHERE d.district IS NOT NULL), '{}') "
                    "FROM envmap_users u LEFT JOIN pg_roles r ON r.rolname = u.role_name "
                    "LEFT JOIN envmap_editor_districts d ON d.role_name = u.role_name "
                    "GROUP BY u.role_name, u.role, u.revoked_at, r.rolcanlogin "
                    "ORDER BY u.role_name"
                )
            ).all()
    except DBAPIError as exc:
        raise AdminError(f"{mask_passwords(url)}: cannot list the users: {_reason(exc)}") from exc
    finally:
        engine.dispose()
    return [User(str(n), str(r), tuple(d), bool(a)) for n, r, a, d in rows]


def revoke(url: str, name: str) -> None:
    """Take the login away (sessions ended, groups left); the name stays, its events stay."""
    engine = _engine(url)
    try:
        with engine.begin() as db:
            _installed(db, url)
            known = _is_user(db, name)
            if not known:
                raise AdminError(f"no EnvMap user {name!r} (`envmap admin list-users`)")
            db.exec_driver_sql(f'ALTER ROLE "{name}" NOLOGIN PASSWORD NULL')
            for group in store_roles.GROUPS.values():
                db.exec_driver_sql(f'REVOKE {group} FROM "{name}"')
            db.execute(
                text("DELETE FROM envmap_editor_districts WHERE role_name = :n"), {"n": name}
            )
            db.execute(
                text("UPDATE envmap_users SET revoked_at = now() WHERE role_name = :n"), {"n": name}
            )
        _end_sessions(engine, name)
    except DBAPIError as exc:
        raise AdminError(f"{mask_passwords(url)}: cannot revoke {name!r}: {_reason(exc)}") from exc
    finally:
        engine.dispose()


def _end_sessions(engine: Engine, name: str) -> None:
    """Sessions still open end now; without the right to end them, when they close."""
    try:
        with engine.begin() as db:
            db.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :n"),
                {"n": name},
            )
    except DBAPIError as exc:
        log.warning("%s's open sessions stay until they close: %s", name, _reason(exc))


def _reason(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
