"""Imported documents and accepted sites shared through the office's PostgreSQL store, so that
every PC shows the same map and ledger. The user folder stays the working copy (the catalog,
the reviews and the window read it as on a single PC); `sync` sends what this PC has that the
server lacks and brings what other PCs shared. Rows are only ever added, like events: the
server stamps who shared them. SQLite stores share nothing (single-PC, offline as before)."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from gis import atomic
from gis.locks import exclusive
from gis.user_catalog import _site
from gis.user_folder import UserFolder, read_accepted

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)
SHARED_TABLES = frozenset({"envmap_documents", "envmap_accepted"})
_SAFE_ID = re.compile(r"[\w-]{1,150}")  # as user_catalog.document_id makes them
TABLES = """
CREATE TABLE IF NOT EXISTS envmap_documents (
  id varchar(200) PRIMARY KEY, body text NOT NULL, document_date varchar(10) NOT NULL,
  shared_by name NOT NULL DEFAULT current_user, shared_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS envmap_accepted (
  document varchar(200) NOT NULL REFERENCES envmap_documents (id), uid varchar(40) NOT NULL,
  record text NOT NULL, shared_by name NOT NULL DEFAULT current_user,
  shared_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (document, uid));
"""
GRANTS = """
REVOKE ALL ON envmap_documents, envmap_accepted FROM PUBLIC;
GRANT SELECT ON envmap_documents, envmap_accepted TO envmap_viewer;
GRANT INSERT ON envmap_documents, envmap_accepted
  TO envmap_district_editor, envmap_reviewer, envmap_admin;
"""


def create_tables(db: Connection) -> None:
    """The two tables (idempotent); `admin init` also grants them to the roles."""
    if db.execute(text("SELECT to_regclass('envmap_accepted')")).scalar() is None:
        db.connection.dbapi_connection.cursor().execute(TABLES)  # type: ignore[union-attr]


def sync(engine: Engine, folder: Path, send: bool = True) -> bool:
    """Send (unless `send` is False: a viewer's) this PC's documents and accepted sites the
    server lacks, bring the others'; True when the user folder changed (the window then
    reloads its catalog)."""
    if engine.dialect.name != "postgresql":
        return False
    user = UserFolder(folder)
    local = _read_accepted(user)
    if send:
        with engine.begin() as db:
            if db.execute(text("SELECT to_regclass('envmap_accepted')")).scalar() is None:
                create_tables(db)
            _send(db, user, local)
    with engine.connect() as db:
        if db.execute(text("SELECT to_regclass('envmap_accepted')")).scalar() is None:
            return False
        return _bring(db, user, local)


def _send(db: Connection, user: UserFolder, local: list[dict[str, Any]]) -> None:
    rows = db.execute(text("SELECT id, md5(body) FROM envmap_documents")).all()
    bodies: dict[str, str] = {str(i): str(h) for i, h in rows}
    shared = {tuple(r) for r in db.execute(text("SELECT document, uid FROM envmap_accepted"))}
    for record in local:
        ident, uid = str(record["document"]), str(record.get("uid"))
        if (ident, uid) in shared:
            continue
        body = user.document(ident).read_text("utf-8")
        if ident in bodies and bodies[ident] != hashlib.md5(body.encode()).hexdigest():
            log.warning("%s: another PC shared a different document under this name", ident)
            continue  # its sites stay on this PC rather than quote the wrong text
        if ident not in bodies:
            db.execute(
                text(
                    "INSERT INTO envmap_documents (id, body, document_date) VALUES (:i, :b, :d) "
                    "ON CONFLICT (id) DO NOTHING"
                ),
                {"i": ident, "b": body, "d": record["document_date"]},
            )
            bodies[ident] = hashlib.md5(body.encode()).hexdigest()
        db.execute(
            text(
                "INSERT INTO envmap_accepted (document, uid, record) VALUES (:d, :u, :r) "
                "ON CONFLICT DO NOTHING"
            ),
            {"d": ident, "u": uid, "r": json.dumps(record, ensure_ascii=False)},
        )


def _bring(db: Connection, user: UserFolder, local: list[dict[str, Any]]) -> bool:
    have = {(str(r["document"]), str(r.get("uid"))) for r in local}
    rows = db.execute(
        text(
            "SELECT a.document, a.uid, a.record, d.body FROM envmap_accepted a "
            "JOIN envmap_documents d ON d.id = a.document ORDER BY a.shared_at, a.document, a.uid"
        )
    ).all()
    arrived = []
    for ident, uid, record, body in rows:
        if (ident, uid) in have:
            continue
        if not _SAFE_ID.fullmatch(str(ident)):  # a name is a file name here: no path in it
            log.warning("shared document %r left out: not a plain document name", ident)
            continue
        copy = user.document(ident)
        if copy.exists() and copy.read_text("utf-8") != body:
            log.warning("%s: differs from the shared document %s; kept as it is", copy, ident)
            continue
        try:
            received = json.loads(record)
            received["document"], received["uid"] = ident, uid  # as the server filed it
            _site(received, "shared-check", copy)  # every field a site is built from
            problem = _quote_problem(received, body)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            log.warning(
                "shared site %s/%s left out: not a site this EnvMap reads (%s)", ident, uid, exc
            )
            continue
        if problem:  # every fact the map shows quotes its document: this one does not
            log.warning("shared site %s/%s left out: %s", ident, uid, problem)
            continue
        if not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_text(copy, body)
        arrived.append(received)
        have.add((ident, uid))
    if arrived:  # in one order on every PC, so that the same place is the same site
        with exclusive(user.accepted):  # a review finished meanwhile is read, not lost
            merged = sorted([*_read_accepted(user), *arrived], key=_order)
            atomic.write_text(user.accepted, json.dumps(merged, ensure_ascii=False, indent=1))
    return bool(arrived)


def _quote_problem(record: dict[str, Any], body: str) -> str | None:
    """Why a shared record's evidence is not verbatim in its document, or None."""
    from gis.documents import split_paragraphs

    paragraphs = split_paragraphs(body)
    for measure in record.get("measures", []):
        for piece in [measure["evidence"], *measure.get("evidence_continued", [])]:
            number, quote = piece["paragraph"], piece["quote"]
            if not (1 <= number <= len(paragraphs)) or quote not in paragraphs[number - 1]:
                return f"“{quote}” is not in ¶{number}"
    return None


def _order(record: dict[str, Any]) -> tuple[str, str, str]:
    return (str(record.get("document_date")), str(record["document"]), str(record.get("uid")))


def _read_accepted(user: UserFolder) -> list[dict[str, Any]]:
    if not user.accepted.exists():
        return []
    return read_accepted(user.accepted.read_bytes())
