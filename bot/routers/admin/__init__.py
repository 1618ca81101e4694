"""The catalog admin API under /api/admin (used by /admin and /admin/analytics).

Roles: viewer reads; editor edits services, imports, retrains and sees analytics; admin also
deletes/restores services and creates staff accounts. Every write commits inside the endpoint, so
a 2xx answer means the change is stored; a rejected request is rolled back and changes nothing.

One module per resource, each with its own `router` (made by `common.admin_router()`); to add a
resource, write the module and add it to MODULES. The order is the order of the OpenAPI page.
"""

from __future__ import annotations

from fastapi import APIRouter

from bot.routers.admin import (
    analytics,
    audit,
    auth,
    examples,
    inbox,
    scenarios,
    services,
    staff,
    training,
    transfer,
    versions,
)
from bot.routers.admin.common import R401, FieldErrorsOut
from bot.validation_zh import ZhValidationRoute

MODULES = (auth, services, versions, examples, scenarios, audit, transfer, training, analytics,
           inbox, staff)

router = APIRouter(
    prefix="/api/admin",
    tags=["admin"],
    route_class=ZhValidationRoute,
    responses={**R401, 422: {"model": FieldErrorsOut, "description": "输入有误 / invalid"}},
)
for _module in MODULES:
    router.include_router(_module.router)
