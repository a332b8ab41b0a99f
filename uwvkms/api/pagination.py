"""Page-number pagination with a page-size cap (`API_MAX_PAGE_SIZE`)."""

from django.conf import settings
from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    """`?page=N&page_size=M`; 50 per page by default, never more than `API_MAX_PAGE_SIZE`."""

    page_size = 50
    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:
        return settings.API_MAX_PAGE_SIZE
