"""Collaboration fund, planned profit and the rule-set impact preview (issue 8 items 2, 6, 7)."""
