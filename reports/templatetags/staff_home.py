"""The admin home's work sections: ``{% staff_home %}`` in ``templates/admin/index.html``.

A tag rather than an AdminSite subclass: Django's own index view and app list stay as
they are, no setting changes, and no other admin page pays for these reads.
"""

from __future__ import annotations

from django import template

from reports.queries.home import home_for

register = template.Library()


@register.inclusion_tag("admin/home/home.html", takes_context=True)
def staff_home(context) -> dict:
    request = context["request"]
    return {
        "home": home_for(request.user),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
