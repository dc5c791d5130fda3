"""Word lists and line measures shared by the ingest rules.

The vocabulary of web-page controls that every site's chrome is built from, and the
measures ingest takes of a line (words, stop-word density, links). English function
words and sentence ends come from ``synopsis.lang``. None of it describes one site or
one story.
"""

from __future__ import annotations

import re

# the ingest rules read these from here; they are defined once, in synopsis.lang
from ..lang.function_words import STOP_WORDS as STOP_WORDS
from ..lang.function_words import word_set
from ..lang.shapes import LINE_WORD
from ..lang.shapes import ends_sentence as ends_sentence

WORD = LINE_WORD
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|news|co|io|ly|me|gl|info|uk|de|fr)/\S*")
HANDLE = re.compile(r"(?<![\w.])[@#][A-Za-z_][\w.]{1,30}")

#: Words that web-page controls are made of, mapped to the furniture rule they point at.
UI_TERMS: dict[str, str] = {
    **dict.fromkeys(
        ("comment", "comments", "reply", "replies", "respond", "response", "discussion", "discuss", "leave", "post"),
        "comment_prompt",
    ),
    **dict.fromkeys(("share", "shares", "tweet", "pin", "email", "e-mail", "print", "copy"), "share_button"),
    # platform names alone are no control: a line "Facebook." may head the readers' posts taken from it
    **dict.fromkeys(
        ("whatsapp", "facebook", "twitter", "linkedin", "reddit", "telegram", "flipboard", "instagram", "youtube"),
        "platform",
    ),
    **dict.fromkeys(("link", "links", "permalink", "url", "shortlink", "short"), "short_link"),
    **dict.fromkeys(("contents", "toc", "subheadings", "jump", "outline", "table", "index"), "table_of_contents"),
    **dict.fromkeys(
        ("subscribe", "subscription", "newsletter", "sign", "signup", "login", "log", "register", "follow",
         "advertisement", "advertising", "sponsored", "ad", "ads", "cookie", "cookies", "privacy", "terms",
         "menu", "navigation", "search", "skip", "toggle", "close", "exit", "mobile", "desktop", "version",
         "view", "amp", "home", "back", "top", "next", "previous", "prev", "more", "read", "continue", "reading",
         "click", "tap", "here", "load", "show", "hide", "related", "recommended", "trending", "popular",
         "tags", "tagged", "keywords", "topics", "categories", "category", "filed", "sources", "references",
         "credits", "photo", "image", "video", "watch", "listen", "audio", "podcast", "download", "app",
         "open", "expand", "collapse", "upvote", "like", "likes", "rss", "feed", "website", "site"),
        "ui_chrome",
    ),
}

#: Labels that introduce a list of links or further reading rather than article text.
LIST_LABELS = word_set(
    "sources source references reference related links reading further also recommended more trending popular "
    "stories articles posts see"
)

#: Labels that credit a line's source or maker: "Source: ...", "Photo: ...", "Written by ...".
CREDIT_LABELS = word_set(
    "source sources photo photos image images credit credits author authors by written reporting edited editing via "
    "courtesy"
)

#: Labels of search-engine keyword or tag lines.
TAG_LABELS = word_set("keywords tags topics categories filed related")


def words(text: str) -> list[str]:
    """Alphabetic words, lower-cased."""
    return [w.lower() for w in WORD.findall(text)]


def stop_ratio(text: str) -> float:
    """Share of words that are English function words: high in prose, low in chrome and lists."""
    found = words(text)
    return sum(w in STOP_WORDS for w in found) / len(found) if found else 0.0


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOP_WORDS]


def link_share(line: str, handles: bool = True) -> float:
    """Share of whitespace tokens that are URLs (and, when ``handles``, @handles or #hashtags)."""
    tokens = line.split()
    if not tokens or ("/" not in line and "www." not in line and not (handles and ("@" in line or "#" in line))):
        return 0.0
    linky = sum(bool(URL.match(t) or (handles and HANDLE.fullmatch(t.strip(".,;:")))) for t in tokens)
    return linky / len(tokens)
