"""Vietnamese first: the interface is Vietnamese unless the user picks English."""

from __future__ import annotations


class VietnameseUnlessChosen:
    """Ignore the browser's Accept-Language so that an English-language browser still
    gets Vietnamese; the language switch (a cookie) is the only way to English."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
