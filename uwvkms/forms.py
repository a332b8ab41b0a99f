"""Form helpers shared by every app's views."""

from django import forms
from django.core.exceptions import ValidationError


def posted_data(request):
    """The submitted data, or None on GET. (`request.POST or None` would treat an empty
    submission, such as a scope with nothing ticked, as a GET.)"""
    return request.POST if request.method == "POST" else None


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors beside their field, the rest
    at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
