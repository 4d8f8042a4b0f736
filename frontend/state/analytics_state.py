"""The bottlenecks page's state: a month's report turned into chart data, a department × region heat grid and
the flagged bottlenecks with their diagnoses in words (both languages, so the language switch is instant)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from decimal import Decimal, InvalidOperation
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from frontend.api import analytics as analytics_api
from frontend.api.analytics import Bottleneck, Diagnosis, Report, Stats
from frontend.api.transport import GatewayError
from frontend.components.formatting import display_zone, format_time
from frontend.i18n import label
from frontend.state.viewer import ViewerState

ANALYTICS_ROUTE = "/analytics"
MONTHS_BACK = 12


def months(today: dt.date, count: int = MONTHS_BACK) -> list[str]:
    """ "2026-12", "2026-11", … — the periods one may pick, newest first."""
    year, month = today.year, today.month
    periods = []
    for _ in range(count):
        periods.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return periods


def _number(value: str) -> float:
    try:
        return float(Decimal(value))
    except (InvalidOperation, ValueError):
        return 0.0


def _pct(value: str, places: int = 1) -> str:
    return f"{_number(value) * 100:.{places}f}%" if value else "—"


def _hours(minutes: str) -> float:
    return round(_number(minutes) / 60, 1)


def department_chart(report: Report) -> list[dict[str, Any]]:
    """Backend departments with requests: breach rate and p90 against the SLA limit (100 % = at the limit),
    median and p90 resolution hours."""
    rows = []
    for group in report.departments:
        if (group.department_kind and group.department_kind != "BACKEND") or group.stats.volume == 0:
            continue
        s = group.stats
        rows.append({"name": group.department_name, "code": group.department_code,
                     "breach": round(_number(s.breach_rate) * 100, 1),
                     "p90_sla": round(_number(s.p90_sla_ratio) * 100, 1),
                     "response_median_h": _hours(s.response_median), "resolution_median_h": _hours(s.resolution_median),
                     "resolution_p90_h": _hours(s.resolution_p90), "volume": s.volume})
    return sorted(rows, key=lambda row: -row["breach"])


def worst_cells(report: Report, count: int = 10) -> list[dict[str, Any]]:
    """The department × region groups with the highest breach rates (at least 3 requests, so one late request
    does not make a bar), for a chart."""
    rows = [{"name": f"{c.department_name} × {c.region_name}", "breach": round(_number(c.stats.breach_rate) * 100, 1),
             "p90_sla": round(_number(c.stats.p90_sla_ratio) * 100, 1), "volume": c.stats.volume}
            for c in report.cells if c.stats.volume >= 3]
    return sorted(rows, key=lambda row: (-row["breach"], -row["p90_sla"]))[:count]


def heat(rate: str) -> str:
    """A cell's colour by breach rate: calm under 10 %, amber to 25 %, red above."""
    value = _number(rate)
    if not rate:
        return "var(--gray-a2)"
    if value < 0.10:
        return "var(--green-a4)"
    if value < 0.25:
        return "var(--amber-a5)"
    return "var(--red-a6)"


def heat_grid(report: Report) -> dict[str, Any]:
    regions = sorted({(c.region_code, c.region_name) for c in report.cells})
    departments = sorted({(c.department_code, c.department_name) for c in report.cells})
    cells = {(c.department_code, c.region_code): c.stats for c in report.cells}
    rows = []
    for code, name in departments:
        row = []
        for region_code, _ in regions:
            stats = cells.get((code, region_code))
            row.append({"text": _pct(stats.breach_rate, 0) if stats else "",
                        "volume": str(stats.volume) if stats else "",
                        "color": heat(stats.breach_rate) if stats else "transparent"})
        rows.append({"name": name, "cells": row})
    return {"regions": [name for _, name in regions], "rows": rows}


def _hours_text(minutes: str) -> str:
    return f"{_hours(minutes):g}" if minutes else "—"


def diagnosis_text(diagnosis: Diagnosis, language: str) -> str:
    """A diagnosis in words, with its figures (the API's own message is English)."""
    key = f"analytics.diagnosis.{diagnosis.kind}"
    template = label(key, language)
    values = {
        "backlog": diagnosis.figure("openBacklog"), "staff": diagnosis.figure("staff"),
        "per_staff": diagnosis.figure("backlogPerStaff"), "target": diagnosis.figure("targetBacklogPerStaff"),
        "arrivals": diagnosis.figure("arrivalsPerDay"), "days": diagnosis.figure("meanDaysInSystem"),
        "needed": diagnosis.figure("staffNeeded"), "extra": str(diagnosis.suggested_staff),
        "start_delay": diagnosis.figure("startDelayMedianMinutes") or "—",
        "start_limit": diagnosis.figure("startDelayThresholdMinutes"),
        "reopen": _pct(diagnosis.figure("reopenRate")), "reopen_limit": _pct(diagnosis.figure("reopenRateThreshold")),
        "late": _pct(diagnosis.figure("lateHandoffRate")),
        "late_limit": _pct(diagnosis.figure("lateHandoffRateThreshold")),
        "hours": diagnosis.figure("handoffThresholdHours"),
    }
    for name, value in values.items():
        template = template.replace("{" + name + "}", value or "—")
    return template


def stats_text(stats: Stats, language: str) -> str:
    values = {"volume": str(stats.volume), "breach": _pct(stats.breach_rate), "p90": _pct(stats.p90_sla_ratio, 0),
              "response": _hours_text(stats.response_median), "resolution": _hours_text(stats.resolution_median),
              "backlog": str(stats.open_backlog)}
    text = label("analytics.stats_line", language)
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def bottleneck_card(bottleneck: Bottleneck) -> dict[str, Any]:
    group = bottleneck.group
    title = group.department_name + (f" × {group.region_name}" if group.region_name else "")
    return {
        "title": title,
        "scope": "cell" if group.region_name else "department",
        "stats_zh": stats_text(group.stats, "zh"), "stats_en": stats_text(group.stats, "en"),
        "kinds": [d.kind for d in bottleneck.diagnoses],
        "zh": [diagnosis_text(d, "zh") for d in bottleneck.diagnoses],
        "en": [diagnosis_text(d, "en") for d in bottleneck.diagnoses],
        "reasons": list(bottleneck.reasons),
        "extra_staff": max((d.suggested_staff for d in bottleneck.diagnoses), default=0),
    }


class AnalyticsState(ViewerState):
    period: str = ""
    periods: list[str] = []
    report: Report = Report()
    is_loading: bool = False
    load_error_code: str = ""
    forbidden: bool = False

    @rx.var(cache=True)
    def departments(self) -> list[dict[str, Any]]:
        return department_chart(self.report)

    @rx.var(cache=True)
    def cells_chart(self) -> list[dict[str, Any]]:
        return worst_cells(self.report)

    @rx.var(cache=True)
    def grid(self) -> dict[str, Any]:
        return heat_grid(self.report)

    @rx.var(cache=True)
    def bottlenecks(self) -> list[dict[str, Any]]:
        return [bottleneck_card(b) for b in self.report.bottlenecks]

    @rx.var(cache=True)
    def as_of_text(self) -> str:
        return format_time(self.report.as_of)

    @rx.var(cache=True)
    def has_data(self) -> bool:
        return any(g.stats.volume for g in self.report.departments)

    async def _fetch(self) -> None:
        self.is_loading = True
        try:
            self.report = await analytics_api.fetch_bottlenecks(self.token, self.period)
            self.load_error_code = ""
        except GatewayError as error:
            self.load_error_code = error.code
        finally:
            self.is_loading = False

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        if not self.token:
            yield self._to_sign_in()
            return
        loaded = await self._load_viewer()
        if loaded is False:
            yield self._session_expired()
            return
        if loaded is None:
            self.load_error_code = self.viewer_error_code
            return
        self.forbidden = not self.manages_projects  # managers and HR (SPEC: analytics for managers and HR)
        if self.forbidden:
            return
        today = dt.datetime.now(display_zone()).date()
        self.periods = months(today)
        wanted = self.router.url.query_parameters.get("period", "")
        self.period = wanted if wanted in self.periods else self.periods[0]
        self.is_loading = True
        yield None
        await self._fetch()

    @rx.event
    async def set_period(self, period: str) -> None:
        if period in self.periods:
            self.period = period
            await self._fetch()
