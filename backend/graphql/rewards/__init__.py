"""Rewards: orders, reward counters, support pools (issue 8)."""
