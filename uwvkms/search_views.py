"""The search page (issue 21 §5): `/zoeken/?q=…`, the hits the registered providers give this
user (`uwvkms.search`), grouped by kind and paged."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from uwvkms.search import MIN_QUERY_LENGTH, KindResults, SearchHit, SearchKind, search, terms_of

HITS_PER_PAGE = 20


@dataclass(frozen=True)
class PageGroup:
    """The hits of one kind on the present page."""

    kind: SearchKind
    hits: list[SearchHit]


def _page_groups(page) -> list[PageGroup]:
    groups: list[PageGroup] = []
    for kind, hit in page:
        if not groups or groups[-1].kind != kind:
            groups.append(PageGroup(kind=kind, hits=[]))
        groups[-1].hits.append(hit)
    return groups


@require_safe
def search_page(request):
    """Search what this user may see. An empty or too short query gets a hint and runs no
    query; `soort` limits the hits to one kind, `pagina` pages through them."""
    typed = request.GET.get("q", "")
    terms = terms_of(typed)
    only = request.GET.get("soort") or None
    results: list[KindResults] = search(request.user, terms, only=only) if terms else []
    flat = [(result.kind, hit) for result in results for hit in result.hits]
    page = Paginator(flat, HITS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "uwvkms/search.html",
        {
            "typed": typed,
            "terms": terms,
            "too_short": bool(typed.strip()) and terms is None,
            "min_length": MIN_QUERY_LENGTH,
            "only": only,
            "results": results,
            "total": len(flat),
            "page": page,
            "groups": _page_groups(page),
        },
    )
