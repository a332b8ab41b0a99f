"""Herstelacties are not in /beheer/ (issue 19 §2): every change goes through a service so it
lands in the event log, the pages of the app show them to those who may read them, and the fixed
contact persons are maintained on their own page (herstel:contact_points). Nothing is
registered here."""
