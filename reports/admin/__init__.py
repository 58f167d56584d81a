"""The reports app's admin, one module per concept; importing them registers them."""

from reports.admin import corrections, periods, progress  # noqa: F401
