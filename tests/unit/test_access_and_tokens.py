"""Pay visibility policy and session tokens (no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend.domain.access import ANONYMOUS, SYSTEM, Scope, Viewer, ViewerKind, can_see_pay
from backend.domain.org import Role
from backend.services.security import (
    hash_password,
    issue_session_token,
    partner_token_digest,
    read_session_token,
    verify_password,
)

KEY = "k" * 48


def test_pay_is_visible_to_self_hr_admin_and_payroll_partners_only() -> None:
    staff = Viewer(kind=ViewerKind.EMPLOYEE, employee_id=1, roles=frozenset({Role.STAFF}))
    manager = Viewer(kind=ViewerKind.EMPLOYEE, employee_id=2, roles=frozenset({Role.MANAGER}))
    hr = Viewer(kind=ViewerKind.EMPLOYEE, employee_id=3, roles=frozenset({Role.HR}))
    admin = Viewer(kind=ViewerKind.EMPLOYEE, employee_id=4, roles=frozenset({Role.ADMIN}))
    payroll = Viewer(kind=ViewerKind.PARTNER, token_id=1, scopes=frozenset({Scope.READ_PAYROLL}))
    directory = Viewer(kind=ViewerKind.PARTNER, token_id=2, scopes=frozenset({Scope.READ_EMPLOYEES}))

    assert can_see_pay(staff, 1) and not can_see_pay(staff, 9)
    assert not can_see_pay(manager, 9)
    assert can_see_pay(hr, 9) and can_see_pay(admin, 9) and can_see_pay(payroll, 9)
    assert not can_see_pay(directory, 9) and not can_see_pay(ANONYMOUS, 9)
    assert SYSTEM.is_hr and not ANONYMOUS.is_hr


def test_session_tokens_expire_and_must_carry_our_signature() -> None:
    token, expires = issue_session_token(employee_id=42, secret_key=KEY, ttl_seconds=60)
    assert read_session_token(token, secret_key=KEY) == 42
    assert expires > datetime.now(UTC)

    old, _ = issue_session_token(employee_id=42, secret_key=KEY, ttl_seconds=60,
                                 now=datetime.now(UTC) - timedelta(minutes=5))
    assert read_session_token(old, secret_key=KEY) is None
    assert read_session_token(token, secret_key="x" * 48) is None
    assert read_session_token(token + "x", secret_key=KEY) is None
    assert read_session_token("not.a.token", secret_key=KEY) is None


def test_passwords_and_partner_digests() -> None:
    stored = hash_password("correct horse")
    assert verify_password(stored, "correct horse")
    assert not verify_password(stored, "wrong horse")
    assert not verify_password(None, "anything")
    assert partner_token_digest("tdm_a") != partner_token_digest("tdm_b")
    assert len(partner_token_digest("tdm_a")) == 64
