"""Support request types: the request with its derived SLA figures, timeline, comments and evidence."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from decimal import Decimal
from enum import Enum

import strawberry
from strawberry import Private

from backend.domain.support import Category, Priority, Status
from backend.graphql.context import Info
from backend.graphql.ids import encode_id
from backend.graphql.org.types import DepartmentType, EmployeeType, RegionType
from backend.graphql.scalars import DecimalNumber
from backend.persistence.models import SupportAttachment, SupportComment, SupportRequest, SupportRequestEvent
from backend.services import support as services

CategoryEnum = strawberry.enum(Category, name="SupportCategory")
PriorityEnum = strawberry.enum(Priority, name="SupportPriority")
StatusEnum = strawberry.enum(Status, name="SupportStatus")

ATTACHMENT_URL_SECONDS = 600


def _minutes(delta: dt.timedelta | None) -> Decimal | None:
    return None if delta is None else (Decimal(int(delta.total_seconds())) / 60).quantize(Decimal("0.1"))


async def employee_or_none(info: Info, employee_id: int | None) -> EmployeeType | None:
    if employee_id is None:
        return None
    row = await info.context.loaders.employee_row_by_id.load(employee_id)
    return EmployeeType.from_rows([row])[0] if row else None


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
    actor_pk: Private[int | None]
    sequence: int
    action: str
    from_status: str | None
    to_status: str
    actor_label: str
    at: dt.datetime
    note: str | None

    @strawberry.field
    async def actor(self, info: Info) -> EmployeeType | None:
        return await employee_or_none(info, self.actor_pk)

    @classmethod
    def from_model(cls, row: SupportRequestEvent) -> TimelineEntryType:
        return cls(actor_pk=row.actor_id, sequence=row.sequence, action=row.action, from_status=row.from_status,
                   to_status=row.to_status, actor_label=row.actor_label, at=row.at, note=row.note)


@strawberry.type(name="SupportComment")
class CommentType:
    author_pk: Private[int]
    id: strawberry.ID
    body: str
    at: dt.datetime

    @strawberry.field
    async def author(self, info: Info) -> EmployeeType | None:
        return await employee_or_none(info, self.author_pk)

    @classmethod
    def from_model(cls, row: SupportComment) -> CommentType:
        return cls(author_pk=row.author_id, id=encode_id("SupportComment", row.id), body=row.body, at=row.at)


def attachment_signature(secret_key: str, attachment_id: int, expires: int) -> str:
    return hmac.new(secret_key.encode(), f"attachment:{attachment_id}:{expires}".encode(), hashlib.sha256).hexdigest()


@strawberry.type(name="SupportAttachment", description="Photo evidence (JPEG, PNG or WebP).")
class AttachmentType:
    pk: Private[int]
    uploader_pk: Private[int]
    id: strawberry.ID
    content_type: str
    size: int
    file_name: str
    sha256: str
    at: dt.datetime

    @strawberry.field(description="A link valid for 10 minutes, issued only to people who may read the request.")
    def url(self, info: Info) -> str:
        expires = int(dt.datetime.now(dt.UTC).timestamp()) + ATTACHMENT_URL_SECONDS
        signature = attachment_signature(info.context.settings.secret_key, self.pk, expires)
        return f"/attachments/{self.pk}?expires={expires}&signature={signature}"

    @strawberry.field
    async def uploader(self, info: Info) -> EmployeeType | None:
        return await employee_or_none(info, self.uploader_pk)

    @classmethod
    def from_model(cls, row: SupportAttachment) -> AttachmentType:
        return cls(pk=row.id, uploader_pk=row.uploader_id, id=encode_id("SupportAttachment", row.id),
                   content_type=row.content_type, size=row.size, file_name=row.file_name, sha256=row.sha256,
                   at=row.at)


@strawberry.type(name="SupportRequest")
class SupportRequestType:
    model: Private[SupportRequest]
    id: strawberry.ID
    client_request_id: str
    status: StatusEnum  # type: ignore[valid-type]
    category: CategoryEnum  # type: ignore[valid-type]
    priority: PriorityEnum  # type: ignore[valid-type]
    title: str
    description: str
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

    @strawberry.field
    async def submitter(self, info: Info) -> EmployeeType | None:
        return await employee_or_none(info, self.model.submitter_id)

    @strawberry.field
    async def assignee(self, info: Info) -> EmployeeType | None:
        return await employee_or_none(info, self.model.assignee_id)

    @strawberry.field
    async def region(self, info: Info) -> RegionType:
        return RegionType.from_model(await info.context.loaders.region_by_id.load(self.model.region_id))

    @strawberry.field(description="The backend department the request is for.")
    async def department(self, info: Info) -> DepartmentType:
        return DepartmentType.from_model(await info.context.loaders.department_by_id.load(self.model.department_id))

    @strawberry.field(description="Every transition with actor and time, oldest first.")
    async def timeline(self, info: Info) -> list[TimelineEntryType]:
        rows = await info.context.support.timeline_by_request_id.load(self.model.id)
        return [TimelineEntryType.from_model(row) for row in rows]

    @strawberry.field(description="The timeline's hash chain verifies: no entry was edited, removed or inserted.")
    async def timeline_intact(self, info: Info) -> bool:
        rows = await info.context.support.timeline_by_request_id.load(self.model.id)
        return services.timeline_intact(self.model, rows)

    @strawberry.field
    async def comments(self, info: Info) -> list[CommentType]:
        rows = await info.context.support.comments_by_request_id.load(self.model.id)
        return [CommentType.from_model(row) for row in rows]

    @strawberry.field
    async def attachments(self, info: Info) -> list[AttachmentType]:
        rows = await info.context.support.attachments_by_request_id.load(self.model.id)
        return [AttachmentType.from_model(row) for row in rows]

    @classmethod
    def from_model(cls, row: SupportRequest, *, now: dt.datetime | None = None) -> SupportRequestType:
        f = services.figures_of(row, now=now or dt.datetime.now(dt.UTC))
        return cls(
            model=row, id=encode_id("SupportRequest", row.id), client_request_id=row.client_request_id,
            status=row.status, category=row.category, priority=row.priority, title=row.title,
            description=row.description, customer_reported_at=row.customer_reported_at,
            submitted_at=row.submitted_at, response_due_at=row.response_due_at,
            resolution_due_at=row.resolution_due_at, rule_version=row.rule_version, accepted_at=row.accepted_at,
            started_at=row.started_at, resolved_at=row.resolved_at, confirmed_at=row.confirmed_at,
            cancelled_at=row.cancelled_at, reopen_count=row.reopen_count, rating=row.rating,
            rating_comment=row.rating_comment, resolution_note=row.resolution_note,
            figures=SupportFigures(
                response_minutes=_minutes(f.response_time), resolution_minutes=_minutes(f.resolution_time),
                response_limit_minutes=_minutes(f.response_limit),
                resolution_limit_minutes=_minutes(f.resolution_limit),
                response_sla_met=f.response_sla_met, resolution_sla_met=f.resolution_sla_met,
                sla_breached=f.sla_breached, satisfaction=f.satisfaction,
                handoff_delay_minutes=_minutes(f.handoff_delay), late_handoff=f.late_handoff,
                support_points=f.support_points),
        )


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
