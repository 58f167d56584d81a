from .period import ReportingPeriod, default_window
from .progress import IndicatorValue, ProgressReport, ReportStatus, ReviewMeeting

__all__ = [
    "IndicatorValue",
    "ProgressReport",
    "ReportStatus",
    "ReportingPeriod",
    "ReviewMeeting",
    "default_window",
]
