"""What every app's demo loader shares. Lives in the organisation core so the loaders of apps that
must not import each other (findings, herstel) use one password."""

DEMO_PASSWORD = "demo-kms-2023"  # noqa: S105  (printed by `make demo`, refused outside DEBUG)
