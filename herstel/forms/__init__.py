"""Forms of the herstel pages: input only; the rules live in the services."""
