"""Who may change what in a shared PostgreSQL status store, enforced by the server itself.

Four group roles (viewer, district editor, reviewer, administrator); each person logs in as
their own role, a member of one group. The server stamps every event with the role that wrote
it, refuses any UPDATE, DELETE or TRUNCATE of events (privileges revoked and a trigger), and
row-level security limits a district editor's INSERTs to the measures and sites of their
districts (read from `envmap_editor_districts` by `current_user`). A reviewer may close out
(已销号) or send a reported completion back with a reason; a district editor's completion
waits for that acceptance (待验收). `install` writes all of it and can run any number of times.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from gis import shared_documents
from gis import status_rules as rules
from gis.boundaries import DISTRICT_NAMES_EN
from gis.model import Catalog, Kind, Status

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

# The user-facing role names and the PostgreSQL group role behind each.
GROUPS = {
    "viewer": "envmap_viewer",
    "district-editor": "envmap_district_editor",
    "reviewer": "envmap_reviewer",
    "admin": "envmap_admin",
}
ROLE_WORDS = {
    "viewer": "查看者 viewer",
    "district-editor": "区编辑 district editor",
    "reviewer": "审核人 reviewer",
    "admin": "管理员 administrator",
    "owner": "数据库所有者 database owner",
}
ROLE_TABLES = frozenset(
    {"envmap_measure_districts", "envmap_site_districts", "envmap_editor_districts", "envmap_users"}
)
# A reviewer's rejection is an event back to 推进中 whose note starts so; the policy checks it.
REJECTION_PREFIX = "退回 rejected: "
EDITOR_STATUSES = (Status.PLANNED, Status.IN_PROGRESS, Status.COMPLETED)


@dataclass(frozen=True)
class Identity:
    """The person connected to a shared store: login, role and (district editors) districts."""

    login: str
    role: str  # a key of ROLE_WORDS
    districts: tuple[str, ...] = ()

    @property
    def words(self) -> str:
        where = f"（{'、'.join(self.districts)}）" if self.districts else ""
        return f"{ROLE_WORDS[self.role]}{where}"

    @property
    def may_write_anything(self) -> bool:
        return self.role in ("admin", "owner")

    def status_refusal(self, status: Status, measure_districts: Iterable[str]) -> str | None:
        """Why this person may not record `status` for a measure in those districts (Chinese
        and English), or None when the server will accept it."""
        if self.may_write_anything:
            return None
        if self.role == "viewer":
            return "查看者只能查看，不能记录状态。 A viewer may look but not record statuses."
        if self.role == "reviewer":
            if status is Status.CLOSED_OUT:
                return None
            return (
                "审核人只能销号或退回待验收的完成报告。 A reviewer may close out or send back a "
                "reported completion, nothing else."
            )
        if status not in EDITOR_STATUSES:
            return (
                "区编辑不能销号：完成后由审核人验收销号。 A district editor may not close out: "
                "a reviewer accepts the completion."
            )
        if not set(measure_districts) & set(self.districts):
            mine = "、".join(self.districts) or "无"
            return (
                f"这项措施不在您负责的区（{mine}）。 This measure is not in your districts "
                f"({', '.join(DISTRICT_NAMES_EN.get(d, d) for d in self.districts) or 'none'})."
            )
        return None

    @property
    def may_review(self) -> bool:
        return self.role in ("reviewer", "admin", "owner")


def identity(db: Connection) -> Identity | None:
    """Who is connected, when the store has roles installed; None when it has none (then it
    works as before: anyone who can connect may record)."""
    installed = db.execute(text("SELECT to_regclass('envmap_editor_districts')")).scalar()
    if installed is None:
        return None
    login = str(db.execute(text("SELECT current_user")).scalar())
    owner = db.execute(
        text(
            "SELECT pg_has_role(current_user, pg_get_userbyid(relowner), 'MEMBER') "
            "FROM pg_class WHERE oid = 'status_events'::regclass"
        )
    ).scalar()
    role = "owner" if owner else "none"
    if not owner:
        for name in ("admin", "reviewer", "district-editor", "viewer"):
            member = db.execute(
                text("SELECT pg_has_role(current_user, :group, 'MEMBER')"), {"group": GROUPS[name]}
            ).scalar()
            if member:
                role = name
                break
    if role == "none":
        role = "viewer"  # may connect but is in no group: the server lets them do nothing
    districts = db.execute(
        text(
            "SELECT district FROM envmap_editor_districts WHERE role_name = current_user "
            "ORDER BY district"
        )
    ).scalars()
    return Identity(login, role, tuple(str(d) for d in districts))


def rejection_note(reason: str) -> str:
    """The note of a reviewer's rejection; a rejection needs its reason."""
    if not reason.strip():
        raise ValueError("a rejection needs its reason (退回需说明理由)")
    return REJECTION_PREFIX + reason.strip()


def rejection_reason(note: str) -> str | None:
    return note.removeprefix(REJECTION_PREFIX) if note.startswith(REJECTION_PREFIX) else None


def refusal_sentence(detail: str, who: Identity | None, reason: str | None = None) -> str:
    """The server's refusal of a write as a sentence, Chinese then English; `reason` (from
    `explain`) says which rule it was when known."""
    if "append-only" in detail:
        return (
            "服务器拒绝：记录只能追加，不能修改或删除。 The server refused: events are append-only."
        )
    person = f"{who.login}（{who.words}）" if who else "此登录"
    person_en = f"{who.login} ({ROLE_WORDS[who.role].split(' ', 1)[1]})" if who else "this login"
    if reason:
        return f"服务器拒绝 {person}： The server refused {person_en}: {reason}"
    return (
        f"服务器拒绝：{person}无权写入这条记录。 The server refused: {person_en} may not "
        f"record this (another district's measure, or a status the role may not set)."
    )


def explain(db: Connection, who: Identity | None, row: Mapping[str, Any]) -> str | None:
    """Which rule refuses `row` (an event's columns) for this person, when one does."""
    if who is None:
        return None
    if row.get("kind") == "location":
        districts = db.execute(
            text("SELECT district FROM envmap_site_districts WHERE site_id = :s"),
            {"s": row.get("site_id")},
        ).scalars()
        return who.status_refusal(Status.IN_PROGRESS, [str(d) for d in districts])
    districts = db.execute(
        text("SELECT district FROM envmap_measure_districts WHERE measure_id = :m"),
        {"m": row.get("measure_id")},
    ).scalars()
    return who.status_refusal(Status(str(row.get("status"))), [str(d) for d in districts])


# -- installing -----------------------------------------------------------------------------

# Roles belong to the whole server, the advisory lock to one database: an `init` of another
# database on the same server may create the group between the check and the CREATE.
_GROUP_DDL = """
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN
    CREATE ROLE {name} NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$"""

_TABLES = """
CREATE TABLE IF NOT EXISTS envmap_measure_districts (
  measure_id varchar(200) NOT NULL, district varchar(20) NOT NULL,
  PRIMARY KEY (measure_id, district));
CREATE TABLE IF NOT EXISTS envmap_site_districts (
  site_id varchar(200) NOT NULL, district varchar(20) NOT NULL,
  PRIMARY KEY (site_id, district));
CREATE TABLE IF NOT EXISTS envmap_editor_districts (
  role_name name NOT NULL, district varchar(20) NOT NULL, PRIMARY KEY (role_name, district));
CREATE TABLE IF NOT EXISTS envmap_users (
  role_name name PRIMARY KEY, role varchar(20) NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(), revoked_at timestamptz);
ALTER TABLE status_events ALTER COLUMN author SET DEFAULT current_user;
"""

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION envmap_may_write_anything() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT pg_has_role(current_user, 'envmap_admin', 'MEMBER')
      OR pg_has_role(current_user, (SELECT pg_get_userbyid(relowner) FROM pg_class
                                    WHERE oid = 'status_events'::regclass), 'MEMBER') $$;
CREATE OR REPLACE FUNCTION envmap_stamp_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The author is the role that writes; only an administrator's document events keep theirs.
  IF NOT (envmap_may_write_anything() AND NEW.author LIKE 'document%') THEN
    NEW.author := current_user;
    NEW.recorded_at := to_char(clock_timestamp() AT TIME ZONE 'UTC',
                               'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"');
  END IF;
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION envmap_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'status events are append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE OR REPLACE TRIGGER envmap_stamp_event BEFORE INSERT ON status_events
  FOR EACH ROW EXECUTE FUNCTION envmap_stamp_event();
CREATE OR REPLACE TRIGGER envmap_append_only BEFORE UPDATE OR DELETE ON status_events
  FOR EACH ROW EXECUTE FUNCTION envmap_append_only();
CREATE OR REPLACE TRIGGER envmap_no_truncate BEFORE TRUNCATE ON status_events
  FOR EACH STATEMENT EXECUTE FUNCTION envmap_append_only();
"""


def latest_status_query(measure: str) -> str:
    """The status that holds for the measure `measure` (an SQL expression: a parameter or a
    function argument) as one SELECT that SQLite and PostgreSQL both run.

    The rule is gis.status_rules.holding_event's; this is its copy in SQL only because a
    shared store's server must enforce the reviewer's rejection policy below itself (a
    client's word is not enough), and the server cannot call Python. So it is generated from
    the rule's own names (the statuses, the author prefix, the order columns), and
    tests/gis/test_status_rules_sql.py proves both agree on every pair of statuses and
    authors, on SQLite and PostgreSQL. The last event in order holds, except that a
    document's completion after a close-out leaves the close-out holding: the latest event
    unless it is such a completion and the latest other event is a close-out."""
    newest_first = ", ".join(f"{column} DESC" for column in rules.ORDER_COLUMNS)
    prefix = rules.NOT_UNDONE_BY_AUTHORS
    return f"""
  WITH events AS (
    SELECT status, {", ".join(rules.ORDER_COLUMNS)},
           status = '{rules.NOT_UNDONE_BY.value}'
             AND substr(author, 1, {len(prefix)}) = '{prefix}' AS not_undoing
    FROM status_events WHERE measure_id = {measure} AND kind = 'status'),
  latest AS (
    SELECT status, not_undoing FROM events ORDER BY {newest_first} LIMIT 1),
  latest_other AS (
    SELECT status FROM events WHERE NOT not_undoing ORDER BY {newest_first} LIMIT 1)
  SELECT CASE WHEN latest.not_undoing AND latest_other.status = '{rules.KEPT.value}'
              THEN latest_other.status ELSE latest.status END
  FROM latest LEFT JOIN latest_other ON 1 = 1"""


# The status that holds, as gis.status_rules decides it; the reviewer's rejection policy
# below depends on it.
_LATEST_STATUS = f"""
CREATE OR REPLACE FUNCTION envmap_latest_status(measure text) RETURNS text
LANGUAGE sql STABLE AS $${latest_status_query("measure")} $$;
"""

# The rules above as the server enforces them: a district editor's statuses, a reviewer's
# close-out or rejection (its note starting with REJECTION_PREFIX and a reason).
_POLICIES = """
ALTER TABLE status_events ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS envmap_read ON status_events;
CREATE POLICY envmap_read ON status_events FOR SELECT TO envmap_viewer USING (true);
DROP POLICY IF EXISTS envmap_district_write ON status_events;
CREATE POLICY envmap_district_write ON status_events FOR INSERT TO envmap_district_editor
WITH CHECK (
  author = current_user AND sequence <= 1 AND as_of <= current_date AND CASE kind
    WHEN 'status' THEN status IN ({editor_statuses}) AND EXISTS (
      SELECT 1 FROM envmap_measure_districts md JOIN envmap_editor_districts ed
        ON ed.district = md.district
      WHERE md.measure_id = status_events.measure_id AND ed.role_name = current_user)
    WHEN 'location' THEN EXISTS (
      SELECT 1 FROM envmap_site_districts sd JOIN envmap_editor_districts ed
        ON ed.district = sd.district
      WHERE sd.site_id = status_events.site_id AND ed.role_name = current_user)
    ELSE false END);
DROP POLICY IF EXISTS envmap_review ON status_events;
CREATE POLICY envmap_review ON status_events FOR INSERT TO envmap_reviewer
WITH CHECK (
  author = current_user AND sequence <= 1 AND as_of <= current_date AND kind = 'status' AND (
    status = '{closed_out}'
    OR (status = '{in_progress}' AND note LIKE '{rejected}_%'
        AND envmap_latest_status(measure_id) = '{completed}')));
DROP POLICY IF EXISTS envmap_admin_write ON status_events;
CREATE POLICY envmap_admin_write ON status_events FOR INSERT TO envmap_admin WITH CHECK (true);
""".format(
    editor_statuses=", ".join(f"'{s.value}'" for s in EDITOR_STATUSES),
    closed_out=Status.CLOSED_OUT.value,
    in_progress=Status.IN_PROGRESS.value,
    completed=Status.COMPLETED.value,
    rejected=REJECTION_PREFIX,
)

_GRANTS = """
GRANT envmap_viewer TO envmap_district_editor, envmap_reviewer, envmap_admin;
REVOKE ALL ON status_events, envmap_meta, envmap_measure_districts, envmap_site_districts,
  envmap_editor_districts, envmap_users FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON status_events FROM envmap_viewer, envmap_district_editor,
  envmap_reviewer, envmap_admin;
GRANT SELECT ON status_events, envmap_meta, envmap_measure_districts, envmap_site_districts,
  envmap_editor_districts, envmap_users TO envmap_viewer;
GRANT INSERT ON status_events TO envmap_district_editor, envmap_reviewer, envmap_admin;
"""


def install(engine: Engine, catalog: Catalog, site_districts: Mapping[str, Iterable[str]]) -> None:
    """Create or bring up to date the roles, tables, triggers, policies and the
    measure→district table (from `site_districts`, the spatial join's answer)."""
    with engine.begin() as db:
        # Two administrators running this at once wait for each other here.
        db.execute(text("SELECT pg_advisory_xact_lock(1955019)"))
        for group in GROUPS.values():
            db.execute(text(_GROUP_DDL.format(name=group)))
        cursor = db.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        for block in (_TABLES, _FUNCTIONS, _LATEST_STATUS, _POLICIES, _GRANTS):
            cursor.execute(block)  # no parameters: several statements, `%` taken as it is
        shared_documents.create_tables(db)
        cursor.execute(shared_documents.GRANTS)
        fill_districts(db, catalog, site_districts)
        db.execute(
            text(
                "INSERT INTO envmap_meta (key, value) VALUES ('roles', '1') "
                "ON CONFLICT (key) DO NOTHING"
            )
        )


def fill_districts(
    db: Connection, catalog: Catalog, site_districts: Mapping[str, Iterable[str]]
) -> None:
    """The measure→district and site→district tables the policies read, from the catalog.
    City-wide items are the bureau's: no district editor writes them."""
    local = [s for s in catalog.sites if s.kind is not Kind.CITYWIDE]
    sites = [
        {"site": site.id, "district": d}
        for site in local
        for d in sorted(set(site_districts.get(site.id, ())))
    ]
    measures = [
        {"measure": m.id, "district": d}
        for site in local
        for m in site.measures
        for d in sorted(set(site_districts.get(site.id, ())))
    ]
    db.execute(text("DELETE FROM envmap_site_districts"))
    db.execute(text("DELETE FROM envmap_measure_districts"))
    if sites:
        db.execute(
            text("INSERT INTO envmap_site_districts VALUES (:site, :district)"),
            sites,
        )
    if measures:
        db.execute(
            text(
                "INSERT INTO envmap_measure_districts VALUES (:measure, :district) "
                "ON CONFLICT DO NOTHING"
            ),
            measures,
        )
