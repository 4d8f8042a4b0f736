"""Pure business rules: no ORM, no GraphQL, no I/O."""
