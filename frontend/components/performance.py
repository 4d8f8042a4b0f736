"""Pieces the performance pages share: periods to pick from, text in the interface language, error callouts."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import reflex as rx

from frontend.i18n import LanguageState, has_label, t

PERIODS_SHOWN = 12


def organisation_zone() -> ZoneInfo:
    try:
        return ZoneInfo(os.environ.get("TANDEM_TIMEZONE") or "Asia/Shanghai")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def organisation_today() -> dt.date:
    return dt.datetime.now(dt.UTC).astimezone(organisation_zone()).date()


def local_time(iso: str) -> str:
    """ "2026-12-01T04:58:00+00:00" → "2026-12-01 12:58" on the organisation's clock; "" for none."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return ""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(organisation_zone()).strftime("%Y-%m-%d %H:%M")


def recent_periods(today: dt.date | None = None, count: int = PERIODS_SHOWN) -> list[str]:
    """The current month and the ones before it, newest first: "2026-12", "2026-11", …"""
    day = today or organisation_today()
    year, month = day.year, day.month
    periods = []
    for _ in range(count):
        periods.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return periods


def previous_period(today: dt.date | None = None) -> str:
    """Last month: the one people look at once it has ended (and may appeal)."""
    return recent_periods(today, 2)[1]


def is_period(value: str) -> bool:
    return len(value) == 7 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit() \
        and 1 <= int(value[5:]) <= 12


def error_key(code: str) -> str:
    for key in (f"perf.error.{code}", f"error.{code}"):
        if code and has_label(key):
            return key
    return "error.GRAPHQL" if code else ""


def in_language(zh: rx.Var[str] | str, en: rx.Var[str] | str) -> rx.Var[str]:
    """The text of the interface language, from a pair the API sent."""
    return rx.cond(LanguageState.language == "en", en, zh).to(str)


def error_callout(code: rx.Var[str], message: rx.Var[str], *, callout_id: str) -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("triangle_alert", size=16)),
        rx.vstack(rx.cond(code != "", rx.text(t(code), weight="medium")),
                  rx.cond(message != "", rx.text(message, size="2")), spacing="1"),
        color_scheme="red", role="alert", id=callout_id, width="100%")


NATIVE_SELECT_STYLE = {
    "min_height": "var(--space-7)", "padding": "0 var(--space-2)", "border": "1px solid var(--gray-a7)",
    "border_radius": "var(--radius-2)", "background": "var(--color-surface)", "color": "var(--gray-12)",
    "font_size": "var(--font-size-3)",
}


def native_select(options: list[rx.Component] | rx.Component, **props: object) -> rx.Component:
    """A plain <select>: phones show their own picker."""
    children = options if isinstance(options, list) else [options]
    return rx.el.select(*children, style=NATIVE_SELECT_STYLE, **props)


def period_select(value: rx.Var[str], periods: rx.Var[list[str]], on_change: object, *,
                  select_id: str) -> rx.Component:
    return rx.hstack(
        rx.text(t("perf.period"), as_="label", html_for=select_id, weight="medium", size="2"),
        native_select(rx.foreach(periods, lambda p: rx.el.option(p, value=p)), id=select_id, value=value,
                      on_change=on_change),
        align="center", spacing="2")


def figure(label_key: str, value: rx.Var[str] | str, *, figure_id: str, size: str = "6") -> rx.Component:
    return rx.vstack(rx.text(t(label_key), size="1", color_scheme="gray"),
                     rx.text(value, size=size, weight="bold", id=figure_id), spacing="0", min_width="5rem")
