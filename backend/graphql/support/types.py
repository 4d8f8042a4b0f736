"""Support request types: the request with its derived SLA figures, timeline, comments and evidence."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from decimal import Decimal
from enum import Enum

import strawberry

from backend.domain.support import Category, Priority, Status
from backend.graphql.ids import encode_id
from backend.graphql.org.types import DepartmentType, EmployeeType, RegionType
from backend.graphql.scalars import DecimalNumber
from backend.persistence.models import SupportAttachment, SupportComment, SupportRequestEvent

CategoryEnum = strawberry.enum(Category, name="SupportCategory")
PriorityEnum = strawberry.enum(Priority, name="SupportPriority")
StatusEnum = strawberry.enum(Status, name="SupportStatus")

ATTACHMENT_URL_SECONDS = 600


def _minutes(delta: dt.timedelta | None) -> Decimal | None:
    return None if delta is None else (Decimal(int(delta.total_seconds())) / 60).quantize(Decimal("0.1"))


class People(dict[int, EmployeeType]):
    """Employees of a page by id; `get(None)` is None."""

    def get(self, key: int | None, default: EmployeeType | None = None) -> EmployeeType | None:  # type: ignore[override]
        return None if key is None else super().get(key, default)


@strawberry.type(description="Derived per request (SPEC §2). Minutes are calendar minutes.")
class SupportFigures:
    response_minutes: DecimalNumber | None  # type: ignore[valid-type]
    resolution_minutes: DecimalNumber | None  # type: ignore[valid-type]
    response_limit_minutes: DecimalNumber  # type: ignore[valid-type]
    resolution_limit_minutes: DecimalNumber  # type: ignore[valid-type]
    response_sla_met: bool | None = strawberry.field(description="null while open and within the limit")
    resolution_sla_met: bool | None
    sla_breached: bool
    satisfaction: int | None = strawberry.field(description="rating × 20; null until rated")
    handoff_delay_minutes: DecimalNumber  # type: ignore[valid-type]
    late_handoff: bool = strawberry.field(description="handed off later than the threshold: a frontline fault")
    support_points: DecimalNumber | None = strawberry.field(  # type: ignore[valid-type]
        description="priority weight × satisfaction factor × SLA factor; credited to the assignee once resolved")


@strawberry.type(name="SupportTimelineEntry")
class TimelineEntryType:
    sequence: int
    action: str
    from_status: str | None
    to_status: str
    actor: EmployeeType | None
    actor_label: str
    at: dt.datetime
    note: str | None

    @classmethod
    def from_model(cls, row: SupportRequestEvent, people: People) -> TimelineEntryType:
        return cls(sequence=row.sequence, action=row.action, from_status=row.from_status, to_status=row.to_status,
                   actor=people.get(row.actor_id), actor_label=row.actor_label, at=row.at, note=row.note)


@strawberry.type(name="SupportComment")
class CommentType:
    id: strawberry.ID
    body: str
    author: EmployeeType | None
    at: dt.datetime

    @classmethod
    def from_model(cls, row: SupportComment, people: People) -> CommentType:
        return cls(id=encode_id("SupportComment", row.id), body=row.body, author=people.get(row.author_id), at=row.at)


def attachment_signature(secret_key: str, attachment_id: int, expires: int) -> str:
    return hmac.new(secret_key.encode(), f"attachment:{attachment_id}:{expires}".encode(), hashlib.sha256).hexdigest()


def attachment_url(secret_key: str, attachment_id: int) -> str:
    expires = int(dt.datetime.now(dt.UTC).timestamp()) + ATTACHMENT_URL_SECONDS
    signature = attachment_signature(secret_key, attachment_id, expires)
    return f"/attachments/{attachment_id}?expires={expires}&signature={signature}"


@strawberry.type(name="SupportAttachment", description="Photo evidence (JPEG, PNG or WebP).")
class AttachmentType:
    id: strawberry.ID
    content_type: str
    size: int
    file_name: str
    sha256: str
    uploader: EmployeeType | None
    at: dt.datetime
    url: str = strawberry.field(description="A link valid for 10 minutes, issued only to people who may read the "
                                            "request.")

    @classmethod
    def from_model(cls, row: SupportAttachment, people: People, secret_key: str) -> AttachmentType:
        return cls(id=encode_id("SupportAttachment", row.id), content_type=row.content_type, size=row.size,
                   file_name=row.file_name, sha256=row.sha256, uploader=people.get(row.uploader_id), at=row.at,
                   url=attachment_url(secret_key, row.id))


@strawberry.type(name="SupportRequest", description="Related records are loaded for a whole page at once.")
class SupportRequestType:
    id: strawberry.ID
    client_request_id: str
    status: StatusEnum  # type: ignore[valid-type]
    category: CategoryEnum  # type: ignore[valid-type]
    priority: PriorityEnum  # type: ignore[valid-type]
    title: str
    description: str
    submitter: EmployeeType | None
    assignee: EmployeeType | None
    region: RegionType
    department: DepartmentType = strawberry.field(description="The backend department the request is for.")
    customer_reported_at: dt.datetime
    submitted_at: dt.datetime
    response_due_at: dt.datetime
    resolution_due_at: dt.datetime
    rule_version: str
    accepted_at: dt.datetime | None
    started_at: dt.datetime | None
    resolved_at: dt.datetime | None
    confirmed_at: dt.datetime | None
    cancelled_at: dt.datetime | None
    reopen_count: int
    rating: int | None
    rating_comment: str | None
    resolution_note: str | None
    figures: SupportFigures
    timeline: list[TimelineEntryType] = strawberry.field(description="Every transition, oldest first.")
    timeline_intact: bool = strawberry.field(
        description="The timeline's hash chain verifies: no entry was edited, removed or inserted.")
    comments: list[CommentType]
    attachments: list[AttachmentType]


@strawberry.type
class SupportRequestEdge:
    cursor: str
    node: SupportRequestType


@strawberry.type
class SupportRequestPageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class SupportRequestConnection:
    edges: list[SupportRequestEdge]
    page_info: SupportRequestPageInfo

    @strawberry.field
    def nodes(self) -> list[SupportRequestType]:
        return [edge.node for edge in self.edges]


class SupportChangeAction(Enum):
    CURRENT = "CURRENT"
    SUBMIT = "SUBMIT"
    ACCEPT = "ACCEPT"
    START = "START"
    RESOLVE = "RESOLVE"
    CONFIRM = "CONFIRM"
    REOPEN = "REOPEN"
    CANCEL = "CANCEL"
    COMMENT = "COMMENT"
    ATTACH = "ATTACH"


SupportChangeActionEnum = strawberry.enum(SupportChangeAction, name="SupportChangeAction",
                                          description="CURRENT is the state sent first to a subscriber of one request.")


@strawberry.type
class SupportRequestChangedEvent:
    action: SupportChangeActionEnum  # type: ignore[valid-type]
    sequence: int
    occurred_at: dt.datetime
    request: SupportRequestType
