"""Opaque ids: base64url of "<Type>:<pk>", so a client never builds or guesses them."""

from __future__ import annotations

import base64
import binascii
import functools

import strawberry

from backend.domain.errors import ValidationError

MAX_PK = 2**31 - 1


@functools.lru_cache(maxsize=1 << 16)
def encode_id(type_name: str, pk: int) -> strawberry.ID:
    # Cached: the same rows are listed again and again (a directory page encodes 100 ids per request).
    raw = f"{type_name}:{pk}".encode()
    return strawberry.ID(base64.urlsafe_b64encode(raw).decode().rstrip("="))


def decode_id(type_name: str, value: str, *, field: str = "id") -> int:
    try:
        padded = value + "=" * (-len(value) % 4)
        kind, _, pk = base64.urlsafe_b64decode(padded.encode("ascii")).decode().partition(":")
        number = int(pk)
    except (binascii.Error, UnicodeError, ValueError) as exc:
        raise ValidationError(f"{field} is not a valid {type_name} id", field=field) from exc
    # Primary keys are 32-bit integers (PostgreSQL `integer`): a larger number names no row, and the
    # database would refuse it with an error rather than find nothing.
    if kind != type_name or number <= 0 or number > MAX_PK:
        raise ValidationError(f"{field} is not a valid {type_name} id", field=field)
    return number
