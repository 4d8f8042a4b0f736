"""Rule sets (SPEC §7) and the audit log over GraphQL."""
