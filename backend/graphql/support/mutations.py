"""Support mutations: submit (idempotent), the six transitions, comments and photo evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry
from strawberry.file_uploads import Upload

from backend.graphql.context import Info
from backend.graphql.errors import OperationError
from backend.graphql.ids import decode_id
from backend.graphql.permissions import IsEmployee, MutationGuard
from backend.graphql.run import checked, run_use_case
from backend.graphql.support.nodes import people_by_id, request_node
from backend.graphql.support.types import (
    AttachmentType,
    CategoryEnum,
    CommentType,
    PriorityEnum,
    SupportRequestType,
)
from backend.persistence.models import SupportAttachment, SupportComment, SupportRequest
from backend.services import support


@strawberry.input
class SubmitSupportRequestInput:
    client_request_id: str = strawberry.field(description="Generated on the device; resending it is safe.")
    region_code: str
    department_code: str = strawberry.field(description="The backend department asked for support.")
    category: CategoryEnum  # type: ignore[valid-type]
    priority: PriorityEnum  # type: ignore[valid-type]
    title: str
    description: str
    customer_reported_at: dt.datetime = strawberry.field(description="When the customer reported it (with offset).")


@strawberry.type
class SupportRequestSuccess:
    request: SupportRequestType
    created: bool = strawberry.field(description="false when this was a resend of an earlier submission")


@strawberry.type
class SupportCommentSuccess:
    comment: CommentType


@strawberry.type
class SupportAttachmentSuccess:
    attachment: AttachmentType


SupportRequestPayload = Annotated[SupportRequestSuccess | OperationError, strawberry.union("SupportRequestPayload")]
SupportCommentPayload = Annotated[SupportCommentSuccess | OperationError, strawberry.union("SupportCommentPayload")]
SupportAttachmentPayload = Annotated[SupportAttachmentSuccess | OperationError,
                                     strawberry.union("SupportAttachmentPayload")]


def _request_id(value: strawberry.ID) -> int | OperationError:
    return checked(lambda: decode_id("SupportRequest", value))


async def _success(info: Info, result: SupportRequest | OperationError,
                   created: bool = False) -> SupportRequestSuccess | OperationError:
    if isinstance(result, OperationError):
        return result
    node = await request_node(result, secret_key=info.context.settings.secret_key)
    return SupportRequestSuccess(request=node, created=created)


async def _transition(info: Info, id: strawberry.ID, use_case: Callable[..., Awaitable[SupportRequest]],
                      **arguments: Any) -> SupportRequestSuccess | OperationError:
    """Decode the request id, run one transition use case, map the result."""
    pk = _request_id(id)
    if isinstance(pk, OperationError):
        return pk
    return await _success(info, await run_use_case(info.context, use_case, request_id=pk, **arguments))


GUARD = [MutationGuard(IsEmployee)]


@strawberry.type
class SupportMutation:
    @strawberry.mutation(extensions=GUARD, description="Frontline staff ask a backend department for support.")
    async def submit_support_request(self, info: Info, input: SubmitSupportRequestInput) -> SupportRequestPayload:
        data = support.SubmitData(
            client_request_id=input.client_request_id, region_code=input.region_code,
            department_code=input.department_code, category=input.category, priority=input.priority,
            title=input.title, description=input.description, customer_reported_at=input.customer_reported_at)
        result = await run_use_case(info.context, support.submit_request, data=data)
        if isinstance(result, OperationError):
            return result
        return await _success(info, result.request, created=result.created)

    @strawberry.mutation(extensions=GUARD)
    async def accept_support_request(self, info: Info, id: strawberry.ID,
                                     assignee_id: strawberry.ID) -> SupportRequestPayload:
        assignee = checked(lambda: decode_id("Employee", assignee_id, field="assigneeId"))
        if isinstance(assignee, OperationError):
            return assignee
        return await _transition(info, id, support.accept_request, assignee_id=assignee)

    @strawberry.mutation(extensions=GUARD)
    async def start_support_request(self, info: Info, id: strawberry.ID) -> SupportRequestPayload:
        return await _transition(info, id, support.start_request)

    @strawberry.mutation(extensions=GUARD)
    async def resolve_support_request(self, info: Info, id: strawberry.ID,
                                      note: str | None = None) -> SupportRequestPayload:
        return await _transition(info, id, support.resolve_request, note=note)

    @strawberry.mutation(extensions=GUARD, description="The submitter confirms the resolution and rates it 1–5.")
    async def confirm_support_request(self, info: Info, id: strawberry.ID, rating: int,
                                      comment: str | None = None) -> SupportRequestPayload:
        return await _transition(info, id, support.confirm_request, rating=rating, comment=comment)

    @strawberry.mutation(extensions=GUARD)
    async def reopen_support_request(self, info: Info, id: strawberry.ID, reason: str) -> SupportRequestPayload:
        return await _transition(info, id, support.reopen_request, reason=reason)

    @strawberry.mutation(extensions=GUARD)
    async def cancel_support_request(self, info: Info, id: strawberry.ID) -> SupportRequestPayload:
        return await _transition(info, id, support.cancel_request)

    @strawberry.mutation(extensions=GUARD)
    async def comment_support_request(self, info: Info, id: strawberry.ID, body: str) -> SupportCommentPayload:
        pk = _request_id(id)
        if isinstance(pk, OperationError):
            return pk
        result: SupportComment | OperationError = await run_use_case(
            info.context, support.comment_request, request_id=pk, body=body)
        if isinstance(result, OperationError):
            return result
        return SupportCommentSuccess(comment=CommentType.from_model(result, await people_by_id([result.author_id])))

    @strawberry.mutation(extensions=GUARD,
                         description="Photo evidence (JPEG, PNG or WebP, judged by content; size-limited).")
    async def add_support_attachment(self, info: Info, request_id: strawberry.ID,
                                     file: Upload) -> SupportAttachmentPayload:
        pk = _request_id(request_id)
        if isinstance(pk, OperationError):
            return pk
        settings = info.context.settings
        # Read one byte past the limit: enough to refuse an oversized file without holding all of it.
        content = await file.read(settings.upload_max_bytes + 1)  # type: ignore[attr-defined]
        result: SupportAttachment | OperationError = await run_use_case(
            info.context, support.add_attachment, request_id=pk,
            file_name=getattr(file, "filename", None) or "photo", content=content,
            storage_dir=settings.data_dir, max_bytes=settings.upload_max_bytes)
        if isinstance(result, OperationError):
            return result
        people = await people_by_id([result.uploader_id])
        return SupportAttachmentSuccess(attachment=AttachmentType.from_model(result, people, settings.secret_key))
