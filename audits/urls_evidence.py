"""URLs of the evidence an auditor gathers: documents and interviews (kept apart from the cycle
URLs so the two halves of fieldwork can grow independently)."""

urlpatterns: list = []
