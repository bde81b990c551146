from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds, views

app_name = "notices"

urlpatterns = [
    path("", views.update_log, name="update_log"),
    # What changed, step by step, in one update; translated like the notices' own path (/de/hinweise/…).
    path(_("changes/<int:notice_id>/"), views.step_changes_page, name="step_changes"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("new-link/", views.new_link, name="new_link"),
    path("feed/", feeds.UpdateNoticeFeed(), name="feed"),
    path("feed/platform/<slug:slug>/", feeds.PlatformFeed(), name="platform_feed"),
    path("feed/page/<int:page_id>/", feeds.PageFeed(), name="page_feed"),
    path("calendar/deadlines.ics", views.upcoming_ics, name="upcoming_ics"),
    path("calendar/deadline-<int:deadline_id>.ics", views.deadline_ics, name="deadline_ics"),
]
