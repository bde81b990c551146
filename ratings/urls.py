from django.urls import path

from . import views

app_name = "ratings"

urlpatterns = [
    path("vote/", views.vote, name="vote"),
    path("step-report/", views.report_step, name="step_report"),
    path("step-report/sent/", views.report_sent, name="report_sent"),
]
