"""URLs of calibration and the roll-up figures (kept apart from scoring so both can grow)."""

urlpatterns: list = []
