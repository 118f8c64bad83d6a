"""Scoring an extraction run against a corpus's answer keys, by the rules the project's
extraction is judged by (the corpus README): which key sites a candidate matches, recall,
precision without containers, hard and soft status upgrades, stated districts given and
wrong, and due dates where the key states one.

Key files: `key.json` {"NN": [[spelling, …], …]} and `status.json` {"NN": [{"site",
"status", "district", "due"?}, …]} in the same order; candidates as `envmap extract` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gis.boundaries import DISTRICT_NAMES_EN

CONTAINERS = frozenset(DISTRICT_NAMES_EN) | {"全市", "武汉市"}
Record = dict[str, Any]  # a candidate as `envmap extract` prints it
_RANK = {"problem": 1, "planned": 2, "in_progress": 3, "completed": 4, "closed_out": 5}


@dataclass
class FileScore:
    file: str
    sites: int = 0
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)
    candidates: int = 0
    good: int = 0
    unmatched: list[str] = field(default_factory=list)
    hard: list[str] = field(default_factory=list)
    soft: list[str] = field(default_factory=list)
    districts_stated: int = 0
    districts_given: int = 0
    districts_wrong: list[str] = field(default_factory=list)
    dues_stated: int = 0
    dues_right: int = 0
    dues_wrong: list[str] = field(default_factory=list)


def _names(candidate: Record) -> list[str]:
    out: list[str] = []
    for key in ("name_simplified", "name"):
        value = candidate.get(key)
        if isinstance(value, str) and value.strip() and value.strip() not in out:
            out.append(value.strip())
    return out


def _closeness(candidate: Record, spellings: list[str]) -> tuple[int, int] | None:
    """None when the candidate names none of the spellings; else higher is closer."""
    best: tuple[int, int] | None = None
    for name in _names(candidate):
        for spelling in spellings:
            if spelling == name:
                score = (3, 0)
            elif spelling in name:
                score = (2, len(spelling) - len(name))
            elif name in spelling and len(name) >= max(3, 0.75 * len(spelling)):
                score = (1, len(name) - len(spelling))
            else:
                continue
            best = score if best is None or score > best else best
    return best


def _strongest(candidate: Record) -> str | None:
    said = [m.get("status") for m in candidate.get("measures") or [] if isinstance(m, dict)]
    statuses: list[str] = [s for s in said if s in _RANK]
    return max(statuses, key=_RANK.__getitem__) if statuses else None


def _due_dates(candidate: Record) -> set[str]:
    return {
        str(m["target_date"])
        for m in candidate.get("measures") or []
        if isinstance(m, dict) and m.get("target_date")
    }


def score_file(
    file: str, key: list[list[str]], truth: list[dict[str, Any]], found: list[Record]
) -> FileScore:
    result = FileScore(file=file, sites=len(key))
    pool = [c for c in found if not any(n in CONTAINERS for n in _names(c))]
    for i, spellings in enumerate(key):
        facts = truth[i] if i < len(truth) else {}
        ranked = [
            (near, -j, c)
            for j, c in enumerate(pool)
            if (near := _closeness(c, spellings)) is not None
        ]
        if not ranked:
            result.missed.append(spellings[0])
            continue
        closeness, _, best = max(ranked, key=lambda r: (r[0], r[1]))
        result.found.append(spellings[0])
        if closeness[0] == 1:
            result.fragments.append(f"{spellings[0]}<-{_names(best)[0]}")
        said, stated = _strongest(best), facts.get("status")
        label = f"{spellings[0]}<-{_names(best)[0]} {stated}->{said}"
        if said in ("completed", "closed_out") and stated in ("problem", "planned", "in_progress"):
            result.hard.append(label)
        elif said == "in_progress" and stated in ("problem", "planned"):
            result.soft.append(label)
        if facts.get("district"):
            result.districts_stated += 1
            given = best.get("district")
            given = [given] if isinstance(given, str) else list(given or [])
            if given:
                result.districts_given += 1
                if facts["district"] not in given:
                    result.districts_wrong.append(f"{spellings[0]} {facts['district']}->{given}")
        if facts.get("due"):
            result.dues_stated += 1
            dues = _due_dates(best)
            if str(facts["due"]) in dues:
                result.dues_right += 1
            else:
                result.dues_wrong.append(f"{spellings[0]} {facts['due']}->{sorted(dues)}")
    result.candidates = len(pool)
    matched = [c for c in pool if any(_closeness(c, s) is not None for s in key)]
    result.good = len(matched)
    result.unmatched = [_names(c)[0] for c in pool if c not in matched and _names(c)]
    return result


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "n/a"


def report(scores: list[FileScore]) -> list[str]:
    """The lines a run prints: one per file with its faults, then the totals."""
    lines: list[str] = []
    for s in scores:
        right = s.districts_given - len(s.districts_wrong)
        lines.append(
            f"{s.file}: recall {len(s.found)}/{s.sites} · precision {s.good}/{s.candidates} · "
            f"hard {len(s.hard)} · soft {len(s.soft)} · district {right}/{s.districts_stated} "
            f"right, {s.districts_given} filled, {len(s.districts_wrong)} wrong · "
            f"due {s.dues_right}/{s.dues_stated}"
        )
        for label, items in (
            ("missed", s.missed),
            ("matched only by a fragment", s.fragments),
            ("hard", s.hard),
            ("soft", s.soft),
            ("district wrong", s.districts_wrong),
            ("due wrong", s.dues_wrong),
            ("unmatched", s.unmatched),
        ):
            if items:
                lines.append(f"    {label}: " + "; ".join(items))
    total = {k: sum(getattr(s, k) for s in scores) for k in ("sites", "candidates", "good")}
    found = sum(len(s.found) for s in scores)
    stated = sum(s.districts_stated for s in scores)
    given = sum(s.districts_given for s in scores)
    wrong = sum(len(s.districts_wrong) for s in scores)
    dues, dues_right = sum(s.dues_stated for s in scores), sum(s.dues_right for s in scores)
    lines.append(
        f"district accuracy {given - wrong}/{stated} = {percent(given - wrong, stated)} "
        "(key sites with a stated district and a match)"
    )
    lines.append(
        f"recall {found}/{total['sites']} = {percent(found, total['sites'])} · precision "
        f"{total['good']}/{total['candidates']} = {percent(total['good'], total['candidates'])} · "
        f"hard upgrades {sum(len(s.hard) for s in scores)} · soft "
        f"{sum(len(s.soft) for s in scores)} · district {given}/{stated} filled, {wrong} wrong · "
        f"due dates {dues_right}/{dues} = {percent(dues_right, dues)}"
    )
    return lines
