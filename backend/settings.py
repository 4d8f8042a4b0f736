"""One settings object, read from the environment (TANDEM_*)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

DEFAULT_TOKEN_TTL_SECONDS = 12 * 3600
MIN_SECRET_BYTES = 32
DEFAULT_TIMEZONE = "Asia/Shanghai"


@dataclass(frozen=True, slots=True)
class Settings:
    environment: str
    data_dir: Path
    database_url: str
    event_bus_url: str
    secret_key: str
    token_ttl_seconds: int
    graphiql: bool
    introspection: bool
    allowed_origins: tuple[str, ...]
    upload_max_bytes: int
    timezone: ZoneInfo
    # Bounds on what one client may ask of the server (issue 11).
    request_max_bytes: int = 1024 * 1024
    max_query_cost: int = 50_000
    query_time_limit_seconds: float = 10.0
    websockets_per_token: int = 20
    websockets_per_address: int = 200
    login_attempts_per_account: int = 5
    login_attempts_per_address: int = 50
    login_window_seconds: int = 15 * 60

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def dialect(self) -> str:
        return "postgres" if self.database_url.startswith(("postgres://", "postgresql://")) else "sqlite"


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(data_dir: Path) -> str:
    """Use TANDEM_SECRET_KEY, else a key generated once and kept in the data folder."""
    configured = os.environ.get("TANDEM_SECRET_KEY", "").strip()
    if configured:
        if len(configured.encode()) < MIN_SECRET_BYTES:
            raise ValueError(f"TANDEM_SECRET_KEY must be at least {MIN_SECRET_BYTES} bytes (it signs session tokens)")
        return configured
    key_file = data_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    # Create with owner-only permissions: the key signs every session token.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


def organisation_zone() -> ZoneInfo:
    """The organisation's calendar (TANDEM_TIMEZONE): periods, "today" and every date a person sees."""
    return ZoneInfo(os.environ.get("TANDEM_TIMEZONE", "").strip() or DEFAULT_TIMEZONE)


def load_settings() -> Settings:
    environment = os.environ.get("TANDEM_ENV", "development").strip().lower()
    data_dir = Path(os.environ.get("TANDEM_DATA_DIR", "data")).resolve()
    database_url = os.environ.get("TANDEM_DATABASE_URL", "").strip() or f"sqlite://{data_dir / 'tandem.sqlite3'}"
    if database_url.startswith("sqlite://") and database_url != "sqlite://:memory:":
        Path(database_url.removeprefix("sqlite://")).parent.mkdir(parents=True, exist_ok=True)
    development = environment != "production"
    origins = tuple(o.strip() for o in os.environ.get("TANDEM_ALLOWED_ORIGINS", "").split(",") if o.strip())
    return Settings(
        environment=environment,
        data_dir=data_dir,
        database_url=database_url,
        event_bus_url=os.environ.get("TANDEM_EVENT_BUS_URL", "").strip() or "memory://",
        secret_key=_secret_key(data_dir),
        token_ttl_seconds=int(os.environ.get("TANDEM_TOKEN_TTL_SECONDS", DEFAULT_TOKEN_TTL_SECONDS)),
        graphiql=_flag("TANDEM_GRAPHIQL", development),
        introspection=_flag("TANDEM_INTROSPECTION", development),
        allowed_origins=origins,
        upload_max_bytes=int(os.environ.get("TANDEM_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)),
        # Periods ("YYYY-MM") are months on the organisation's calendar.
        timezone=organisation_zone(),
        request_max_bytes=_positive("TANDEM_REQUEST_MAX_BYTES", 1024 * 1024),
        max_query_cost=_positive("TANDEM_MAX_QUERY_COST", 50_000),
        query_time_limit_seconds=float(os.environ.get("TANDEM_QUERY_TIME_LIMIT_SECONDS", "") or 10.0),
        websockets_per_token=_positive("TANDEM_WEBSOCKETS_PER_TOKEN", 20),
        websockets_per_address=_positive("TANDEM_WEBSOCKETS_PER_ADDRESS", 200),
        login_attempts_per_account=_positive("TANDEM_LOGIN_ATTEMPTS_PER_ACCOUNT", 5),
        login_attempts_per_address=_positive("TANDEM_LOGIN_ATTEMPTS_PER_ADDRESS", 50),
        login_window_seconds=_positive("TANDEM_LOGIN_WINDOW_SECONDS", 15 * 60),
    )


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    value = int(raw) if raw else default
    if value <= 0:
        raise ValueError(f"{name} must be a positive whole number")
    return value
