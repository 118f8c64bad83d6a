"""Review of an imported document: each candidate with its evidence highlighted in the text;
accept, edit (name, kind, location picked on the map) or reject. Every decision is saved at
once, so closing the app mid-review loses nothing."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from gis import Kind, Status
from gis.state import CurrentState
from gis.user_catalog import (
    ACCEPTED,
    PENDING,
    REJECTED,
    Review,
    ReviewError,
    candidate_updates,
)

MARKS = {PENDING: "○", ACCEPTED: "✔", REJECTED: "✘"}
# How a candidate was located (gis.geocode's source, or "map" for a pick), in words
LOCATED_BY = {
    "gazetteer:exact": QT_TRANSLATE_NOOP("ReviewDialog", "地名表（名称相同）"),
    "gazetteer:alias": QT_TRANSLATE_NOOP("ReviewDialog", "地名表（别名）"),
    "gazetteer:variant": QT_TRANSLATE_NOOP("ReviewDialog", "地名表（名称变体）"),
    "gazetteer:locality": QT_TRANSLATE_NOOP("ReviewDialog", "地名表（地名）"),
    "online:tianditu": QT_TRANSLATE_NOOP("ReviewDialog", "天地图在线查询"),
    "online:amap": QT_TRANSLATE_NOOP("ReviewDialog", "高德在线查询"),
    "district": QT_TRANSLATE_NOOP("ReviewDialog", "行政区中心"),
    "map": QT_TRANSLATE_NOOP("ReviewDialog", "地图上点选"),
}


class ReviewDialog(QDialog):
    pickRequested = Signal()
    reviewFinished = Signal(int)  # how many candidates were accepted

    def __init__(
        self,
        review: Review,
        paragraphs: tuple[str, ...],
        parent: QWidget | None = None,
        state: CurrentState | None = None,
    ):
        super().__init__(parent)
        self.review, self.paragraphs = review, paragraphs
        self.state = state  # the window's current state: what an accepted report updates
        self.setWindowTitle(self.tr("审核导入的文件") + f" — {review.document}")
        self.resize(900, 560)
        self.list = QListWidget()
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind in Kind:
            self.kind.addItem(f"{kind.label_zh} {kind.label_en}", kind.value)
        self.location = QLabel()
        self.district = QLabel()
        self.flags = QLabel()  # why a reviewer should look: the extractor's reasons
        self.flags.setWordWrap(True)
        self.flags.setStyleSheet("color: #b35c00")
        self.evidence = QTextBrowser()
        self.pick = QPushButton(self.tr("在地图上点选位置"))
        self.accept_button = QPushButton(self.tr("接受"))
        self.reject_button = QPushButton(self.tr("拒绝"))
        self.finish_button = QPushButton(self.tr("完成审核"))
        form = QFormLayout()
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("位置"), self.location)
        form.addRow(self.tr("所在区"), self.district)
        form.addRow(self.tr("需复核"), self.flags)
        buttons = QHBoxLayout()
        for button in (self.pick, self.accept_button, self.reject_button, self.finish_button):
            buttons.addWidget(button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.evidence, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(right, 2)
        self.list.currentRowChanged.connect(self._show)
        self.name.editingFinished.connect(self._save_edits)
        self.kind.currentIndexChanged.connect(self._save_edits)
        self.pick.clicked.connect(self.pickRequested)
        self.accept_button.clicked.connect(lambda: self.decide(ACCEPTED))
        self.reject_button.clicked.connect(lambda: self.decide(REJECTED))
        self.finish_button.clicked.connect(self.finish)
        self._fill_list()
        self.list.setCurrentRow(0)

    @property
    def index(self) -> int:
        return self.list.currentRow()

    def _fill_list(self) -> None:
        row = max(self.index, 0)
        self.list.clear()
        for candidate in self.review.candidates:
            kind = Kind(candidate["kind"]).label_zh
            flag = " ⚑" if candidate.get("review") else ""
            self.list.addItem(f"{MARKS[candidate['decision']]} {candidate['name']} · {kind}{flag}")
        if self.review.candidates:
            self.list.setCurrentRow(min(row, len(self.review.candidates) - 1))

    def _show(self, index: int) -> None:
        if index < 0:
            return
        candidate = self.review.candidates[index]
        self.name.blockSignals(True)
        self.kind.blockSignals(True)
        self.name.setText(candidate["name"])
        self.kind.setCurrentIndex(self.kind.findData(candidate["kind"]))
        self.name.blockSignals(False)
        self.kind.blockSignals(False)
        if candidate.get("lon") is None:
            self.location.setText(self.tr("未定位：请在地图上点选"))
        else:
            self.location.setText(
                f"{candidate['lon']:.5f}°E, {candidate['lat']:.5f}°N "
                f"±{candidate.get('precision_m') or 0:,.0f} m ({self._located_by(candidate)})"
            )
        self.district.setText(self._district_text(candidate))
        reasons = candidate.get("review") or []
        self.flags.setText("；".join(reasons) if reasons else self.tr("无"))
        self.evidence.setHtml(evidence_html(candidate, self.paragraphs, self._updates(candidate)))

    def _updates(self, candidate: dict) -> dict[int, str]:
        """Per measure that reports on one the map has: "搬迁：已销号（2024-03-01）← 新文件：
        已完成（2025-05-01）"; the others are new measures."""
        if self.state is None:
            return {}
        lines = {}
        for k, known in candidate_updates(self.state.documents, candidate).items():
            now = self.state.measures[known.id]
            since = f"（{now.since.isoformat()}）" if now.since else ""
            new = Status(candidate["measures"][k]["status"]).label_zh
            lines[k] = (
                f"{known.text_zh}：{now.status.label_zh}{since} ← "
                + self.tr("新文件")
                + f"：{new}（{self.review.document_date}）"
            )
        return lines

    def _located_by(self, candidate: dict) -> str:
        source = str(candidate.get("geocode_source") or "")
        words = LOCATED_BY.get(source)
        return self.tr(str(words)) if words else source

    def _district_text(self, candidate: dict) -> str:
        district = candidate.get("district")
        if not district:
            return self.tr("未知")
        basis = {
            "stated": self.tr("文中写明"),
            "derived": self.tr("由位置推定"),
        }.get(candidate.get("district_basis") or "")
        return f"{district}（{basis}）" if basis else district

    def _save_edits(self) -> None:
        if self.index < 0:
            return
        self.review.edit(
            self.index, name=self.name.text().strip() or None, kind=self.kind.currentData()
        )
        self._fill_list()

    def set_location(self, lon: float, lat: float) -> None:
        """The point the user picked on the map for the current candidate."""
        self.location_setter(self.index)(lon, lat)

    def location_setter(self, index: int):
        """Where a pick asked for now will go: to this candidate, even if the selection moves
        before the click; nothing once the review is finished."""

        def place(lon: float, lat: float) -> None:
            if self.review.path.exists():
                self.review.edit(index, lon=round(lon, 6), lat=round(lat, 6))
                self._show(self.index)

        return place

    def decide(self, decision: str) -> None:
        self._save_edits()
        try:
            self.review.decide(self.index, decision)
        except ReviewError as exc:
            QMessageBox.information(self, self.tr("需要位置"), str(exc))
            return
        self._fill_list()
        if self.index + 1 < self.list.count():
            self.list.setCurrentRow(self.index + 1)

    def finish(self) -> None:
        accepted = self.review.finish()
        self.reviewFinished.emit(accepted)
        self.close()


def evidence_html(
    candidate: dict, paragraphs: tuple[str, ...], updates: dict[int, str] | None = None
) -> str:
    """Each measure's paragraph with its quote marked, the status the words give, and, for a
    place the map knows, whether it updates one of its measures (`updates`) or is new."""
    parts = []
    for k, measure in enumerate(candidate["measures"]):
        status = Status(measure["status"])
        parts.append(
            f"<p><b>{escape(status.label_zh)} {escape(status.label_en)}</b> · "
            f"“{escape(measure['status_words'])}”</p>"
        )
        if updates is not None and k in updates:
            parts.append(f"<p>更新已有措施 Updates: {escape(updates[k])}</p>")
        elif updates:
            parts.append("<p>新措施 New measure</p>")
        for piece in [measure["evidence"], *measure.get("evidence_continued", [])]:
            text = paragraphs[piece["paragraph"] - 1]
            quote = piece["quote"]
            at = text.find(quote)
            marked = (
                escape(text[:at])
                + f'<span style="background:#ffe066">{escape(quote)}</span>'
                + escape(text[at + len(quote) :])
                if at >= 0
                else escape(text)
            )
            parts.append(f"<p>¶{piece['paragraph']}: {marked}</p>")
    if not parts and candidate.get("mention"):
        mention = candidate["mention"]
        parts.append(
            f"<p>¶{mention['paragraph']}: {escape(paragraphs[mention['paragraph'] - 1])}</p>"
        )
    return "".join(parts) or "<p>—</p>"
