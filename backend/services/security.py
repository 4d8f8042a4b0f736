"""Passwords (argon2), signed session tokens (JWT HS256) and hashed partner tokens."""

from __future__ import annotations

import asyncio
import hashlib
import os
import secrets
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

PARTNER_TOKEN_PREFIX = "tdm_"
SESSION_ISSUER = "tandem"

_hasher = PasswordHasher()
# Verifying against a dummy hash keeps the timing of "no such user" like "wrong password".
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))

MIN_PASSWORD_LENGTH = 8


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


# argon2 releases the GIL; one core stays free for the event loop however many sign-ins arrive at once.
_HASHING = ThreadPoolExecutor(max_workers=max(1, (os.cpu_count() or 2) - 1), thread_name_prefix="argon2")


async def verify_password_off_loop(password_hash: str | None, password: str) -> bool:
    return await asyncio.get_running_loop().run_in_executor(_HASHING, verify_password, password_hash, password)


async def hash_password_off_loop(password: str) -> str:
    return await asyncio.get_running_loop().run_in_executor(_HASHING, hash_password, password)


def issue_session_token(*, employee_id: int, secret_key: str, ttl_seconds: int,
                        now: datetime | None = None) -> tuple[str, datetime]:
    issued = now or datetime.now(UTC)
    expires = issued + timedelta(seconds=ttl_seconds)
    # `jti` names the session, so signing out can revoke this token (and only this one) before it expires.
    claims = {"sub": str(employee_id), "iat": issued, "exp": expires, "iss": SESSION_ISSUER,
              "jti": secrets.token_urlsafe(16)}
    return jwt.encode(claims, secret_key, algorithm="HS256"), expires


@dataclass(frozen=True, slots=True)
class SessionClaims:
    employee_id: int
    session_id: str
    expires_at: datetime


def read_session_claims(token: str, *, secret_key: str) -> SessionClaims | None:
    """Who a valid, unexpired token signed by us speaks for, which session it is, until when; None otherwise."""
    try:
        claims = jwt.decode(token, secret_key, algorithms=["HS256"], issuer=SESSION_ISSUER,
                            options={"require": ["exp", "sub", "iss"]})
        return SessionClaims(employee_id=int(claims["sub"]), session_id=str(claims.get("jti", "")),
                             expires_at=datetime.fromtimestamp(int(claims["exp"]), UTC))
    except (jwt.PyJWTError, ValueError, TypeError):
        return None


def read_session_token(token: str, *, secret_key: str) -> int | None:
    """The employee id of a valid, unexpired token signed by us; None otherwise."""
    claims = read_session_claims(token, secret_key=secret_key)
    return claims.employee_id if claims else None


def new_partner_token() -> str:
    return PARTNER_TOKEN_PREFIX + secrets.token_urlsafe(32)


def partner_token_digest(token: str) -> str:
    # The token is 256 random bits: a fast hash is enough and lets us look it up by digest.
    return hashlib.sha256(token.encode()).hexdigest()
