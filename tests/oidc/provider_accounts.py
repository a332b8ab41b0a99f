"""The accounts of the test provider (provider.mjs), as the tests need to know them."""

PASSWORD = "wachtwoord"  # noqa: S105 (every account's password at the test provider)
TOETSER_SUBJECT = "uwv-0001"
COORDINATOR_SUBJECT = "uwv-0002"
GEENROL_SUBJECT = "uwv-0003"
