from audits.models.cycle import (
    AssessedPrinciple,
    AuditCycle,
    Exclusion,
    ManagementPrinciple,
    ReferenceText,
)
from audits.models.districts import District, DistrictDraw
from audits.models.documents import DocumentCheck, DocumentFile, DocumentType
from audits.models.evaluation import AuditHours, Lesson, LessonProcessing
from audits.models.interviews import Interview, Interviewee, InterviewNote, InterviewQuestion
from audits.models.requests import (
    EvidenceRequest,
    EvidenceRequestItem,
    QualityContact,
    RequestItemFile,
    RequestMessage,
)
from audits.models.team import Assignment

__all__ = [
    "AssessedPrinciple",
    "AuditHours",
    "Assignment",
    "AuditCycle",
    "District",
    "DistrictDraw",
    "DocumentCheck",
    "DocumentFile",
    "DocumentType",
    "EvidenceRequest",
    "EvidenceRequestItem",
    "Exclusion",
    "Interview",
    "InterviewNote",
    "InterviewQuestion",
    "Lesson",
    "LessonProcessing",
    "Interviewee",
    "ManagementPrinciple",
    "QualityContact",
    "ReferenceText",
    "RequestItemFile",
    "RequestMessage",
]
