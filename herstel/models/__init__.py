"""Herstelacties (DOMAIN.md §6): the action with its advice, the working group, step 2's
decisions and notifications, and the communication track."""

from herstel.models.action import Advice, ControlMeasure, CriterionJudgement, Herstelactie
from herstel.models.communication import CommunicationMember, Kapstokverhaal, QuestionAnswer
from herstel.models.decisions import Decision, InformalRound, Notification
from herstel.models.working_group import (
    ContactPoint,
    InterestGroupConsultation,
    WorkingGroupMember,
)

__all__ = [
    "Advice",
    "CommunicationMember",
    "ContactPoint",
    "ControlMeasure",
    "CriterionJudgement",
    "Decision",
    "Herstelactie",
    "InformalRound",
    "InterestGroupConsultation",
    "Kapstokverhaal",
    "Notification",
    "QuestionAnswer",
    "WorkingGroupMember",
]
