"""Interface labels in Chinese (the default) and English, and the state that picks the language.

Each module of this package holds one area's labels (`LABELS = {"zh": {...}, "en": {...}}`); a page of a new
area adds its own module to LABEL_MODULES. Labels are looked up in the browser (`t("key")` is a Var), so
switching language re-renders at once without a round trip per label. Every language must define exactly the
same keys, and no key may be defined twice (tests check both).
"""

from __future__ import annotations

import importlib

import reflex as rx

DEFAULT_LANGUAGE = "zh"
LANGUAGES = ("zh", "en")
# <html lang> for each interface language.
HTML_LANG = {"zh": "zh-CN", "en": "en"}

LABEL_MODULES = ("core", "support", "performance", "projects", "board", "analytics", "people", "rewards", "rules")


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}
    for name in LABEL_MODULES:
        module = importlib.import_module(f"frontend.i18n.{name}")
        for language in LANGUAGES:
            labels: dict[str, str] = module.LABELS[language]
            twice = set(labels) & set(merged[language])
            if twice:
                raise ValueError(f"frontend/i18n/{name}.py defines {sorted(twice)} again")
            merged[language].update(labels)
    return merged


LABELS: dict[str, dict[str, str]] = _merge()


def has_label(key: str) -> bool:
    return key in LABELS[DEFAULT_LANGUAGE]


def label(key: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A label in Python (for text built on the server, e.g. a chart's series names); the key if unknown."""
    return LABELS.get(language, LABELS[DEFAULT_LANGUAGE]).get(key, key)


class LanguageState(rx.State):
    """The chosen interface language, remembered in the browser and shared across its tabs."""

    language: str = rx.LocalStorage(DEFAULT_LANGUAGE, name="tandem.language", sync=True)

    @rx.var(cache=True)
    def labels(self) -> dict[str, str]:
        return LABELS.get(self.language, LABELS[DEFAULT_LANGUAGE])

    @rx.var(cache=True)
    def html_lang(self) -> str:
        return HTML_LANG.get(self.language, HTML_LANG[DEFAULT_LANGUAGE])

    @rx.event
    def set_language(self, language: str) -> None:
        if language in LABELS:
            self.language = language

    @rx.event
    def toggle_language(self) -> None:
        self.language = "en" if self.language == DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def t(key: str | rx.Var[str]) -> rx.Var[str]:
    """The label for `key` in the current language; `key` may itself be a Var (e.g. "status." + status)."""
    return LanguageState.labels[key].to(str)
