"""The support request form that works offline (assets/tandem/outbox.jsx + outbox-core.js).

Reflex event handlers need the websocket, so the form is client-side: a submission goes into the browser's
IndexedDB (idb-keyval) with the clientRequestId made when the form opened, shows as "waiting to send", and is
sent as soon as the device is online — after a reload too — with the same documents the gateway validates
(frontend/operations/support.graphql). The server's idempotency on clientRequestId makes every resend safe.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import passthrough_event_spec

from frontend import api

OUTBOX_JS = "$/public/tandem/outbox.jsx"


class SupportOutbox(rx.Component):
    library = OUTBOX_JS
    tag = "SupportOutbox"
    # IndexedDB with Blobs (photos): Apache-2.0, ~600 bytes, by the author of `idb`.
    lib_dependencies: list[str] = ["idb-keyval@6.3.0"]

    employee_id: rx.Var[str]
    can_submit: rx.Var[bool]
    region_code: rx.Var[str]
    regions: rx.Var[list[dict[str, str]]]
    departments: rx.Var[list[dict[str, str]]]
    labels: rx.Var[dict[str, str]]
    documents: rx.Var[dict[str, str]]
    graphql_url: rx.Var[str]
    max_bytes: rx.Var[int]
    time_zone: rx.Var[str]
    # {"clientRequestId", "requestId", "created", "title", "refusedPhotos"} once the server has it all.
    on_sent: rx.EventHandler[passthrough_event_spec(dict[str, Any])]


def support_outbox(**props: Any) -> rx.Component:
    return SupportOutbox.create(
        documents={"submit": api.SUBMIT_SUPPORT_REQUEST, "attach": api.ADD_SUPPORT_ATTACHMENT},
        graphql_url="/graphql",
        **props,
    )
