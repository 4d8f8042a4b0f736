"""Project queries: one project with its whole board, and the list of projects."""

from __future__ import annotations

from typing import Annotated

import strawberry
from tortoise.expressions import Q, Subquery

from backend.domain.errors import DomainError
from backend.graphql.context import Info
from backend.graphql.ids import decode_id
from backend.graphql.projects.loaders import parts_from, project_node, summary_node
from backend.graphql.projects.permissions import CanReadProjects
from backend.graphql.projects.types import ProjectSummary, ProjectType
from backend.persistence.models import Project, ProjectMember


@strawberry.type
class ProjectQuery:
    @strawberry.field(permission_classes=[CanReadProjects],
                      description="A project with its whole board (columns, cards, comments, ratings, members, "
                                  "goals) in a fixed number of SQL queries, whatever the number of cards.")
    async def project(self, info: Info, id: strawberry.ID) -> ProjectType | None:
        try:
            pk = decode_id("Project", id)
        except DomainError:
            return None
        return await project_node(pk, parts_from(info))

    @strawberry.field(permission_classes=[CanReadProjects], description="Projects, newest first (at most 200).")
    async def projects(self, info: Info, mine: Annotated[bool | None, strawberry.argument(
            description="true: only those the viewer is a member of or owns")] = None) -> list[ProjectSummary]:
        query = Project.all()
        viewer = info.context.viewer.employee_id
        if mine:
            if viewer is None:
                return []
            query = query.filter(Q(owner_id=viewer) | Q(id__in=Subquery(
                ProjectMember.filter(employee_id=viewer).values("project_id"))))
        rows = await query.order_by("-id").limit(200).select_related("owner")
        return [summary_node(p, p.owner.employee_no, p.owner.name) for p in rows]
