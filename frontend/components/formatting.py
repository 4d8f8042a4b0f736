"""How times, durations and money read for people: in the organisation's time zone, without internals."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"


def zone_name() -> str:
    """The organisation's time zone, as the API is configured (TANDEM_TIMEZONE; Asia/Shanghai by default)."""
    name = (os.environ.get("TANDEM_TIMEZONE") or "").strip() or DEFAULT_ZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


def display_zone() -> ZoneInfo:
    return ZoneInfo(zone_name())


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


def format_money(amount: str | None) -> str:
    """Yuan for display, e.g. "12000.00" -> "¥12,000.00"; "" when the API hides the amount (null)."""
    if amount is None or amount == "":
        return ""
    try:
        return f"¥{Decimal(amount):,.2f}"
    except InvalidOperation:
        return ""


def format_decimal(value: str | None, places: int = 2) -> str:
    """A decimal string for display ("0.8333…" -> "0.83"); "" for none."""
    if value is None or value == "":
        return ""
    try:
        return f"{Decimal(value):,.{places}f}"
    except InvalidOperation:
        return ""


def format_percent(fraction: str | None, places: int = 1) -> str:
    """A fraction as a percentage ("0.25" -> "25.0%"); "" for none."""
    if fraction is None or fraction == "":
        return ""
    try:
        return f"{Decimal(fraction) * 100:.{places}f}%"
    except InvalidOperation:
        return ""
