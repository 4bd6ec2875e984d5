"""The bare page: Django's full middleware stack and a tiny template, no database."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

LOOP_ITEMS = range(10)


def bare(request: HttpRequest) -> HttpResponse:
    return render(request, "bench/bare.html", {"items": LOOP_ITEMS})
