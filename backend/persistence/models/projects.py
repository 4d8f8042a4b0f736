"""Project tables: projects, members, goals, board columns, tasks, comments, ratings, the board event log and
the frozen bonus allocation."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from backend.domain.org import DepartmentKind
from backend.domain.projects import BoardEventKind, GoalKind, ProjectStatus
from backend.persistence.models.org import Employee


class Project(Model):
    """A cross-department project (跨部门项目组). `version` bumps on every board write (a per-project lock row)."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=100)
    description = fields.TextField(default="")
    owner: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="owned_projects", on_delete=fields.RESTRICT
    )
    status = fields.CharEnumField(ProjectStatus, max_length=16, default=ProjectStatus.ACTIVE)
    started_on = fields.DateField()
    bonus_pool = fields.DecimalField(max_digits=14, decimal_places=2)
    side_split_frontline = fields.DecimalField(max_digits=6, decimal_places=4)
    # Recorded at close.
    delivered_on = fields.DateField(null=True)
    actual_satisfaction = fields.DecimalField(max_digits=8, decimal_places=4, null=True)
    actual_revenue = fields.DecimalField(max_digits=14, decimal_places=2, null=True)
    closed_at = fields.DatetimeField(null=True)
    attainment = fields.DecimalField(max_digits=20, decimal_places=18, null=True)
    bonus_amount = fields.DecimalField(max_digits=14, decimal_places=2, null=True)
    rule_version = fields.CharField(max_length=32, null=True)
    allocation: fields.Field[dict[str, Any] | None] = fields.JSONField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    owner_id: int

    class Meta:
        table = "project"
        ordering = ("id",)


class ProjectMember(Model):
    """Side is the member's department kind on the day they joined, kept as it was."""

    id = fields.IntField(primary_key=True)
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "models.Project", related_name="members", on_delete=fields.CASCADE
    )
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="project_memberships", on_delete=fields.RESTRICT
    )
    side = fields.CharEnumField(DepartmentKind, max_length=16)
    department_id_on_join = fields.IntField()
    joined_on = fields.DateField()

    project_id: int
    employee_id: int

    class Meta:
        table = "project_member"
        unique_together = (("project", "employee"),)


class ProjectGoal(Model):
    id = fields.IntField(primary_key=True)
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "models.Project", related_name="goals", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(GoalKind, max_length=16)
    weight = fields.DecimalField(max_digits=10, decimal_places=4)
    target_date = fields.DateField(null=True)
    target_value = fields.DecimalField(max_digits=16, decimal_places=4, null=True)

    project_id: int

    class Meta:
        table = "project_goal"
        unique_together = (("project", "kind"),)


class BoardColumn(Model):
    id = fields.IntField(primary_key=True)
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "models.Project", related_name="columns", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=50)
    position = fields.IntField()
    wip_limit = fields.IntField(null=True)

    project_id: int

    class Meta:
        table = "board_column"
        ordering = ("project_id", "position")


class Task(Model):
    """A card. `position` is dense (0..n-1) within its column; `version` bumps on every change of the card."""

    id = fields.IntField(primary_key=True)
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "models.Project", related_name="tasks", on_delete=fields.CASCADE
    )
    column: fields.ForeignKeyRelation[BoardColumn] = fields.ForeignKeyField(
        "models.BoardColumn", related_name="tasks", on_delete=fields.RESTRICT
    )
    position = fields.IntField()
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    assignee: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="assigned_tasks", null=True, on_delete=fields.RESTRICT
    )
    due_date = fields.DateField(null=True)
    story_points = fields.IntField(default=0)
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()

    project_id: int
    column_id: int
    assignee_id: int | None

    class Meta:
        table = "task"
        ordering = ("column_id", "position")
        indexes = (("project", "column", "position"),)


class TaskComment(Model):
    id = fields.IntField(primary_key=True)
    task: fields.ForeignKeyRelation[Task] = fields.ForeignKeyField(
        "models.Task", related_name="comments", on_delete=fields.CASCADE
    )
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "models.Project", related_name="comments", on_delete=fields.CASCADE
    )
    author: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="task_comments", on_delete=fields.RESTRICT
    )
    body = fields.TextField()
    created_at = fields.DatetimeField()

    task_id: int
    project_id: int
    author_id: int

    class Meta:
        table = "task_comment"
        ordering = ("id",)


class TaskRating(Model):
    """A member's 1–5 rating of a done task (one per rater; rating again replaces it)."""

    id = fields.IntField(primary_key=True)
    task: fields.ForeignKeyRelation[Task] = fields.ForeignKeyField(
        "models.Task", related_name="ratings", on_delete=fields.CASCADE
    )
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "models.Project", related_name="ratings", on_delete=fields.CASCADE
    )
    rater: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="task_ratings", on_delete=fields.RESTRICT
    )
    rating = fields.SmallIntField()
    created_at = fields.DatetimeField()

    task_id: int
    project_id: int
    rater_id: int

    class Meta:
        table = "task_rating"
        unique_together = (("task", "rater"),)


class BoardEvent(Model):
    """Append-only board history: who did what to which card, when, before/after. Its id orders a project's
    changes (subscribers use it as the sequence number)."""

    id = fields.BigIntField(primary_key=True)
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "models.Project", related_name="events", on_delete=fields.CASCADE
    )
    actor: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="board_events", null=True, on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(BoardEventKind, max_length=24)
    task_id = fields.IntField(null=True)
    at = fields.DatetimeField()
    before: fields.Field[dict[str, Any] | None] = fields.JSONField(null=True)
    after: fields.Field[dict[str, Any] | None] = fields.JSONField(null=True)

    project_id: int
    actor_id: int | None

    class Meta:
        table = "board_event"
        ordering = ("id",)
        indexes = (("project", "actor", "kind"),)


class ProjectAllocation(Model):
    """The frozen amount each member is paid when the project closes (payroll reads these)."""

    id = fields.IntField(primary_key=True)
    project: fields.ForeignKeyRelation[Project] = fields.ForeignKeyField(
        "models.Project", related_name="allocations", on_delete=fields.RESTRICT
    )
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="project_allocations", on_delete=fields.RESTRICT
    )
    side = fields.CharEnumField(DepartmentKind, max_length=16)
    amount = fields.DecimalField(max_digits=14, decimal_places=2)
    rule_version = fields.CharField(max_length=32)
    closed_at = fields.DatetimeField()

    project_id: int
    employee_id: int

    class Meta:
        table = "project_allocation"
        unique_together = (("project", "employee"),)
