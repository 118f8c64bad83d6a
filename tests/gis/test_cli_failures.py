"""Every failure a user can cause at the command line ends in one line naming what and where,
and exit 1 (bad input) or 2 (usage); never a traceback. The geocoder's failures leave one
candidate unresolved with a note while the rest of the `extract` run goes on."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from gis.cli import main
from gis.store import StatusStore


def _one_line_failure(capsys) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("envmap: ") and "Traceback" not in err
    return lines[0]


def test_a_data_folder_that_does_not_exist(capsys, tmp_path):
    missing = tmp_path / "nonexistent"
    for command in (["validate"], ["export", "html", str(tmp_path / "m.html")], ["sites"]):
        assert main(["--data", str(missing), *command]) == 1
        line = _one_line_failure(capsys)
        assert str(missing) in line and "no such data folder" in line


def test_a_missing_output_folder(capsys, tmp_path):
    out = tmp_path / "no-such-folder" / "sites.geojson"
    assert main(["--catalog-only", "export", "geojson", str(out)]) == 1
    line = _one_line_failure(capsys)
    assert "no-such-folder" in line and "no such file or folder" in line


@pytest.mark.parametrize(
    "command",
    [
        ["export", "html"],
        ["export", "gpkg"],
        ["export", "xlsx"],
        ["export", "csv"],
        ["status", "export"],
        ["status", "export-events"],
    ],
)
def test_a_missing_output_folder_is_named_not_a_temporary_file(capsys, catalog, tmp_path, command):
    """The user's folder is named, never the hidden temporary file the write would have used."""
    folder = tmp_path / "no-such-folder"
    out = folder / "wuhan.out"
    StatusStore(tmp_path / "status.sqlite", catalog).engine.dispose()
    store = ["--store", str(tmp_path / "status.sqlite")] if command[0] == "status" else []
    assert main(["--catalog-only", *store, *command, str(out)]) == 1
    line = _one_line_failure(capsys)
    assert line == f"envmap: {out}: no such file or folder"


@pytest.mark.parametrize(
    "command",
    [
        ["sites"],
        ["export", "xlsx", "ledger.xlsx"],
        ["status", "history", "jiangxia-7"],
        ["status", "export", "ledger.xlsx"],
        ["status", "export-events", "events.jsonl"],
    ],
)
def test_a_named_store_that_is_not_there_is_an_error_when_reading(
    capsys, tmp_path, monkeypatch, command
):
    """A mistyped --store, or a shared drive that is not connected, must not read as a store
    with no recorded statuses: the ledger would silently lose them."""
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "Z-drive" / "status.sqlite"
    assert main(["--store", str(missing), *command]) == 1
    line = _one_line_failure(capsys)
    assert line.startswith(f"envmap: {missing}: no such status store")
    assert not missing.parent.exists() and not (tmp_path / command[-1]).exists()
    monkeypatch.setenv("ENVMAP_STORE", str(missing))
    assert main(command) == 1
    assert str(missing) in _one_line_failure(capsys)


def test_recording_into_a_named_store_that_is_not_there_creates_it(capsys, tmp_path):
    new = tmp_path / "new" / "status.sqlite"
    done = ["status", "set", "jiangxia-7", "in_progress", "--date", "2018-01-10"]
    assert main(["--store", str(new), *done]) == 0
    assert new.is_file()
    assert main(["--store", str(new), "status", "history", "jiangxia-7"]) == 0
    assert "in_progress" in capsys.readouterr().out


def test_closing_out_on_an_attachment_that_is_not_there_is_refused(capsys, tmp_path):
    store = ["--store", str(tmp_path / "status.sqlite")]
    missing = tmp_path / "验收报告.pdf"
    close = ["status", "set", "jiangxia-7", "closed_out", "--date", "2018-01-10"]
    assert main([*store, *close, "--attachment", str(missing)]) == 1
    assert _one_line_failure(capsys) == f"envmap: {missing}: no such file (--attachment)"
    missing.write_bytes(b"%PDF-1.4\n")
    assert main([*store, *close, "--attachment", str(missing)]) == 0
    assert main([*store, "status", "history", "jiangxia-7"]) == 0
    assert "closed_out" in capsys.readouterr().out


def test_an_unknown_document_is_one_envmap_line_naming_the_known_ones(capsys):
    assert main(["paragraphs", "no-such-document"]) == 2
    line = _one_line_failure(capsys)
    assert "'no-such-document'" in line and "known: " in line


def test_an_unknown_district_in_a_filter_is_a_usage_error_not_an_empty_map(capsys, tmp_path):
    out = tmp_path / "map.html"
    assert main(["--catalog-only", "export", "html", str(out), "--filter", "district=洪山"]) == 2
    line = _one_line_failure(capsys)
    assert "'洪山'" in line and "洪山区" in line and "江夏区" in line
    assert not out.exists()
    assert main(["--catalog-only", "export", "html", str(out), "--filter", "district=洪山区"]) == 0


def test_a_status_set_without_author_records_the_windows_login(capsys, tmp_path, monkeypatch):
    """Windows names its user in USERNAME (there is no USER): that login is the author."""
    for name in ("LOGNAME", "USER", "LNAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("USERNAME", "wang.wuchang")
    store = ["--store", str(tmp_path / "status.sqlite")]
    done = ["status", "set", "jiangxia-7", "in_progress", "--date", "2018-01-10"]
    assert main([*store, *done]) == 0
    assert main([*store, "status", "history", "jiangxia-7"]) == 0
    recorded = [line for line in capsys.readouterr().out.splitlines() if "2018-01-10" in line]
    assert recorded and "wang.wuchang" in recorded[-1]


def test_an_unreadable_catalog_file_and_input_files(capsys, data_copy, tmp_path):
    water = data_copy / "catalog" / "water.yaml"
    water.unlink()
    water.mkdir()  # read by root too, unlike a chmod 000 file: a folder where a file should be
    assert main(["--data", str(data_copy), "validate"]) == 1
    err = capsys.readouterr().err
    assert f"{water}: file: cannot be read" in err and "Traceback" not in err
    assert main(["--catalog-only", "status", "import-events", str(tmp_path)]) == 1
    assert str(tmp_path) in _one_line_failure(capsys)
    assert main(["extract", str(tmp_path / "absent.txt")]) == 1
    assert "absent.txt" in _one_line_failure(capsys)


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["export", "shapefile", "x.shp"])
    assert stopped.value.code == 2
    assert main(["export", "geojson", "x.geojson", "--embed-key"]) == 2
    capsys.readouterr()
    assert main(["--catalog-only", "export", "html", "x.html", "--filter", "colour=red"]) == 2
    assert "--filter 'colour=red'" in _one_line_failure(capsys)


@pytest.fixture
def small_disk(tmp_path):
    """A real 64 KB filesystem (tmpfs) to fill; skipped where mounting is not allowed."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    target = tmp_path / "small"
    target.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(target)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield target
    subprocess.run(["umount", str(target)], check=True)


def test_a_full_disk(capsys, small_disk):
    out = small_disk / "map.html"
    assert main(["--catalog-only", "export", "html", str(out)]) == 1
    line = _one_line_failure(capsys)
    assert "map.html" in line and "the disk is full" in line


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_postgresql_server_that_is_down(capsys):
    pytest.importorskip("psycopg")
    url = f"postgresql+psycopg://envmap:Down_Pw_4711@127.0.0.1:{_free_port()}/envmap"
    assert main(["--catalog-only", "--store", url, "status", "history", "jiangan-1"]) == 1
    line = _one_line_failure(capsys)
    assert "127.0.0.1" in line and "Down_Pw_4711" not in line
    assert "envmap:***@127.0.0.1" in line


def test_a_password_given_as_a_query_parameter_is_masked(capsys):
    """libpq takes the password as a URL's query parameter too: it is masked as well."""
    pytest.importorskip("psycopg")
    port = _free_port()
    url = (
        f"postgresql+psycopg://envmap@127.0.0.1:{port}/envmap?password=Query_Pw_31&sslmode=disable"
    )
    assert main(["--catalog-only", "--store", url, "status", "history", "jiangan-1"]) == 1
    line = _one_line_failure(capsys)
    assert f"127.0.0.1:{port}" in line and "sslmode=disable" in line and "Query_Pw_31" not in line


def test_libpq_connection_strings_have_their_password_masked():
    from gis.failures import mask_passwords

    shown = mask_passwords(
        'connection to "host=db.office password=Pq_Pw_8 port=5432" and '
        "\"host=db password='two words' user=envmap\" failed; PGPASSWORD=Env_Pw_9 was set"
    )
    assert not any(secret in shown for secret in ("Pq_Pw_8", "two words", "Env_Pw_9"))
    assert "host=db.office password=*** port=5432" in shown and "user=envmap" in shown
    shown = mask_passwords("http://proxy.office/pac?user=a&pwd=Pac_Pw_1&x=1 ftp://h/?passwd=F_Pw_2")
    assert "Pac_Pw_1" not in shown and "F_Pw_2" not in shown and "&x=1" in shown


def test_the_command_prints_no_traceback_as_a_process(tmp_path):
    """The same as a user runs it: a separate process, stderr one line, exit 1."""
    done = subprocess.run(
        [sys.executable, "-m", "gis.cli", "--data", str(tmp_path / "nope"), "validate"],
        capture_output=True,
        text=True,
        env={**os.environ, "ENVMAP_USER_DATA": str(tmp_path / "user")},
    )
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "nope" in done.stderr


# --- The online geocoder failing, on a real HTTP server --------------------------------------


class _Flaky(BaseHTTPRequestHandler):
    """HTTP 500 for one name, a reply too slow for another, not-JSON for a third."""

    def do_GET(self):
        keyword = json.loads(parse_qs(urlparse(self.path).query)["ds"][0])["keyWord"]
        if "鑫达" in keyword:
            self.send_response(500)
            self.end_headers()
            return
        if "宏远" in keyword:
            time.sleep(1.0)
        body = b"<html>busy</html>" if "汉丰" in keyword else b'{"status": "0"}'
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_geocoder_failures_leave_candidates_unresolved_and_the_run_goes_on(catalog, tmp_path):
    from gis.extract.pipeline import extract_file
    from gis.geocode import GazetteerGeocoder, OnlineGeocoder

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/geocoder"
        online = OnlineGeocoder("tianditu", "k", endpoint=url, timeout_s=0.3)
        notice = tmp_path / "notice.txt"
        notice.write_text(
            "关于码头整治的通报\n一、鑫达建材码头已于2023年6月完成拆除。\n"
            "二、宏远砂石码头正在整改，计划2023年底前完成。\n三、汉丰货运码头已关停。\n"
            "四、良久商贸码头已搬迁。\n",
            encoding="utf-8",
        )
        records, _ = extract_file(notice, GazetteerGeocoder(catalog, online))
    finally:
        server.shutdown()
        server.server_close()
    by_name = {r["name_simplified"]: r for r in records}
    notes = {
        "鑫达建材码头": "HTTP 500",
        "宏远砂石码头": "did not answer",
        "汉丰货运码头": "not JSON",
    }
    for name, why in notes.items():
        assert by_name[name]["geocode_source"] == "unresolved"
        assert by_name[name]["lon"] is None
        assert why in by_name[name]["geocode_note"]
    assert by_name["良久商贸码头"]["geocode_source"] == "gazetteer:exact"  # the run went on


def test_logged_urls_have_their_password_masked():
    import io
    import logging

    from gis.failures import MaskPasswords, mask_passwords

    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.addFilter(MaskPasswords())
    log = logging.getLogger("envmap.test-mask")
    log.addHandler(handler)
    try:
        log.warning("cannot reach %s", "postgresql+psycopg://envmap:Log_Pw_77@db.office/envmap")
    finally:
        log.removeHandler(handler)
    assert "Log_Pw_77" not in written.getvalue()
    assert "postgresql+psycopg://envmap:***@db.office/envmap" in written.getvalue()
    assert (
        mask_passwords("see http://a:b@c and sqlite:////x/y")
        == "see http://a:***@c and sqlite:////x/y"
    )
