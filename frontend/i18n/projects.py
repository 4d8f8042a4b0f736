"""Labels of the projects pages."""

LABELS: dict[str, dict[str, str]] = {
    "zh": {
    },
    "en": {
    },
}
