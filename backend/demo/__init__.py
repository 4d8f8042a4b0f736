"""Demo data for `tandem demo`, one module per capability, all written through the services."""

from backend.demo.organisation import create_admin, load_demo, load_organisation

__all__ = ["create_admin", "load_demo", "load_organisation"]
