"""URLs of the findings per unit: observations, recommendations, quotes, the unit report and the
management response."""

urlpatterns: list = []
