"""Labels of the board pages."""

LABELS: dict[str, dict[str, str]] = {
    "zh": {
    },
    "en": {
    },
}
