"""English interface, Vietnamese conventions: the portal's readers are in Vietnam,
so dates stay dd/mm/yyyy and numbers 1.234,5 whichever language is chosen."""

from portal.formats.vi.formats import *  # noqa: F403

YEAR_MONTH_FORMAT = "m/Y"
