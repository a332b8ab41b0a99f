from django.urls import path

from maturity.api import views

urlpatterns = [
    path("scores/", views.ScoreList.as_view(), name="score-list"),
    path("scores/<int:pk>/", views.ScoreDetail.as_view(), name="score-detail"),
    path("cycles/<int:year>/framework/", views.FrameworkList.as_view(), name="framework-list"),
    path("cycles/<int:year>/rollup/", views.Rollup.as_view(), name="rollup"),
]
