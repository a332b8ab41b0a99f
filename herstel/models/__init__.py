"""Herstelacties (DOMAIN.md §6): the action with its advice, the working group, step 2's
decisions and notifications, the communication track, step 3's execution with its dossiers and
step 4's evaluations."""

from herstel.models.action import (
    Advice,
    AdviceSectionAssignment,
    AdviceSectionAuthor,
    ControlMeasure,
    CriterionJudgement,
    Herstelactie,
)
from herstel.models.communication import (
    CommunicationMember,
    CommunicationTask,
    Kapstokverhaal,
    QuestionAnswer,
)
from herstel.models.decisions import Decision, InformalRound, Notification
from herstel.models.documents import ActionDocument
from herstel.models.dossiers import Dossier, DossierChange, DossierImport, DossierSnapshot
from herstel.models.evaluation import Evaluation, MeasureEvaluation
from herstel.models.execution import ExecutionPlan, GoDecision
from herstel.models.step2 import AdviceEnrichment, DtView, MandateRaise, MinisterContact
from herstel.models.working_group import (
    ContactPoint,
    InterestGroupConsultation,
    WorkingGroupMember,
)

__all__ = [
    "ActionDocument",
    "Advice",
    "AdviceSectionAssignment",
    "AdviceSectionAuthor",
    "AdviceEnrichment",
    "CommunicationMember",
    "CommunicationTask",
    "ContactPoint",
    "ControlMeasure",
    "CriterionJudgement",
    "Decision",
    "Dossier",
    "DtView",
    "DossierChange",
    "DossierImport",
    "DossierSnapshot",
    "Evaluation",
    "ExecutionPlan",
    "GoDecision",
    "Herstelactie",
    "InformalRound",
    "InterestGroupConsultation",
    "Kapstokverhaal",
    "MandateRaise",
    "MeasureEvaluation",
    "MinisterContact",
    "Notification",
    "QuestionAnswer",
    "WorkingGroupMember",
]
