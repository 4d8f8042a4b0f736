"""Performance administration for HR (绩效管理): publish scheme versions (guardrail errors shown on the line they
concern), define indicators and distribution guides, import measurements from an XLSX or CSV file (checked first:
every bad row with its line and column), decide appeals and lock ended periods."""

from __future__ import annotations

import reflex as rx

from frontend.api import performance_admin as gateway
from frontend.components.performance import error_callout, in_language, native_select
from frontend.components.template import template
from frontend.i18n import t
from frontend.pages.performance import ADMIN_ROUTE
from frontend.state.performance_admin import SPREADSHEET_TYPES, UPLOAD_ID, AdminState

# --- view ----------------------------------------------------------------------------------------------------


def scheme_card(scheme: rx.Var[gateway.Scheme]) -> rx.Component:
    return rx.card(rx.vstack(
        rx.hstack(rx.text(scheme.name, weight="bold"), rx.badge(t("perf.admin.version"), " ", scheme.version),
                  rx.badge(t("perf.admin.effective"), " ", scheme.effective_from, variant="outline"), wrap="wrap"),
        rx.foreach(scheme.lines, lambda line: rx.text(in_language(line.name_zh, line.name_en), " · ", line.weight,
                                                     "% · ", t("perf.line.target"), " ", line.target, size="2")),
        spacing="1"), width="100%", class_name="scheme-card")


def line_editor(line: rx.Var[dict[str, str]], index: rx.Var[int]) -> rx.Component:
    state = AdminState
    error = state.line_errors.get(index.to_string(), "")
    return rx.vstack(
        rx.hstack(
            native_select(rx.foreach(state.catalogue.indicators,
                                     lambda i: rx.el.option(in_language(i.name_zh, i.name_en), " (", i.code, ")",
                                                            value=i.code)),
                          value=line["code"], on_change=lambda v: state.set_line(index, "code", v),
                          class_name="line-indicator", aria_label=t("perf.admin.indicator")),
            rx.input(value=line["weight"], on_change=lambda v: state.set_line(index, "weight", v), width="5rem",
                     placeholder=t("perf.line.weight"), class_name="line-weight", input_mode="decimal"),
            rx.input(value=line["target"], on_change=lambda v: state.set_line(index, "target", v), width="6rem",
                     placeholder=t("perf.line.target"), class_name="line-target", input_mode="decimal"),
            rx.button(t("perf.admin.remove_line"), variant="ghost", color_scheme="red",
                      on_click=state.remove_line(index), min_height="40px"),
            wrap="wrap", spacing="2", align="center"),
        rx.cond(error != "", rx.text(error, color_scheme="red", size="2", class_name="line-error", role="alert")),
        spacing="1", width="100%")


def schemes_tab() -> rx.Component:
    state = AdminState
    return rx.vstack(
        rx.heading(t("perf.admin.publish"), size="4"),
        rx.hstack(
            native_select([rx.el.option("—", value=""),
                           rx.foreach(state.catalogue.departments, lambda d: rx.el.option(d.name, value=d.code))],
                          id="scheme-department", value=state.form_department, on_change=state.choose_department,
                          aria_label=t("perf.admin.department")),
            rx.input(value=state.form_position, on_change=state.set_position, placeholder=t("perf.admin.position"),
                     id="scheme-position", width="10rem"),
            rx.input(value=state.form_effective, on_change=state.set_effective, id="scheme-effective",
                     placeholder=t("perf.admin.effective_from"), width="8rem"),
            wrap="wrap", spacing="2"),
        rx.foreach(state.lines, line_editor),
        rx.hstack(rx.button(t("perf.admin.add_line"), variant="soft", on_click=state.add_line, min_height="40px"),
                  rx.text(t("perf.admin.weights_total"), ": ", state.total_weight, size="2", id="scheme-total"),
                  align="center", spacing="3"),
        rx.cond(state.publish_error_code != "",
                error_callout(state.publish_error_key, state.publish_error_message, callout_id="publish-error")),
        rx.cond(state.publish_notice_key != "", rx.callout(t(state.publish_notice_key), icon="check",
                                                           color_scheme="green", id="publish-notice")),
        rx.button(t("perf.admin.publish"), on_click=state.publish, id="scheme-publish", min_height="40px"),
        rx.divider(),
        rx.foreach(state.catalogue.schemes, scheme_card),
        rx.divider(),
        indicator_form(),
        rx.divider(),
        guide_form(),
        spacing="3", width="100%")


def indicator_form() -> rx.Component:
    state = AdminState
    return rx.form(rx.vstack(
        rx.heading(t("perf.admin.indicators"), size="4"),
        rx.hstack(rx.input(name="code", placeholder=t("perf.admin.indicator_code"), width="9rem", required=True),
                  rx.input(name="nameZh", placeholder=t("perf.admin.name_zh"), width="10rem", required=True),
                  rx.input(name="nameEn", placeholder=t("perf.admin.name_en"), width="12rem", required=True),
                  rx.input(name="unit", placeholder=t("perf.admin.unit"), width="5rem"), wrap="wrap", spacing="2"),
        rx.hstack(native_select([rx.el.option(t("perf.direction." + d), value=d) for d in gateway.DIRECTIONS],
                                name="direction", aria_label=t("perf.admin.direction")),
                  native_select([rx.el.option(t("perf.source." + s), value=s) for s in gateway.SOURCES],
                                name="source", aria_label=t("perf.admin.source")),
                  rx.button(t("perf.admin.save_indicator"), type="submit", min_height="40px"), wrap="wrap",
                  spacing="2"),
        rx.cond(state.indicator_error_code != "", error_callout(state.indicator_error_key,
                                                                state.indicator_error_message,
                                                                callout_id="indicator-error")),
        rx.cond(state.indicator_notice_key != "", rx.callout(t(state.indicator_notice_key), icon="check",
                                                             color_scheme="green")),
        spacing="2", width="100%"), on_submit=state.define_indicator, reset_on_submit=True, width="100%")


def guide_form() -> rx.Component:
    state = AdminState
    return rx.form(rx.vstack(
        rx.heading(t("perf.admin.guide"), size="4"),
        rx.text(t("perf.admin.guide_help"), " ≥ ", state.catalogue.top_band, size="2"),
        rx.hstack(native_select([rx.el.option(t("perf.admin.guide_default"), value=""),
                                 rx.foreach(state.catalogue.departments,
                                            lambda d: rx.el.option(d.name, value=d.code))],
                                name="department", aria_label=t("perf.admin.department")),
                  rx.input(name="max_percent", placeholder="20", width="6rem", input_mode="decimal"),
                  rx.text("%"),
                  rx.button(t("perf.admin.save_guide"), type="submit", min_height="40px"), wrap="wrap", spacing="2",
                  align="center"),
        rx.cond(state.guide_error_code != "", error_callout(state.guide_error_key, state.guide_error_message,
                                                            callout_id="guide-error")),
        rx.cond(state.guide_notice_key != "", rx.callout(t(state.guide_notice_key), icon="check",
                                                         color_scheme="green")),
        spacing="2", width="100%"), on_submit=state.set_guide, width="100%")


def problem_row(problem: rx.Var[gateway.ImportProblem]) -> rx.Component:
    """One problem as a row of text that wraps on a phone: where (line, column, header), what was read, why."""
    return rx.box(
        rx.hstack(rx.badge(t("perf.admin.line"), " ", problem.line, variant="soft"),
                  rx.cond(problem.column != "", rx.badge(t("perf.admin.column"), " ", problem.column, " ",
                                                         problem.header, variant="outline")),
                  rx.cond(problem.value != "", rx.code(problem.value)), wrap="wrap", spacing="2"),
        rx.text(in_language(problem.message_zh, problem.message_en), size="2"),
        padding_y="0.4rem", border_bottom="1px solid var(--gray-a4)", width="100%", class_name="import-problem")


def problems_table(rows: rx.Var[list[gateway.ImportProblem]], table_id: str) -> rx.Component:
    return rx.vstack(rx.foreach(rows, problem_row), spacing="0", width="100%", id=table_id)


def import_tab() -> rx.Component:
    state = AdminState
    report = state.report
    return rx.vstack(
        rx.input(value=state.import_period, on_change=state.set_import_period, id="import-period",
                 placeholder=t("perf.admin.import_period"), width="14rem"),
        rx.upload(rx.vstack(rx.icon("file-spreadsheet", size=24), rx.text(t("perf.admin.file"), size="2"),
                            rx.foreach(rx.selected_files(UPLOAD_ID), lambda name: rx.text(
                                t("perf.admin.file_chosen"), name, size="2", weight="medium")),
                            align="center", spacing="1"),
                  id=UPLOAD_ID, accept=SPREADSHEET_TYPES, max_files=1, multiple=False, padding="1rem", width="100%",
                  border="1px dashed var(--gray-a7)", border_radius="var(--radius-3)"),
        rx.hstack(
            rx.button(t("perf.admin.dry_run"), id="import-check", min_height="40px",
                      on_click=state.check_file(rx.upload_files(upload_id=UPLOAD_ID))),
            rx.button(t("perf.admin.do_import"), id="import-run", min_height="40px", color_scheme="green",
                      disabled=~(state.has_report & report.valid & ~report.written), on_click=state.import_file),
            spacing="2"),
        rx.cond(state.import_error_code != "",
                error_callout(state.import_error_key, state.import_error_message, callout_id="import-error")),
        rx.cond(state.has_report, rx.card(rx.vstack(
            rx.heading(t("perf.admin.report"), " · ", report.file_name, " (", report.file_format, ")", size="3"),
            rx.hstack(rx.text(t("perf.admin.rows"), ": ", report.rows), rx.text(t("perf.admin.created"), ": ",
                                                                              report.created),
                      rx.text(t("perf.admin.updated"), ": ", report.updated),
                      rx.text(t("perf.admin.unchanged_rows"), ": ", report.unchanged), wrap="wrap", spacing="3",
                      id="import-counts"),
            rx.cond(report.written, rx.callout(t("perf.admin.written"), icon="check", color_scheme="green",
                                               id="import-written"),
                    rx.cond(report.valid, rx.callout(t("perf.admin.valid"), icon="check", id="import-valid"),
                            rx.callout(t("perf.admin.nothing_written"), icon="triangle_alert", color_scheme="red",
                                       id="import-invalid"))),
            rx.cond(report.problems.length() > 0, rx.vstack(
                rx.text(t("perf.admin.problems"), weight="bold", color_scheme="red"),
                problems_table(report.problems, "import-problems"), width="100%")),
            rx.cond(report.warnings.length() > 0, rx.vstack(
                rx.text(t("perf.admin.warnings"), weight="bold", color_scheme="amber"),
                problems_table(report.warnings, "import-warnings"), width="100%")),
            spacing="3", width="100%"), width="100%")),
        spacing="3", width="100%")


def appeal_card(appeal: rx.Var[gateway.Appeal]) -> rx.Component:
    state = AdminState
    error = state.decision_error.get(appeal.id, "-")
    return rx.card(rx.vstack(
        rx.hstack(rx.text(appeal.employee_name, " (", appeal.employee_no, ")", weight="bold"),
                  rx.text(appeal.department, " · ", appeal.period, size="2", color_scheme="gray"), wrap="wrap"),
        rx.text(in_language(appeal.indicator_zh, appeal.indicator_en), " (", appeal.indicator_code, ") · ",
                t("perf.line.actual"), " ", appeal.actual_at_appeal, " ", appeal.unit, " · ", t("perf.line.score"), " ",
                appeal.score_at_appeal, size="2"),
        rx.text(appeal.reason, size="2", class_name="appeal-reason"),
        rx.text(appeal.submitted_at, size="1", color_scheme="gray", class_name="appeal-submitted"),
        rx.form(rx.vstack(
            rx.el.input(type="hidden", name="appeal_id", value=appeal.id),
            native_select([rx.el.option(t("perf.admin.accept"), value="accept"),
                           rx.el.option(t("perf.admin.reject"), value="reject")], name="decision",
                          class_name="appeal-decision"),
            rx.text_area(name="response", placeholder=t("perf.admin.response"), required=True, width="100%"),
            rx.hstack(rx.input(name="adjusted_score", placeholder=t("perf.admin.adjusted_score"), width="9rem",
                               input_mode="decimal"),
                      rx.input(name="adjusted_actual", placeholder=t("perf.admin.adjusted_actual"), width="9rem",
                               input_mode="decimal"), wrap="wrap", spacing="2"),
            rx.cond((error != "-") & (error != ""), rx.text(error, color_scheme="red", size="2", role="alert")),
            rx.button(t("perf.admin.decide"), type="submit", min_height="40px",
                      class_name="appeal-submit"),
            spacing="2", width="100%"), on_submit=state.decide, reset_on_submit=True, width="100%"),
        spacing="2", width="100%"), width="100%", class_name="appeal-card")


def appeals_tab() -> rx.Component:
    state = AdminState
    return rx.vstack(
        rx.cond(state.decision_notice_key != "", rx.callout(t(state.decision_notice_key), icon="check",
                                                            color_scheme="green", id="decision-notice")),
        rx.cond(state.appeals.length() > 0, rx.foreach(state.appeals, appeal_card),
                rx.text(t("perf.admin.no_appeals"), id="appeals-empty")),
        spacing="3", width="100%")


def periods_tab() -> rx.Component:
    state = AdminState
    return rx.vstack(
        rx.text(t("perf.admin.lock_help"), size="2"),
        rx.hstack(native_select(rx.foreach(state.lock_choices, lambda p: rx.el.option(p, value=p)),
                                id="lock-period", value=state.lock_period, on_change=state.choose_lock_period,
                                aria_label=t("perf.period")),
                  rx.button(t("perf.admin.lock"), on_click=state.lock, id="lock-submit", color_scheme="red",
                            variant="soft", min_height="40px"), spacing="2", align="center"),
        rx.cond(state.lock_error_code != "",
                error_callout(state.lock_error_key, state.lock_error_message, callout_id="lock-error")),
        rx.cond(state.lock_notice_key != "", rx.callout(t(state.lock_notice_key), icon="lock", color_scheme="green",
                                                        id="lock-notice")),
        rx.foreach(state.periods, lambda p: rx.hstack(
            rx.text(p.period, weight="medium"),
            rx.cond(p.locked, rx.badge(t("perf.frozen"), " ", p.locked_at, " · ", p.scorecards),
                    rx.badge(t("perf.live"), color_scheme="green")), class_name="period-row")),
        spacing="3", width="100%")


@template(route=ADMIN_ROUTE, title="绩效管理", on_load=AdminState.load)
def admin_page() -> rx.Component:
    state = AdminState
    return rx.vstack(
        rx.heading(t("perf.admin.title"), size="6", id="admin-title"),
        rx.cond(state.load_error_code != "", error_callout(state.load_error_key, "", callout_id="admin-error")),
        rx.tabs.root(
            rx.tabs.list(rx.tabs.trigger(t("perf.admin.schemes"), value="schemes", id="tab-schemes"),
                         rx.tabs.trigger(t("perf.admin.import"), value="import", id="tab-import"),
                         rx.tabs.trigger(t("perf.admin.appeals"), " (", state.appeals.length(), ")", value="appeals",
                                         id="tab-appeals"),
                         rx.tabs.trigger(t("perf.admin.periods"), value="periods", id="tab-periods"),
                         flex_wrap="wrap"),
            rx.tabs.content(schemes_tab(), value="schemes", padding_top="1rem"),
            rx.tabs.content(import_tab(), value="import", padding_top="1rem"),
            rx.tabs.content(appeals_tab(), value="appeals", padding_top="1rem"),
            rx.tabs.content(periods_tab(), value="periods", padding_top="1rem"),
            value=state.tab, on_change=state.set_tab, width="100%"),
        spacing="4", width="100%")
