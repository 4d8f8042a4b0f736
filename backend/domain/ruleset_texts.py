"""Every rule-set parameter with its name, section, kind and plain-language labels and descriptions (zh, en).

The Rules page shows these to everyone (SPEC §7: no black box). One entry per `RuleSet` field except `version`;
a unit test checks that nothing is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(str, Enum):
    DECIMAL = "DECIMAL"  # an exact number, as a string
    INTEGER = "INTEGER"
    HOURS = "HOURS"  # a duration, as a decimal string of hours
    SLA = "SLA"  # per priority: response and resolution limits in minutes
    WEIGHTS = "WEIGHTS"  # per priority: a decimal weight
    BANDS = "BANDS"  # coefficient bands, highest first
    BOUNDS = "BOUNDS"  # a closed interval [low, high]


class Section(str, Enum):
    SUPPORT = "SUPPORT"
    UTILISATION = "UTILISATION"
    ANALYTICS = "ANALYTICS"
    PROJECTS = "PROJECTS"
    PERFORMANCE = "PERFORMANCE"
    COMMISSION = "COMMISSION"
    FUND = "FUND"
    DEDUCTIONS = "DEDUCTIONS"


@dataclass(frozen=True, slots=True)
class Parameter:
    attribute: str  # the RuleSet field
    name: str  # the JSON / GraphQL name
    kind: Kind
    section: Section
    label_zh: str
    label_en: str
    description_zh: str
    description_en: str


S, U, A, P, F, C, D = (Section.SUPPORT, Section.UTILISATION, Section.ANALYTICS, Section.PROJECTS, Section.FUND,
                       Section.COMMISSION, Section.DEDUCTIONS)
PERF = Section.PERFORMANCE
K = Kind

PARAMETERS: tuple[Parameter, ...] = (
    # §2 support requests
    Parameter("sla", "sla", K.SLA, S, "SLA 时限", "SLA limits",
              "每个优先级的响应时限（提交→受理）与解决时限（提交→解决），按日历时间计。",
              "Per priority, the response limit (submitted → accepted) and the resolution limit (submitted → "
              "resolved), in calendar time."),
    Parameter("handoff_threshold", "handoffThresholdHours", K.HOURS, S, "转交时限", "Handoff threshold",
              "客户报告到提交需求之间超过此时长即为一线甩锅：计入提交人的支撑利用率，SLA 仍从提交时起算。",
              "A request submitted longer than this after the customer reported the problem is a frontline "
              "fault: it counts against the submitter's support utilisation; the SLA clock still starts at "
              "submission."),
    Parameter("priority_weights", "priorityWeights", K.WEIGHTS, S, "优先级权重", "Priority weights",
              "支撑积分 = 优先级权重 × 满意度系数 × SLA 系数，记给解决需求的后端员工。",
              "Support points = priority weight × satisfaction factor × SLA factor, credited to the backend "
              "employee who resolved the request."),
    Parameter("unrated_satisfaction_factor", "unratedSatisfactionFactor", K.DECIMAL, S, "未评价满意度系数",
              "Unrated satisfaction factor",
              "需求未被评分时使用的满意度系数（评分时为 星级 ÷ 5）。",
              "The satisfaction factor of a request nobody rated (a rated one uses stars ÷ 5)."),
    Parameter("breached_sla_factor", "breachedSlaFactor", K.DECIMAL, S, "超时 SLA 系数", "Breached-SLA factor",
              "解决超过时限时的 SLA 系数（按时解决为 1）。",
              "The SLA factor when the resolution limit was missed (1 when it was met)."),
    # §4 support utilisation
    Parameter("utilisation_handoff_weight", "utilisationHandoffWeight", K.DECIMAL, U, "支撑利用率：及时转交权重",
              "Utilisation: timely handoff weight",
              "一线支撑利用率 = 此权重 × 及时转交占比 + 确认评价权重 × 确认评价占比；两权重之和为 100。",
              "A frontline employee's support utilisation = this weight × share handed off in time + the "
              "confirmation weight × share confirmed and rated; the two weights sum to 100."),
    Parameter("utilisation_confirmation_weight", "utilisationConfirmationWeight", K.DECIMAL, U,
              "支撑利用率：确认评价权重", "Utilisation: confirmation weight",
              "已解决需求中由提交人确认并评分的占比所占的权重。",
              "The weight of the share of resolved requests the submitter confirmed and rated."),
    # collaboration analytics
    Parameter("bottleneck_breach_rate", "bottleneckBreachRate", K.DECIMAL, A, "瓶颈：超时率", "Bottleneck: breach rate",
              "部门在一期内 SLA 超时的需求占比超过此值即标记为瓶颈。",
              "A department is flagged when more than this share of its requests in a period breach the SLA."),
    Parameter("bottleneck_p90_sla_ratio", "bottleneckP90SlaRatio", K.DECIMAL, A, "瓶颈：P90 解决时长 ÷ 时限",
              "Bottleneck: p90 resolution ÷ limit",
              "90% 的需求解决时长与其时限之比超过此值即标记。",
              "Flagged when the 90th percentile of resolution time divided by its limit exceeds this."),
    Parameter("bottleneck_backlog_per_staff", "bottleneckBacklogPerStaff", K.DECIMAL, A, "瓶颈：人均积压",
              "Bottleneck: backlog per staff",
              "未完成需求数 ÷ 部门人数超过此值即标记。",
              "Flagged when open requests per member of staff exceed this."),
    Parameter("bottleneck_start_delay", "bottleneckStartDelayHours", K.HOURS, A, "瓶颈：受理到开始",
              "Bottleneck: accepted → started",
              "受理到开始处理的中位时长超过此值即标记。",
              "Flagged when the median time from accepted to in progress exceeds this."),
    Parameter("bottleneck_reopen_rate", "bottleneckReopenRate", K.DECIMAL, A, "瓶颈：重开率", "Bottleneck: reopen rate",
              "被重新打开的已解决需求占比超过此值即标记。",
              "Flagged when more than this share of resolved requests were reopened."),
    Parameter("bottleneck_late_handoff_rate", "bottleneckLateHandoffRate", K.DECIMAL, A, "瓶颈：延迟转交率",
              "Bottleneck: late-handoff rate",
              "超过转交时限才提交的需求占比超过此值即标记（一线原因）。",
              "Flagged when more than this share of requests were handed off late (a frontline cause)."),
    # §3 projects
    Parameter("project_side_split_frontline", "projectSideSplitFrontline", K.DECIMAL, P, "项目奖金一线占比",
              "Project bonus: frontline share",
              "新项目奖金在一线与后端之间的默认分配：一线占此比例，后端占其余。",
              "A new project's default split of its bonus: the frontline gets this share, the backend the rest."),
    Parameter("project_weight_points", "projectWeightPoints", K.DECIMAL, P, "项目贡献：完成故事点权重",
              "Project contribution: story points weight",
              "同一侧成员的份额按 权重 × 各项占比 计算；三项权重之和为 1。",
              "Within a side, a member's share weighs their share of each component; the three weights sum "
              "to 1."),
    Parameter("project_weight_feedback", "projectWeightFeedback", K.DECIMAL, P, "项目贡献：评价权重",
              "Project contribution: feedback weight",
              "成员完成任务所获平均评分的权重。", "The weight of the mean rating a member's done tasks received."),
    Parameter("project_weight_participation", "projectWeightParticipation", K.DECIMAL, P, "项目贡献：参与度权重",
              "Project contribution: participation weight",
              "成员在看板上的操作（移动、评论、评分）次数的权重。",
              "The weight of the board events a member authored (moves, comments, ratings)."),
    Parameter("project_delivery_grace_days", "projectDeliveryGraceDays", K.INTEGER, P, "交付宽限天数",
              "Delivery grace days",
              "交付目标完成度 = max(0, 1 − 延迟天数 ÷ 此天数)。",
              "Delivery attainment = max(0, 1 − days late ÷ this many days)."),
    # §4 performance
    Parameter("performance_score_cap", "performanceScoreCap", K.DECIMAL, PERF, "指标得分上限", "Indicator score cap",
              "单项指标得分 = min(上限, 100 × 实际 ÷ 目标)（越低越好时取倒数）。",
              "An indicator's score = min(cap, 100 × actual ÷ target) (inverted when lower is better)."),
    Parameter("performance_coefficient_bands", "performanceCoefficientBands", K.BANDS, PERF, "绩效系数档位",
              "Performance coefficient bands",
              "考核总分达到某档最低分即得该档系数；绩效奖金 = 目标奖金 × 系数。",
              "A scorecard total of at least a band's score earns its coefficient; performance bonus = target "
              "bonus × coefficient."),
    Parameter("backend_satisfaction_weight", "backendSatisfactionWeight", K.BOUNDS, PERF,
              "后端方案：一线满意度权重范围",
              "Backend scheme: frontline satisfaction weight",
              "后端部门考核方案中一线满意度指标的权重必须落在此区间。",
              "A backend scheme must give frontline satisfaction a weight in this interval."),
    Parameter("frontline_utilisation_weight", "frontlineUtilisationWeight", K.BOUNDS, PERF,
              "一线方案：支撑利用率权重范围",
              "Frontline scheme: support utilisation weight",
              "一线部门考核方案中支撑利用率指标的权重必须落在此区间。",
              "A frontline scheme must give support utilisation a weight in this interval."),
    # §5 commission
    Parameter("commission_rate_new", "commissionRateNew", K.DECIMAL, C, "新签提成比例", "Commission rate: new",
              "新签订单提成 = 金额 × 此比例，四舍五入到分。",
              "Commission on a NEW order = amount × this rate, to the cent."),
    Parameter("commission_rate_renewal", "commissionRateRenewal", K.DECIMAL, C, "续费提成比例",
              "Commission rate: renewal",
              "续费订单提成 = 金额 × 此比例，四舍五入到分。",
              "Commission on a RENEWAL order = amount × this rate, to the cent."),
    Parameter("accrual_ratio", "accrualRatio", K.DECIMAL, C, "协同计提比例", "Collaboration accrual ratio",
              "每笔提成的此比例进入订单所属片区本期的后端支撑池，一线保留其余（护栏 10%–15%）。",
              "This share of each commission goes into the order's region support pool for the period; the "
              "frontline keeps the rest (guardrail 10–15 %)."),
    Parameter("order_amount_ceiling", "orderAmountCeiling", K.DECIMAL, C, "单笔订单金额上限", "Order amount ceiling",
              "单笔订单金额必须低于此值（更大的金额视为录入错误）。",
              "An order's amount must be below this (a larger one is taken for a typing error)."),
    # §6 fund and linkage
    Parameter("fund_ratio", "fundRatio", K.DECIMAL, F, "协同奖励基金比例", "Collaboration fund ratio",
              "基金 = 年度利润 × 此比例（护栏 5%–10%）。", "Fund = annual profit × this ratio (guardrail 5–10 %)."),
    Parameter("fund_achievement_gate", "fundAchievementGate", K.DECIMAL, F, "基金：收入达成门槛",
              "Fund: revenue achievement gate",
              "片区年度收入达成率（实际 ÷ 目标）不低于此值才有资格分享基金。",
              "A region qualifies for the fund only if its yearly revenue achievement (actual ÷ target) is at "
              "least this."),
    Parameter("fund_satisfaction_gate", "fundSatisfactionGate", K.DECIMAL, F, "基金：满意度门槛",
              "Fund: satisfaction gate",
              "片区需求的后端满意度（平均星级 × 20）不低于此值才有资格。",
              "…and the backend satisfaction on its requests (mean stars × 20) is at least this."),
    Parameter("fund_split_frontline", "fundSplitFrontline", K.DECIMAL, F, "基金一线占比", "Fund: frontline share",
              "片区基金份额中一线所占比例，后端占其余。",
              "The frontline's share of a region's fund quota; the backend gets the rest."),
    Parameter("linkage_slope", "linkageSlope", K.DECIMAL, F, "联动斜率", "Linkage slope",
              "后端绩效奖金乘以 1 + 斜率 × max(0, 关联片区达成率 − 1)。",
              "A backend employee's performance bonus is multiplied by 1 + slope × max(0, linked regions' "
              "achievement − 1)."),
    Parameter("linkage_uplift_cap", "linkageUpliftCap", K.DECIMAL, F, "联动上浮上限", "Linkage uplift cap",
              "联动带来的上浮最多为此比例。", "The linkage uplift is at most this."),
    # §8 deductions
    Parameter("pension_rate", "pensionRate", K.DECIMAL, D, "养老保险个人比例", "Pension (employee share)",
              "个人缴纳的养老保险比例。", "The employee's pension contribution rate."),
    Parameter("medical_rate", "medicalRate", K.DECIMAL, D, "医疗保险个人比例", "Medical (employee share)",
              "个人缴纳的医疗保险比例。", "The employee's medical insurance rate."),
    Parameter("unemployment_rate", "unemploymentRate", K.DECIMAL, D, "失业保险个人比例",
              "Unemployment (employee share)",
              "个人缴纳的失业保险比例。", "The employee's unemployment insurance rate."),
    Parameter("housing_fund_rate", "housingFundRate", K.DECIMAL, D, "住房公积金比例", "Housing fund rate",
              "个人缴纳的住房公积金比例（护栏 5%–12%）。", "The employee's housing-fund rate (guardrail 5–12 %)."),
)

BY_NAME: dict[str, Parameter] = {p.name: p for p in PARAMETERS}
BY_ATTRIBUTE: dict[str, Parameter] = {p.attribute: p for p in PARAMETERS}
