"""Pieces the support pages share: status and priority badges, the SLA countdown, the queue's filter bar."""

from __future__ import annotations

from typing import Any

import reflex as rx

from frontend.components.browser import Countdown
from frontend.i18n import has_label, t
from frontend.state.queue import PRIORITIES, STATUSES


def error_label_key(code: str) -> str:
    """The i18n key that names an error code, or "" when the interface has none."""
    for key in (f"support.error.{code}", f"error.{code}"):
        if code and has_label(key):
            return key
    return ""


def status_badge(status: rx.Var[str], color: rx.Var[str], **props: Any) -> rx.Component:
    return rx.badge(t("support.status." + status), color_scheme=color, variant="soft", **props)


def priority_badge(priority: rx.Var[str], color: rx.Var[str]) -> rx.Component:
    return rx.badge(t("support.priority." + priority), color_scheme=color, variant="outline")


def countdown(due_at: rx.Var[str], kind: rx.Var[str]) -> rx.Component:
    """ "响应还剩 25 分" / "解决超时 1 小时 05 分", ticking in the browser."""
    return rx.text(
        Countdown.create(
            due=due_at,
            labels={
                "left": t("support.countdown." + kind + ".left"),
                "late": t("support.countdown." + kind + ".late"),
                "d": t("duration.d"),
                "h": t("duration.h"),
                "m": t("duration.m"),
            },
        ),
        size="1",
        class_name="request-countdown",
    )


NATIVE_SELECT_CLASS = "tandem-select"


def native_select(options: list[rx.Component], **props: Any) -> rx.Component:
    """A plain <select>: phones show their own picker."""
    return rx.el.select(*options, class_name=NATIVE_SELECT_CLASS, **props)


def filter_bar(state: Any) -> rx.Component:
    """Search by title, status, priority, region, whose, breached only; the stated sort order."""
    filters = state.filters
    search = rx.form(
        rx.hstack(
            rx.input(name="search", id="request-search", placeholder=t("support.filter.search"), size="3",
                     default_value=filters.search, type="search", aria_label=t("support.filter.search"),
                     flex_grow="1"),
            rx.button(rx.icon("search", size=16), t("support.filter.search_go"), type="submit", size="3",
                      variant="soft", id="request-search-go"),
            width="100%",
            spacing="2",
        ),
        on_submit=state.search,
        reset_on_submit=False,
        width="100%",
    )
    status = native_select(
        [rx.el.option(t("support.filter.all"), value=""),
         *[rx.el.option(t(f"support.status.{code}"), value=code) for code in STATUSES]],
        id="request-status-filter", aria_label=t("support.filter.label"), value=filters.status,
        on_change=lambda value: state.set_filter("status", value))
    priority = native_select(
        [rx.el.option(t("support.filter.any_priority"), value=""),
         *[rx.el.option(t(f"support.priority.{code}"), value=code) for code in PRIORITIES]],
        id="request-priority-filter", aria_label=t("support.field.priority"), value=filters.priority,
        on_change=lambda value: state.set_filter("priority", value))
    region = native_select(
        [rx.el.option(t("support.filter.any_region"), value=""),
         rx.foreach(state.regions, lambda r: rx.el.option(r.name, value=r.code))],
        id="request-region-filter", aria_label=t("support.field.region"), value=filters.region_code,
        on_change=lambda value: state.set_filter("region_code", value))
    scope = rx.cond(
        state.handles_requests,
        rx.segmented_control.root(
            rx.segmented_control.item(t("support.filter.scope.all"), value="all"),
            rx.segmented_control.item(t("support.filter.scope.mine"), value="mine"),
            rx.segmented_control.item(t("support.filter.scope.unassigned"), value="unassigned"),
            value=filters.scope,
            on_change=lambda value: state.set_filter("scope", value),
            size="2",
            id="request-scope",
        ),
    )
    # Its label is the touch target (theme.css makes a checkbox's label at least 40 px high).
    breached = rx.checkbox(t("support.filter.breached_only"), checked=filters.breached, size="3",
                           on_change=lambda value: state.set_filter("breached", value), id="request-breached")
    return rx.vstack(
        search,
        rx.grid(status, priority, region, columns=rx.breakpoints(initial="2", sm="3"), spacing="2", width="100%"),
        rx.flex(
            scope,
            breached,
            rx.spacer(),
            rx.text(t("support.filter.sorted"), size="1", color_scheme="gray", id="request-sort"),
            rx.button(t("support.filter.clear"), variant="ghost", size="2", on_click=state.clear_filters,
                      id="request-filters-clear"),
            spacing="3",
            align="center",
            wrap="wrap",
            width="100%",
        ),
        spacing="2",
        width="100%",
        id="request-filters",
    )
