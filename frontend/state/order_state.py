"""Recording an order (录入订单): frontline staff for themselves, managers and HR for anyone (SPEC §5).

The order's clientOrderId is made in the browser when the form opens (crypto), kept until the server has
answered that it recorded the order, and sent with every attempt: a resend after a dropped connection or a
double tap is answered with the original order, never a second one. A refusal names the field at fault and
the page shows it there.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import AsyncIterator

import reflex as rx
from reflex.event import EventSpec

from frontend import api
from frontend.api import rewards as gateway
from frontend.components.formatting import format_money, local_input_value, reported_at_iso
from frontend.state.viewer import ViewerState

ORDERS_ROUTE = "/orders"
ORDER_TYPES = ("NEW", "RENEWAL")
# A request blocks an order only while it is not resolved yet (SPEC §5).
BLOCKING_STATUSES = frozenset({"SUBMITTED", "ACCEPTED", "IN_PROGRESS", "REOPENED"})
AMOUNT = re.compile(r"^\d{1,12}(\.\d{1,2})?$")
MAX_CUSTOMER = 200
# A random UUID made on the device; crypto.randomUUID needs a secure context, getRandomValues does not.
NEW_CLIENT_ID_JS = (
    "(() => { const c = window.crypto; if (c.randomUUID) { return c.randomUUID(); }"
    " const b = c.getRandomValues(new Uint8Array(16)); b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;"
    " const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');"
    " return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-'); })()"
)


@dataclasses.dataclass(frozen=True)
class Choice:
    value: str
    label: str


def input_of(*, client_order_id: str, employee_id: str, region_code: str, customer: str, order_type: str,
             amount: str, occurred_at: str, blocking_request_id: str) -> dict[str, object] | api.FieldError:
    """The RecordOrderInput the form describes, or the first field the browser can already tell is wrong."""
    customer = customer.strip()
    amount = amount.strip().replace(",", "")
    if not employee_id:
        return api.FieldError("VALIDATION", "", "employeeId")
    if not region_code:
        return api.FieldError("VALIDATION", "", "regionCode")
    if not customer or len(customer) > MAX_CUSTOMER:
        return api.FieldError("VALIDATION", "", "customer")
    if order_type not in ORDER_TYPES:
        return api.FieldError("VALIDATION", "", "type")
    if not AMOUNT.match(amount) or not any(ch in "123456789" for ch in amount):
        return api.FieldError("INVALID_AMOUNT", "", "amount")
    occurred = reported_at_iso(occurred_at)
    if not occurred:
        return api.FieldError("VALIDATION", "", "occurredAt")
    return {"clientOrderId": client_order_id, "employeeId": employee_id, "regionCode": region_code,
            "customer": customer, "type": order_type, "amount": amount, "occurredAt": occurred,
            "blockingRequestId": blocking_request_id or None}


class OrderState(ViewerState):
    client_order_id: str = ""
    region_code: str = ""
    employee_id: str = ""
    customer: str = ""
    order_type: str = "NEW"
    amount: str = ""
    occurred_at: str = ""
    blocking_request_id: str = ""
    regions: list[Choice] = []
    staff: list[Choice] = []
    staff_search: str = ""
    blocking: list[Choice] = []
    is_sending: bool = False
    error_code: str = ""
    error_field: str = ""
    error_message: str = ""
    # The last order the server confirmed: "" until then.
    recorded_status: str = ""
    recorded_commission: str = ""
    recorded_again: bool = False

    @rx.var(cache=True)
    def for_anyone(self) -> bool:
        """Managers and HR pick the region and the employee; frontline staff record their own orders."""
        return bool({"MANAGER", "HR", "ADMIN"} & set(self.me.roles))

    @rx.var(cache=True)
    def may_record(self) -> bool:
        return self.for_anyone or self.me.department_kind == "FRONTLINE"

    @rx.var(cache=True)
    def field_error_key(self) -> str:
        return f"orders.error.{self.error_code}" if self.error_code else ""

    @rx.event
    async def load(self) -> AsyncIterator[EventSpec | None]:
        if not self.token:
            yield self._to_sign_in()
            return
        loaded = await self._load_viewer()
        if loaded is False:
            yield self._session_expired()
            return
        self._clear_error()
        self.recorded_status = ""
        self.occurred_at = local_input_value(dt.datetime.now(dt.UTC))
        if not self.client_order_id:
            yield rx.call_script(NEW_CLIENT_ID_JS, callback=OrderState.set_client_order_id)
        if loaded is None:
            self.error_code = self.viewer_error_code
            return
        try:
            if self.for_anyone:
                self.regions = [Choice(r.code, r.name) for r in await gateway.fetch_regions(self.token)]
                if self.region_code not in {r.value for r in self.regions}:
                    self.region_code = self.regions[0].value if self.regions else ""
            else:
                self.region_code = self.me.region_code or ""
                self.regions = [Choice(self.region_code, self.me.region_name or self.region_code)]
                self.employee_id = self.me.id
            await self._load_region()
        except api.GatewayError as error:
            self.error_code = error.code

    async def _load_staff(self) -> None:
        found = await gateway.fetch_region_staff(self.token, self.region_code, self.staff_search)
        self.staff = [Choice(o.code, o.name) for o in found]
        if self.employee_id not in {s.value for s in self.staff}:
            self.employee_id = ""  # chosen, never assumed: an order credited to the wrong person is money

    async def _load_region(self) -> None:
        if self.for_anyone:
            await self._load_staff()
        page = await api.fetch_support_requests(
            self.token, filters=api.RequestFilters(region_code=self.region_code), first=50)
        self.blocking = [Choice(r.id, r.title) for r in page.requests if r.status in BLOCKING_STATUSES]
        if self.blocking_request_id not in {b.value for b in self.blocking}:
            self.blocking_request_id = ""

    @rx.event
    def set_client_order_id(self, value: str) -> None:
        self.client_order_id = str(value or "")

    @rx.event
    async def set_region(self, code: str) -> None:
        if self.for_anyone and code in {r.value for r in self.regions}:
            self.region_code = code
            try:
                await self._load_region()
            except api.GatewayError as error:
                self.error_code = error.code

    @rx.event
    async def set_staff_search(self, value: str) -> None:
        self.staff_search = value
        if self.for_anyone:
            try:
                await self._load_staff()
            except api.GatewayError as error:
                self.error_code = error.code

    @rx.event
    def set_employee(self, value: str) -> None:
        self.employee_id = value

    @rx.event
    def set_customer(self, value: str) -> None:
        self.customer = value

    @rx.event
    def set_order_type(self, value: str) -> None:
        self.order_type = value

    @rx.event
    def set_amount(self, value: str) -> None:
        self.amount = value

    @rx.event
    def set_occurred_at(self, value: str) -> None:
        self.occurred_at = value

    @rx.event
    def set_blocking(self, value: str) -> None:
        self.blocking_request_id = value

    def _clear_error(self) -> None:
        self.error_code = self.error_field = self.error_message = ""

    def _refuse(self, error: api.FieldError) -> None:
        self.error_code, self.error_field, self.error_message = error.code, error.field, error.message

    @rx.event
    async def submit(self, _form: dict[str, str] | None = None) -> AsyncIterator[EventSpec | None]:
        async for update in self._send():
            yield update

    async def _send(self) -> AsyncIterator[EventSpec | None]:
        if self.is_sending:
            return  # a double tap: the first attempt is still on its way
        self._clear_error()
        self.recorded_status = ""
        if not self.client_order_id:  # the browser has not answered yet: make the id, then send
            yield rx.call_script(NEW_CLIENT_ID_JS, callback=OrderState.set_client_order_id_and_submit)
            return
        order = input_of(client_order_id=self.client_order_id, employee_id=self.employee_id,
                         region_code=self.region_code, customer=self.customer, order_type=self.order_type,
                         amount=self.amount, occurred_at=self.occurred_at,
                         blocking_request_id=self.blocking_request_id)
        if isinstance(order, api.FieldError):
            self._refuse(order)
            return
        self.is_sending = True
        yield None
        try:
            result = await gateway.record_order(self.token, order)
        except api.GatewayError as error:
            # Not known whether the server has it: the same clientOrderId goes with the next attempt.
            self._refuse(api.FieldError(error.code, error.message))
            return
        finally:
            self.is_sending = False
        if isinstance(result, api.FieldError):
            self._refuse(result)
            return
        self.recorded_status = result.status
        self.recorded_commission = format_money(result.commission)
        self.recorded_again = not result.created
        self.customer, self.amount, self.blocking_request_id = "", "", ""
        self.client_order_id = ""  # the next order is another one
        yield rx.call_script(NEW_CLIENT_ID_JS, callback=OrderState.set_client_order_id)

    @rx.event
    async def set_client_order_id_and_submit(self, value: str) -> AsyncIterator[EventSpec | None]:
        self.client_order_id = str(value or "")
        if self.client_order_id:
            async for update in self._send():
                yield update
