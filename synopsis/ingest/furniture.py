"""Page furniture: the lines a scraped page carries that are not the article.

A classifier decides (``classifier.py``, trained by ``bench/train_furniture.py``): it reads each line's
shape, place and repetition (``lines.py``) together with the rule the line matches here. The rules look at
a line's shape (length, closing punctuation, stop-word density, link and handle density), its position
(the run of lines before the first and after the last body paragraph) and repetition within the page;
they never match the strings of any one site. The rules named in ``[ingest] furniture_hard_rules`` also
remove a line on their own; the others only inform the classifier. Precision comes first: the threshold
is the one that keeps 99.5% of body lines on the data it was fitted on. Every step is linear in the page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..lang.calendar import MONTH_PATTERN
from ..lang.shapes import BYLINE, is_headline_shape, is_title_case
from ..models import Removed
from .classifier import load_model
from .lexicon import (
    LIST_LABELS,
    TAG_LABELS,
    UI_TERMS,
    URL,
    content_words,
    ends_sentence,
    link_share,
    stop_ratio,
    words,
)
from .lines import ENUMERATION, FEATURES, Batch, heading_key, page_features
from .lines import is_prose as is_prose  # split.py reads it here

SOCIAL_EMBED = re.compile(
    r"pic\.twitter\.com/|(?:twitter|x)\.com/\w+/status|instagram\.com/(?:p|reel)/|\bt\.co/\w|"
    r"facebook\.com/\S+/(?:posts|videos)|tiktok\.com/@|youtu\.be/|youtube\.com/(?:watch|shorts)|"
    r"—\s*[^()\n]{1,60}\(@\w{1,15}\)|^<(?:tweet|blockquote|iframe|embed)\b",
    re.IGNORECASE,
)
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
DATE_LINE = re.compile(r"^(?:Published|Posted|Updated|Last updated|First published)\b.{0,50}\d.{0,20}$", re.IGNORECASE)
COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b|all rights reserved)", re.IGNORECASE)
EDITOR_NOTE = re.compile(r"^(?:correction|clarification|editor['’]s note|update)\b|\bhas been (?:updated|corrected)\b",
                         re.IGNORECASE)
#: An editor's note opening with its label ("Editor's note: ...", "UPDATE AS OF 9:40 A.M.:"): furniture wherever
#: it stands, where the looser ``EDITOR_NOTE`` ("has been updated") is trusted only below the article.
EDITOR_LABEL = re.compile(r"^(?:correction|clarification|editor['’]s note|update)\b[^.:]{0,40}:", re.IGNORECASE)
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
#: A date or a time glued to the next word, or a word glued to a date ("2025Updated", "10:47PMFact", "NewsMarch 3"):
#: page controls pasted with their spaces lost, never a sentence an outlet wrote (no line of the tune half nor of
#: the sample has one; every such line of ../shared/benchmarks/polnear is live-blog chrome).
GLUED_DATE = re.compile(
    rf"(?<![#@\w])(?:19|20)\d\d(?=[A-Z][a-z])|\d[:.]\d\d(?:[AaPp]\.?[Mm]\.?)?(?=[A-Z][a-z]{{2}})|"
    rf"(?<![#@])\b[A-Za-z]*[a-z]{{2}}(?=[A-Z])(?=(?i:{MONTH_PATTERN})\.?\s+\d)"
)
#: "3 hours ago", "Jane Doe · 2 days ago": the stamp of a reader's comment or of a live post, alone on its line.
AGO_STAMP = re.compile(
    r"^(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*[|·•,-]?\s*)?(?i:\d{1,2}|an?|one)\s+"
    r"(?i:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)\s+(?i:ago)\.?$"
)
#: A call to the reader naming a channel ("Sign up for our newsletter", "Get the news delivered to your inbox",
#: "Please check back for updates"): the outlet promoting itself. Both parts are needed, and no quotation mark (a
#: quote may say "you" and "sign up"); no body line of the tune half or of the sample has them together, and every
#: such line of ../shared/benchmarks/polnear is a promotion.
READER_CHANNEL = re.compile(
    r"\b(?:newsletters?|inbox|subscribe|subscription|sign(?:ing)? up|download (?:our|the) app|our app|app store|"
    r"google play|push (?:alerts|notifications)|news alerts|check back|stay tuned|latest updates)\b",
    re.IGNORECASE,
)
QUOTE_MARK = re.compile(r"[\"“”]")
READER_ADDRESS = re.compile(
    r"\b(?:you|your|please)\b|^(?:get|sign|subscribe|download|follow|join|stay|check|find|click|tap|read|watch|listen)\b",
    re.IGNORECASE,
)
#: A photo's caption closing on its credit in brackets ("... leaving Downing Street (Jane Doe/PA)", "(AP Photo/Jane
#: Doe)", "(Image credit: Getty Images)"): a slash between names or a photo word. On the tune half every such line
#: is furniture; on ../shared/benchmarks/polnear every one is a caption or a video warning.
CAPTION_CREDIT = re.compile(
    r"\((?=[^()]{2,80}\)\s*\.?$)[^()]*(?:[A-Z][\w.'’-]*\s?/\s?[A-Z]|"
    r"\b(?i:photo|photos|photograph|image|images|getty|handout|courtesy|credit|shutterstock|alamy|epa)\b)"
    r"[^()]*\)\s*\.?$"
)
_NAME = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
#: A by-line by its label or its verb rather than "By": "Author: Jane Doe", "Jane Doe reports from Kyiv". One line
#: of each shape on the tune half, both furniture; none in the sample nor in ../shared/benchmarks/polnear.
BYLINE_LABEL = re.compile(
    rf"^(?i:author|authors|written by|reporter|reported by|words by|posted by|text by)\s*[:|-]?\s*{_NAME}"
    rf"(?:\s*(?:,|and|&)\s*{_NAME})*\s*\.?$|^{_NAME}\s+(?:reports|reporting|writes)\s+from\s+[A-Z][\w.'’ -]{{1,40}}\.?$"
)
#: Rule preference when a short line mixes controls: the most telling one names it.
UI_PRIORITY = ("comment_prompt", "share_button", "short_link", "table_of_contents", "ui_chrome", "platform")


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text, the lines taken out (with their rules) and the line kept as headline, if any."""

    text: str
    removed: tuple[Removed, ...]
    title: str | None


@dataclass(frozen=True)
class LineTable:
    """A page's non-blank lines (stripped), the rules' verdict on each (where it stands counts: a byline rule
    fires only above the body), the rule its shape alone matches, and the classifier's features."""

    lines: tuple[str, ...]
    verdicts: tuple[str | None, ...]
    shapes: tuple[str | None, ...]
    features: tuple[list[float], ...]


def line_table(text: str, batch: Batch | None = None) -> LineTable:
    """What the classifier sees of ``text``: shared by ``clean`` and by training, so both see the same."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    verdicts = rule_marks(lines)
    shapes = [verdict or shape_rule(line) for line, verdict in zip(lines, verdicts, strict=True)]
    prose = [is_prose(line) for line in lines]
    features = page_features(lines, shapes, prose, batch)
    return LineTable(tuple(lines), tuple(verdicts), tuple(shapes), tuple(features))


def clean(
    text: str,
    threshold: float,
    find_title: bool = True,
    batch: Batch | None = None,
    hard_rules: Collection[str] = (),
) -> Cleaned:
    """Remove page furniture from ``text`` line by line; keep line order and blank-line paragraphs.

    A line goes when the classifier's probability reaches ``threshold``, or when it matches one of
    ``hard_rules``. ``batch`` counts lines over the pages loaded together (see ``lines.batch_counts``).
    """
    table = line_table(text, batch)
    gone: dict[int, str] = {}
    scores = load_model().probabilities(table.features)
    for k, (line, verdict, row) in enumerate(zip(table.lines, table.verdicts, table.features, strict=True)):
        if (verdict is not None and verdict in hard_rules) or scores[k] >= threshold:
            gone[k] = verdict or table.shapes[k] or describe(line, row)
    title = None
    if find_title:
        kept = [k for k in range(len(table.lines)) if k not in gone]
        if len(kept) >= 2 and _is_headline(table.lines[kept[0]]):
            title = table.lines[kept[0]]

    kept_lines: list[str] = []
    removed: list[Removed] = []
    k = 0
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if kept_lines and kept_lines[-1]:
                kept_lines.append("")
            continue
        if k in gone:
            removed.append(Removed(line, gone[k]))
        else:
            kept_lines.append(line)
        k += 1
    while kept_lines and not kept_lines[-1]:
        kept_lines.pop()
    return Cleaned("\n".join(kept_lines), tuple(removed), title)


def describe(line: str, row: Sequence[float]) -> str:
    """A name for a line the classifier removed without a rule: what it looks like, for --explain and cues."""
    feature = dict(zip(FEATURES, row, strict=True))
    if feature["starts_by"] and feature["words"] <= 8:
        return "byline"
    if feature["date_share"] >= 0.5 and feature["full_date"] + feature["has_time"]:
        return "date_line"
    if feature["slash_credit"] or (feature["credit_words"] and feature["words"] <= 8):
        return "photo_credit"
    if feature["next_credit"] or feature["prev_credit"]:
        return "caption"
    if feature["label_lead"] or feature["under_label"]:
        return "related_list"
    if feature["page_count"] > 1 or feature["batch_other"] > 0:
        return "repeated_line"
    return "learned"


def rule_marks(lines: Sequence[str]) -> list[str | None]:
    """The rules' verdict on each line, if any: shapes strong anywhere, tables of contents, layout tables,
    repeated chrome, then the head and tail zones peeled. Linear in the page."""
    verdict: dict[int, str] = {}
    title_index = 0 if lines and _is_headline(lines[0]) and len(lines) > 1 else None
    for i, line in enumerate(lines):
        rule = _anywhere_rule(line)
        if rule:
            verdict[i] = rule
    _mark_tables_of_contents(lines, verdict)
    _mark_tables(lines, verdict)
    _mark_repeated(lines, verdict)
    _peel_head(lines, verdict, title_index)
    _peel_tail(lines, verdict, title_index)
    return [verdict.get(i) for i in range(len(lines))]


def shape_rule(line: str) -> str | None:
    """The rule a line's shape alone matches, wherever it stands (the zone is the classifier's business)."""
    return _anywhere_rule(line) or _tail_shape(line, peeled=True) or (
        "date_line" if DATE_LINE.match(line) else None
    )


def _is_headline(line: str) -> bool:
    if _ui_rule(line, relaxed=True):
        return False
    if not is_headline_shape(line) and not (is_headline_shape(line[:-1]) and is_title_case(line)):
        return False
    first = line.lstrip("\"'“‘")[:1]
    return (first.isupper() or first.isdigit()) and stop_ratio(line) < 0.5


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
    if SITE_NAME.match(line) and not line.endswith(":"):
        return "site_name"
    if CODE.match(line):
        return "markup_code"
    tag = TAG_LINE.match(line)
    if tag and set(words(tag.group(1))) & TAG_LABELS and len(re.split(r"[,|;]", tag.group(2))) >= 3:
        return "tag_list"
    if COPYRIGHT.match(line) and n <= 25:
        return "copyright"
    if BYLINE.match(line):
        return "byline"
    if n <= 40 and EDITOR_LABEL.match(line):
        return "editor_note"
    if n <= 40 and AGENCY_CREDIT.match(line):
        return "credit_line"
    if n <= 8 and SOCIAL_LABEL.match(line):
        return "social_handle"
    return _ui_rule(line, relaxed=False) or _reader_rule(line, n)


def _reader_rule(line: str, n: int) -> str | None:
    """What a page shows around the article: glued date stamps, comment stamps, promotions, captions, by-lines."""
    if n <= 25 and GLUED_DATE.search(line):
        return "glued_date"
    if n <= 8 and AGO_STAMP.match(line):
        return "comment_stamp"
    if n <= 40 and READER_CHANNEL.search(line) and READER_ADDRESS.search(line) and not QUOTE_MARK.search(line):
        return "reader_promo"
    if n <= 60 and CAPTION_CREDIT.search(line):
        return "photo_caption"
    if n <= 16 and BYLINE_LABEL.match(line):
        return "byline_label"
    return None


def _mark_tables_of_contents(lines: Sequence[str], verdict: dict[int, str]) -> None:
    """A run of short lines that come back later as the article's own headings is a table of contents.

    One pass: each line is short or not, and returns later or not (the last place of each heading key is
    known); a run is a stretch of short lines whose returning entries are at most one apart.
    """
    keys = [heading_key(line) for line in lines]
    last = {key: i for i, key in enumerate(keys) if key}
    returns = [bool(key) and last[key] > i for i, key in enumerate(keys)]
    short = [len(line.split()) <= 12 and (not line.endswith(".") or bool(ENUMERATION.match(line))) for line in lines]
    i = 0
    while i < len(lines):
        if not (short[i] and returns[i]):
            i += 1
            continue
        run_end = i  # last returning entry of the run
        j = i + 1
        while j < len(lines) and short[j]:
            if returns[j]:
                run_end = j
            elif j - run_end > 1:
                break
            j += 1
        hits = sum(returns[i : run_end + 1])
        if hits >= 2 and hits * 3 >= (run_end + 1 - i) * 2:
            for k in range(i, run_end + 1):
                verdict.setdefault(k, "table_of_contents")
            if i > 0 and len(lines[i - 1].split()) <= 4 and not ends_sentence(lines[i - 1]):
                verdict.setdefault(i - 1, "table_of_contents")
        i = run_end + 1


def _mark_tables(lines: Sequence[str], verdict: dict[int, str]) -> None:
    """A header row with a number column, followed by rows numbered 1, 2, 3...: a layout table."""
    i = 0
    while i < len(lines):
        header = lines[i]
        i += 1
        if not TABLE_HEADER.match(header) or len(header.split()) > 6:
            continue
        rows: list[int] = []
        while i < len(lines) and (match := TABLE_ROW.match(lines[i])) and int(match.group(1)) == len(rows) + 1:
            rows.append(i)
            i += 1
        if len(rows) >= 2:
            for j in (rows[0] - 1, *rows):
                verdict.setdefault(j, "data_table")


def _mark_repeated(lines: Sequence[str], verdict: dict[int, str]) -> None:
    """A short non-sentence line printed three or more times (ad slots, 'Read more') is chrome."""
    counts = Counter(lines)
    for i, line in enumerate(lines):
        if counts[line] >= 3 and len(line.split()) <= 6 and not ends_sentence(line) and not line.endswith(":"):
            verdict.setdefault(i, "repeated_line")


def _peel_head(lines: Sequence[str], verdict: dict[int, str], title_index: int | None) -> None:
    """Before the first body line: control words, bylines, 'Published ...' date lines."""
    for i, line in enumerate(lines):
        if i == title_index or i in verdict:
            continue
        rule = _ui_rule(line, relaxed=True)
        if rule is None and BYLINE.match(line):
            rule = "byline"
        if rule is None and DATE_LINE.match(line):
            rule = "date_line"
        if rule is None:
            return
        verdict[i] = rule


def _peel_tail(lines: Sequence[str], verdict: dict[int, str], title_index: int | None) -> None:
    """After the last body line: comment prompts, share rows, bios, credits, source lists."""
    i = len(lines) - 1
    peeled = False
    while i >= 0 and i != title_index:
        if i in verdict:
            i -= 1
            peeled = True
            continue
        rule = _tail_rule(lines[i], peeled)
        if rule:
            verdict[i] = rule
            i -= 1
            peeled = True
            continue
        listed = _source_list(lines, i, title_index)
        if not listed:
            return
        for j in listed:
            verdict[j] = "source_list"
        i -= len(listed)
        peeled = True


def _tail_rule(line: str, peeled: bool) -> str | None:
    return _tail_shape(line, peeled) or _ui_rule(line, relaxed=True)


def _tail_shape(line: str, peeled: bool) -> str | None:
    """Bios, promotions, notes, credits, handles and bylines: what closes a page below the article."""
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
    return "byline" if BYLINE.match(line) else None


def _source_list(lines: Sequence[str], end: int, title_index: int | None) -> list[int]:
    """Headline-shaped lines closing the page, under a label such as a sources or related-links heading."""
    j = end
    while j >= 0 and j != title_index and is_headline_shape(lines[j]):
        if _is_list_label(lines[j]) and j < end:
            return list(range(j, end + 1))
        j -= 1
    if j >= 0 and j < end and _is_list_label(lines[j]):
        return list(range(j, end + 1))
    return []


def _is_list_label(line: str) -> bool:
    found = content_words(line)
    return 0 < len(found) <= 3 and all(w in LIST_LABELS or w in UI_TERMS for w in found)
