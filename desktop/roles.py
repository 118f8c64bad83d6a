"""The window knows who is logged in to a shared store: the login and role in the status bar,
why an action is not offered to this role (a tooltip on the greyed link), and the reviewer's
accept and reject. The server decides; this only spares a person a refused attempt."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from gis import Kind, Status

if TYPE_CHECKING:
    from gis.state import CurrentState
    from gis.store_roles import Identity

# A check: (measure id, status) → why this person may not record it, or None.
Refusal = Callable[[str, Status], "str | None"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Roles", text)


def role_name(role: str) -> str:
    names = {
        "viewer": _tr("查看者"),
        "district-editor": _tr("区编辑"),
        "reviewer": _tr("审核人"),
        "admin": _tr("管理员"),
        "owner": _tr("数据库所有者"),
    }
    return names.get(role, role)


def login_text(identity: Identity | None) -> str:
    """The status bar's "登录：wang · 区编辑（武昌区）", or "" for a store without roles."""
    if identity is None:
        return ""
    where = f"（{'、'.join(identity.districts)}）" if identity.districts else ""
    return _tr("登录：") + f"{identity.login} · {role_name(identity.role)}{where}"


def refusal_check(
    identity: Identity | None,
    state: CurrentState | None,
    districts: Mapping[str, tuple[str, ...]],
    read_only: bool = False,
) -> Refusal:
    """Why this person may not record a status for a measure, by the server's rules (a
    measure's districts are its site's; city-wide measures are the bureau's); nobody may
    when the store is open to read only."""

    def check(measure_id: str, status: Status) -> str | None:
        if read_only:
            return _tr("状态库只读：修改已停用。")
        if identity is None:
            return None
        where: tuple[str, ...] = ()
        if state is not None and measure_id in state.measures:
            site = state.documents.site(state.measures[measure_id].measure.site_id)
            where = () if site.kind is Kind.CITYWIDE else districts.get(site.id, ())
        return identity.status_refusal(status, where)

    return check


def site_refusal(
    identity: Identity | None,
    site_id: str,
    kind: str,
    districts: tuple[str, ...],
    read_only: bool = False,
) -> str | None:
    """Why this person may not correct the site's location, or None."""
    if read_only:
        return _tr("状态库只读：修改已停用。")
    if identity is None:
        return None
    if identity.role == "reviewer":
        return "审核人不更正位置。 A reviewer does not correct locations."
    where = () if kind == Kind.CITYWIDE.value else districts
    return identity.status_refusal(Status.IN_PROGRESS, where)
