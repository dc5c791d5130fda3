"""What the furniture classifier sees of each line of a page: cheap measures of shape, place and repetition.

Why: whether a line is page furniture shows in how it looks (short, no closing stop, capitalised like a
label, full of dates, links or photo credits, no finite verb, no past tense where news prose reports in the
past), where it sits (before the first or after the last paragraph and how far, next to a photo credit, under
a "Related" label) and how often it comes back (twice in the page, in other pages of the batch, a caption
whose words the body repeats further down). None of it needs a parse, since ingest runs before one (the
parse belongs to the annotate stage); none of it names a site. The rule that matched the line
(``furniture.shape_rule``) comes in as one more feature, so the model learns how far to trust each rule.
Two features read meaning rather than form (``topic_scores``): how close the line is to its page's body and to
the other outlets' body, by the build's sentence embedder; without one they stay neutral. Two more read it over
a block (``topic_blocks``): a list of other stories' headlines is several lines off the topic together, where a
subhead or a short quote is one line among on-topic ones.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..config import Config
from ..errors import ModelNotInstalledError
from ..lang.calendar import MONTH_PATTERN, WEEKDAY_ABBREVIATION_PATTERN, WEEKDAY_PATTERN
from ..lang.outlets import agencies
from ..lang.shapes import has_finite_verb, is_headline_shape, label_lead, past_verbs, title_case_share
from .lexicon import (
    CREDIT_LABELS,
    HANDLE,
    LIST_LABELS,
    STOP_WORDS,
    UI_TERMS,
    URL,
    WORD,
    ends_sentence,
    link_share,
    stop_ratio,
    words,
)

#: Rule names a line can carry into the features (``furniture.shape_rule`` and the page-level marks).
RULE_FEATURES = (
    "social_embed", "link_list", "site_name", "markup_code", "tag_list", "copyright", "ui", "byline", "date_line",
    "author_bio", "outlet_promo", "editor_note", "credit_line", "social_handle", "table_of_contents", "data_table",
    "repeated_line", "source_list",
)
_SHAPE = (
    "words", "chars", "ends_sentence", "ends_colon", "ends_open", "starts_upper", "starts_lower", "starts_digit",
    "starts_bullet", "starts_quote", "wrapped", "title_share", "caps_share", "digit_share", "punct_share",
    "foreign_share", "stop_ratio", "lower_share", "sentence_score", "reporting_word", "link_share", "has_url",
    "has_handle", "has_email", "date_share", "full_date", "has_time", "starts_by", "label_colon", "credit_words",
    "slash_credit", "ui_share", "ui_lead", "byline_shape", "caption_verb", "job_word", "you_word", "paren_credit",
    "name_only", "imperative", "self_reference", "name_verb", "weekday_phrase",
    "photo_position", "finite_verb", "past_verbs", "label_lead", "credit_label",
)
#: What a line's neighbours add: whether they are photo credits (a caption sits next to its credit). Their
#: length, punctuation and prose scores were tried and lowered out-of-fold furniture recall on tune; so did,
#: within a seed's noise (tune, leave-one-story-out), the count of rule matches two lines either way, their
#: sentence scores, and a second model reading the first one's probabilities of the neighbours and the run.
_NEIGHBOUR = ("credit",)
FEATURES: tuple[str, ...] = (
    *_SHAPE,
    *(f"rule_{name}" for name in RULE_FEATURES),
    "index", "from_end", "relative", "in_head", "in_tail",
    "page_count", "adjacent_copy", "batch_other", "batch_pages", "batch_words", "page_words", "returns_later",
    "shared_shingles", "shape_kin", "prose_before", "prose_after", "run_length", "run_to_end", "run_from_start",
    "between_prose", "unclosed_run", "unclosed_to_end", "headline_run",
    "to_first_prose", "to_last_prose", "under_label", "copy_later",
    *(f"prev_{name}" for name in _NEIGHBOUR),
    *(f"next_{name}" for name in _NEIGHBOUR),
    "topic_page", "topic_batch", "topic_near", "topic_run",
)

#: Verbs in the present tense that captions use ("Trump speaks during an event", "fans celebrating").
CAPTION_VERBS = frozenset((
    "speaks", "speaking", "talks", "gestures", "gesturing", "looks", "looking", "poses", "posing", "waves",
    "waving", "arrives", "arriving", "attends", "attending", "delivers", "walks", "walking", "stands", "standing",
    "sits", "holds", "holding", "celebrates", "celebrating", "lifts", "leaves", "leaving", "shakes", "greets",
    "listens", "listening", "reacts", "reacting", "addresses", "pictured", "seen", "shows", "depicts",
))
#: Verbs that open a call to the reader ("Get the news faster.", "Find out what's happening ...").
IMPERATIVES = frozenset((
    "get", "find", "click", "tap", "sign", "subscribe", "download", "watch", "read", "see", "follow", "install",
    "share", "listen", "join", "learn", "check", "visit", "add", "discover", "explore", "try", "stay", "don't",
))
#: A page speaking of itself: "this article", "the original source of this story", "our newsletter".
SELF_REFERENCE = re.compile(
    r"\b(?:this|our|the original) (?:article|story|post|page|content|site|website|app|newsletter|report|video)\b|"
    r"\b(?:newsletter|inbox|app store|google play|our app)\b",
    re.IGNORECASE,
)
JOBS = frozenset((
    "reporter", "reporters", "editor", "editors", "correspondent", "writer", "journalist", "contributor",
    "columnist", "producer", "anchor", "author", "staff", "desk", "bureau",
))
REPORTING = frozenset(
    ("said", "says", "say", "told", "tells", "according", "added", "asked", "noted", "stated", "announced", "explained")
)
#: Words of photo and video credits and captions, in any outlet's chrome.
CREDIT_WORDS = frozenset((
    "photo", "photos", "photograph", "photographer", "photography", "image", "images", "credit", "credits",
    "caption", "pictured", "courtesy", "file", "handout", "illustration", "graphic", "graphics", "via", "getty",
    "shutterstock", "alamy", "stock", "video",
))
MONTH = MONTH_PATTERN
WEEKDAY = f"{WEEKDAY_PATTERN}|{WEEKDAY_ABBREVIATION_PATTERN}"
#: Pieces a date, time or "Updated ..." stamp is made of.
DATE_PIECE = re.compile(
    rf"\b(?:{MONTH}|{WEEKDAY})\b\.?|\b\d{{1,4}}(?:[-/.:]\d{{1,4}}){{0,2}}(?:st|nd|rd|th)?\b|\b[ap]\.?m\b\.?|"
    r"\b(?:[A-Z]{1,2}[SD]?T|GMT|UTC|JST|KST|IST|CET|CEST|BST)\b|"
    r"\b(?:published|posted|updated|last|modified|first|on|at|date)\b:?",
    re.IGNORECASE,
)
FULL_DATE = re.compile(
    rf"\b(?:{MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTH})\.?,?\s+"
    r"\d{4}\b|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b",
    re.IGNORECASE,
)
TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?", re.IGNORECASE)
SLASH_CREDIT = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*\s?/\s?[A-Z][\w-]")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+|\[email\s*protected\]", re.IGNORECASE)
LABEL = re.compile(r"^[^\s:]+(?:\s+[^\s:]+){0,3}:(?:\s|$)")
BULLET = re.compile(r"^[-•*–·▪>]+\s*")
ENUMERATION = re.compile(r"^\s*(?:\d{1,2}[.)]|[ivxIVX]{1,4}[.)]|[-•*–·▪])\s*")
#: "By Jane Doe", "BY JANE DOE", "ByJane Doe and John Roe, Example News", "by Jane Doe, The Gazette"
BYLINE_SHAPE = re.compile(r"^-?\s*(?i:by)\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)+|[A-Z][\w.'’-]*\s*$)")
PAREN_END = re.compile(r"\([^()]{2,80}\)\s*$")
NAME_JOINERS = frozenset(("and", "of", "de", "da", "van", "von", "al", "bin", "la", "le", "the"))
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
#: A name then a verb in the present ("Trump tosses a hat", "Carney giving his speech"): how captions describe a
#: photo, where news prose reports in the past.
NAME_VERB = re.compile(r"\b[A-Z][\w'’.-]+\s+([a-z]+(?:s|ing))\b")
#: Where someone stands in a photo: "(center)", "(L)", "from left", "left to right".
PHOTO_POSITION = re.compile(
    r"\((?:left|right|cent(?:er|re)|front|top|bottom|L|R|C|pictured)\)|\b(?:from left|left to right)\b", re.IGNORECASE
)
#: "on Friday", "Sunday night": the day a photo was taken, as captions give it.
WEEKDAY_PHRASE = re.compile(
    rf"\bon\s+{WEEKDAY_PATTERN}\b|\b{WEEKDAY_PATTERN}\s+(?:morning|afternoon|evening|night)\b", re.IGNORECASE
)


@cache
def line_key(line: str) -> str:
    """A line as compared across pages: case and spacing folded."""
    return " ".join(line.casefold().split())


@dataclass(frozen=True)
class Batch:
    """The pages loaded together, counted: in how many of them each line and each content word occurs.

    Why: a line printed in many pages is the site's chrome; a line whose words no other outlet uses (a
    link to another story, a byline, a promotion) is unlikely to be this story's text.
    """

    pages: int
    lines: Mapping[str, int]
    words: Mapping[str, int]
    #: each page's body sentences (``is_prose`` lines, stripped): what the story is about, in meaning
    prose: tuple[tuple[str, ...], ...] = ()
    #: the sentence embedder (``synopsis.backends.Embedder``) that places lines against ``prose``; None: the
    #: topic features stay neutral
    embedder: Any = None


def batch_counts(texts: Iterable[str], embedder: Any = None) -> Batch:
    """Count lines and content words over ``texts`` (each counted once per text); keep each page's body
    sentences for the topic features, embedded with ``embedder`` when one is given."""
    lines: Counter[str] = Counter()
    words: Counter[str] = Counter()
    prose: list[tuple[str, ...]] = []
    for text in texts:
        stripped = [line.strip() for line in text.splitlines() if line.strip()]
        lines.update({line_key(line) for line in stripped})
        words.update(set(topic_words(text)))
        prose.append(tuple(line for line in stripped if is_prose(line)))
    return Batch(len(prose), lines, words, tuple(prose), embedder)


def is_prose(line: str) -> bool:
    """A line that reads as a body sentence: several words, function words, closing punctuation."""
    n = len(line.split())
    return n >= 8 and ends_sentence(line) and stop_ratio(line) >= 0.2


def topic_embedder(config: Config) -> Any:
    """The build's sentence embedder (``[embeddings]``) for the topic features; None where ``[ingest]
    furniture_topic`` is off or the embedding model is not installed (the features then stay neutral)."""
    from ..backends import load_embedder

    if not config.get("ingest", "furniture_topic"):
        return None
    try:
        return load_embedder(config.get("embeddings", "backend"), int(config.get("embeddings", "batch_size")))
    except ModelNotInstalledError:
        return None


#: The topic features of a line nothing places (no embedder, no body to compare with): as close as can be, so
#: the model reads nothing into them.
NEUTRAL_TOPIC = (1.0, 1.0)


def topic_scores(lines: Sequence[str], prose: Sequence[bool], batch: Batch | None) -> list[tuple[float, float]]:
    """For each line, how close in meaning it is to the story: its cosine with the centroid of its page's other
    body sentences, and with the nearest body sentence of the other pages of the batch.

    Why: a list of other stories' headlines ("Most read", related links) and a caption of another event share
    common words with the article, so word overlap cannot tell them from a subhead; what they are about can.
    Neutral (``NEUTRAL_TOPIC``) where there is no embedder or nothing to compare with.
    """
    neutral = [NEUTRAL_TOPIC] * len(lines)
    if batch is None or batch.embedder is None or not lines:
        return neutral
    import numpy as np

    own = tuple(line for line, is_body in zip(lines, prose, strict=True) if is_body)
    others = list(batch.prose)
    if own in others:
        others.remove(own)
    elsewhere = list(dict.fromkeys(line for page in others for line in page))
    texts = list(dict.fromkeys([*lines, *elsewhere]))
    vectors = dict(zip(texts, batch.embedder.embed(texts), strict=True))
    line_vectors = np.array([vectors[line] for line in lines], dtype=np.float64)
    body_at = [i for i, is_body in enumerate(prose) if is_body]
    body = line_vectors[body_at] if body_at else np.zeros((0, line_vectors.shape[1]))
    total = body.sum(axis=0)
    nearest = (line_vectors @ np.array([vectors[line] for line in elsewhere], dtype=np.float64).T).max(axis=1) \
        if elsewhere else np.ones(len(lines))
    scores = []
    for i in range(len(lines)):
        count = len(body_at) - prose[i]
        centroid = total - line_vectors[i] if prose[i] else total
        norm = float(np.linalg.norm(centroid))
        page = float(line_vectors[i] @ centroid) / norm if count >= 2 and norm > 0 else 1.0
        scores.append((page, float(nearest[i])))
    return scores


def topic_words(text: str) -> list[str]:
    """Lower-cased content words of three letters or more: what a story's outlets share."""
    return [w.lower() for w in WORD.findall(text) if len(w) >= 3 and w.lower() not in STOP_WORDS]


def heading_key(line: str) -> str:
    """A short line as a table of contents lists it: numbering dropped, words lower-cased."""
    return " ".join(w.lower() for w in WORD.findall(ENUMERATION.sub("", line)))


def shape(line: str) -> list[float]:
    """The measures of one line on its own, in the order of ``_SHAPE``."""
    tokens = line.split()
    n = len(tokens)
    found = WORD.findall(line)
    letters = sum(c.isalpha() for c in line) or 1
    visible = sum(not c.isspace() for c in line) or 1
    content = [w for w in found if w.lower() not in STOP_WORDS]
    first = line.lstrip("\"'“‘([")[:1]
    lower_share = sum(w[0].islower() for w in found[1:]) / (len(found) - 1) if len(found) > 1 else 0.0
    stops = stop_ratio(line)
    closed = ends_sentence(line)
    sentence = (n >= 6) + first.isupper() + closed + (stops >= 0.2) + (lower_share >= 0.5)
    words_lower = [w.lower() for w in found]
    pieces = [piece.strip("()[],.;:-") for t in tokens for piece in t.split("/")]
    credit = sum(w in CREDIT_WORDS for w in words_lower) + sum(piece in agencies() for piece in pieces)
    trailing = PAREN_END.search(line)
    capitalised = [w for w in found if w.lower() not in NAME_JOINERS]
    label = label_lead(line)
    date_chars = sum(len(m.group(0)) for m in DATE_PIECE.finditer(line))
    return [
        float(n), float(len(line)), float(closed), float(line.endswith(":")), float(line[-1:].isalnum()),
        float(first.isupper()), float(first.islower()), float(first.isdigit()), float(bool(BULLET.match(line))),
        float(line[:1] in "\"'“‘"), float(line[:1] in "([" and line[-1:] in ")]"),
        title_case_share(line),
        sum(len(t) > 1 and t.isupper() for t in tokens) / n if n else 0.0,
        sum(c.isdigit() for c in line) / visible,
        sum(not c.isalnum() and not c.isspace() for c in line) / visible,
        1.0 - len(LATIN.findall(line)) / letters if any(c.isalpha() for c in line) else 0.0,
        stops, lower_share, sentence / 5.0, float(any(w in REPORTING for w in words_lower)),
        link_share(line), float(bool(URL.search(line))), float(bool(HANDLE.search(line))),
        float(bool(EMAIL.search(line))), min(1.0, date_chars / visible), float(bool(FULL_DATE.search(line))),
        float(bool(TIME.search(line))), float(bool(re.match(r"by\s*[A-Z]", line, re.IGNORECASE))),
        float(bool(LABEL.match(line))), float(credit), float(bool(SLASH_CREDIT.search(line))),
        sum(w in UI_TERMS for w in (c.lower() for c in content)) / len(content) if content else 0.0,
        float(bool(words_lower) and words_lower[0] in UI_TERMS), float(bool(BYLINE_SHAPE.match(line))),
        float(any(w in CAPTION_VERBS for w in words_lower)), float(any(w in JOBS for w in words_lower)),
        float(any(w in ("you", "your") for w in words_lower)),
        float(_is_credit(trailing.group(0)) if trailing else False),
        float(0 < len(found) <= 5 and not closed and bool(capitalised)
              and all(w[0].isupper() for w in capitalised) and len(capitalised) >= len(found) - 1),
        float(bool(words_lower) and words_lower[0] in IMPERATIVES), float(bool(SELF_REFERENCE.search(line))),
        float(any(m.group(1) not in STOP_WORDS and m.group(1) not in REPORTING for m in NAME_VERB.finditer(line))),
        float(bool(WEEKDAY_PHRASE.search(line))), float(bool(PHOTO_POSITION.search(line))),
        float(has_finite_verb(line)), float(past_verbs(line)),
        float(bool(label) and all(w in LIST_LABELS or w in UI_TERMS or w in CREDIT_LABELS for w in label)),
        float(any(w in CREDIT_LABELS for w in label)),
    ]


def page_features(
    lines: Sequence[str], rules: Sequence[str | None], prose: Sequence[bool], batch: Batch | None = None
) -> list[list[float]]:
    """One row of ``FEATURES`` per line of a page (its non-blank lines, stripped, in order); linear in the page.

    ``rules`` names the rule each line matches (or None), ``prose`` says which lines read as body sentences
    (they bound the head and tail zones), ``batch`` counts lines and words over the pages loaded together
    (None: this page alone).
    """
    n = len(lines)
    shapes = [shape(line) for line in lines]
    keys = [line_key(line) for line in lines]
    page = Counter(keys)
    headings = [heading_key(line) for line in lines]
    last_seen = {key: i for i, key in enumerate(headings)}
    shingles = [_shingles(line) for line in lines]
    page_words = Counter(w for line in lines for w in set(topic_words(line)))
    spread = Counter(s for found in shingles for s in found)
    prose_at = [i for i, is_prose in enumerate(prose) if is_prose]
    kinds = [_kind(measures) for measures in shapes]
    kin = Counter(kinds)
    before = 0
    runs = _runs(prose)
    unclosed = [measures[0] >= 2 and not measures[2] for measures in shapes]
    unclosed_runs = _runs(unclosed)
    headline = [is_headline_shape(line) for line in lines]
    headline_runs = _runs(headline)
    head_end = prose_at[0] if prose_at else n
    tail_start = prose_at[-1] if prose_at else -1
    under = _under_label(lines, prose)
    last_at = {s: i for i, found in enumerate(shingles) for s in found}
    index = {name: k for k, name in enumerate(_SHAPE)}
    topic = topic_scores(lines, prose, batch)
    blocks = topic_blocks(topic, runs, prose)
    rows: list[list[float]] = []
    for i in range(n):
        rule = rules[i]
        other_pages = (batch.lines.get(keys[i], 1) - 1) if batch is not None else 0
        topics = set(topic_words(lines[i]))
        elsewhere = sum(page_words[w] > 1 for w in topics) / len(topics) if topics else 0.0
        shared = sum(batch.words.get(w, 1) > 1 for w in topics) / len(topics) if batch is not None and topics else 0.0
        row = [
            *shapes[i],
            *(float(rule == name or (name == "ui" and rule in UI_RULES)) for name in RULE_FEATURES),
            float(i), float(n - 1 - i), i / max(1, n - 1), float(i < head_end), float(i > tail_start),
            float(page[keys[i]]), float((i > 0 and keys[i - 1] == keys[i]) or (i + 1 < n and keys[i + 1] == keys[i])),
            float(other_pages), float(batch.pages if batch is not None else 1), shared, elsewhere,
            float(bool(headings[i]) and last_seen[headings[i]] > i and shapes[i][0] <= 12),
            sum(spread[s] > 1 for s in shingles[i]) / len(shingles[i]) if shingles[i] else 0.0,
            float(kin[kinds[i]] - 1), float(before), float(len(prose_at) - before - prose[i]),
            float(runs[i][1] - runs[i][0]) if not prose[i] else 0.0,
            float(not prose[i] and runs[i][1] == n), float(not prose[i] and runs[i][0] == 0),
            float(0 < i < n - 1 and prose[i - 1] and prose[i + 1]),
            float(unclosed_runs[i][1] - unclosed_runs[i][0]) if unclosed[i] else 0.0,
            float(unclosed[i] and unclosed_runs[i][1] == n),
            float(headline_runs[i][1] - headline_runs[i][0]) if headline[i] else 0.0,
            float(max(-NEAR, min(NEAR, i - head_end))), float(max(-NEAR, min(NEAR, i - tail_start))), float(under[i]),
            sum(last_at[s] > i for s in shingles[i]) / len(shingles[i]) if shingles[i] else 0.0,
        ]
        before += prose[i]
        for j in (i - 1, i + 1):
            row.append(_credit(shapes[j], index) if 0 <= j < n else 0.0)
        row.extend(topic[i])
        row.extend(blocks[i])
        rows.append(row)
    return rows


#: Lines either way over which ``topic_near`` averages (2 beat 1 on tune; see ``topic_blocks``).
TOPIC_REACH = 2


def topic_blocks(topic: Sequence[tuple[float, float]], runs: Sequence[tuple[int, int]], prose: Sequence[bool]
                 ) -> list[tuple[float, float]]:
    """For each line, the mean page topic score (``topic_scores``' first) of the lines within ``TOPIC_REACH``
    of it, and of the stretch of non-body lines it belongs to (its own score for a body line).

    Why: one line off the topic may be a subhead or a short quote; a block of them (a "Related" or "Most read"
    list of other stories' headlines) is not the article. Fitted by bench/train_furniture.py on the tune half
    of ../shared/benchmarks/stories and the sample (leave one story out): with both, more furniture went at the
    same body kept, and titles of other tune stories put into tune pages as a block went far more often.
    """
    page = [score for score, _ in topic]
    n = len(page)
    out = []
    for i in range(n):
        near = page[max(0, i - TOPIC_REACH) : i + TOPIC_REACH + 1]
        start, end = (i, i + 1) if prose[i] else runs[i]
        out.append((sum(near) / len(near), sum(page[start:end]) / (end - start)))
    return out


#: Lines counted either way from the first and the last body paragraph; further is all the same.
NEAR = 20


def _under_label(lines: Sequence[str], prose: Sequence[bool]) -> list[bool]:
    """Whether a line follows, with no body paragraph between, a short label made of list or control words
    ("Related", "More stories", "Read also"): what comes under one is a list of links, not the article."""
    under: list[bool] = []
    seen = False
    for line, is_prose in zip(lines, prose, strict=True):
        seen = seen and not is_prose
        under.append(seen)
        if len(line.split()) <= 4 and not ends_sentence(line):
            seen = seen or any(w in LIST_LABELS or w in UI_TERMS for w in words(line))
    return under


#: Rules about page controls, one feature between them.
UI_RULES = frozenset(("comment_prompt", "share_button", "short_link", "ui_chrome"))


def _is_credit(bracket: str) -> bool:
    """A bracketed photo credit: "(AP Photo/Jane Doe)", "(Jane Doe/PA)", "(Image credit: Getty Images)"."""
    pieces = re.split(r"[\s/()]+", bracket)
    return "/" in bracket or any(p.lower() in CREDIT_WORDS or p in agencies() for p in pieces)


def _runs(prose: Sequence[bool]) -> list[tuple[int, int]]:
    """For each line, the bounds (start, end exclusive) of the stretch of lines sharing its flag (prose or not,
    closed or not, headline-shaped or not): a long stretch of short or unclosed lines, or of headlines, closing
    the page is a list of links, not the article."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(prose) + 1):
        if i == len(prose) or prose[i] != prose[start]:
            bounds += [(start, i)] * (i - start)
            start = i
    return bounds


def _kind(measures: list[float]) -> tuple[float, ...]:
    """A coarse shape shared by the lines of one series (a timeline's times, a table's rows, a list)."""
    words = measures[0]
    size = 0 if words <= 1 else 1 if words <= 2 else 2 if words <= 5 else 3 if words <= 12 else 4
    # ends_sentence ... starts_bullet: how the line closes and opens
    return (size, *measures[2:9], float(measures[_SHAPE.index("date_share")] >= 0.5))


def _credit(measures: list[float], index: Mapping[str, int]) -> float:
    return float(any(measures[index[name]] > 0 for name in ("credit_words", "slash_credit", "wrapped")))


def _shingles(line: str) -> set[tuple[str, ...]]:
    found = [w.lower() for w in WORD.findall(line)]
    return {tuple(found[k : k + 3]) for k in range(len(found) - 2)}
