"""The cards of a support request's page: summary, actions, SLA figures, photos, timeline, comments."""

from __future__ import annotations

from typing import Any

import reflex as rx

from frontend import api
from frontend.components.support import priority_badge, status_badge
from frontend.i18n import t
from frontend.state.request_detail import RATINGS, RequestState


def fact(label_key: str, value: rx.Component | rx.Var[str] | str, *, value_id: str = "") -> rx.Component:
    return rx.data_list.item(
        rx.data_list.label(t(label_key), min_width="8rem"),
        rx.data_list.value(value, **({"id": value_id} if value_id else {})),
    )


def fact_if(condition: rx.Var[bool], label_key: str, value: rx.Component | rx.Var[str]) -> rx.Component:
    return rx.cond(condition, fact(label_key, value))


def or_dash(value: rx.Var[str]) -> rx.Var[str]:
    return rx.cond(value != "", value, t("value.none")).to(str)


def sla_badge(outcome: rx.Var[str]) -> rx.Component:
    return rx.cond(
        outcome != "",
        rx.badge(
            t("support.sla." + outcome),
            color_scheme=rx.cond(outcome == "MET", "green", "red"),
            variant="soft",
        ),
    )


def summary_card() -> rx.Component:
    request, view = RequestState.request, RequestState.view
    return rx.card(
        rx.vstack(
            rx.flex(
                status_badge(request.status, view.status_color, id="request-status"),
                priority_badge(request.priority, view.priority_color),
                rx.badge(t("support.category." + request.category), variant="outline", color_scheme="gray"),
                rx.cond(
                    request.sla_breached,
                    rx.badge(rx.icon("clock-alert", size=12), t("support.sla.breached"), color_scheme="red"),
                ),
                rx.spacer(),
                rx.cond(
                    RequestState.is_live,
                    rx.badge(rx.icon("radio", size=12), t("desk.live"), color_scheme="green", id="request-live"),
                ),
                spacing="2",
                wrap="wrap",
                align="center",
                width="100%",
            ),
            rx.heading(request.title, size="5", as_="h1", id="request-title"),
            rx.text(request.description, white_space="pre-wrap", id="request-description"),
            rx.data_list.root(
                fact("support.field.department", request.department_name),
                fact("support.field.region", request.region_name),
                fact("support.field.submitter", request.submitter_name),
                fact("support.field.assignee", or_dash(request.assignee_name), value_id="request-assignee"),
                fact("support.field.customer_reported_at", view.customer_reported),
                fact("support.field.submitted_at", view.submitted),
                # What has not happened yet is left out: the card stays short on a phone.
                fact_if(view.accepted != "", "support.field.accepted_at", view.accepted),
                fact_if(view.started != "", "support.field.started_at", view.started),
                fact_if(view.resolved != "", "support.field.resolved_at", view.resolved),
                fact_if(view.confirmed != "", "support.field.confirmed_at", view.confirmed),
                fact_if(view.cancelled != "", "support.field.cancelled_at", view.cancelled),
                fact_if(request.reopen_count > 0, "support.field.reopen_count", request.reopen_count.to_string()),
                fact_if(request.resolution_note != "", "support.field.resolution_note", request.resolution_note),
                fact_if(request.rating > 0, "support.field.rating", stars(request.rating)),
                fact_if(request.rating_comment != "", "support.field.rating_comment", request.rating_comment),
                orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                size="2",
            ),
            spacing="3",
            width="100%",
        ),
        size="2",
        width="100%",
    )


def stars(rating: rx.Var[int]) -> rx.Component:
    return rx.hstack(
        *[rx.icon("star", size=16, fill=rx.cond(rating >= n, "currentColor", "none")) for n in RATINGS],
        spacing="1",
        color="var(--amber-9)",
        aria_label=rating.to_string() + " / 5",
    )


def figures_card() -> rx.Component:
    request, view = RequestState.request, RequestState.view
    return rx.card(
        rx.vstack(
            rx.heading(t("support.sla.title"), size="3", as_="h2"),
            rx.data_list.root(
                fact(
                    "support.sla.response",
                    rx.hstack(rx.text(view.response), sla_badge(request.response_sla), spacing="2", wrap="wrap"),
                    value_id="request-sla-response",
                ),
                fact("support.sla.response_due", view.response_due),
                fact(
                    "support.sla.resolution",
                    rx.hstack(rx.text(view.resolution), sla_badge(request.resolution_sla), spacing="2", wrap="wrap"),
                    value_id="request-sla-resolution",
                ),
                fact("support.sla.resolution_due", view.resolution_due),
                fact(
                    "support.sla.handoff_delay",
                    rx.hstack(
                        rx.text(or_dash(view.handoff_delay)),
                        rx.cond(request.late_handoff, rx.badge(t("support.sla.late_handoff"), color_scheme="red")),
                        spacing="2",
                        wrap="wrap",
                    ),
                ),
                fact("support.sla.satisfaction", rx.cond(
                    request.satisfaction != "",
                    rx.vstack(rx.text(request.satisfaction, " / 100", id="request-satisfaction"),
                              rx.text(t("support.sla.satisfaction_hint"), size="1", color_scheme="gray"),
                              spacing="0"),
                    rx.text(t("support.sla.not_rated")))),
                fact("support.sla.points", rx.cond(
                    request.support_points != "",
                    rx.vstack(rx.text(request.support_points, " ", t("support.sla.points_unit"), id="request-points"),
                              rx.text(t("support.sla.points_hint"), size="1", color_scheme="gray"),
                              spacing="0"),
                    rx.text(t("support.sla.points_pending"), size="2", color_scheme="gray")),
                     value_id="request-points-fact"),
                orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                size="2",
            ),
            spacing="3",
            width="100%",
        ),
        size="2",
        width="100%",
    )


def action_button(action: str, label_key: str, on_click: Any, **props: Any) -> rx.Component:
    return rx.button(
        t(label_key),
        id=f"action-{action}",
        loading=RequestState.busy_action == action,
        on_click=on_click,
        size="3",
        **props,
    )


def note_form(action: str, field: str, label_key: str, submit_key: str, handler: Any, **props: Any) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(t(label_key), as_="label", html_for=f"action-{action}-{field}", weight="medium", size="2"),
            rx.text_area(id=f"action-{action}-{field}", name=field, rows="2", width="100%", **props),
            rx.button(
                t(submit_key),
                id=f"action-{action}",
                type="submit",
                loading=RequestState.busy_action == action,
                size="3",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=handler,
        reset_on_submit=False,
        width="100%",
    )


def rating_picker() -> rx.Component:
    return rx.hstack(
        *[
            rx.icon_button(
                rx.icon("star", fill=rx.cond(RequestState.rating >= n, "currentColor", "none")),
                id=f"rating-{n}",
                type="button",
                variant="ghost",
                size="3",
                color_scheme="amber",
                aria_label=f"{n} / 5",
                on_click=RequestState.set_rating(n),
            )
            for n in RATINGS
        ],
        spacing="2",
    )


def actions_card() -> rx.Component:
    offered = RequestState.actions
    cancel = rx.cond(
        RequestState.confirming_cancel,
        rx.flex(
            rx.text(t("support.action.cancel_confirm"), weight="medium"),
            action_button("cancel", "support.action.cancel_yes", RequestState.cancel, color_scheme="red"),
            rx.button(
                t("support.action.cancel_no"),
                variant="soft",
                color_scheme="gray",
                size="3",
                on_click=RequestState.ask_cancel(False),
            ),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        rx.button(
            t("support.action.cancel"),
            id="action-cancel-ask",
            variant="outline",
            color_scheme="red",
            size="3",
            on_click=RequestState.ask_cancel(True),
        ),
    )
    return rx.cond(
        offered.length() > 0,
        rx.card(
            rx.vstack(
                rx.heading(t("support.action.title"), size="3", as_="h2"),
                rx.cond(
                    offered.contains("accept"),
                    action_button("accept", "support.action.accept", RequestState.accept, width="100%"),
                ),
                rx.cond(
                    offered.contains("start"),
                    action_button("start", "support.action.start", RequestState.start, width="100%"),
                ),
                rx.cond(
                    offered.contains("resolve"),
                    note_form(
                        "resolve", "note", "support.action.resolve_note", "support.action.resolve", RequestState.resolve
                    ),
                ),
                rx.cond(
                    offered.contains("confirm"),
                    rx.vstack(
                        rx.text(t("support.action.rate"), weight="medium", size="2"),
                        rating_picker(),
                        note_form(
                            "confirm",
                            "comment",
                            "support.action.confirm_comment",
                            "support.action.confirm",
                            RequestState.confirm,
                        ),
                        spacing="2",
                        width="100%",
                    ),
                ),
                rx.cond(
                    offered.contains("reopen"),
                    note_form(
                        "reopen",
                        "reason",
                        "support.action.reopen_reason",
                        "support.action.reopen",
                        RequestState.reopen,
                        required=True,
                    ),
                ),
                rx.cond(offered.contains("cancel"), cancel),
                spacing="4",
                width="100%",
            ),
            size="2",
            width="100%",
            id="request-actions",
        ),
    )


def timeline_card() -> rx.Component:
    def entry(item: Any) -> rx.Component:
        transition = rx.cond(
            item.from_status != "",
            rx.text(t("support.status." + item.from_status), " → ", t("support.status." + item.to_status), size="2"),
            rx.text(t("support.status." + item.to_status), size="2"),
        )
        return rx.box(
            rx.flex(
                rx.text(t("support.action_name." + item.action), weight="medium"),
                transition,
                spacing="2",
                wrap="wrap",
                align="baseline",
            ),
            rx.text(rx.cond(item.actor != "", item.actor, t(item.actor_key)), " · ", item.at, size="1",
                    color_scheme="gray", class_name="timeline-actor"),
            rx.cond(item.assigned_to != "",
                    rx.text(t("support.timeline.assigned_to"), " ", item.assigned_to, size="2")),
            rx.cond(item.note != "", rx.text(item.note, size="2", white_space="pre-wrap")),
            border_left="2px solid var(--accent-7)",
            padding_left="0.75rem",
            width="100%",
        )

    return rx.card(
        rx.vstack(
            rx.heading(t("support.timeline"), size="3", as_="h2"),
            rx.vstack(rx.foreach(RequestState.timeline, entry), spacing="3", width="100%", id="request-timeline"),
            spacing="3",
            width="100%",
        ),
        size="2",
        width="100%",
    )


def photos_card() -> rx.Component:
    def photo(item: api.Attachment) -> rx.Component:
        return rx.link(
            rx.image(src=item.url, alt=item.file_name, width="96px", height="96px", object_fit="cover",
                     border_radius="var(--radius-2)", loading="lazy"),
            href=item.url, is_external=True, class_name="request-photo",
        )

    return rx.cond(
        RequestState.photos.length() > 0,
        rx.card(
            rx.vstack(
                rx.heading(t("support.photos"), size="3", as_="h2"),
                rx.flex(rx.foreach(RequestState.photos, photo), spacing="2", wrap="wrap", id="request-photos"),
                spacing="3",
                width="100%",
            ),
            size="2",
            width="100%",
        ),
    )


def comments_card() -> rx.Component:
    def comment(item: api.SupportComment) -> rx.Component:
        return rx.box(
            rx.text(item.author, " · ", item.at, size="1", color_scheme="gray"),
            rx.text(item.body, white_space="pre-wrap"),
            width="100%",
        )

    return rx.card(
        rx.vstack(
            rx.heading(t("support.comments"), size="3", as_="h2"),
            rx.cond(
                RequestState.comments.length() > 0,
                rx.vstack(rx.foreach(RequestState.comments, comment), spacing="3", width="100%", id="request-comments"),
                rx.text(t("support.comments.none"), color_scheme="gray", size="2"),
            ),
            rx.form(
                rx.vstack(
                    rx.text_area(
                        id="comment-body",
                        name="body",
                        rows="2",
                        required=True,
                        placeholder=t("support.comments.placeholder"),
                        width="100%",
                    ),
                    rx.button(
                        t("support.comments.send"),
                        id="comment-send",
                        type="submit",
                        loading=RequestState.busy_action == "comment",
                        size="3",
                        width="100%",
                    ),
                    spacing="2",
                    width="100%",
                ),
                on_submit=RequestState.comment,
                reset_on_submit=False,
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        size="2",
        width="100%",
    )


