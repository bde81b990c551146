"""A guide's editor in a German admin, as Chromium draws it: the StreamField's labels come from the block
definitions through the admin's script, so only a browser shows what an editor reads. Every image the admin
asks for (avatars included) comes from this host and loads."""

import re
from urllib.parse import urlsplit

import pytest

from editorial.setup import EDITORS
from guides.models import GuidePage

from .conftest import make_user

# PostgreSQL: the live server's threads and the test write at once, which SQLite answers with locks.
pytestmark = [pytest.mark.browser, pytest.mark.postgres]

GERMAN_LABELS = {
    "Schritte für eine Oberfläche",
    "Oberfläche",
    "Schritte",
    "Schritt",
    "Titel",
    "Anweisung",
    "Weg durch die Menüs",
    "Screenshot",
    "Hinweis",
}
ENGLISH_LABELS = {"Surface", "Steps", "Step", "Title", "Instruction", "Note"}
LABEL_TEXTS = """() => Array.from(
    document.querySelectorAll("[data-edit-form] :is(label, [data-panel-heading-text], .c-sf-block__type)"),
    (label) => label.textContent.replace("*", "").trim())"""
BROKEN_IMAGES = """() => Array.from(document.images)
    .filter((image) => image.currentSrc && (!image.complete || image.naturalWidth === 0))
    .map((image) => image.currentSrc)"""


class ImageWatch:
    """Requests to other hosts, failed requests and content-security refusals that a page caused."""

    def __init__(self, page, base):
        self.host = urlsplit(base).netloc
        self.problems = []
        page.on("request", self.request)
        page.on("requestfailed", lambda request: self.problems.append(f"failed: {request.url}"))
        page.on("response", self.response)
        page.on("console", self.console)

    def request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != self.host:
            self.problems.append(f"other host: {request.url}")

    def response(self, response):
        if response.request.resource_type == "image" and response.status >= 400:
            self.problems.append(f"{response.status}: {response.url}")

    def console(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"refused: {message.text}")


def test_german_admin_draws_the_guide_blocks_with_german_labels_and_loads_every_image(
    transactional_db, live_server, browser_page, site_tree, django_user_model
):
    make_user(django_user_model, "redakteurin", EDITORS, "de")
    page, base = browser_page, live_server.url
    watch = ImageWatch(page, base)

    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "redakteurin")
    page.fill("input[name=password]", "pw-for-tests")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate(BROKEN_IMAGES) == []

    guide = GuidePage.objects.get(pk=site_tree.guide.pk)
    page.goto(f"{base}/admin/pages/{guide.pk}/edit/")
    page.get_by_text("Anweisung").first.wait_for(state="attached")
    page.wait_for_load_state("networkidle")
    labels = set(page.evaluate(LABEL_TEXTS))
    assert labels >= GERMAN_LABELS
    assert not labels & ENGLISH_LABELS
    assert page.evaluate(BROKEN_IMAGES) == []
    assert watch.problems == []
