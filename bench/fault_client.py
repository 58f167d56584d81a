"""A reporter's browser, reduced to what the fault test needs (bench/fault_db_restart.py).

Plain urllib with a cookie jar, so that a clean clone needs nothing more: it logs in to
the admin, sends every hidden field of a form as a browser does (CSRF token, inline
management forms, the version the user saw) and says in a few words what the user saw
when something went wrong.
"""

from __future__ import annotations

import html
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

REPORTER = "baocao.gtvt.haugiang"
PASSWORD = "hoptac-demo-2025"  # manage.py demo_users
MARK = "fault-test"


@dataclass
class Answer:
    status: int
    url: str
    body: str


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, path: str, data: dict | None = None, timeout: float = 20) -> Answer:
        url = urllib.parse.urljoin(self.base, path)
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(url, data=body)
        if data is not None:
            req.add_header("Referer", url)
        try:
            with self.opener.open(req, timeout=timeout) as response:
                return Answer(
                    response.status, response.url, response.read().decode("utf-8", "replace")
                )
        except urllib.error.HTTPError as error:
            return Answer(error.code, url, error.read().decode("utf-8", "replace"))
        except (urllib.error.URLError, OSError) as error:
            return Answer(0, url, f"no answer: {error}")

    def csrf(self, page: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return match.group(1) if match else ""

    def login(self) -> None:
        page = self.request("/admin/login/?next=/admin/")
        data = {"csrfmiddlewaretoken": self.csrf(page.body), "username": REPORTER,
                "password": PASSWORD, "next": "/admin/"}  # fmt: skip
        answer = self.request("/admin/login/?next=/admin/", data)
        if answer.status != 200 or "/admin/login/" in answer.url:
            raise RuntimeError(f"login as {REPORTER} failed: {answer.status} {answer.url}")


def hidden_inputs(page: str) -> dict[str, str]:
    """Every hidden input of the page (management forms, seen_version), as a browser sends them."""
    found = {}
    for tag in re.findall(r"<input[^>]*>", page):
        if 'type="hidden"' in tag:
            name = re.search(r'name="([^"]+)"', tag)
            value = re.search(r'value="([^"]*)"', tag)
            if name:
                found[name.group(1)] = html.unescape(value.group(1)) if value else ""
    return found


def describe_failure(answer: Answer) -> str:
    """What the reporter saw, in a few words, for the tally."""
    if answer.status == 0:
        return "no answer"
    if "Traceback" in answer.body:
        return f"{answer.status} with a TRACEBACK"
    if answer.status >= 500:
        # templates/503.html (database unreachable) says "Tạm thời gián đoạn", 500.html
        # "Lỗi máy chủ"; Django's fallback says "Server Error".
        if "Tạm thời gián đoạn" in answer.body:
            return f"{answer.status} Vietnamese 'try again shortly' page (Tạm thời gián đoạn)"
        if "Lỗi máy chủ" in answer.body:
            return f"{answer.status} Vietnamese error page (Lỗi máy chủ)"
        return f"{answer.status} page NOT in Vietnamese: {answer.body[:60]!r}"
    message = re.search(r'<li class="error">(.*?)</li>', answer.body, re.S)
    if message:
        return f"{answer.status} error message: {html.unescape(message.group(1)).strip()[:80]}"
    if 'class="errornote"' in answer.body or "errorlist" in answer.body:
        return f"{answer.status} form error shown"
    if "/admin/login/" in answer.url:
        return f"{answer.status} sent back to the login page"
    return f"{answer.status} unexpected page {answer.url}"


@dataclass
class Tally:
    created: dict[str, int] = field(default_factory=dict)  # marker -> report id (client view)
    create_failed: dict[str, str] = field(default_factory=dict)  # marker -> what was seen
    submitted: set[int] = field(default_factory=set)
    submit_failed: dict[int, str] = field(default_factory=dict)


def write_and_send(browser: Browser, slot: list[int], marker: str, tally: Tally) -> bool:
    """One reporter's round: open the add form, save a draft, press "Gửi" (submit)."""
    commitment, period, unit = slot
    form = browser.request("/admin/reports/progressreport/add/")
    if form.status != 200 or "/admin/login/" in form.url:
        if "/admin/login/" in form.url:
            browser.login()
        tally.create_failed[marker] = "add form: " + describe_failure(form)
        return False
    data = hidden_inputs(form.body)
    data.update(commitment=commitment, period=period, reporting_unit=unit, stage="implementing",
                percent="50", achievements=f"{MARK} {marker}", _continue="1")  # fmt: skip
    saved = browser.request("/admin/reports/progressreport/add/", data)
    found = re.search(r"/admin/reports/progressreport/(\d+)/change/", saved.url)
    if saved.status != 200 or not found:
        tally.create_failed[marker] = describe_failure(saved)
        return False
    report_id = int(found.group(1))
    tally.created[marker] = report_id
    # "Gửi báo cáo để duyệt" submits the change form to the transition URL (formaction):
    # its hidden fields carry the CSRF token and the version the reporter saw.
    sent = browser.request(
        f"/admin/reports/progressreport/{report_id}/transition/submit/", hidden_inputs(saved.body)
    )
    if sent.status == 200 and '<li class="success"' in sent.body:
        tally.submitted.add(report_id)
        return True
    tally.submit_failed[report_id] = describe_failure(sent)
    return False
