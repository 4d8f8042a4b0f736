"""Reflex wrappers of the web app's own client-side components (assets/tandem/browser.jsx)."""

from __future__ import annotations

import reflex as rx

BROWSER_JS = "$/public/tandem/browser.jsx"


class HtmlLang(rx.Component):
    """Sets <html lang> to the chosen interface language (the page is built with zh-CN)."""

    library = BROWSER_JS
    tag = "HtmlLang"
    lang: rx.Var[str]


class SessionGuard(rx.Component):
    """Every tab of the browser drops its data and goes to sign-in when another tab signs out."""

    library = BROWSER_JS
    tag = "SessionGuard"
    storage_key: rx.Var[str]
    login_path: rx.Var[str]


class Countdown(rx.Component):
    """Time left until `due` (ISO-8601), or how late it is, ticking in the browser."""

    library = BROWSER_JS
    tag = "Countdown"
    due: rx.Var[str]
    # {"left": "还剩 {time}", "late": "超时 {time}", "d": "天", "h": "小时", "m": "分"}
    labels: rx.Var[dict[str, str]]
    stopped: rx.Var[bool]


class ServiceWorker(rx.Component):
    """Registers assets/sw.js: the app shell (and so the support form's outbox) keeps working offline."""

    library = BROWSER_JS
    tag = "ServiceWorker"
    url: rx.Var[str]
