"""Use cases: load, let the domain decide, commit in one unit of work, publish after commit."""
