"""User administration in the app, in Dutch, for the Beheerder (issue 19 §2): the Gebruikers
pages (list with search and filters, create and invite, edit, deactivate and reactivate, the role
history) and the invitation link that lets a new user set their own password.

`rules.py` holds the pure rules (an account's status, what a Beheerder may not do to their own
account), `selectors.py` the reads, `services.py` the writes (each authorises its actor and writes
its event-log row), `invitation.py` the one-time link, `forms.py`, `views.py` and `urls.py` the
pages."""
