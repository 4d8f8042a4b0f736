"""Labels of the Rules page (规则公示): sections with their formulas, the worked example, history, publishing."""

_SECTIONS_ZH = {"COMMISSION": "提成与支撑奖池", "FUND": "协同奖励基金与奖金联动", "SUPPORT": "协同需求、SLA 与支撑积分",
                "UTILISATION": "支撑利用率", "PROJECTS": "跨部门项目", "PERFORMANCE": "绩效考核",
                "DEDUCTIONS": "社保与公积金", "ANALYTICS": "瓶颈分析"}
_SECTIONS_EN = {"COMMISSION": "Commission and support pools", "FUND": "Collaboration fund and bonus linkage",
                "SUPPORT": "Support requests, SLA and support points", "UTILISATION": "Support utilisation",
                "PROJECTS": "Cross-department projects", "PERFORMANCE": "Performance assessment",
                "DEDUCTIONS": "Social insurance and housing fund", "ANALYTICS": "Bottleneck analysis"}
_FORMULAS_ZH = {
    "COMMISSION": "提成 = 订单金额 × 提成比例（新装 / 续费）\n协同计提 = 提成 × 计提比例，进入订单所在片区本期的支撑奖池\n"
                  "一线实得 = 提成 − 协同计提\n奖池按支撑积分分给本期解决过该片区需求的后端员工（最大余额法，分到分）",
    "FUND": "基金 = 年度利润 × 基金比例；达成率 ≥ 门槛且满意度 ≥ 门槛的片区按超目标收入分配\n"
            "片区额度按一线占比 / 后端占比拆分\n后端绩效奖金 × (1 + min(斜率 × max(0, 关联片区达成率 − 1), 上浮上限))",
    "SUPPORT": "支撑积分 = 优先级权重 × 满意度系数（星级 ÷ 5，未评价用默认系数）× SLA 系数（超时用超时系数）",
    "UTILISATION": "支撑利用率 = 及时转交权重 × 及时转交占比 + 确认评价权重 × 确认评价占比",
    "PROJECTS": "项目奖金 = 奖金池 × 目标达成度，按一线占比拆分两侧；侧内按故事点、评价、参与度加权分配",
    "PERFORMANCE": "指标得分 = min(上限, 100 × 实际 ÷ 目标)；总分所在档位决定绩效系数；绩效奖金 = 目标奖金 × 系数",
    "DEDUCTIONS": "个人缴纳 = 缴费基数 × 比例（养老、医疗、失业、住房公积金）",
    "ANALYTICS": "部门超时率、P90 解决时长 ÷ 时限、人均积压等超过阈值即标记为瓶颈",
}
_FORMULAS_EN = {
    "COMMISSION": "Commission = order amount × rate (new / renewal)\nAccrual = commission × accrual ratio, into the "
                  "order's region support pool for the period\nFrontline keeps = commission − accrual\nThe pool is "
                  "split among the backend staff who resolved that region's requests, by support points (largest "
                  "remainder, to the cent)",
    "FUND": "Fund = annual profit × fund ratio; regions at or above both gates share it by revenue above target\n"
            "A region's quota splits frontline / backend\nBackend bonus × (1 + min(slope × max(0, linked "
            "achievement − 1), uplift cap))",
    "SUPPORT": "Support points = priority weight × satisfaction factor (stars ÷ 5, the unrated factor when nobody "
               "rated) × SLA factor (the breached factor when late)",
    "UTILISATION": "Support utilisation = handoff weight × share handed off in time + confirmation weight × share "
                   "confirmed and rated",
    "PROJECTS": "Project bonus = pool × goal attainment, split between the sides; within a side by story points, "
                "feedback and participation",
    "PERFORMANCE": "Indicator score = min(cap, 100 × actual ÷ target); the total's band gives the coefficient; "
                   "bonus = target bonus × coefficient",
    "DEDUCTIONS": "Employee contribution = contribution base × rate (pension, medical, unemployment, housing fund)",
    "ANALYTICS": "A department is flagged when its breach rate, p90 resolution ÷ limit or backlog per person passes "
                 "its threshold",
}
_EXAMPLE_ZH = {"commission": "F1 的提成", "accrual": "协同计提（进入 R1 奖池）", "kept": "F1 实得",
               "points_b1": "B1 积分（紧急，5 星，按时）", "points_b2": "B2 积分（普通，4 星，超时）",
               "share_b1": "B1 分得", "share_b2": "B2 分得", "linkage": "联动系数（关联片区达成 110%）"}
_EXAMPLE_EN = {"commission": "F1's commission", "accrual": "Accrual (into R1's pool)", "kept": "F1 keeps",
               "points_b1": "B1's points (urgent, 5 stars, on time)", "points_b2": "B2's points (normal, 4 stars, late)",
               "share_b1": "B1's share", "share_b2": "B2's share", "linkage": "Linkage (linked regions at 110 %)"}

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "nav.rules": "规则",
        "rules.title": "规则公示",
        "rules.intro": "所有奖励的计算规则对每位员工公开：参数、公式、示例和每个版本的变化。",
        "rules.in_force": "现行规则 版本",
        "rules.from": "生效日",
        "rules.published_by": "发布人",
        "rules.builtin": "系统内置默认规则",
        "rules.acknowledged": "我已确认",
        "rules.acknowledge": "我已阅读并确认现行规则",
        "rules.unacknowledged": "尚未确认的员工：",
        "rules.example": "计算示例",
        "rules.example.story": "片区 R1：一线 F1 录入一笔 100,000.00 元的新装订单；后端 B1 解决了 R1 的一个紧急需求（5 星，按时），"
                               "B2 解决了一个普通需求（4 星，超时）。按现行规则：",
        "rules.example.rounding": "按比例算出的金额四舍五入到分；相减得出的金额不再舍入；奖池按最大余额法分到分，同余数按工号。",
        **{f"rules.example.{k}": v for k, v in _EXAMPLE_ZH.items()},
        **{f"rules.section.{k}": v for k, v in _SECTIONS_ZH.items()},
        **{f"rules.formula.{k}": v for k, v in _FORMULAS_ZH.items()},
        "rules.version": "版本",
        "rules.in_force_badge": "现行",
        "rules.changes_from": "相对版本",
        "rules.changes_first": "初始参数",
        "rules.history": "历史版本",
        "rules.publish.title": "发布新版本（人力资源）",
        "rules.publish.start": "起草新版本",
        "rules.publish.done": "已发布版本",
        "rules.publish.effective": "生效日期",
        "rules.publish.note": "说明（显示在历史中）",
        "rules.publish.now": "现行",
        "rules.publish.invalid": "超出允许范围：",
        "rules.publish.refused": "未发布：",
        "rules.publish.changed": "修改的参数：",
        "rules.publish.submit": "发布",
        "rules.publish.preview_first": "发布前须先预览影响；修改草稿后需重新预览。",
        "rules.impact.title": "影响预览（按该期间重算，不写入任何数据）",
        "rules.impact.total": "合计",
        "rules.impact.gainers": "增加的人数",
        "rules.impact.losers": "减少的人数",
        "rules.impact.commission": "提成",
        "rules.impact.pool": "奖池",
        "rules.impact.bonus": "联动奖金",
        "rules.impact.nobody": "按该期间重算，没有人的金额发生变化。",
        "rules.impact.period": "预览期间",
        "rules.impact.preview": "预览影响",
    },
    "en": {
        "nav.rules": "Rules",
        "rules.title": "Rules",
        "rules.intro": "How every reward is computed is open to every employee: parameters, formulas, an example and "
                       "what each version changed.",
        "rules.in_force": "Rules in force: version",
        "rules.from": "from",
        "rules.published_by": "Published by",
        "rules.builtin": "Built-in defaults",
        "rules.acknowledged": "Acknowledged",
        "rules.acknowledge": "I have read the rules in force",
        "rules.unacknowledged": "Not acknowledged yet:",
        "rules.example": "Worked example",
        "rules.example.story": "Region R1: frontline F1 records a new order of 100,000.00; backend B1 resolved an "
                               "urgent request from R1 (5 stars, on time), B2 a normal one (4 stars, late). Under the "
                               "rules in force:",
        "rules.example.rounding": "Amounts computed by a rate are rounded half-up to the cent; what is derived by "
                                  "subtraction is not rounded again; pools split by largest remainder, ties by "
                                  "employee number.",
        **{f"rules.example.{k}": v for k, v in _EXAMPLE_EN.items()},
        **{f"rules.section.{k}": v for k, v in _SECTIONS_EN.items()},
        **{f"rules.formula.{k}": v for k, v in _FORMULAS_EN.items()},
        "rules.version": "Version",
        "rules.in_force_badge": "in force",
        "rules.changes_from": "Changes from version",
        "rules.changes_first": "Initial parameters",
        "rules.history": "History",
        "rules.publish.title": "Publish a new version (HR)",
        "rules.publish.start": "Start a draft",
        "rules.publish.done": "Published version",
        "rules.publish.effective": "In force from",
        "rules.publish.note": "Note (shown in the history)",
        "rules.publish.now": "now",
        "rules.publish.invalid": "Outside its guardrail:",
        "rules.publish.refused": "Not published:",
        "rules.publish.changed": "Parameters changed:",
        "rules.publish.submit": "Publish",
        "rules.publish.preview_first": "Preview the impact before publishing; after changing the draft, preview "
                                       "again.",
        "rules.impact.title": "Impact preview (the period replayed; nothing written)",
        "rules.impact.total": "Total",
        "rules.impact.gainers": "People who gain",
        "rules.impact.losers": "People who lose",
        "rules.impact.commission": "Commission",
        "rules.impact.pool": "Pool",
        "rules.impact.bonus": "Linked bonus",
        "rules.impact.nobody": "Replaying that period, nobody's figures change.",
        "rules.impact.period": "Period to replay",
        "rules.impact.preview": "Preview impact",
    },
}
