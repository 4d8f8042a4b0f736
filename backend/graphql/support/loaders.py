"""Dataloaders for support requests, built fresh per request; results in key order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from strawberry.dataloader import DataLoader

from backend.persistence.models import SupportAttachment, SupportComment, SupportRequestEvent


def _grouped(keys: Sequence[int], rows: list[Any]) -> list[list[Any]]:
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        groups[row.request_id].append(row)
    return [groups.get(key, []) for key in keys]


async def _timeline(keys: Sequence[int]) -> list[list[SupportRequestEvent]]:
    return _grouped(keys, await SupportRequestEvent.filter(request_id__in=keys).order_by("request_id", "sequence"))


async def _comments(keys: Sequence[int]) -> list[list[SupportComment]]:
    return _grouped(keys, await SupportComment.filter(request_id__in=keys).order_by("request_id", "id"))


async def _attachments(keys: Sequence[int]) -> list[list[SupportAttachment]]:
    return _grouped(keys, await SupportAttachment.filter(request_id__in=keys).order_by("request_id", "id"))


class SupportLoaders:
    def __init__(self) -> None:
        self.timeline_by_request_id = DataLoader(load_fn=_timeline)
        self.comments_by_request_id = DataLoader(load_fn=_comments)
        self.attachments_by_request_id = DataLoader(load_fn=_attachments)
