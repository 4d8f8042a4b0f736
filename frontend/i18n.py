"""Interface labels in Chinese (the default) and English, and the state that picks the language.

Labels are looked up in the browser (`t("key")` is a Var), so switching language re-renders at once
without a round trip per label. Every language must define exactly the same keys (a test checks it).
"""

from __future__ import annotations

import reflex as rx

DEFAULT_LANGUAGE = "zh"

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "app.name": "Tandem 协同",
        "app.tagline": "倒三角服务模式的人力资源系统",
        "language.switch": "English",
        "nav.desk": "我的工作台",
        "nav.logout": "退出登录",
        "login.title": "登录",
        "login.employee_no": "工号",
        "login.password": "密码",
        "login.submit": "登录",
        "desk.title": "我的工作台",
        "desk.loading": "正在加载…",
        "desk.live": "实时更新",
        "field.employee_no": "工号",
        "field.department": "部门",
        "field.region": "片区",
        "field.position": "岗位",
        "field.hire_date": "入职日期",
        "field.status": "状态",
        "field.roles": "角色",
        "field.base_salary": "基本工资",
        "field.target_bonus": "目标奖金",
        "value.none": "—",
        "value.hidden": "无权查看",
        "status.ACTIVE": "在职",
        "status.LEFT": "离职",
        "kind.FRONTLINE": "一线",
        "kind.BACKEND": "后端",
        "role.STAFF": "员工",
        "role.MANAGER": "经理",
        "role.HR": "人力资源",
        "role.ADMIN": "管理员",
        "error.INVALID_CREDENTIALS": "工号或密码不正确。",
        "error.EMPTY_FIELDS": "请输入工号和密码。",
        "error.NETWORK": "暂时无法连接服务器，请稍后再试。",
        "error.GRAPHQL": "服务器返回了错误，请稍后再试。",
        "error.UNKNOWN": "登录失败，请稍后再试。",
    },
    "en": {
        "app.name": "Tandem",
        "app.tagline": "HR for the inverted-triangle service model",
        "language.switch": "中文",
        "nav.desk": "My desk",
        "nav.logout": "Log out",
        "login.title": "Sign in",
        "login.employee_no": "Employee no.",
        "login.password": "Password",
        "login.submit": "Sign in",
        "desk.title": "My desk",
        "desk.loading": "Loading…",
        "desk.live": "Live",
        "field.employee_no": "Employee no.",
        "field.department": "Department",
        "field.region": "Region",
        "field.position": "Position",
        "field.hire_date": "Hire date",
        "field.status": "Status",
        "field.roles": "Roles",
        "field.base_salary": "Base salary",
        "field.target_bonus": "Target bonus",
        "value.none": "—",
        "value.hidden": "Not visible to you",
        "status.ACTIVE": "Active",
        "status.LEFT": "Left",
        "kind.FRONTLINE": "Frontline",
        "kind.BACKEND": "Backend",
        "role.STAFF": "Staff",
        "role.MANAGER": "Manager",
        "role.HR": "HR",
        "role.ADMIN": "Administrator",
        "error.INVALID_CREDENTIALS": "Wrong employee number or password.",
        "error.EMPTY_FIELDS": "Enter your employee number and password.",
        "error.NETWORK": "The server cannot be reached right now; try again shortly.",
        "error.GRAPHQL": "The server answered with an error; try again shortly.",
        "error.UNKNOWN": "Sign-in failed; try again shortly.",
    },
}


def has_label(key: str) -> bool:
    return key in LABELS[DEFAULT_LANGUAGE]


class LanguageState(rx.State):
    """The chosen interface language, remembered in the browser and shared across its tabs."""

    language: str = rx.LocalStorage(DEFAULT_LANGUAGE, name="tandem.language", sync=True)

    @rx.var(cache=True)
    def labels(self) -> dict[str, str]:
        return LABELS.get(self.language, LABELS[DEFAULT_LANGUAGE])

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
