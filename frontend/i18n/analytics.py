"""Labels of the analytics pages."""

LABELS: dict[str, dict[str, str]] = {
    "zh": {
    },
    "en": {
    },
}
