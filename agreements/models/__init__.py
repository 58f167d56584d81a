from .agreement import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    AgreementStatus,
    derive_status,
)
from .catalogue import Agency, AgencySuccession, Sector
from .commitment import REAL_STAGES, Commitment, Indicator, Stage
from .membership import Membership, Role

__all__ = [
    "REAL_STAGES",
    "Agency",
    "AgencySuccession",
    "Agreement",
    "AgreementDocument",
    "AgreementParty",
    "AgreementStatus",
    "Commitment",
    "Indicator",
    "Membership",
    "Role",
    "Sector",
    "Stage",
    "derive_status",
]
