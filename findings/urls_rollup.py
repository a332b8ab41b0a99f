"""URLs of the roll-up (themes, rode draden, hoofdbevindingen), follow-up actions and the audit's
own rating."""

urlpatterns: list = []
