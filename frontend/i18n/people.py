"""Labels of the people pages."""

LABELS: dict[str, dict[str, str]] = {
    "zh": {
    },
    "en": {
    },
}
