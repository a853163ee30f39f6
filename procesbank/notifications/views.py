"""Pages of notifications: the list, opening one (marks it read), marking read, mail setting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.notifications import selectors, services
from procesbank.notifications.forms import MailPreferenceForm
from procesbank.notifications.models import MailPreference
from procesbank.organisations.models import AuthenticatedRequest

PAGE_SIZE = 30


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    rows = selectors.notification_list(user=request.user)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("side"))
    context = {
        "page": page,
        "notifications": page.object_list,
        "unread": selectors.unread_count(user=request.user),
    }
    return render(request, "notifications/notification_list.html", context)


@login_required
def notification_open(request: AuthenticatedRequest, notification_id: int) -> HttpResponse:
    """Follow a notification's link; opening it marks it read."""
    notification = selectors.access_notification(user=request.user, notification_id=notification_id)
    services.notification_mark_read(user=request.user, notification=notification)
    return redirect(notification.url or "notifications:notification_list")


@login_required
@require_POST
def notification_read(request: AuthenticatedRequest, notification_id: int) -> HttpResponse:
    notification = selectors.access_notification(user=request.user, notification_id=notification_id)
    services.notification_mark_read(user=request.user, notification=notification)
    return redirect("notifications:notification_list")


@login_required
@require_POST
def notification_read_all(request: AuthenticatedRequest) -> HttpResponse:
    count = services.notification_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Alle notifikationer er markeret som læst."))
    return redirect("notifications:notification_list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: AuthenticatedRequest) -> HttpResponse:
    current = MailPreference(user=request.user, send_mail=selectors.wants_mail(user=request.user))
    # An unticked box sends nothing: a POST is bound even when empty.
    form = MailPreferenceForm(request.POST if request.method == "POST" else None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.mail_preference_set(user=request.user, send_mail=form.cleaned_data["send_mail"])
        messages.success(request, _("Indstillingen er gemt."))
        return redirect("notifications:notification_list")
    return render(request, "notifications/settings.html", {"form": form})
