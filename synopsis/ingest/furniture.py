"""Page furniture: the lines a scraped page carries that are not the article.

Rules look at a line's shape (length, closing punctuation, stop-word density,
link and handle density), its position (the run of lines before the first and
after the last body paragraph) and repetition within the page. They never match
the strings of any one site. Precision comes first: a rule that could eat a body
sentence only fires in the head or tail zone, and a line that reads as prose
(long enough, with sentence punctuation and function words) survives everything
but the few strong rules (social embeds, link lists, credit lines, author bios).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..models import Removed
from .lexicon import (
    LIST_LABELS,
    STOP_WORDS,
    TAG_LABELS,
    UI_TERMS,
    URL,
    content_words,
    ends_sentence,
    link_share,
    stop_ratio,
    words,
)

SOCIAL_EMBED = re.compile(
    r"pic\.twitter\.com/|(?:twitter|x)\.com/\w+/status|instagram\.com/(?:p|reel)/|\bt\.co/\w|"
    r"facebook\.com/\S+/(?:posts|videos)|tiktok\.com/@|youtu\.be/|youtube\.com/(?:watch|shorts)|"
    r"—\s*[^()\n]{1,60}\(@\w{1,15}\)|^<(?:tweet|blockquote|iframe|embed)\b",
    re.IGNORECASE,
)
ENUMERATION = re.compile(r"^\s*(?:\d{1,2}[.)]|[ivxIVX]{1,4}[.)]|[-•*–·▪])\s*")
TABLE_HEADER = re.compile(r"^(?:No\.?|#|S\.?\s?No\.?|Sr\.?\s?No\.?)\s+[A-Z]")
TABLE_ROW = re.compile(r"^(\d{1,2})[.)]?\s+\S")
# "| example.news", "Example News |", or a bare domain: a site naming itself; dashes are left alone, since
# "- Name." under a quote attributes it.
SITE_NAME = re.compile(
    r"^[|•·]\s*[^\s|•·]+(?:\s+[^\s|•·]+){0,3}$|^[^\s|•·]+(?:\s+[^\s|•·]+){0,3}\s*[|•·]$|^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$"
)
# style sheet or script lines leaking into the text: braces alone, "prop: value;", "selector {"
CODE = re.compile(
    r"^[{}()\[\];]+$|^[a-z][a-z-]*\s*:\s*(?:[\w#%.(),-]+\s?){1,4};$|^[.#@]?[\w-]+(?:[\s,>]+[.#]?[\w-]+)*\s*\{$"
)
SOCIAL_LABEL = re.compile(r"^(?:follow|twitter|x|instagram|facebook|contact|email)\b[^@]{0,30}@\w+", re.IGNORECASE)
TAG_LINE = re.compile(r"^([A-Za-z ]{3,20}):\s*(.+)$")
BYLINE = re.compile(r"^By\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+"
                    r"(?:\s+[A-Z][\w.'’-]+){0,3})*)\s*$")
DATE_LINE = re.compile(r"^(?:Published|Posted|Updated|Last updated|First published)\b.{0,50}\d.{0,20}$", re.IGNORECASE)
COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b|all rights reserved)", re.IGNORECASE)
EDITOR_NOTE = re.compile(r"^(?:correction|clarification|editor['’]s note|update)\b|\bhas been (?:updated|corrected)\b",
                         re.IGNORECASE)
CREDIT_SELF = re.compile(r"\b(?:this|the) (?:article|story|report|piece|version|interview)\b", re.IGNORECASE)
CREDIT_VERB = re.compile(r"\b(?:appears?|appeared|published|print|edition|originally|updated|contributed)\b",
                         re.IGNORECASE)
AGENCY_CREDIT = re.compile(r"^\(?(?:Reporting|Writing|Editing|Additional reporting|Compiled) by\b")
PROMO = re.compile(
    r"\bis (?:your|the|a) (?:go-to|trusted|leading|premier|number one|#1|one-stop|ultimate|best|independent)\b"
    r".{0,80}\b(?:source|destination|site|platform|outlet|publication)\b",
    re.IGNORECASE,
)
JOB = r"(?:editor|reporter|writer|journalist|correspondent|columnist|contributor|author|producer|blogger)"
BIO_FIRST_PERSON = re.compile(
    rf"^As (?:an?|the) [^,]{{0,60}}\b{JOB}\b[^,]{{0,60}}, I\b|"
    rf"^I(?: am|'m|’m| have been|'ve been|’ve been| work as)\b[^.]{{0,80}}\b{JOB}",
    re.IGNORECASE,
)
BIO_THIRD_PERSON = re.compile(
    rf"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){{0,3}} (?:is|was|has been) (?:an?|the) [^.]{{0,80}}\b{JOB}\b"
)
#: Rule preference when a short line mixes controls: the most telling one names it.
UI_PRIORITY = ("comment_prompt", "share_button", "short_link", "table_of_contents", "ui_chrome", "platform")


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text, the lines taken out (with their rules) and the line kept as headline, if any."""

    text: str
    removed: tuple[Removed, ...]
    title: str | None


def clean(text: str, find_title: bool = True) -> Cleaned:
    """Remove page furniture from ``text`` line by line; keep line order and blank-line paragraphs."""
    lines = [line.rstrip() for line in text.splitlines()]
    order = [i for i, line in enumerate(lines) if line.strip()]
    verdict: dict[int, str] = {}
    title_index = order[0] if order and find_title and _is_headline(lines, order, 0) else None

    for i in order:
        rule = _anywhere_rule(lines[i].strip())
        if rule:
            verdict[i] = rule
    _mark_tables_of_contents(lines, order, verdict)
    _mark_tables(lines, order, verdict)
    _mark_repeated(lines, order, verdict)
    _peel_head(lines, order, verdict, title_index)
    _peel_tail(lines, order, verdict, title_index)
    if title_index is not None:
        verdict.pop(title_index, None)

    kept: list[str] = []
    for i, line in enumerate(lines):
        if i in verdict:
            continue
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line.strip() if line.strip() else "")
    while kept and not kept[-1]:
        kept.pop()
    removed = tuple(Removed(lines[i].strip(), verdict[i]) for i in sorted(verdict))
    title = lines[title_index].strip() if title_index is not None else None
    return Cleaned("\n".join(kept), removed, title)


def is_prose(line: str) -> bool:
    """A line that reads as a body sentence: several words, function words, closing punctuation."""
    n = len(line.split())
    return n >= 8 and ends_sentence(line) and stop_ratio(line) >= 0.2


def is_headline_shape(line: str) -> bool:
    """Short, no closing full stop, content-heavy: how headlines and list entries look."""
    n = len(line.split())
    stripped = line.rstrip()
    closed = stripped.endswith(".") and not stripped.endswith("...")
    return 2 <= n <= 25 and len(stripped) <= 200 and not closed and not stripped.endswith(":")


def _is_headline(lines: list[str], order: list[int], position: int) -> bool:
    line = lines[order[position]].strip()
    if position + 1 >= len(order) or _ui_rule(line, relaxed=True):
        return False
    if not is_headline_shape(line) and not (is_headline_shape(line[:-1]) and _title_case(line)):
        return False
    first = line.lstrip("\"'“‘")[:1]
    return (first.isupper() or first.isdigit()) and stop_ratio(line) < 0.5


def _title_case(line: str) -> bool:
    """Most content words capitalised, as in "Senate Passes Budget After Long Night." (not a sentence)."""
    found = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if w.lower() not in STOP_WORDS]
    return len(found) >= 3 and len(line.split()) <= 20 and sum(w[0].isupper() for w in found) >= 0.8 * len(found)


def _ui_rule(line: str, relaxed: bool) -> str | None:
    """A short line built from page-control words (share, comment, menu, mobile version, ...)."""
    if len(line.split()) > (6 if relaxed else 5) or (relaxed and is_prose(line)):
        return None
    content = content_words(line)
    if not content:
        return None
    kinds = [UI_TERMS[w] for w in content if w in UI_TERMS]
    enough = len(kinds) * 2 >= len(content) if relaxed else len(kinds) == len(content)
    if not enough or all(kind == "platform" for kind in kinds):
        return None
    return next(kind for kind in UI_PRIORITY if kind in kinds)


def _anywhere_rule(line: str) -> str | None:
    """Rules strong enough to apply in the middle of an article."""
    n = len(line.split())
    if SOCIAL_EMBED.search(line) and n <= 40:
        return "social_embed"
    if link_share(line, handles=False) >= 0.5 or (URL.search(line) and link_share(line) >= 0.5):
        return "link_list"
    if SITE_NAME.match(line):
        return "site_name"
    if CODE.match(line):
        return "markup_code"
    tag = TAG_LINE.match(line)
    if tag and set(words(tag.group(1))) & TAG_LABELS and len(re.split(r"[,|;]", tag.group(2))) >= 3:
        return "tag_list"
    if COPYRIGHT.match(line) and n <= 25:
        return "copyright"
    return _ui_rule(line, relaxed=False)


def _normal(line: str) -> str:
    return " ".join(words(ENUMERATION.sub("", line)))


def _mark_tables_of_contents(lines: list[str], order: list[int], verdict: dict[int, str]) -> None:
    """A run of short lines that come back later as the article's own headings is a table of contents."""
    later_index: dict[str, list[int]] = {}
    for i in order:
        later_index.setdefault(_normal(lines[i]), []).append(i)
    position = 0
    while position < len(order):
        run: list[int] = []
        hits = 0
        j = position
        while j < len(order):
            line = lines[order[j]].strip()
            if len(line.split()) > 12 or (line.endswith(".") and not ENUMERATION.match(line)):
                break
            key = _normal(line)
            repeated = bool(key) and any(k > order[j] for k in later_index.get(key, []))
            if not repeated and run and hits and j + 1 < len(order):
                # one entry may be missing from the headings; the run goes on if the next one returns
                nxt = _normal(lines[order[j + 1]])
                if not any(k > order[j + 1] for k in later_index.get(nxt, [])):
                    break
            run.append(order[j])
            hits += repeated
            j += 1
        if hits >= 2 and hits * 3 >= len(run) * 2:
            for i in run:
                verdict.setdefault(i, "table_of_contents")
            before = order.index(run[0]) - 1
            if before >= 0:
                label = lines[order[before]].strip()
                if len(label.split()) <= 4 and not ends_sentence(label):
                    verdict.setdefault(order[before], "table_of_contents")
            position = j
        else:
            position += 1


def _mark_tables(lines: list[str], order: list[int], verdict: dict[int, str]) -> None:
    """A header row with a number column, followed by rows numbered 1, 2, 3...: a layout table."""
    for position, i in enumerate(order):
        header = lines[i].strip()
        if not TABLE_HEADER.match(header) or len(header.split()) > 6:
            continue
        rows: list[int] = []
        for j in order[position + 1 :]:
            match = TABLE_ROW.match(lines[j].strip())
            if not match or int(match.group(1)) != len(rows) + 1:
                break
            rows.append(j)
        if len(rows) >= 2:
            for j in (i, *rows):
                verdict.setdefault(j, "data_table")


def _mark_repeated(lines: list[str], order: list[int], verdict: dict[int, str]) -> None:
    """A short non-sentence line printed three or more times (ad slots, 'Read more') is chrome."""
    counts = Counter(lines[i].strip() for i in order)
    for i in order:
        line = lines[i].strip()
        if counts[line] >= 3 and len(line.split()) <= 6 and not ends_sentence(line) and not line.endswith(":"):
            verdict.setdefault(i, "repeated_line")


def _peel_head(lines: list[str], order: list[int], verdict: dict[int, str], title_index: int | None) -> None:
    """Before the first body line: control words, bylines, 'Published ...' date lines."""
    for i in order:
        if i == title_index or i in verdict:
            continue
        line = lines[i].strip()
        rule = _ui_rule(line, relaxed=True)
        if rule is None and BYLINE.match(line):
            rule = "byline"
        if rule is None and DATE_LINE.match(line):
            rule = "date_line"
        if rule is None:
            return
        verdict[i] = rule


def _peel_tail(lines: list[str], order: list[int], verdict: dict[int, str], title_index: int | None) -> None:
    """After the last body line: comment prompts, share rows, bios, credits, source lists."""
    position = len(order) - 1
    peeled = False
    while position >= 0:
        i = order[position]
        if i == title_index:
            return
        if i in verdict:
            position -= 1
            peeled = True
            continue
        line = lines[i].strip()
        rule = _tail_rule(line, peeled)
        if rule:
            verdict[i] = rule
            position -= 1
            peeled = True
            continue
        listed = _source_list(lines, order, position, title_index)
        if not listed:
            return
        for j in listed:
            verdict[j] = "source_list"
        position -= len(listed)
        peeled = True


def _tail_rule(line: str, peeled: bool) -> str | None:
    n = len(line.split())
    if BIO_FIRST_PERSON.search(line) and n <= 150:
        return "author_bio"
    if peeled and BIO_THIRD_PERSON.match(line) and n <= 120:
        return "author_bio"
    if PROMO.search(line) and n <= 60:
        return "outlet_promo"
    if n <= 40 and EDITOR_NOTE.search(line):
        return "editor_note"
    if n <= 40 and (AGENCY_CREDIT.match(line) or (CREDIT_SELF.search(line) and CREDIT_VERB.search(line))):
        return "credit_line"
    if n <= 8 and SOCIAL_LABEL.match(line):
        return "social_handle"
    if BYLINE.match(line):
        return "byline"
    return _ui_rule(line, relaxed=True)


def _source_list(lines: list[str], order: list[int], position: int, title_index: int | None) -> list[int]:
    """Headline-shaped lines closing the page, under a label such as a sources or related-links heading."""
    run: list[int] = []
    j = position
    while j >= 0 and order[j] != title_index and is_headline_shape(lines[order[j]].strip()):
        label = lines[order[j]].strip()
        if _is_list_label(label) and run:
            return [order[j], *run]
        run.insert(0, order[j])
        j -= 1
    if j >= 0 and run and _is_list_label(lines[order[j]].strip()):
        return [order[j], *run]
    return []


def _is_list_label(line: str) -> bool:
    found = content_words(line)
    return 0 < len(found) <= 3 and all(w in LIST_LABELS or w in UI_TERMS for w in found)
