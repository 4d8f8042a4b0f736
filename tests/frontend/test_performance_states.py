"""Performance pages driven directly (no browser), with the gateway replaced by a fake; and the gateway's parsers
fed with answers of the real API shape."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from frontend import api
from frontend.api import performance as gateway
from frontend.api import performance_admin as admin_gateway
from frontend.pages.performance import ScorecardState, requested
from frontend.pages.performance_department import DepartmentState, chart_rows
from frontend.state.performance_admin import AdminState, line_index, weights_total
from frontend.state.session import LOGIN_ROUTE
from tests.frontend.test_states import fresh_state, redirect_path, run_handler
from tests.frontend.test_support_states import FRONTLINE, HR, TECH_MANAGER

LINE = {
    "indicator": {"code": "RETENTION", "nameZh": "客户留存率", "nameEn": "Customer retention", "unit": "%",
                  "direction": "HIGHER", "source": "LINKED_REGION"},
    "weight": "40", "target": "85", "actual": "86", "actualLevel": None,
    "actualExplanation": {"zh": "按支撑关联权重加权", "en": "weighted by support link"},
    "records": [{"kind": "REGION", "label": "城东片区 (R1)", "value": "90", "weight": "2", "note": "measurement #1",
                 "included": True},
                {"kind": "REGION", "label": "城西片区 (R2)", "value": "78", "weight": "1", "note": None,
                 "included": True}],
    "scored": True, "score": "101.1764705882352941176470588", "scoreFormula": "min(120, 100 × 86 / 85)",
    "capped": False, "scoreNote": None, "computedScore": "101.1764705882352941176470588",
    "effectiveWeight": "40", "contribution": "40.47058823529411764705882352", "adjustment": None, "appeal": None,
}
CARD = {"period": "2026-10", "employeeNo": "B0001", "name": "陈静", "status": "SCORED",
        "total": "89.9999999999999", "coefficient": "1", "frozen": False, "lockedAt": None, "ruleVersion": "1",
        "unscored": [], "department": {"code": "TECH", "name": "技术支撑部"}, "position": "工程师", "region": None,
        "scheme": {"name": "技术支撑部 考核方案", "version": 2, "effectiveFrom": "2026-01"},
        "band": {"minScore": "80", "coefficient": "1"}, "explanation": {"zh": "总分", "en": "total"},
        "lines": [LINE]}


def test_the_scorecard_parser_shows_exact_figures_rounded_down() -> None:
    card = gateway.parse_scorecard(CARD)
    assert card.total == "89.99"  # never "90.00": the band of 90 was not reached
    assert card.scheme == "技术支撑部 考核方案 v2"
    line = card.lines[0]
    assert (line.score, line.contribution, line.actual, line.weight) == ("101.17", "40.47", "86", "40")
    assert [(r.label, r.weight, r.value) for r in line.records] == [("城东片区 (R1)", "2", "90"),
                                                                     ("城西片区 (R2)", "1", "78")]


class FakePerformance:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.profiles = {"token-f": FRONTLINE, "token-mgr": TECH_MANAGER, "token-hr": HR}
        self.calls: list[tuple[str, Any]] = []
        self.card: gateway.Scorecard | None = gateway.parse_scorecard(CARD)
        self.refusal: api.FieldError | None = None
        self.report: admin_gateway.ImportReport | api.FieldError = admin_gateway.ImportReport(rows=3, valid=True)
        self.periods: list[admin_gateway.PeriodState] = []
        monkeypatch.setattr(api, "fetch_me", self.fetch_me)
        for name in ("fetch_scorecard", "appeal_line", "fetch_departments", "fetch_department_scorecards",
                     "fetch_calibration"):
            monkeypatch.setattr(gateway, name, getattr(self, name))
        for name in ("fetch_schemes", "publish_scheme", "import_measurements", "fetch_appeals", "decide_appeal",
                     "fetch_periods", "lock_period", "define_indicator", "set_top_band_guide"):
            monkeypatch.setattr(admin_gateway, name, getattr(self, name))

    async def fetch_me(self, token: str) -> api.Profile | None:
        return self.profiles.get(token)

    async def fetch_scorecard(self, token: str, employee_id: str, period: str) -> gateway.Scorecard | None:
        self.calls.append(("scorecard", (employee_id, period)))
        return self.card

    async def appeal_line(self, token: str, period: str, code: str, reason: str) -> api.FieldError | None:
        self.calls.append(("appeal", (period, code, reason)))
        return self.refusal

    async def fetch_departments(self, token: str) -> tuple[gateway.Department, ...]:
        return (gateway.Department("MKT", "市场部", "FRONTLINE"), gateway.Department("TECH", "技术支撑部", "BACKEND"))

    async def fetch_department_scorecards(self, token: str, code: str, period: str) -> gateway.DepartmentView:
        self.calls.append(("department", (code, period)))
        return gateway.DepartmentView(code=code, assessed=10, bands=(
            gateway.Band(min_score="90", coefficient="1.2", count=4, guide="≤ 20.0%", allowed=2, outside_guide=True),
            gateway.Band(min_score="0", coefficient="0", count=6)))

    async def fetch_schemes(self, token: str) -> admin_gateway.SchemeCatalogue:
        return admin_gateway.SchemeCatalogue(
            indicators=(admin_gateway.Indicator(code="UTIL"), admin_gateway.Indicator(code="VISITS")),
            schemes=(admin_gateway.Scheme(department_code="MKT", lines=(
                admin_gateway.SchemeLine("UTIL", weight="20", target="90"),
                admin_gateway.SchemeLine("VISITS", weight="80", target="40"))),))

    async def publish_scheme(self, token: str, scheme: dict[str, Any]) -> api.FieldError | None:
        self.calls.append(("publish", scheme))
        return self.refusal

    async def import_measurements(self, token: str, **kwargs: Any) -> admin_gateway.ImportReport | api.FieldError:
        self.calls.append(("import", kwargs))
        return self.report

    async def fetch_appeals(self, token: str, status: str | None = "PENDING") -> tuple[admin_gateway.Appeal, ...]:
        return (admin_gateway.Appeal(id="A1", submitted_at="2026-12-01T04:58:00+00:00"),)

    async def define_indicator(self, token: str, indicator: dict[str, str]) -> api.FieldError | None:
        self.calls.append(("indicator", indicator))
        return self.refusal

    async def set_top_band_guide(self, token: str, **kwargs: str) -> api.FieldError | None:
        self.calls.append(("guide", kwargs))
        return self.refusal

    async def fetch_calibration(self, token: str, period: str) -> tuple[gateway.CalibrationRow, ...]:
        self.calls.append(("calibration", period))
        return (gateway.CalibrationRow(code="MKT", outside_guide=True, messages_en="5 of 10 … 3 over"),)

    async def fetch_periods(self, token: str) -> tuple[admin_gateway.PeriodState, ...]:
        return tuple(self.periods)

    async def lock_period(self, token: str, period: str) -> api.FieldError | None:
        self.calls.append(("lock", period))
        if self.refusal is None:
            self.periods.append(admin_gateway.PeriodState(period=period, locked=True, scorecards=5))
        return self.refusal

    async def decide_appeal(self, token: str, **kwargs: Any) -> api.FieldError | None:
        self.calls.append(("decide", kwargs))
        return self.refusal


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakePerformance:
    return FakePerformance(monkeypatch)


def test_the_url_may_ask_for_someone_and_a_period() -> None:
    assert requested({}, current_period="2026-11") == ("", "2026-11")
    assert requested({"employee": "RW1w", "period": "2026-09"}, current_period="2026-11") == ("RW1w", "2026-09")
    assert requested({"period": "2026-13"}, current_period="2026-11") == ("", "2026-11")


async def test_my_scorecard_loads_mine_and_an_appeal_is_sent_then_shown(fake: FakePerformance) -> None:
    state = fresh_state(ScorecardState)
    assert redirect_path((await run_handler(ScorecardState.load.fn(state)))[-1]) == LOGIN_ROUTE
    state.token = "token-f"
    await run_handler(ScorecardState.load.fn(state))
    assert fake.calls[-1][0] == "scorecard" and fake.calls[-1][1][0] == FRONTLINE.id
    assert state.has_card and state.is_own and state.can_appeal
    ScorecardState.open_appeal.fn(state, "RETENTION")
    await ScorecardState.submit_appeal.fn(state, {"reason": "  "})
    assert state.appeal_error_code == "REQUIRED" and not any(c[0] == "appeal" for c in fake.calls)
    fake.refusal = api.FieldError("CONFLICT", "2026-10 is locked: its scorecards are final", "period")
    await ScorecardState.submit_appeal.fn(state, {"reason": "漏计"})
    assert (state.appeal_error_key, state.appeal_error_message) == ("perf.error.CONFLICT",
                                                                      "2026-10 is locked: its scorecards are final")
    fake.refusal = None
    await ScorecardState.submit_appeal.fn(state, {"reason": "漏计"})
    assert fake.calls[-2] == ("appeal", (state.period, "RETENTION", "漏计"))
    assert state.notice_key == "perf.appeal.sent" and state.appeal_code == ""


async def test_a_frozen_or_someone_elses_scorecard_cannot_be_appealed(fake: FakePerformance) -> None:
    state = fresh_state(ScorecardState)
    state.token = "token-f"
    assert fake.card is not None
    fake.card = dataclasses.replace(fake.card, frozen=True)
    await run_handler(ScorecardState.load.fn(state))
    assert not state.can_appeal
    ScorecardState.open_appeal.fn(state, "RETENTION")
    assert state.appeal_code == ""


async def test_department_page_is_for_managers_of_their_department_and_hr(fake: FakePerformance) -> None:
    staff = fresh_state(DepartmentState)
    staff.token = "token-f"
    assert redirect_path((await run_handler(DepartmentState.load.fn(staff)))[-1]) == "/performance"
    manager = fresh_state(DepartmentState)
    manager.token = "token-mgr"
    await run_handler(DepartmentState.load.fn(manager))
    assert [d.code for d in manager.departments] == ["TECH"]
    assert fake.calls[-1] == ("department", ("TECH", manager.period))
    assert manager.chart == [{"band": "≥90 ×1.2", "count": 4, "allowed": 2},
                             {"band": "≥0 ×0", "count": 6, "allowed": None}]
    assert chart_rows(manager.view) == manager.chart
    assert not any(call[0] == "calibration" for call in fake.calls)  # a manager sees no other department
    hr = fresh_state(DepartmentState)
    hr.token = "token-hr"
    await run_handler(DepartmentState.load.fn(hr))
    assert [d.code for d in hr.departments] == ["MKT", "TECH"]
    assert [r.code for r in hr.calibration] == ["MKT"]


def test_calibration_lists_the_departments_outside_their_guide_first() -> None:
    band = {"minScore": "90", "count": 4, "overBy": 2, "underBy": 0, "outsideGuide": True,
            "message": {"zh": "超出 2 人", "en": "2 over"}}
    rows = gateway.parse_calibration({"departments": [
        {"department": {"code": "CS", "name": "客户服务部"}, "distribution": {"assessed": 5, "outsideGuide": False,
                                                                         "bands": []}},
        {"department": {"code": "MKT", "name": "市场部"}, "distribution": {"assessed": 10, "outsideGuide": True,
                                                                      "bands": [band]}}]})
    assert [(r.code, r.outside_guide, r.messages_en) for r in rows] == [("MKT", True, "2 over"), ("CS", False, "")]


async def test_publishing_shows_a_guardrail_error_on_its_line(fake: FakePerformance) -> None:
    admin = fresh_state(AdminState)
    admin.token = "token-hr"
    await run_handler(AdminState.load.fn(admin))
    AdminState.choose_department.fn(admin, "MKT")
    assert admin.lines == [{"code": "UTIL", "weight": "20", "target": "90"},
                           {"code": "VISITS", "weight": "80", "target": "40"}]
    AdminState.set_line.fn(admin, 0, "weight", "14.99")
    AdminState.set_line.fn(admin, 1, "weight", "85.01")
    assert admin.total_weight == "100"
    fake.refusal = api.FieldError("VALIDATION", "guardrail: … [15, 20] …; this scheme gives 14.99", "lines.0.weight")
    await AdminState.publish.fn(admin)
    assert admin.line_errors == {"0": "guardrail: … [15, 20] …; this scheme gives 14.99"}
    sent = fake.calls[-1][1]
    assert sent["lines"][0] == {"indicatorCode": "UTIL", "weight": "14.99", "target": "90"}
    fake.refusal = None
    await AdminState.publish.fn(admin)
    assert admin.line_errors == {} and admin.publish_notice_key == "perf.admin.published"


class Upload:
    name = "绩效.xlsx"

    async def read(self) -> bytes:
        return b"PK\x03\x04 workbook"


async def test_the_import_checks_first_then_writes_the_same_file(fake: FakePerformance) -> None:
    admin = fresh_state(AdminState)
    admin.token = "token-hr"
    await AdminState.check_file.fn(admin, [])
    assert admin.import_error_code == "NO_FILE"
    await AdminState.check_file.fn(admin, [Upload()])  # type: ignore[list-item]
    assert fake.calls[-1] == ("import", {"file_name": "绩效.xlsx", "content": b"PK\x03\x04 workbook",
                                         "period": None, "dry_run": True})
    assert admin.has_report and admin.report.valid
    await AdminState.import_file.fn(admin)
    assert fake.calls[-1][1]["dry_run"] is False and fake.calls[-1][1]["content"] == b"PK\x03\x04 workbook"


async def test_appeals_show_local_times_and_a_decision_needs_a_reason(fake: FakePerformance) -> None:
    admin = fresh_state(AdminState)
    admin.token = "token-hr"
    await run_handler(AdminState.load.fn(admin))
    assert admin.appeals[0].submitted_at == "2026-12-01 12:58"  # Asia/Shanghai
    await AdminState.decide.fn(admin, {"appeal_id": "A1", "decision": "accept", "response": ""})
    assert not any(c[0] == "decide" for c in fake.calls)
    await AdminState.decide.fn(admin, {"appeal_id": "A1", "decision": "accept", "response": "同意",
                                       "adjusted_score": "100"})
    assert fake.calls[-1] == ("decide", {"appeal_id": "A1", "accept": True, "response": "同意",
                                         "adjusted_actual": "", "adjusted_score": "100"})
    assert admin.decision_notice_key == "perf.admin.decided"


async def test_locking_offers_the_ended_months_not_locked_yet(fake: FakePerformance) -> None:
    admin = fresh_state(AdminState)
    admin.token = "token-hr"
    await run_handler(AdminState.load.fn(admin))
    assert len(admin.lock_choices) == 11 and admin.lock_period == admin.lock_choices[-1]  # the oldest first
    fake.refusal = api.FieldError("CONFLICT", "1 appeal(s) about 2026-10 are still pending", "period")
    await AdminState.lock.fn(admin)
    assert admin.lock_error_key == "perf.error.CONFLICT" and "pending" in admin.lock_error_message
    fake.refusal = None
    locked = admin.lock_period
    await AdminState.lock.fn(admin)
    assert admin.lock_notice_key == "perf.admin.locked" and locked not in admin.lock_choices
    assert [p.period for p in admin.periods if p.locked] == [locked]


async def test_hr_defines_indicators_and_the_top_band_guide(fake: FakePerformance) -> None:
    admin = fresh_state(AdminState)
    admin.token = "token-hr"
    await AdminState.define_indicator.fn(admin, {"code": "NPS"})
    assert admin.indicator_error_code == "REQUIRED" and not fake.calls
    indicator = {"code": "NPS", "nameZh": "净推荐值", "nameEn": "Net promoter score", "unit": "分",
                 "direction": "HIGHER", "source": "MANUAL"}
    await AdminState.define_indicator.fn(admin, indicator)
    assert fake.calls[0] == ("indicator", indicator) and admin.indicator_notice_key == "perf.admin.indicator_saved"
    await AdminState.set_guide.fn(admin, {"department": "MKT", "max_percent": " 15 "})
    assert fake.calls[-1] == ("guide", {"department_code": "MKT", "top_band": "90", "max_percent": "15"})
    assert admin.guide_notice_key == "perf.admin.guide_saved"


def test_small_helpers() -> None:
    assert line_index("lines.3.weight") == 3 and line_index("effectiveFrom") is None
    assert weights_total([{"weight": "20"}, {"weight": "79.99"}]) == "99.99"
    assert weights_total([{"weight": "x"}]) == "?"
