"""Open websockets counted per client address and per token, each with its own limit.

Counts are per worker process (each worker admits up to the limit); a refusal closes the socket with a
typed code and a readable reason: 4429 for too many connections (after graphql-transport-ws's 44xx codes).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

TOO_MANY_CONNECTIONS = 4429


@dataclass
class OpenConnections:
    per_token: int
    per_address: int
    by_token: Counter[str] = field(default_factory=Counter)
    by_address: Counter[str] = field(default_factory=Counter)

    def admit_address(self, address: str) -> str | None:
        """Count one more socket from `address`, or say why not."""
        if self.by_address[address] >= self.per_address:
            return f"too many open connections from this address (at most {self.per_address})"
        self.by_address[address] += 1
        return None

    def release_address(self, address: str) -> None:
        self._release(self.by_address, address)

    def admit_token(self, authorization: str) -> tuple[str | None, str | None]:
        """(key to release later, refusal reason): one more socket signed in with this token, or why not."""
        key = hashlib.sha256(authorization.encode("utf-8", "replace")).hexdigest()
        if self.by_token[key] >= self.per_token:
            return None, f"too many open connections with this token (at most {self.per_token})"
        self.by_token[key] += 1
        return key, None

    def release_token(self, key: str) -> None:
        self._release(self.by_token, key)

    @staticmethod
    def _release(counter: Counter[str], key: str) -> None:
        counter[key] -= 1
        if counter[key] <= 0:
            del counter[key]
