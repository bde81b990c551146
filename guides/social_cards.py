"""Pictures drawn by the site itself: a link-preview card per page and language (og:image), and the favicon.

Drawn with Pillow from the page's own texts and fonts the project ships (site/fonts/, DejaVu), so no third-party
service sees a reader's or editor's page and the picture matches the page in every language. The views that
serve them are in guides/social_card_views.py.
"""

import hashlib
from functools import cache
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path(settings.BASE_DIR) / "site" / "fonts"
BOLD_FONT = FONT_DIR / "DejaVuSans-Bold.ttf"
REGULAR_FONT = FONT_DIR / "DejaVuSans.ttf"

# 1.91:1, the size link previews (Open Graph, the large Twitter card) show without cropping.
CARD_SIZE = (1200, 630)
MARGIN = 72
# The site's colours (site/static/css/site.css: --accent, --panel); white on the accent is above 8:1.
ACCENT = (29, 78, 137)
LIGHT = (243, 245, 248)
WHITE = (255, 255, 255)
# Title sizes tried from the largest down until the title fits in the space between the site's name and the
# page's kind: at most TITLE_HEIGHT pixels, in lines 1.2 times the font size apart.
TITLE_SIZES = (68, 60, 52, 46, 40)
MARK_SIZE = 88
TITLE_TOP = MARGIN + MARK_SIZE + 56
TITLE_HEIGHT = 270
# Bumped whenever the drawing changes, so caches keyed by the card's version fetch the new picture.
DESIGN_VERSION = "1"
FAVICON_SIZES = ((16, 16), (32, 32), (48, 48))


@cache
def font(path, size):
    return ImageFont.truetype(str(path), size)


def card_texts(page):
    """What the card of ``page`` says in the active language: the site's name, the page's title and its kind."""
    return (gettext("Privacy guides"), str(page.title), str(page.specific_class.get_verbose_name()))


def card_version(texts):
    """A short fingerprint of a card (its texts and design): its URL and ETag carry it, so a new title is a new
    picture for every cache, and an unchanged one is never drawn for the same cache twice."""
    return hashlib.sha256("\n".join((DESIGN_VERSION, *texts)).encode()).hexdigest()[:16]


def card_url(page, request=None):
    """The absolute URL of the card of ``page`` in the active language, with its version; "" without a site."""
    full_url = page.get_full_url(request)
    if not full_url:
        return ""
    origin = urlsplit(full_url)
    path = reverse("social_card", kwargs={"page_id": page.pk})
    return f"{origin.scheme}://{origin.netloc}{path}?v={card_version(card_texts(page))}"


def draw_mark(size, background=ACCENT, foreground=WHITE):
    """The site's mark: a shield with a tick on a rounded square, ``size`` pixels wide."""
    scale = 4  # drawn large and scaled down, for smooth edges
    side = size * scale
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, side - 1, side - 1), radius=side // 5, fill=background)

    def at(x, y):
        return (round(x * side), round(y * side))

    shield = [at(0.5, 0.14), at(0.8, 0.26), at(0.76, 0.58), at(0.5, 0.86), at(0.24, 0.58), at(0.2, 0.26)]
    draw.polygon(shield, fill=foreground)
    draw.line(
        [at(0.36, 0.5), at(0.47, 0.61), at(0.66, 0.38)], fill=background, width=round(side * 0.075), joint="curve"
    )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def wrap(draw, text, face, width):
    """The words of ``text`` in lines no wider than ``width``; a word wider than a line gets a line of its own."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=face) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def line_height(face):
    return round(face.size * 1.2)


def fit_title(draw, title, width):
    """(font, lines) for the largest title size that fits; at the smallest, the last line ends in an ellipsis."""
    for size in TITLE_SIZES:
        face = font(BOLD_FONT, size)
        lines = wrap(draw, title, face, width)
        if len(lines) * line_height(face) <= TITLE_HEIGHT:
            return face, lines
    lines = lines[: TITLE_HEIGHT // line_height(face)]
    last = lines[-1]
    while last and draw.textlength(f"{last} …", font=face) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = f"{last} …"
    return face, lines


def draw_card(texts):
    """The card as PNG bytes: the site's mark and name, the page's title and its kind (e.g. "Platform guide")."""
    site_name, title, kind = texts
    width, height = CARD_SIZE
    image = Image.new("RGB", CARD_SIZE, ACCENT)
    draw = ImageDraw.Draw(image)
    text_width = width - 2 * MARGIN

    mark = draw_mark(MARK_SIZE, background=WHITE, foreground=ACCENT)
    image.paste(mark, (MARGIN, MARGIN), mark)
    site_face = font(BOLD_FONT, 40)
    draw.text((MARGIN + MARK_SIZE + 28, MARGIN + MARK_SIZE // 2), site_name, font=site_face, fill=WHITE, anchor="lm")

    title_face, lines = fit_title(draw, title, text_width)
    for number, line in enumerate(lines):
        draw.text((MARGIN, TITLE_TOP + number * line_height(title_face)), line, font=title_face, fill=WHITE)

    draw.rectangle((0, height - 16, width, height), fill=LIGHT)
    if kind:
        draw.text((MARGIN, height - MARGIN - 16), kind, font=font(REGULAR_FONT, 34), fill=LIGHT, anchor="ls")
    return png_bytes(image)


def png_bytes(image):
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@cache
def favicon_bytes():
    """favicon.ico with the mark at 16, 32 and 48 pixels (drawn once per process)."""
    buffer = BytesIO()
    draw_mark(256).save(buffer, format="ICO", sizes=list(FAVICON_SIZES))
    return buffer.getvalue()
