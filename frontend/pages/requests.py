"""Support requests (协同需求): the requests the signed-in employee may read, and a form for frontline staff
to ask a backend department for help.

The form's `clientRequestId` is made when the form first opens and kept until a submission succeeds, so
resending after a network error can never create the request twice (the server answers with the original).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import reflex as rx
from reflex.event import EventSpec

from frontend import api
from frontend.components.template import template
from frontend.i18n import has_label, t
from frontend.state.session import LOGIN_ROUTE, SessionState

REQUESTS_ROUTE = "/requests"

STATUSES = ("SUBMITTED", "ACCEPTED", "IN_PROGRESS", "RESOLVED", "CONFIRMED", "REOPENED", "CANCELLED")
PRIORITIES = ("URGENT", "HIGH", "NORMAL", "LOW")
CATEGORIES = ("TECHNICAL_SOLUTION", "FAULT_REPAIR", "REQUIREMENT_RESEARCH", "OTHER")
DEFAULT_PRIORITY = "NORMAL"
DEFAULT_CATEGORY = "FAULT_REPAIR"
FORM_FIELDS = ("region_code", "department_code", "category", "priority", "title", "description", "reported_at")

STATUS_COLORS = {
    "SUBMITTED": "blue",
    "ACCEPTED": "cyan",
    "IN_PROGRESS": "amber",
    "RESOLVED": "green",
    "CONFIRMED": "grass",
    "REOPENED": "orange",
    "CANCELLED": "gray",
}
PRIORITY_COLORS = {"URGENT": "red", "HIGH": "orange", "NORMAL": "gray", "LOW": "gray"}


def display_zone() -> ZoneInfo:
    """The organisation's time zone, as the API is configured (TANDEM_TIMEZONE; Asia/Shanghai by default)."""
    try:
        return ZoneInfo(os.environ.get("TANDEM_TIMEZONE") or "Asia/Shanghai")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def parse_time(iso: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def format_time(iso: str) -> str:
    """ "2026-11-28T10:30:00+00:00" -> "2026-11-28 18:30" in the organisation's zone; "" for no time."""
    moment = parse_time(iso)
    return moment.astimezone(display_zone()).strftime("%Y-%m-%d %H:%M") if moment else ""


def format_minutes(minutes: str | float | None) -> str:
    """A duration for people: "45m", "3h 05m", "2d 4h"; "" when there is none (yet)."""
    if minutes is None or minutes == "":
        return ""
    try:
        total = int(Decimal(str(minutes)).to_integral_value())
    except InvalidOperation:
        return ""
    sign, total = ("-" if total < 0 else ""), abs(total)
    days, rest = divmod(total, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{sign}{days}d {hours}h" if hours else f"{sign}{days}d"
    if hours:
        return f"{sign}{hours}h {mins:02d}m"
    return f"{sign}{mins}m"


def age_text(iso: str, now: dt.datetime) -> str:
    moment = parse_time(iso)
    if moment is None:
        return ""
    return format_minutes(max(0.0, (now - moment).total_seconds() / 60))


def local_input_value(now: dt.datetime) -> str:
    """`now` as an <input type="datetime-local"> value in the organisation's zone, e.g. "2026-11-28T18:30"."""
    return now.astimezone(display_zone()).strftime("%Y-%m-%dT%H:%M")


def reported_at_iso(value: str) -> str:
    """A datetime-local value (organisation's zone) as ISO-8601 with offset; "" when it is not a time."""
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=display_zone())
    return moment.isoformat()


def new_client_request_id() -> str:
    return str(uuid.uuid4())


def error_label_key(code: str) -> str:
    """The i18n key that names an error code, or "" when the interface has none."""
    for key in (f"support.error.{code}", f"error.{code}"):
        if code and has_label(key):
            return key
    return ""


@dataclasses.dataclass(frozen=True)
class RequestRow:
    """One request as the list shows it."""

    id: str = ""
    href: str = ""
    title: str = ""
    status: str = ""
    status_color: str = "gray"
    priority: str = ""
    priority_color: str = "gray"
    category: str = ""
    region_name: str = ""
    department_name: str = ""
    submitter_name: str = ""
    assignee_name: str = ""
    submitted_text: str = ""
    age_text: str = ""
    sla_breached: bool = False


def row_of(request: api.SupportRequestSummary, now: dt.datetime) -> RequestRow:
    return RequestRow(
        id=request.id,
        href=f"{REQUESTS_ROUTE}/{request.id}",
        title=request.title,
        status=request.status,
        status_color=STATUS_COLORS.get(request.status, "gray"),
        priority=request.priority,
        priority_color=PRIORITY_COLORS.get(request.priority, "gray"),
        category=request.category,
        region_name=request.region_name,
        department_name=request.department_name,
        submitter_name=request.submitter_name,
        assignee_name=request.assignee_name,
        submitted_text=format_time(request.submitted_at),
        age_text=age_text(request.submitted_at, now),
        sla_breached=request.sla_breached,
    )


class RequestsState(SessionState):
    me: api.Profile = api.Profile()
    rows: list[RequestRow] = []
    status_filter: str = ""
    has_more: bool = False
    _end_cursor: str = ""
    # The token the shown list was fetched with (backend-only): a new sign-in must not see the old one.
    _list_token: str = ""
    is_loading: bool = False
    load_error_code: str = ""

    regions: list[api.Option] = []
    departments: list[api.Option] = []
    form_open: bool = False
    # The idempotency key of the request being written: kept across failed attempts, replaced after success.
    client_request_id: str = ""
    form_region: str = ""
    form_reported_at: str = ""
    is_submitting: bool = False
    submit_error_code: str = ""
    # The server's explanation of a refusal (OperationError.message); "" for transport failures.
    submit_error_message: str = ""
    notice_key: str = ""
    last_submitted_id: str = ""

    @rx.var(cache=True)
    def can_submit(self) -> bool:
        """Frontline staff raise support requests; backend staff only handle them."""
        return self.me.department_kind == "FRONTLINE"

    @rx.var(cache=True)
    def submit_error_label_key(self) -> str:
        return error_label_key(self.submit_error_code)

    @rx.var(cache=True)
    def has_submit_error(self) -> bool:
        return bool(self.submit_error_code)

    @rx.var(cache=True)
    def load_error_label_key(self) -> str:
        return error_label_key(self.load_error_code) or "error.GRAPHQL"

    @rx.var(cache=True)
    def is_empty(self) -> bool:
        return not self.rows and not self.is_loading and not self.load_error_code

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        """Who is signed in, then the first page of requests (and the form's choices for frontline staff)."""
        if self._list_token != self.token:
            self._forget_list()
        if not self.token:
            yield rx.redirect(LOGIN_ROUTE)
            return
        self.is_loading = True
        yield None
        try:
            me = await api.fetch_me(self.token)
            if me is None:
                self._end_session()
                self._forget_list()
                yield rx.redirect(LOGIN_ROUTE)
                return
            self.me = me
            self._list_token = self.token
            await self._fetch(reset=True)
            if self.can_submit and not self.departments:
                options = await api.fetch_support_form_options(self.token)
                self.regions = list(options.regions)
                self.departments = list(options.departments)
        except api.GatewayError as error:
            self.load_error_code = error.code
        finally:
            self.is_loading = False

    def _forget_list(self) -> None:
        """Drop what belonged to the previous sign-in in this tab, the pending form's key included."""
        self.me = api.Profile()
        self.rows = []
        self.has_more = False
        self._end_cursor = ""
        self.regions = []
        self.departments = []
        self.form_open = False
        self.client_request_id = ""
        self.notice_key = ""
        self.submit_error_code = ""
        self.submit_error_message = ""

    async def _fetch(self, *, reset: bool) -> None:
        page = await api.fetch_support_requests(
            self.token, filters=api.RequestFilters(status=self.status_filter), after="" if reset else self._end_cursor
        )
        now = dt.datetime.now(dt.UTC)
        rows = [row_of(request, now) for request in page.requests]
        self.rows = rows if reset else [*self.rows, *rows]
        self.has_more = page.has_next_page
        self._end_cursor = page.end_cursor
        self.load_error_code = ""

    async def _refetch(self, *, reset: bool) -> None:
        self.is_loading = True
        try:
            await self._fetch(reset=reset)
        except api.GatewayError as error:
            self.load_error_code = error.code
        finally:
            self.is_loading = False

    @rx.event
    async def set_status_filter(self, status: str) -> None:
        self.status_filter = status if status in STATUSES else ""
        await self._refetch(reset=True)

    @rx.event
    async def load_more(self) -> None:
        if self.has_more:
            await self._refetch(reset=False)

    @rx.event
    def open_form(self) -> None:
        if not self.can_submit:
            return
        if not self.client_request_id:
            self.client_request_id = new_client_request_id()
        self.form_region = self.me.region_code or (self.regions[0].code if self.regions else "")
        self.form_reported_at = local_input_value(dt.datetime.now(dt.UTC))
        self.notice_key = ""
        self.form_open = True

    @rx.event
    def close_form(self) -> None:
        # The key stays: the last attempt may have reached the server even if its answer did not reach us.
        self.form_open = False
        self.submit_error_code = ""
        self.submit_error_message = ""

    def _submit_failed(self, code: str, message: str) -> None:
        self.submit_error_code = code
        self.submit_error_message = message

    @rx.event
    async def submit(self, form_data: dict[str, str]) -> AsyncIterator[EventSpec | None]:
        values = {name: str(form_data.get(name) or "").strip() for name in FORM_FIELDS}
        reported_at = reported_at_iso(values["reported_at"])
        if not all(values.values()) or not reported_at:
            self._submit_failed("REQUIRED", "")
            return
        if not self.client_request_id:
            self.client_request_id = new_client_request_id()
        request = {
            "clientRequestId": self.client_request_id,
            "regionCode": values["region_code"],
            "departmentCode": values["department_code"],
            "category": values["category"],
            "priority": values["priority"],
            "title": values["title"],
            "description": values["description"],
            "customerReportedAt": reported_at,
        }
        self._submit_failed("", "")
        self.is_submitting = True
        yield None  # show the busy button while the API answers
        try:
            result = await api.submit_support_request(self.token, request)
        except api.GatewayError as error:
            # Maybe stored, maybe not: the same key goes with the retry, so it cannot be stored twice.
            self._submit_failed(error.code, "")
            return
        finally:
            self.is_submitting = False
        if isinstance(result, api.FieldError):
            self._submit_failed(result.code, result.message)
            return
        self.client_request_id = new_client_request_id()
        self.form_open = False
        self.last_submitted_id = result.request_id
        self.notice_key = "support.notice.created" if result.created else "support.notice.resent"
        await self._refetch(reset=True)


# --- view ----------------------------------------------------------------------------------------


def status_badge(status: rx.Var[str], color: rx.Var[str], **props: object) -> rx.Component:
    return rx.badge(t("support.status." + status), color_scheme=color, variant="soft", **props)


def priority_badge(priority: rx.Var[str], color: rx.Var[str]) -> rx.Component:
    return rx.badge(t("support.priority." + priority), color_scheme=color, variant="outline")


def error_callout(label_key: rx.Var[str], message: rx.Var[str], *, callout_id: str) -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("triangle_alert", size=16)),
        rx.vstack(
            rx.cond(label_key != "", rx.text(t(label_key), weight="medium")),
            rx.cond(message != "", rx.text(message, size="2")),
            spacing="1",
        ),
        color_scheme="red",
        role="alert",
        id=callout_id,
    )


NATIVE_SELECT_STYLE = {
    "width": "100%",
    "min_height": "var(--space-7)",
    "padding": "0 var(--space-2)",
    "border": "1px solid var(--gray-a7)",
    "border_radius": "var(--radius-2)",
    "background": "var(--color-surface)",
    "color": "var(--gray-12)",
    "font_size": "var(--font-size-3)",
}


def native_select(options: list[rx.Component] | rx.Component, **props: object) -> rx.Component:
    """A plain <select>: phones show their own picker, and forms read its value without extra wiring."""
    children = options if isinstance(options, list) else [options]
    return rx.el.select(*children, style=NATIVE_SELECT_STYLE, **props)


def labelled(label_key: str, control: rx.Component, *, html_for: str) -> rx.Component:
    return rx.vstack(
        rx.text(t(label_key), as_="label", html_for=html_for, weight="medium", size="2"),
        control,
        spacing="1",
        width="100%",
    )


def request_form() -> rx.Component:
    state = RequestsState
    region = native_select(
        rx.foreach(state.regions, lambda region: rx.el.option(region.name, value=region.code)),
        id="request-region",
        name="region_code",
        default_value=state.form_region,
        required=True,
    )
    department = native_select(
        [
            rx.el.option(t("support.form.choose"), value=""),
            rx.foreach(state.departments, lambda department: rx.el.option(department.name, value=department.code)),
        ],
        id="request-department",
        name="department_code",
        default_value="",
        required=True,
    )
    category = native_select(
        [rx.el.option(t(f"support.category.{code}"), value=code) for code in CATEGORIES],
        id="request-category",
        name="category",
        default_value=DEFAULT_CATEGORY,
    )
    priority = native_select(
        [rx.el.option(t(f"support.priority.{code}"), value=code) for code in PRIORITIES],
        id="request-priority",
        name="priority",
        default_value=DEFAULT_PRIORITY,
    )
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(t("support.form.title"), size="4", as_="h2"),
                rx.grid(
                    labelled("support.field.region", region, html_for="request-region"),
                    labelled("support.field.department", department, html_for="request-department"),
                    labelled("support.field.category", category, html_for="request-category"),
                    labelled("support.field.priority", priority, html_for="request-priority"),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="3",
                    width="100%",
                ),
                labelled(
                    "support.field.title",
                    rx.input(id="request-title", name="title", required=True, max_length=200, size="3", width="100%"),
                    html_for="request-title",
                ),
                labelled(
                    "support.field.description",
                    rx.text_area(id="request-description", name="description", required=True, rows="4", width="100%"),
                    html_for="request-description",
                ),
                labelled(
                    "support.field.customer_reported_at",
                    rx.input(
                        id="request-reported-at",
                        name="reported_at",
                        type="datetime-local",
                        default_value=state.form_reported_at,
                        required=True,
                        size="3",
                        width="100%",
                    ),
                    html_for="request-reported-at",
                ),
                rx.cond(
                    state.has_submit_error,
                    error_callout(
                        state.submit_error_label_key, state.submit_error_message, callout_id="request-form-error"
                    ),
                ),
                rx.flex(
                    rx.button(
                        t("support.form.submit"),
                        id="request-submit",
                        type="submit",
                        loading=state.is_submitting,
                        size="3",
                        flex_grow="1",
                    ),
                    rx.button(
                        t("support.form.close"),
                        id="request-form-close",
                        type="button",
                        variant="soft",
                        color_scheme="gray",
                        size="3",
                        on_click=RequestsState.close_form,
                    ),
                    spacing="3",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=RequestsState.submit,
            reset_on_submit=False,
            id="request-form",
        ),
        size="2",
        width="100%",
    )


def request_card(row: RequestRow) -> rx.Component:
    return rx.link(
        rx.card(
            rx.vstack(
                rx.flex(
                    status_badge(row.status, row.status_color, class_name="request-status"),
                    priority_badge(row.priority, row.priority_color),
                    rx.cond(
                        row.sla_breached,
                        rx.badge(rx.icon("clock-alert", size=12), t("support.sla.breached"), color_scheme="red"),
                    ),
                    rx.spacer(),
                    rx.text(row.age_text, size="1", color_scheme="gray", title=row.submitted_text),
                    spacing="2",
                    align="center",
                    wrap="wrap",
                    width="100%",
                ),
                rx.text(row.title, weight="medium", class_name="request-title"),
                rx.text(
                    row.department_name,
                    " · ",
                    row.region_name,
                    " · ",
                    t("support.category." + row.category),
                    rx.cond(row.assignee_name != "", " · " + row.assignee_name, ""),
                    size="2",
                    color_scheme="gray",
                ),
                spacing="1",
                width="100%",
            ),
            size="1",
            width="100%",
        ),
        href=row.href,
        underline="none",
        color="inherit",
        class_name="request-row",
        width="100%",
    )


def status_filter() -> rx.Component:
    return rx.box(
        native_select(
            [
                rx.el.option(t("support.filter.all"), value=""),
                *[rx.el.option(t(f"support.status.{code}"), value=code) for code in STATUSES],
            ],
            id="request-status-filter",
            aria_label=t("support.filter.label"),
            value=RequestsState.status_filter,
            on_change=RequestsState.set_status_filter,
        ),
        width=rx.breakpoints(initial="100%", sm="14rem"),
    )


@template(route=REQUESTS_ROUTE, title="协同需求 Support requests", on_load=RequestsState.load)
def requests_page() -> rx.Component:
    state = RequestsState
    return rx.vstack(
        rx.flex(
            rx.heading(t("support.title"), size="6", as_="h1", id="requests-title"),
            rx.spacer(),
            rx.cond(
                state.can_submit & ~state.form_open,
                rx.button(rx.icon("plus", size=16), t("support.new"), id="request-new", on_click=state.open_form),
            ),
            align="center",
            spacing="3",
            width="100%",
        ),
        rx.cond(
            state.notice_key != "",
            rx.callout(t(state.notice_key), icon="circle_check", color_scheme="green", id="request-notice"),
        ),
        rx.cond(state.form_open, request_form()),
        rx.cond(
            state.load_error_code != "",
            error_callout(state.load_error_label_key, "", callout_id="requests-error"),
        ),
        status_filter(),
        rx.vstack(rx.foreach(state.rows, request_card), spacing="2", width="100%", id="request-list"),
        rx.cond(state.is_empty, rx.text(t("support.empty"), color_scheme="gray", id="requests-empty")),
        rx.cond(state.is_loading, rx.hstack(rx.spinner(), rx.text(t("desk.loading")))),
        rx.cond(
            state.has_more & ~state.is_loading,
            rx.button(t("support.more"), variant="soft", on_click=state.load_more, id="requests-more", width="100%"),
        ),
        spacing="3",
        width="100%",
    )
