from .period import ReportingPeriod, default_window
from .progress import IndicatorValue, ProgressReport, ReminderLog, ReportStatus, ReviewMeeting

__all__ = [
    "IndicatorValue",
    "ProgressReport",
    "ReminderLog",
    "ReportStatus",
    "ReportingPeriod",
    "ReviewMeeting",
    "default_window",
]
