"""The data every HTTP and websocket bench uses, written once into a migrated database before the server starts.

An organisation of 120 (the employees page: 100 rows with department and region), a project whose board holds
160 cards with assignees, comments and ratings, and 200 support requests walked through the services (the
queue page). Run: `python -m bench.seed --database-url URL --out seed.json` (prints what the clients need).
"""

from __future__ import annotations

import argparse
import asyncio
import json
from dataclasses import replace
from typing import Any

from backend.app import create_api
from backend.domain.access import SYSTEM
from backend.domain.support import Category, Priority
from backend.events.memory import MemoryEventBus
from backend.graphql.ids import encode_id
from backend.persistence.migrations import upgrade
from backend.persistence.models import Department, Employee, Task
from backend.services import org, support
from backend.services.security import issue_session_token
from backend.services.uow import UnitOfWork
from backend.settings import load_settings
from bench import employees_page, project_board, support_requests

SECRET = employees_page.SECRET
BOARD_CARDS = 160
QUEUE_REQUESTS = 200


def token(employee_id: int) -> str:
    return issue_session_token(employee_id=employee_id, secret_key=SECRET, ttl_seconds=6 * 3600)[0]


async def seed(database_url: str, *, cards: int = BOARD_CARDS, requests: int = QUEUE_REQUESTS) -> dict[str, Any]:
    await upgrade(database_url)
    settings = replace(load_settings(), database_url=database_url, secret_key=SECRET, event_bus_url="memory://")
    app = create_api(settings)
    async with app.router.lifespan_context(app):
        hr_id = await employees_page.seed()
        async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
            await org.create_region(uow=uow, code="R4", name="片区R4")
        tech = await Department.get(code="TECH")
        staff = await Employee.filter(employee_no__startswith="E").order_by("id").values("id", "department_id")
        frontline = [row["id"] for row in staff if row["department_id"] != tech.id and row["id"] != hr_id]
        backend = [row["id"] for row in staff if row["department_id"] == tech.id]
        people = [hr_id, *frontline[:6], *backend[:5]]
        project_id = await project_board.seed_project(people, cards)
        await support_requests.seed_queue(frontline, backend, requests)
        # One more request in TECH's queue, left open: the queue subscribers' event comes from comments on it.
        async with UnitOfWork(bus=MemoryEventBus(), actor=SYSTEM) as uow:
            watched = await support.submit_request(uow=uow, data=support.SubmitData(
                client_request_id="bench-watched", region_code="R1", department_code="TECH",
                category=Category.FAULT_REPAIR, priority=Priority.NORMAL, title="基站告警", description="",
                customer_reported_at=support_requests.datetime.now(support_requests.UTC), submitter_id=frontline[0]))
        task = await Task.filter(project_id=project_id).order_by("id").first()
        assert task is not None
        return {
            "hr_token": token(hr_id), "member_token": token(people[1]), "project_id": encode_id("Project", project_id),
            "project_pk": project_id, "task_id": encode_id("Task", task.id),
            "request_id": encode_id("SupportRequest", watched.request.id), "department_code": "TECH",
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--cards", type=int, default=BOARD_CARDS)
    args = parser.parse_args()
    result = asyncio.run(seed(args.database_url, cards=args.cards))
    with open(args.out, "w") as out:
        json.dump(result, out)


if __name__ == "__main__":
    main()
