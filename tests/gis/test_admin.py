"""`envmap admin` as an IT person runs it: init twice is the same, users are added with their
districts, listed and revoked, bad input is refused clearly, and passwords go nowhere."""

from __future__ import annotations

import io

import psycopg
import pytest
from sqlalchemy.engine import make_url

from gis import admin
from gis.cli import main


def _connect(url: str) -> psycopg.Connection:
    return psycopg.connect(
        make_url(url).set(drivername="postgresql").render_as_string(hide_password=False),
        autocommit=True,
    )


def _installed(url: str) -> dict[str, list[tuple]]:
    """What init writes: policies, triggers, grants, group memberships, district rows."""
    queries = {
        "policies": "SELECT policyname, cmd, roles::text, qual, with_check FROM pg_policies "
        "WHERE tablename = 'status_events' ORDER BY 1",
        "triggers": "SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal "
        "AND tgrelid = 'status_events'::regclass ORDER BY 1",
        "grants": "SELECT grantee, table_name, privilege_type FROM "
        "information_schema.role_table_grants WHERE grantee LIKE 'envmap\\_%' ORDER BY 1, 2, 3",
        "groups": "SELECT r.rolname, m.rolname FROM pg_auth_members a JOIN pg_roles r "
        "ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
        "WHERE r.rolname LIKE 'envmap\\_%' ORDER BY 1, 2",
        "districts": "SELECT count(*), count(DISTINCT measure_id) FROM envmap_measure_districts",
        "events": "SELECT count(*) FROM status_events",
        "meta": "SELECT key, value FROM envmap_meta ORDER BY 1",
    }
    with _connect(url) as db:
        return {name: db.execute(query).fetchall() for name, query in queries.items()}


def test_init_twice_is_the_same(shared_store, catalog):
    first = _installed(shared_store.url)
    assert len(first["policies"]) == 4 and len(first["triggers"]) == 3
    assert first["districts"][0][1] > 0
    admin.init(shared_store.url, catalog)
    assert _installed(shared_store.url) == first


def _envmap(capsys, *args: str, stdin: str = "") -> tuple[int, str, str]:
    import sys

    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(args))
    finally:
        sys.stdin = saved
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_and_revoke_a_district_editor(shared_store, capsys):
    name = f"zhang_{shared_store.tag}"
    shared_store.logins.append(name)  # dropped with the database
    password = "Tree-Lake-7781"
    code, out, err = _envmap(
        capsys, "--store", shared_store.url, "admin", "add-user", name,
        "--role", "district-editor", "--district", "武昌区", "--district", "江夏区",
        "--password-stdin", stdin=password + "\n",
    )  # fmt: skip
    assert code == 0, err
    assert password not in out + err
    with _connect(shared_store.url) as db:
        (stored,) = db.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (name,)
        ).fetchone()
    assert stored.startswith("SCRAM-SHA-256$") and password not in stored
    code, out, _ = _envmap(capsys, "--store", shared_store.url, "admin", "list-users")
    line = next(line for line in out.splitlines() if line.startswith(name))
    assert line.split() == [name, "district-editor", "active", "武昌区", "江夏区"]
    as_user = make_url(shared_store.url).set(username=name, password=password)
    with _connect(as_user.render_as_string(hide_password=False)) as db:
        assert db.execute("SELECT current_user").fetchone() == (name,)
    code, out, _ = _envmap(capsys, "--store", shared_store.url, "admin", "revoke", name)
    assert code == 0 and "revoked" in out
    with pytest.raises(psycopg.OperationalError):
        _connect(as_user.render_as_string(hide_password=False))
    code, out, _ = _envmap(capsys, "--store", shared_store.url, "admin", "list-users")
    assert next(line for line in out.splitlines() if line.startswith(name)).split() == [
        name,
        "district-editor",
        "revoked",
    ]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--role", "district-editor", "--district", "武昌"], "unknown district 武昌"),
        (["--role", "district-editor"], "needs --district"),
        (["--role", "reviewer", "--district", "武昌区"], "other roles take none"),
    ],
)
def test_bad_users_are_refused_clearly_and_nothing_is_made(shared_store, capsys, args, says):
    name = f"bad_{shared_store.tag}"
    code, _, err = _envmap(capsys, "--store", shared_store.url, "admin", "add-user", name, *args)
    assert code == 1 and says in err
    if "unknown district" in says:
        assert "江岸区" in err and "新洲区" in err  # the 13 are named
    with _connect(shared_store.url) as db:
        assert db.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone() is None


def test_roles_need_a_shared_store(tmp_path, capsys):
    code, _, err = _envmap(capsys, "--store", str(tmp_path / "s.sqlite"), "admin", "list-users")
    assert code == 1 and "PostgreSQL" in err


def test_a_password_in_the_url_never_shows_in_a_message(capsys):
    url = "postgresql+psycopg://someone:Very-Secret-9@127.0.0.1:1/nowhere"
    code, out, err = _envmap(capsys, "--store", url, "admin", "list-users")
    assert code == 1 and "Very-Secret-9" not in out + err and "***" in err
