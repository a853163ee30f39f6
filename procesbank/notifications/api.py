"""API of notifications: the caller's own, and marking them read."""

from datetime import datetime
from typing import Any

from ninja import Router, Schema
from ninja.pagination import paginate

from procesbank.kit.pagination import Pages
from procesbank.notifications import selectors, services
from procesbank.notifications.models import Notification
from procesbank.organisations.models import AuthenticatedRequest

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    text: str  # in the caller's language
    url: str
    read_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_text(obj: Notification) -> str:
        return obj.text


class MarkedReadOut(Schema):
    marked: int


@router.get("/notifications", response=list[NotificationOut], summary="The caller's notifications")
@paginate(Pages, page_size=50)
def notification_list(request: AuthenticatedRequest, unread: bool = False) -> Any:
    return selectors.notification_list(user=request.user, unread_only=unread)


@router.post(
    "/notifications/{notification_id}/read",
    response=NotificationOut,
    summary="Mark one notification read",
)
def notification_read(request: AuthenticatedRequest, notification_id: int) -> Any:
    notification = selectors.access_notification(user=request.user, notification_id=notification_id)
    return services.notification_mark_read(user=request.user, notification=notification)


@router.post("/notifications/read", response=MarkedReadOut, summary="Mark every notification read")
def notification_read_all(request: AuthenticatedRequest) -> MarkedReadOut:
    return MarkedReadOut(marked=services.notification_mark_all_read(user=request.user))
