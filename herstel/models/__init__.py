"""Herstelacties (DOMAIN.md §6): the action with its advice, the working group, step 2's
decisions and notifications, the communication track, step 3's execution with its dossiers and
step 4's evaluations."""

from herstel.models.action import Advice, ControlMeasure, CriterionJudgement, Herstelactie
from herstel.models.communication import CommunicationMember, Kapstokverhaal, QuestionAnswer
from herstel.models.decisions import Decision, InformalRound, Notification
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
    "Advice",
    "AdviceEnrichment",
    "CommunicationMember",
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
