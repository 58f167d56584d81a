from .meeting import ConclusionAction, FollowUpStatus, ReviewConclusion
from .period import ReportingPeriod, default_window
from .progress import IndicatorValue, ProgressReport, ReminderLog, ReportStatus, ReviewMeeting
from .standing import CommitmentStanding, period_seq, seq_period

__all__ = [
    "CommitmentStanding",
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
    "period_seq",
    "seq_period",
]
