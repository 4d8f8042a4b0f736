"""The services' clock: `now()` is the instant (UTC), `today()` the organisation's calendar date.

Every "today" — a date that may not lie in the future, days late, the default day a project starts or a member
joins, whether someone still works here — is the date in the organisation's time zone (TANDEM_TIMEZONE, default
Asia/Shanghai; SPEC §3), never the server's UTC date: from 00:00 to 08:00 in Shanghai the UTC date is still
yesterday. Services read the time only through this module, so a test pins it by replacing `now`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from backend.settings import organisation_zone


def now() -> datetime:
    return datetime.now(UTC)


def zone() -> ZoneInfo:
    return organisation_zone()


def local_date(instant: datetime) -> date:
    """The organisation's calendar date at `instant`."""
    return instant.astimezone(zone()).date()


def today() -> date:
    return local_date(now())
