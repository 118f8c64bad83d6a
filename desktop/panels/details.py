"""Site details: what the site is, where and how precisely, and its measures with evidence."""

from __future__ import annotations

import calendar
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QStyle, QTextBrowser
from shapely.geometry import shape

from desktop.map.style import status_colour
from desktop.roles import refusal_check, site_refusal
from gis import status_rules as rules
from gis.export.records import as_state, site_feature
from gis.model import Catalog, LocationBasis, Status
from gis.notes_zh import basis_words, readable_note
from gis.state import CurrentState, MeasureState

if TYPE_CHECKING:
    from gis.store import StatusStore


class DetailsPanel(QTextBrowser):
    quoteActivated = Signal(str, int, str)  # document id, paragraph, quote
    statusRequested = Signal(str)  # measure id
    moveRequested = Signal(str)  # site id
    reviewRequested = Signal(str, str)  # measure id, "accept" or "reject"

    def __init__(
        self, catalog: Catalog, districts: dict[str, tuple[str, ...]], parent=None
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.state: CurrentState | None = None  # the window's, once its store has opened
        self.districts = districts  # the spatial join the map already made
        self.site_id: str | None = None
        self.store: StatusStore | None = None  # once the window has opened one
        self.setOpenLinks(False)
        self.quotes: list[dict] = []
        self.anchorClicked.connect(self._open_quote)
        self.setPlaceholderText(self.tr("点击地图上的点位或区域查看详情"))
        # Qt draws the placeholder on one line: the panel is never narrower than it
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        margins = 2 * (self.document().documentMargin() + self.frameWidth()) + bar
        self.setMinimumWidth(
            round(self.fontMetrics().horizontalAdvance(self.placeholderText()) + margins)
        )

    def show_site(self, site_id: str | None) -> None:
        self.site_id = site_id
        if site_id is None:
            self.clear()
            return
        state = self.state or as_state(self.catalog)
        feature = site_feature(state, site_id, self.districts[site_id])
        self.quotes = [q for m in feature["properties"]["measures"] for q in _quotes_of(m)]
        self.setHtml(site_html(self.catalog, feature, self.tracking()))

    def show_state(self, state: CurrentState) -> None:
        """A new current state: the open site's details as it gives them."""
        self.state = state
        self.show_site(self.site_id)

    def tracking(self) -> dict | None:
        """What the status store adds, when one is open: the state with each measure's dated
        events (read with the state, not at each click), and what this user may record."""
        if self.store is None or self.state is None:
            return None
        who = self.store.identity
        site = self.catalog.site(self.site_id) if self.site_id else None
        return {
            "state": self.state,
            "site_id": self.site_id,
            "identity": who,
            "refusal": refusal_check(who, self.state, self.districts, self.store.read_only),
            "site_refusal": site
            and site_refusal(
                who, site.id, site.kind.value, self.districts.get(site.id, ()), self.store.read_only
            ),
        }

    def _open_quote(self, url: QUrl) -> None:
        if url.scheme() == "status":
            self.statusRequested.emit(url.path())
            return
        if url.scheme() == "move":
            self.moveRequested.emit(url.path())
            return
        if url.scheme() in ("accept", "reject"):
            self.reviewRequested.emit(url.path(), url.scheme())
            return
        if url.scheme() == "quote":
            piece = self.quotes[int(url.path())]
            self.quoteActivated.emit(piece["document"], piece["paragraph"], piece["quote"])


AREA_KINDS = ("district", "functional_zone", "citywide")
RELATIONS_ZH = {
    "part_of": "属于",
    "inside_zone": "位于保护区内",
    "discharged_into_zone": "排入保护区",
}


def _location_note(english: str, catalog: Catalog) -> str:
    """The curator's note on the location, readable (gis.notes_zh.readable_note): Chinese
    first, the English beneath."""
    chinese, english = readable_note(english, catalog.documents)
    first = f"{escape(chinese)}<br/>" if chinese else ""
    return f"<p><small>{first}{escape(english)}</small></p>"


CHART_WIDTH_PX = 240


def status_chart(statuses: list[str]) -> str:
    """A one-line bar of the measures by status, wide in proportion to their counts."""
    cells, keys = [], []
    for status in Status:
        count = statuses.count(status.value)
        if count:
            width = max(12, round(CHART_WIDTH_PX * count / len(statuses)))
            colour = status_colour(status).name()
            cells.append(
                f'<td width="{width}" style="background:{colour};color:white" '
                f'align="center">{count}</td>'
            )
            keys.append(f"{status.label_zh} {status.label_en} {count}")
    return (
        f'<table cellspacing="0" cellpadding="2"><tr>{"".join(cells)}</tr></table>'
        f"<p><small>{' · '.join(keys)}</small></p>"
    )


def _badge(status: str) -> str:
    value = Status(status)
    colour = status_colour(value).name()
    return (
        f'<span style="background:{colour};color:white;padding:1px 4px">'
        f"{value.label_zh} {escape(value.label_en)}</span>"
    )


def _quote(catalog: Catalog, evidence: list[dict], first_index: int) -> str:
    """Quotes as links `quote:N`, N counting every quote of the site in order."""
    parts = []
    for offset, piece in enumerate(evidence):
        title = catalog.documents[piece["document"]].title_zh
        parts.append(
            f'<a href="quote:{first_index + offset}">“{escape(piece["quote"])}”</a>'
            f"<br/><small>— {escape(title)}，"
            f"第{piece['paragraph']}段 paragraph {piece['paragraph']}</small>"
        )
    return "<blockquote>" + "<br/>".join(parts) + "</blockquote>"


def site_html(catalog: Catalog, feature: dict, tracking: dict | None = None) -> str:
    """The details of one site as rich text; every string from the data is escaped.
    Each measure shows the document's status with its words; with `tracking` (the state
    once a store is open, and what this user may record) also its current status and what
    it rests on, overdue badge, a month-by-month strip and a link."""
    p = feature["properties"]
    centre = shape(feature["geometry"]).representative_point()
    basis = LocationBasis(p["location_basis"])
    lines = [
        f"<h2>{escape(p['name_zh'])}</h2><p>{escape(p['name_en'])}</p>",
        f"<p><b>类型 Kind:</b> {escape(p['kind_zh'])} · "
        f"<b>所在区 District:</b> {escape('、'.join(p['districts']))}</p>",
        f"<p><b>位置 Location:</b> {centre.x:.5f}°E, {centre.y:.5f}°N"
        f" ±{p['precision_m']:,.0f} m · {escape(basis_words(basis))}"
        f" · {escape(p['datum'])}</p>",
        _location_note(p["estimated_from"] or p["location_source"], catalog),
    ]
    if p["leader"]:
        leader = p["leader"]
        lines.append(
            f"<p><b>负责人 Leader:</b> {escape(leader['title_zh'])} {escape(leader['name'])}</p>"
        )
    for relation in p["relations"]:
        target = catalog.site(relation["target"]).name_zh
        kind = RELATIONS_ZH.get(relation["type"], "")
        lines.append(
            f"<p><b>关系 Relation:</b> {kind} {escape(relation['type'])} → {escape(target)}</p>"
        )
    if tracking is not None:
        lines.append(_correction(p["id"], tracking))
    lines.append(f"<h3>措施 Measures ({len(p['measures'])})</h3>")
    if p["kind"] in AREA_KINDS and p["measures"]:
        lines.append(status_chart([m["status"] for m in p["measures"]]))
    index = 0
    for m in p["measures"]:
        due = f" · 完成时限 Due: {escape(m['target_date'])}" if m["target_date"] else ""
        words = escape(m["status_words"])
        said = _quote(catalog, m["evidence"], index)
        index += len(m["evidence"])
        lines.append(
            f"<p>{_badge(m['document_status'])} <b>{escape(m['text_zh'])}</b><br/>"
            f"<small>{escape(m['text_en'])}</small><br/>"
            f"责任单位 Responsible: {escape(m['responsible_zh'])}{due}"
            f" · 原文用语 Words: “{words}”"
            f"</p>{_tracked(catalog, m, tracking, index)}{said}"
        )
        index += len(_quotes_of(m)) - len(m["evidence"])
    return "\n".join(lines)


def _quotes_of(measure: dict) -> list[dict]:
    """A measure's quotes as the panel numbers them: the document's, then the words of an
    imported document its current status rests on."""
    newer = measure["status_evidence"]
    return [*measure["evidence"], *([newer] if newer else [])]


MONTHS_SHOWN = 24


def _tracked(catalog: Catalog, measure: dict, tracking: dict | None, quote_index: int) -> str:
    """The measure's current status as the state gives it, who recorded it or the imported
    document's words (quote `quote_index`), and its months."""
    if tracking is None:
        return ""
    measure_id = measure["id"]
    now = tracking["state"].measures[measure_id]
    parts = [f"<p><small>现状 Now: {_badge(measure['status'])}"]
    if now.source == "store" and now.tracked is not None:
        parts.append(
            f" 截至 as of {now.tracked.as_of.isoformat()} · {escape(now.tracked.author)}:"
            f" {escape(now.tracked.note)}"
        )
    elif now.source == "imported":
        newer = measure["status_evidence"]
        said = _quote(catalog, [newer], quote_index) if newer else ""
        parts.append(
            f" 截至 as of {measure['status_as_of']} · 新文件所述 as a newer document states:{said}"
        )
    else:
        parts.append(" · 原文所述 as the document states")
    if rules.NO_UPDATE in measure["flags"]:  # only silence since: grey, not red
        words = measure["flag_words"][measure["flags"].index(rules.NO_UPDATE)]
        parts.append(
            f' <span style="background:#8a8a8a;color:white;padding:1px 4px">{words}</span>'
        )
    if rules.OVERDUE in measure["flags"]:
        parts.append(
            ' <span style="background:#b00020;color:white;padding:1px 4px">逾期 overdue</span>'
        )
    who = tracking.get("identity")
    if rules.COMPLETED_NOT_CLOSED in measure["flags"]:
        if who is None:
            parts.append(" · 未销号 not closed out")
        else:  # a shared store with roles: a reviewer accepts or sends it back
            parts.append(" · <b>待验收 awaiting acceptance</b>")
            if who.may_review:
                parts.append(
                    f' · <a href="accept:{escape(measure_id)}">验收销号 Accept</a>'
                    f' · <a href="reject:{escape(measure_id)}">退回 Reject</a>'
                )
    refusal = tracking.get("refusal")
    reason = refusal(measure_id, Status.IN_PROGRESS) if refusal else None
    if refusal and reason and refusal(measure_id, Status.CLOSED_OUT):
        parts.append(f' · <span style="color:gray" title="{escape(reason)}">更新状态 Update</span>')
    else:
        parts.append(f' · <a href="status:{escape(measure_id)}">更新状态 Update</a>')
    parts.append("</small></p>")
    parts.append(_strip(now) if now.history else "")
    return "".join(parts)


def _correction(site_id: str, tracking: dict) -> str:
    fix = tracking["state"].corrections.get(site_id)
    link = f'<a href="move:{escape(site_id)}">更正位置 Correct location</a>'
    if tracking.get("site_refusal"):
        reason = escape(tracking["site_refusal"])
        link = f'<span style="color:gray" title="{reason}">更正位置 Correct location</span>'
    if fix is None:
        return f"<p><small>{link}</small></p>"
    return (
        f"<p><b>位置已更正 Location corrected:</b> {fix.lon:.5f}°E, {fix.lat:.5f}°N"
        f" ±{fix.precision_m:,.0f} m<br/><small>{fix.as_of.isoformat()} · {escape(fix.author)}:"
        f" {escape(fix.note)} · {link}</small></p>"
    )


def _strip(now: MeasureState) -> str:
    """One cell per month, coloured by the status in effect at the month's end (by the same
    rules as the current status: a document's "completed" does not undo a close-out)."""
    today = date.today()
    first = now.history[0].as_of
    months = []
    year, month = first.year, first.month
    while (year, month) <= (today.year, today.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    cells = []
    for year, month in months[-MONTHS_SHOWN:]:
        in_effect = now.status_on(date(year, month, calendar.monthrange(year, month)[1]))
        colour = status_colour(in_effect).name() if in_effect else "#dddddd"
        cells.append(f'<td width="8" style="background:{colour}" title="{year}-{month:02d}"></td>')
    if not months:  # every event dated in a month still to come
        return ""
    (y0, m0), (y1, m1) = months[-MONTHS_SHOWN:][0], months[-1]
    return (
        f'<table cellspacing="1" cellpadding="0"><tr>{"".join(cells)}</tr></table>'
        f"<p><small>逐月状态 By month: {y0}-{m0:02d} – {y1}-{m1:02d}</small></p>"
    )
