from .meeting import ConclusionAction, FollowUpStatus, ReviewConclusion
from .period import ReportingPeriod, default_window
from .progress import IndicatorValue, ProgressReport, ReminderLog, ReportStatus, ReviewMeeting

__all__ = [
    "ConclusionAction",
    "FollowUpStatus",
    "IndicatorValue",
    "ProgressReport",
    "ReminderLog",
    "ReportStatus",
    "ReportingPeriod",
    "ReviewConclusion",
    "ReviewMeeting",
    "default_window",
]
