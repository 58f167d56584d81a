from .correction import CorrectedValue, ReportCorrection
from .export_job import ExportJob, ExportKind, ExportState
from .meeting import ConclusionAction, FollowUpStatus, ReviewConclusion, ReviewMeeting
from .period import ReportingPeriod, UnitCalendar, default_window
from .progress import IndicatorValue, ProgressReport, ReportStatus
from .reminder import ReminderLog, ReminderRun
from .standing import CommitmentStanding, period_seq, seq_period

__all__ = [
    "CommitmentStanding",
    "ConclusionAction",
    "CorrectedValue",
    "ExportJob",
    "ExportKind",
    "ExportState",
    "FollowUpStatus",
    "IndicatorValue",
    "ProgressReport",
    "ReminderLog",
    "ReminderRun",
    "ReportCorrection",
    "ReportStatus",
    "ReportingPeriod",
    "ReviewConclusion",
    "ReviewMeeting",
    "UnitCalendar",
    "default_window",
    "period_seq",
    "seq_period",
]
