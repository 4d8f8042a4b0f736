"""Rule-set parameters (SPEC §7): every number HR may change, with the SPEC defaults and guardrails.

A computation takes a `RuleSet` and names its `version`; nothing in the domain hard-codes these numbers.
Rule sets are published and effective-dated by `backend/services/rulesets.py`; `DEFAULT_RULES` holds the SPEC
defaults (published as version "1" by migration). Each capability keeps its parameters in its own section of `RuleSet`
and its sanity bounds in `check_guardrails`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from itertools import pairwise

from backend.domain.errors import ValidationError


@dataclass(frozen=True, slots=True)
class SlaLimit:
    """Calendar time from submission to acceptance (response) and to resolution."""

    response: timedelta
    resolution: timedelta


def _default_sla() -> dict[str, SlaLimit]:
    return {
        "URGENT": SlaLimit(timedelta(minutes=30), timedelta(hours=4)),
        "HIGH": SlaLimit(timedelta(hours=2), timedelta(hours=24)),
        "NORMAL": SlaLimit(timedelta(hours=8), timedelta(hours=72)),
        "LOW": SlaLimit(timedelta(hours=24), timedelta(hours=168)),
    }


def _default_priority_weights() -> dict[str, Decimal]:
    return {"URGENT": Decimal(3), "HIGH": Decimal(2), "NORMAL": Decimal(1), "LOW": Decimal("0.5")}


@dataclass(frozen=True, slots=True)
class CoefficientBand:
    """A scorecard total of at least `min_score` earns `coefficient` (SPEC §4); the lowest band starts at 0."""

    min_score: Decimal
    coefficient: Decimal


@dataclass(frozen=True, slots=True)
class WeightBounds:
    """A closed interval [low, high] a scheme line's weight must fall in (a scheme guardrail, SPEC §4)."""

    low: Decimal
    high: Decimal

    def contains(self, weight: Decimal) -> bool:
        return self.low <= weight <= self.high


DEFAULT_COEFFICIENT_BANDS: tuple[CoefficientBand, ...] = (
    CoefficientBand(Decimal(90), Decimal("1.2")),
    CoefficientBand(Decimal(80), Decimal("1.0")),
    CoefficientBand(Decimal(70), Decimal("0.8")),
    CoefficientBand(Decimal(60), Decimal("0.5")),
    CoefficientBand(Decimal(0), Decimal(0)),
)


@dataclass(frozen=True, slots=True)
class RuleSet:
    version: str = "1"

    # §2 support requests
    sla: dict[str, SlaLimit] = field(default_factory=_default_sla)
    handoff_threshold: timedelta = timedelta(hours=24)
    priority_weights: dict[str, Decimal] = field(default_factory=_default_priority_weights)
    unrated_satisfaction_factor: Decimal = Decimal("0.8")
    breached_sla_factor: Decimal = Decimal("0.5")

    # §4 support utilisation of a frontline employee
    utilisation_handoff_weight: Decimal = Decimal(70)
    utilisation_confirmation_weight: Decimal = Decimal(30)

    # Collaboration analytics: when a department (or department × region) is flagged, and why.
    bottleneck_breach_rate: Decimal = Decimal("0.20")
    bottleneck_p90_sla_ratio: Decimal = Decimal("1.0")  # p90 of resolution time ÷ its SLA limit
    bottleneck_backlog_per_staff: Decimal = Decimal(5)
    bottleneck_start_delay: timedelta = timedelta(hours=2)  # median ACCEPTED → IN_PROGRESS
    bottleneck_reopen_rate: Decimal = Decimal("0.10")
    bottleneck_late_handoff_rate: Decimal = Decimal("0.20")

    # §3 projects
    project_side_split_frontline: Decimal = Decimal("0.60")
    project_weight_points: Decimal = Decimal("0.5")
    project_weight_feedback: Decimal = Decimal("0.3")
    project_weight_participation: Decimal = Decimal("0.2")
    project_delivery_grace_days: int = 30

    # §4 performance assessment: indicator scores, coefficient bands and the scheme guardrails
    performance_score_cap: Decimal = Decimal(120)
    performance_coefficient_bands: tuple[CoefficientBand, ...] = DEFAULT_COEFFICIENT_BANDS
    # A backend scheme's frontline-satisfaction (SUPPORT_SATISFACTION) weight, a frontline scheme's
    # support-utilisation (SUPPORT_UTILISATION) weight.
    backend_satisfaction_weight: WeightBounds = WeightBounds(Decimal(20), Decimal(30))
    frontline_utilisation_weight: WeightBounds = WeightBounds(Decimal(15), Decimal(20))

    # §5 commission and the support pool
    commission_rate_new: Decimal = Decimal("0.03")
    commission_rate_renewal: Decimal = Decimal("0.01")
    accrual_ratio: Decimal = Decimal("0.12")  # [0.10, 0.15]
    order_amount_ceiling: Decimal = Decimal("10000000.00")  # one order above this is a typing error

    # §6.2 collaboration reward fund, §6.3 backend bonus linkage
    fund_ratio: Decimal = Decimal("0.08")  # [0.05, 0.10]
    fund_achievement_gate: Decimal = Decimal("1.20")
    fund_satisfaction_gate: Decimal = Decimal(90)
    fund_split_frontline: Decimal = Decimal("0.70")
    linkage_slope: Decimal = Decimal("0.5")
    linkage_uplift_cap: Decimal = Decimal("0.25")

    # §8 deductions (payroll): employee's social-insurance shares and the housing fund
    pension_rate: Decimal = Decimal("0.08")
    medical_rate: Decimal = Decimal("0.02")
    unemployment_rate: Decimal = Decimal("0.005")
    housing_fund_rate: Decimal = Decimal("0.12")  # [0.05, 0.12]

    def __post_init__(self) -> None:
        check_guardrails(self)

    def sla_for(self, priority: str) -> SlaLimit:
        return self.sla[priority]


def check_guardrails(rules: RuleSet) -> None:
    """Policy bounds a rule set may not leave (SPEC brackets); a breach is a validation error."""
    if set(rules.sla) != {"URGENT", "HIGH", "NORMAL", "LOW"}:
        raise ValidationError("the SLA policy must cover every priority", field="sla")
    for priority, limit in rules.sla.items():
        if not timedelta(0) < limit.response <= limit.resolution:
            raise ValidationError(f"{priority}: response must be positive and within resolution", field="sla")
    if any(weight <= 0 for weight in rules.priority_weights.values()):
        raise ValidationError("priority weights must be positive", field="priorityWeights")
    if rules.utilisation_handoff_weight + rules.utilisation_confirmation_weight != 100:
        raise ValidationError("support utilisation weights must sum to 100", field="utilisationWeights")
    project_weights = (rules.project_weight_points + rules.project_weight_feedback
                       + rules.project_weight_participation)
    if project_weights != 1:
        raise ValidationError("project contribution weights must sum to 1", field="projectWeights")
    if not Decimal(0) <= rules.project_side_split_frontline <= Decimal(1):
        raise ValidationError("the frontline side split must be between 0 and 1", field="projectSideSplit")
    _check_performance(rules)
    _check_rewards(rules)


def _within(name: str, value: Decimal, low: Decimal, high: Decimal) -> None:
    if not low <= value <= high:
        raise ValidationError(f"{name} is {value}, outside its guardrail [{low}, {high}]", field=name)


def _check_rewards(rules: RuleSet) -> None:
    """SPEC §5, §6, §8 brackets, plus sanity bounds where the SPEC gives none (a rate above 1 is a typing error)."""
    _within("commissionRateNew", rules.commission_rate_new, Decimal(0), Decimal(1))
    _within("commissionRateRenewal", rules.commission_rate_renewal, Decimal(0), Decimal(1))
    _within("accrualRatio", rules.accrual_ratio, Decimal("0.10"), Decimal("0.15"))
    _within("orderAmountCeiling", rules.order_amount_ceiling, Decimal("0.01"), Decimal("1000000000.00"))
    _within("fundRatio", rules.fund_ratio, Decimal("0.05"), Decimal("0.10"))
    _within("fundAchievementGate", rules.fund_achievement_gate, Decimal(1), Decimal(3))
    _within("fundSatisfactionGate", rules.fund_satisfaction_gate, Decimal(0), Decimal(100))
    _within("fundSplitFrontline", rules.fund_split_frontline, Decimal(0), Decimal(1))
    _within("linkageSlope", rules.linkage_slope, Decimal(0), Decimal(2))
    _within("linkageUpliftCap", rules.linkage_uplift_cap, Decimal(0), Decimal(1))
    for name, rate in (("pensionRate", rules.pension_rate), ("medicalRate", rules.medical_rate),
                       ("unemploymentRate", rules.unemployment_rate)):
        _within(name, rate, Decimal(0), Decimal("0.2"))
    _within("housingFundRate", rules.housing_fund_rate, Decimal("0.05"), Decimal("0.12"))


def _check_performance(rules: RuleSet) -> None:
    # A cap below 100 would score a met target below 100; above 200 one indicator could swamp a scorecard.
    if not Decimal(100) <= rules.performance_score_cap <= Decimal(200):
        raise ValidationError("the indicator score cap must be between 100 and 200", field="performanceScoreCap")
    bands = rules.performance_coefficient_bands
    if len(bands) < 2 or bands[-1].min_score != 0:
        raise ValidationError("coefficient bands need at least two bands, the lowest starting at score 0",
                              field="performanceCoefficientBands")
    for higher, lower in pairwise(bands):
        if not higher.min_score > lower.min_score:
            raise ValidationError("coefficient bands must be listed from the highest score down, each starting "
                                  "below the one before", field="performanceCoefficientBands")
        if higher.coefficient < lower.coefficient:
            raise ValidationError("a higher band may not earn a smaller coefficient",
                                  field="performanceCoefficientBands")
    if bands[0].min_score > rules.performance_score_cap or any(not Decimal(0) <= b.coefficient <= Decimal(3)
                                                                 for b in bands):
        raise ValidationError("band scores must be reachable (within the cap) and coefficients between 0 and 3",
                              field="performanceCoefficientBands")
    for name, bounds in (("backendSatisfactionWeight", rules.backend_satisfaction_weight),
                         ("frontlineUtilisationWeight", rules.frontline_utilisation_weight)):
        if not Decimal(0) < bounds.low <= bounds.high <= Decimal(100):
            raise ValidationError("a scheme weight guardrail must satisfy 0 < low ≤ high ≤ 100", field=name)


DEFAULT_RULES = RuleSet()
