"""File → 导入文件 runs off the UI thread: the window keeps answering while a long notice is
read, Cancel stops the work and leaves the user's catalog as it was, and the review shows
each candidate's reasons for a second look and how its district is known."""

from __future__ import annotations

import errno
import itertools
import os
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QPushButton

from desktop.review import ReviewDialog
from gis.user_catalog import Review

# A real notice (development corpus 11, a public page), repeated into a long document.
NOTICE = (
    Path(__file__).resolve().parents[1]
    / "gis"
    / "extract"
    / "formats"
    / "11_wuhan-aluminium-parcel.txt"
)


def _long_notice(folder: Path, copies: int) -> Path:
    text = NOTICE.read_text(encoding="utf-8")
    path = folder / "long-notice.txt"
    path.write_text("\n".join([text] * copies), encoding="utf-8")
    return path


def test_the_window_stays_responsive_while_importing(qtbot, tracked, tmp_path):
    # `tracked`: the window once its own deferred start-up (opening the status store) is done
    user_window = tracked
    path = _long_notice(tmp_path, 1000)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    started = time.perf_counter()
    ticks.append(started)  # a stall from the very start counts too
    with qtbot.waitSignal(user_window.importFinished, timeout=120_000) as finished:
        user_window.imports.import_document(path, date(2023, 7, 18))
    took = time.perf_counter() - started
    timer.stop()
    dialog = finished.args[0]
    assert isinstance(dialog, ReviewDialog)
    qtbot.addWidget(dialog)
    assert took > 0.3, "the import must last long enough to see the window answer"
    during = [t for t in ticks[1:] if t < started + took]
    # Run on the UI thread, the timer could not fire until the import ended.
    assert len(during) >= 10, f"{len(during)} timer ticks in {took:.2f} s of import"
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    print(f"longest gap {max(gaps) * 1000:.0f} ms in {took:.2f} s")  # the figure for the note


def test_cancel_stops_the_import_and_keeps_the_catalog(qtbot, user_window, tmp_path):
    path = _long_notice(tmp_path, 1000)
    sites_before = len(user_window.catalog.sites)
    steps: list[int] = []

    def cancel_once_started(done: int, total: int) -> None:
        steps.append(done)
        if len(steps) == 3:
            user_window.imports.progress.findChild(QPushButton).click()  # the user's Cancel

    with qtbot.waitSignal(user_window.importFinished, timeout=120_000) as finished:
        job = user_window.imports.import_document(path, date(2023, 7, 18))
        job.progressed.connect(cancel_once_started)
    assert finished.args[0] is None, (steps, job._cancelled)
    assert max(steps) < 900, "the extraction stopped before it reached the geocoding"
    user = tmp_path / "user"
    assert not list(user.glob("reviews/*.json")) and not list(user.glob("documents/*"))
    assert not (user / "accepted.json").exists()
    assert len(user_window.catalog.sites) == sites_before
    assert "已取消" in user_window.statusBar().currentMessage()
    assert user_window.imports.job is None  # a next import may start


def test_an_unreadable_file_is_explained_by_name(qtbot, user_window, tmp_path, monkeypatch):
    broken = tmp_path / "损坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    shown: list[str] = []
    monkeypatch.setattr(
        "desktop.window_imports.QMessageBox.warning", lambda parent, title, text: shown.append(text)
    )
    with qtbot.waitSignal(user_window.importFinished, timeout=30_000) as finished:
        user_window.imports.import_document(broken, date(2023, 7, 18))
    assert finished.args[0] is None
    assert shown and "损坏.docx" in shown[0]


def test_review_shows_flags_and_how_the_district_is_known(qtbot, tmp_path):
    evidence = {"document": "n", "paragraph": 1, "quote": "汤逊湖"}
    measure = {
        "text": "汤逊湖截污",
        "status": "in_progress",
        "status_words": "正在",
        "evidence": evidence,
    }
    candidates = [
        {
            "name": "汤逊湖",
            "kind": "river_lake",
            "decision": "pending",
            "district": "江夏区",
            "district_basis": "stated",
            "review": ["状态不确定 / status uncertain"],
            "measures": [measure],
        },
        {"name": "纸坊港", "kind": "river_lake", "decision": "pending", "measures": []},
    ]
    review = Review(tmp_path, "n", "2017-11-25", candidates)
    dialog = ReviewDialog(review, ("汤逊湖截污工程正在实施",))
    qtbot.addWidget(dialog)
    assert dialog.list.item(0).text().endswith("⚑")
    assert "状态不确定" in dialog.flags.text()
    assert dialog.district.text() == "江夏区（文中写明）"
    dialog.list.setCurrentRow(1)  # an older record without the new fields
    assert not dialog.list.item(1).text().endswith("⚑")
    assert dialog.flags.text() == "无" and dialog.district.text() == "未知"


def test_a_pdf_imports_like_its_text(qtbot, user_window):
    pdf = NOTICE.with_suffix(".pdf")
    with qtbot.waitSignal(user_window.importFinished, timeout=60_000) as finished:
        user_window.imports.import_document(pdf, date(2023, 7, 18))
    dialog = finished.args[0]
    assert isinstance(dialog, ReviewDialog) and dialog.review.candidates
    qtbot.addWidget(dialog)
    for candidate in dialog.review.candidates:
        for measure in candidate["measures"]:
            piece = measure["evidence"]
            assert piece["document"] == dialog.review.document
            assert piece["quote"] in dialog.paragraphs[piece["paragraph"] - 1]
            assert piece.get("page", 1) == 1


class _User:
    """Answers the window's modal prompts as a user would: each date prompt with the next of
    `dates` (None cancels it), each message box read and closed; what was shown is kept."""

    def __init__(self, *dates: str | None) -> None:
        self.dates = list(dates)
        self.offered: list[str] = []  # the text each date prompt showed filled in
        self.warned: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QInputDialog):
            self.offered.append(box.textValue())
            value = self.dates.pop(0) if self.dates else None
            if value is None:
                box.reject()
            else:
                box.setTextValue(value)
                box.accept()
        elif isinstance(box, QMessageBox):
            self.warned.append(box.text())
            box.accept()


def _imported(qtbot, window, path: Path):
    """The import of `path` with its date asked, to its end: the review dialog or None."""
    with qtbot.waitSignal(window.importFinished, timeout=60_000) as finished:
        assert window.imports.import_document(path) is not None
    if finished.args[0] is not None:
        qtbot.addWidget(finished.args[0])
    return finished.args[0]


def test_a_mistyped_date_is_explained_and_asked_again_with_the_typing_kept(
    qtbot, user_window, tmp_path
):
    """A date that is no date says what is wrong and how to write it, and the same file's date
    is asked again (the file is not to be chosen anew)."""
    user = _User("2024-13-01", "2024-05-20")
    notice = tmp_path / "通报.txt"
    notice.write_text(NOTICE.read_text(encoding="utf-8"), encoding="utf-8")
    dialog = _imported(qtbot, user_window, notice)
    assert dialog.review.document_date == "2024-05-20"
    assert len(user.warned) == 1 and "2024-13-01" in user.warned[0]
    assert "YYYY-MM-DD" in user.warned[0]
    assert user.offered[1] == "2024-13-01"  # the typing is kept to be corrected


def test_the_date_asked_is_the_notices_own_and_never_today_by_default(qtbot, user_window, tmp_path):
    """A notice of 2023 imported today: the date offered is the one it gives itself (today's
    would date its 今年底 this year); a notice that states none is asked with nothing filled.
    Cancelling the question cancels the import and leaves nothing in the user's folder."""
    user = _User(None, None)
    assert _imported(qtbot, user_window, NOTICE) is None
    assert "已取消" in user_window.statusBar().currentMessage()
    undated = tmp_path / "无日期.txt"
    undated.write_text("汤逊湖今年底前完成截污。\n", encoding="utf-8")
    assert _imported(qtbot, user_window, undated) is None
    assert user.offered == ["2023-07-18", ""]
    assert not list((tmp_path / "user").glob("documents/*"))


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("不存在.txt", None, "cannot be read"),
        ("损坏.docx", b"PK\x03\x04 not really a zip", ""),
    ],
)
def test_a_file_that_cannot_be_read_is_named_before_any_date_is_asked(
    qtbot, user_window, tmp_path, name, content, says
):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    user = _User("2023-07-18")
    assert _imported(qtbot, user_window, path) is None
    qtbot.waitUntil(lambda: bool(user.warned))
    assert name in user.warned[0] and says in user.warned[0]
    assert user.offered == []  # no date is asked for a file that cannot be read
    assert user_window.imports.job is None  # a next import may start


def _has_reader(pipe: Path) -> bool:
    """Whether the named pipe is open for reading (opening its writing end would not wait)."""
    try:
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            return False
        raise
    return True


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_the_file_is_read_once_in_the_background_then_its_date_is_asked(
    qtbot, user_window, tmp_path
):
    """The notice arrives through a named pipe that the test fills only once the window has
    shown it answers: a file read on the UI thread would freeze the window until then. Each
    time the pipe is opened for reading it is served the notice once more, so the count of
    servings is the count of reads of the file (the review needs one)."""
    pipe = tmp_path / "通报.txt"
    os.mkfifo(pipe)
    data = NOTICE.read_bytes()
    served: list[int] = []
    release, stop = threading.Event(), threading.Event()

    def serve() -> None:
        # A read on the UI thread never lets the test release the pipe: then it is served
        # anyway after a while, so that the test fails instead of hanging.
        release.wait(timeout=15)
        while True:
            with open(pipe, "wb") as end:  # waits until a reader opens the pipe
                if stop.is_set():
                    return
                end.write(data)
            served.append(len(data))
            while _has_reader(pipe):  # that reader's end: the next opening is another read
                time.sleep(0.005)

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(len(served)))
    user = _User("2023-07-18")
    try:
        with qtbot.waitSignal(user_window.importFinished, timeout=60_000) as finished:
            assert user_window.imports.import_document(pipe) is not None
            assert served == [], "the window read the file before the import started"
            timer.start()
            qtbot.waitUntil(lambda: len(ticks) >= 5)  # the window answers while it waits
            assert ticks[:5] == [0] * 5
            release.set()
    finally:
        release.set()
        # The import ends first (served as often as it reads), then the server.
        qtbot.waitUntil(lambda: user_window.imports.job is None, timeout=60_000)
        stop.set()
        reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # lets a waiting server end
        server.join(timeout=10)
        os.close(reader)
        timer.stop()
    dialog = finished.args[0]
    assert isinstance(dialog, ReviewDialog)
    qtbot.addWidget(dialog)
    assert served == [len(data)], "the file is read once"
    assert user.offered == ["2023-07-18"]  # asked after the read, as the notice states it
    assert dialog.review.document_date == "2023-07-18"
    paragraphs = tuple(line.strip() for line in NOTICE.read_text("utf-8").splitlines())
    assert dialog.paragraphs == tuple(p for p in paragraphs if p)
    assert dialog.review.candidates
