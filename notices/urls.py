from django.urls import path

from . import feeds, views

app_name = "notices"

urlpatterns = [
    path("", views.update_log, name="update_log"),
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
