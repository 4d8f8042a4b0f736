"""Live tests use the projects' board fixture."""

from tests.api.projects.conftest import board

__all__ = ["board"]
