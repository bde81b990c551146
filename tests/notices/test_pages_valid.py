"""Every notices page, including those only a POST or a signed link reaches, is valid HTML (Nu HTML checker)
and passes axe in Chromium. The site crawler covers the pages reachable by links; these are the others."""

import pytest
from django.urls import reverse
from django.utils import translation

from notices import tokens
from notices.models import UpdateNotice
from tests.conftest import PROJECT_DIR
from tests.html_checks import axe_violations, nu_checker_errors, require_axe, require_nu_checker

from .conftest import NOTES, publish_step_changes, subscribe

SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def notices_pages(client, tree, language):
    """(name, status, html) for each page of the notices app in one language."""
    subscription = subscribe(f"valid-{language}@example.org", confirmed=False)
    active = subscribe(f"active-{language}@example.org", scope="platform", platform=tree.platform)

    def url(name, *args):
        with translation.override(language):
            return reverse(f"notices:{name}", args=args)

    requests = [
        ("update log", "get", url("update_log"), None),
        ("subscribe", "get", url("subscribe"), None),
        ("check inbox", "post", url("subscribe"), {"email": "x@example.org", "scope": "all", "frequency": "weekly"}),
        ("subscribe errors", "post", url("subscribe"), {"email": "nope", "scope": "platform", "frequency": "x"}),
        ("confirm", "get", url("confirm", tokens.confirm_token(subscription)), None),
        ("confirmed", "post", url("confirm", tokens.confirm_token(subscription)), {}),
        ("already confirmed", "post", url("confirm", tokens.confirm_token(subscription)), {}),
        ("manage", "get", url("manage", tokens.manage_token(active)), None),
        ("manage errors", "post", url("manage", tokens.manage_token(active)), {"action": "update", "scope": "x"}),
        ("unsubscribe", "get", url("unsubscribe", tokens.unsubscribe_token(active)), None),
        ("unsubscribed", "post", url("unsubscribe", tokens.unsubscribe_token(active)), {}),
        ("bad link", "get", url("manage", "forged"), None),
        ("new link", "get", url("new_link"), None),
        ("new link errors", "post", url("new_link"), {"email": "nope"}),
        ("new link sent", "post", url("new_link"), {"email": f"active-{language}@example.org"}),
    ]
    pages = []
    for name, method, path, data in requests:
        response = getattr(client, method)(path, data, **SAME_ORIGIN) if method == "post" else client.get(path)
        assert response.status_code < 500, name
        pages.append((f"{language} {name}", response.content.decode()))
    with translation.override(language):
        pages.append((f"{language} guide", client.get(tree.guide.get_url()).content.decode()))
    notice = UpdateNotice.objects.filter(page_id=tree.guide.pk).first()
    response = client.get(url("step_changes", notice.pk))
    assert response.status_code == 200
    pages.append((f"{language} step changes", response.content.decode()))
    return pages


@pytest.mark.django_db
def test_notices_pages_are_valid_html(client, site_tree, tmp_path, settings):
    require_nu_checker()
    settings.NOTICES_CLIENT_RATE = "1000/h"
    # Steps changed in German and English: Portuguese lags behind and shows the German changes.
    publish_step_changes(site_tree.guide, notes=NOTES)
    pages = [page for language in ("de", "en", "pt") for page in notices_pages(client, site_tree, language)]
    assert nu_checker_errors(pages, tmp_path) == []


@pytest.mark.browser
@pytest.mark.django_db
def test_notices_pages_pass_axe(client, site_tree, chromium, settings):
    require_axe()
    settings.NOTICES_CLIENT_RATE = "1000/h"
    # Steps changed in German and English: Portuguese lags behind and shows the German changes.
    publish_step_changes(site_tree.guide, notes=NOTES)
    stylesheet = PROJECT_DIR / "site" / "static" / "css" / "site.css"
    context = chromium.new_context()
    # The pages are checked as files: no server, and no request may leave the browser.
    context.route(
        "**/*", lambda route: route.abort() if not route.request.url.startswith("data:") else route.continue_()
    )
    browser_page = context.new_page()
    problems = []
    try:
        for name, html in notices_pages(client, site_tree, "en"):
            browser_page.set_content(html, wait_until="domcontentloaded")
            browser_page.add_style_tag(path=str(stylesheet))
            problems += [f"{name}: {violation}" for violation in axe_violations(browser_page)]
    finally:
        context.close()
    assert problems == []
