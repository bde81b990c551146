"""The two checks every reader page must pass: the Nu HTML checker (valid HTML) and axe in Chromium (WCAG 2.0,
2.1 and 2.2, levels A and AA). Both come from node_modules (npm ci --ignore-scripts); the checker needs Java."""

import json
import shutil
import subprocess

from tests.conftest import PROJECT_DIR, require

VNU_JAR = PROJECT_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def require_nu_checker():
    require(shutil.which("java") is not None, "Java (Debian package default-jre-headless)")
    require(VNU_JAR.exists(), "the Nu HTML checker (npm ci --ignore-scripts)")


def require_axe():
    require(AXE_JS.exists(), "axe-core (npm ci --ignore-scripts)")


def nu_checker_errors(pages, folder):
    """Check ``pages``, (name, html) pairs, in one run of the checker; returns one line per error, naming the page.

    The pages are written to files in ``folder``: the checker cannot fetch from a test's local server.
    """
    names = {}
    for number, (name, html) in enumerate(pages):
        path = folder / f"page-{number:04d}.html"
        path.write_text(html, encoding="utf-8")
        names[f"file:{path}"] = name
    result = subprocess.run(
        [
            "java",
            "-Xss4m",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *(url.removeprefix("file:") for url in names),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return [
        f"{names.get(message.get('url'), message.get('url'))} line {message.get('lastLine')}: {message['message']}"
        for message in report["messages"]
        if message.get("type") == "error"
    ]


def axe_violations(browser_page):
    """Run axe on the document loaded in ``browser_page``; returns one line per violation, with up to three of
    the elements concerned."""
    browser_page.add_script_tag(path=str(AXE_JS))
    result = browser_page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        f"axe {violation['id']}: {violation['help']} ({[' '.join(node['target']) for node in violation['nodes']][:3]})"
        for violation in result["violations"]
    ]
