"""The signature that tells whether a picture of the last start's map still shows the data."""

from __future__ import annotations

import os
import shutil

from gis.data_signature import data_signature
from gis.paths import data_root
from gis.store import StatusStore
from gis.user_folder import UserFolder


def test_the_signature_changes_with_the_data_and_only_with_it(tmp_path, catalog):
    data = tmp_path / "data"
    shutil.copytree(data_root(), data)
    user = tmp_path / "user"
    user.mkdir()
    first = data_signature(data, user)
    assert data_signature(data, user) == first  # nothing changed, nothing read differently

    sites = next(data.glob("catalog/*.yaml"))
    stat = sites.stat()
    os.utime(sites, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    edited = data_signature(data, user)
    assert edited != first  # a data file rewritten

    UserFolder(user).accepted.write_text("[]", encoding="utf-8")
    accepted = data_signature(data, user)
    assert accepted != edited  # the user accepted a site

    store = StatusStore(UserFolder(user).store, catalog)
    opened = data_signature(data, user)
    measure = catalog.measures()[0].id
    store.set_status(measure, "in_progress", "2018-01-10", "开工", author="clerk")
    assert data_signature(data, user) != opened  # a status recorded in the user's store

    other = tmp_path / "other"
    shutil.copytree(data, other, copy_function=shutil.copy2)
    assert data_signature(other, user) != data_signature(data, user)  # another folder


def test_a_new_program_changes_the_signature_and_compiled_files_do_not(tmp_path):
    data, code = tmp_path / "data", tmp_path / "code"
    shutil.copytree(data_root(), data)
    code.mkdir()
    (code / "canvas.py").write_text("drawn = 'old'\n", "utf-8")
    first = data_signature(data, None, (code,))
    (code / "__pycache__").mkdir()
    (code / "__pycache__" / "canvas.cpython-311.pyc").write_bytes(b"compiled")
    assert data_signature(data, None, (code,)) == first  # loading a module changes nothing
    (code / "canvas.py").write_text("drawn = 'new version'\n", "utf-8")
    assert data_signature(data, None, (code,)) != first  # an upgrade: the old picture is stale
