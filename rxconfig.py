"""Reflex configuration for the Tandem web SPA (the `frontend` package)."""

import reflex as rx

config = rx.Config(
    app_name="frontend",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # The SPA has no public pages worth a sitemap; disabling it also silences the default-plugin warning.
    disable_plugins=[rx.plugins.SitemapPlugin],
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="teal", gray_color="slate", radius="medium"))],
)
