"""Shared fixtures: the shipped catalog, loaded once, and a writable copy of data/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from gis import Catalog, load_catalog
from gis.paths import data_root


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def many_points(catalog: Catalog) -> Catalog:
    """The shipped catalog with COLUMNS_FROM + 60 plain point sites (copies of a water plant
    on a grid around it, of three kinds, some with aliases, some surveyed, some the user's),
    half of them between the shipped sites: enough to be held as columns (gis/site_table.py)."""
    from dataclasses import replace

    from shapely.geometry import Point

    from gis.model import USER_PREFIX, Kind, LocationBasis
    from gis.site_table import COLUMNS_FROM

    template = catalog.site("gangdong-water-plant")
    x, y = template.location.geometry.x, template.location.geometry.y
    kinds = (Kind.WATER_PLANT, Kind.DOCK, Kind.OUTFALL)
    extra = []
    for i in range(COLUMNS_FROM + 60):
        site_id = f"{USER_PREFIX * (i % 97 == 0)}grid-{i}"
        location = replace(
            template.location,
            place_id=site_id,
            geometry=Point(x + (i % 40) * 0.0011, y + (i // 40) * 0.0009),
            precision_m=100.0 + 50 * (i % 3),
            basis=LocationBasis.SURVEYED if i % 5 == 0 else template.location.basis,
        )
        extra.append(
            replace(
                template,
                id=site_id,
                name_zh=f"网格点{i}",
                name_en=f"Grid point {i}",
                aliases=(f"网格{i}",) if i % 7 == 0 else (),
                kind=kinds[i % 3],
                location=location,
            )
        )
    half = len(extra) // 2
    shipped = catalog.sites
    sites = (*shipped[:20], *extra[:half], *shipped[20:], *extra[half:])
    return Catalog(documents=catalog.documents, sites=sites)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break without touching the shipped files."""
    target = tmp_path / "data"
    shutil.copytree(data_root(), target)
    return target


@pytest.fixture(autouse=True)
def user_folder(tmp_path_factory, monkeypatch) -> Path:
    """Every test has its own empty user folder (imports, accepted sites, status store), so
    the commands that read the window's folder never see this machine's."""
    folder = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("ENVMAP_USER_DATA", str(folder))
    monkeypatch.delenv("ENVMAP_STORE", raising=False)
    return folder


@dataclass(frozen=True)
class CliRun:
    """What a command printed and its exit status, as `subprocess.run` reports them."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def envmap_cli(capsys, monkeypatch):
    """`envmap ARGS…` through the entry point in this process (`gis.cli.main`, as `python -m
    gis.cli` runs it, unless another `entry` is given), with the environment changes given in
    `env`; a test that is about the separate process (no Qt loaded, a blocked module, exit
    without traceback) starts one itself."""

    def run(
        *args: str,
        env: Mapping[str, str] | None = None,
        entry: Callable[[list[str]], int] | None = None,
    ) -> CliRun:
        from gis.cli import main

        main = entry or main  # `desktop.cli.main` for the desktop's commands (render, app)
        for name, value in (env or {}).items():
            if os.environ.get(name) != value:
                monkeypatch.setenv(name, value)
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse refusing the options; as Python exits with it
            if exc.code is not None and not isinstance(exc.code, int):
                print(exc.code, file=sys.stderr)
            code = 1 if exc.code is not None and not isinstance(exc.code, int) else exc.code or 0
        said = capsys.readouterr()
        return CliRun(code, said.out, said.err)

    return run


class SmallFilesystems:
    """tmpfs mounts for a test: real filesystems that fill up or turn read-only."""

    def __init__(self, base: Path) -> None:
        self.base, self.mounted = base, []

    def mount(self, size: str = "2m", name: str = "disk") -> Path:
        if os.name != "posix" or os.geteuid() != 0:
            pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
        point = self.base / name
        point.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
            capture_output=True,
            text=True,
        )
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        self.mounted.append(point)
        return point

    def remount(self, point: Path, mode: str) -> None:
        """Make a mount read-only ("ro") or writable again ("rw")."""
        subprocess.run(["mount", "-o", f"remount,{mode}", str(point)], check=True)

    def fill(self, point: Path) -> None:
        """Fill the filesystem until not a byte more fits."""
        with (point / "filler").open("wb", buffering=0) as fh:
            try:
                while True:
                    fh.write(b"\0" * 4096)
            except OSError:
                pass


@pytest.fixture
def small_filesystems(tmp_path: Path):
    """Mount tmpfs filesystems of a given size; skipped with the reason where this process
    may not mount (not root)."""
    mounts = SmallFilesystems(tmp_path)
    yield mounts
    for point in mounts.mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


NO_POSTGRES = (
    "no PostgreSQL server for this run: set ENVMAP_TEST_POSTGRES_URL "
    "(e.g. postgresql+psycopg://user@127.0.0.1/envmap_test); .ci/run starts one when it can"
)


class SharedStore:
    """A fresh database on the test server with EnvMap's roles installed (`envmap admin
    init`); `login` gives a person of a role their own login and its URL."""

    def __init__(self, server_url: str, catalog: Catalog) -> None:
        import secrets

        from sqlalchemy.engine import make_url

        from gis import admin

        self.tag = secrets.token_hex(4)
        self.server = make_url(server_url)
        self.url_object = self.server.set(database=f"envmap_roles_{self.tag}")
        self.url = self.url_object.render_as_string(hide_password=False)
        self.logins: list[str] = []
        self._admin(f"CREATE DATABASE envmap_roles_{self.tag}")
        admin.init(self.url, catalog)

    def _admin(self, statement: str) -> None:
        import psycopg

        params = self.server.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(params, autocommit=True) as db:
            db.execute(statement)

    def login(self, role: str, *districts: str, name: str = "") -> str:
        """A new login in `role` (with districts); its URL, password included (tests only)."""
        from gis import admin

        name = f"{name or role.split('-')[0]}_{self.tag}_{len(self.logins)}"
        password = f"pw-{name}"
        admin.add_user(self.url, name, role, districts, password)
        self.logins.append(name)
        return self.url_object.set(username=name, password=password).render_as_string(
            hide_password=False
        )

    def drop(self) -> None:
        self._admin(f"DROP DATABASE envmap_roles_{self.tag} WITH (FORCE)")
        for name in self.logins:
            self._admin(f'DROP ROLE IF EXISTS "{name}"')


@pytest.fixture(scope="session", autouse=True)
def postgres_database_per_worker():
    """Under pytest-xdist each worker gets its own copy of the test database (the server's
    `envmap_test` with the worker's name appended, made empty), so that tests which clear
    and fill that database never see another worker's rows."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    url = os.environ.get("ENVMAP_TEST_POSTGRES_URL")
    if not worker or not url:
        yield
        return
    import psycopg
    from sqlalchemy.engine import make_url

    server = make_url(url)
    database = f"{server.database}_{worker}"
    plain = server.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(plain, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            db.execute(f'CREATE DATABASE "{database}"')
    except psycopg.Error as exc:  # the PostgreSQL tests skip, as without a server; no others
        del os.environ["ENVMAP_TEST_POSTGRES_URL"]
        warnings.warn(f"no PostgreSQL test database for worker {worker}: {exc}", stacklevel=1)
        yield
        os.environ["ENVMAP_TEST_POSTGRES_URL"] = url
        return
    os.environ["ENVMAP_TEST_POSTGRES_URL"] = server.set(database=database).render_as_string(
        hide_password=False
    )
    yield
    os.environ["ENVMAP_TEST_POSTGRES_URL"] = url
    with psycopg.connect(plain, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture
def postgres_url() -> str:
    """The test server's URL (its owner's), or the test skips saying why."""
    import os

    url = os.environ.get("ENVMAP_TEST_POSTGRES_URL")
    if not url:
        pytest.skip(NO_POSTGRES)
    return url


@pytest.fixture(scope="module")
def shared_store(catalog: Catalog):
    """A PostgreSQL store with roles, shared by a test module, dropped with its logins."""
    import os

    url = os.environ.get("ENVMAP_TEST_POSTGRES_URL")
    if not url:
        pytest.skip(NO_POSTGRES)
    made = SharedStore(url, catalog)
    yield made
    made.drop()
