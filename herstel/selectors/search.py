"""Search providers of herstel (issue 21 §5, `uwvkms.search`): herstelacties by title and what
went wrong, for whoever sees the action (`herstelacties_for_user`, the rule of its page), and
dossiers by reference (prefix), only for those who read the action's dossiers
(`dossier_reader_action_ids`, the rule of `herstelactie_get_for_dossiers`)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from herstel.models import Dossier
from herstel.selectors.actions import dossier_reader_action_ids, herstelacties_for_user
from uwvkms.search import (
    MAX_HITS_PER_KIND,
    SearchHit,
    SearchKind,
    SearchTerms,
    plain_fragment,
    register,
    text_matches,
)

HERSTELACTIES = SearchKind("herstelacties", gettext_lazy("Herstelacties"), 70)
DOSSIERS = SearchKind("dossiers", gettext_lazy("Dossiers van herstelacties"), 80)


def herstelactie_hits(user, terms: SearchTerms) -> list[SearchHit]:
    """The actions `user` sees whose title or description matches. One query (none for someone
    without a role: `herstelacties_for_user` is then empty without asking)."""
    actions = herstelacties_for_user(user).select_related("lead_unit")
    return [
        SearchHit(
            title=action.title,
            url=action.get_absolute_url(),
            context=_("%(unit)s · %(step)s")
            % {"unit": action.lead_unit.name, "step": action.get_step_display()},
            fragment=action.search_fragment,
            rank=action.search_rank,
        )
        for action in text_matches(actions, ["title", "what_went_wrong"], terms)
    ]


def dossier_hits(user, terms: SearchTerms) -> list[SearchHit]:
    """The dossiers whose reference starts with what was typed (case-insensitive; a reference is
    one word), in the actions whose dossiers `user` reads. Two queries; none for a query of more
    than one word."""
    if " " in terms.text:
        return []
    action_ids = dossier_reader_action_ids(user)
    if not action_ids:
        return []
    dossiers = (
        Dossier.objects.filter(herstelactie_id__in=action_ids, reference__istartswith=terms.text)
        .select_related("herstelactie")
        .order_by("reference")[:MAX_HITS_PER_KIND]
    )
    return [
        SearchHit(
            title=dossier.reference,
            url=dossier.get_absolute_url(),
            context=dossier.herstelactie.title,
            fragment=plain_fragment(
                f"{dossier.reference} · {dossier.get_status_display()}", [terms.text.casefold()]
            ),
            rank=1.0,
        )
        for dossier in dossiers
    ]


def register_search() -> None:
    register(HERSTELACTIES, herstelactie_hits)
    register(DOSSIERS, dossier_hits)
