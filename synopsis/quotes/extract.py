"""Attributions (who says or thinks what) found by rules over one spaCy parse.

``extract_attributions(doc)`` works on any parsed English text, so the same code runs
inside the dossier and on the PolNeAR benchmark. Each attribution has a source, a
cue and a content span (character offsets into ``doc.text``) and a kind:

- ``direct``: the content is a quotation (also split by its cue, or over paragraphs);
- ``partial``: the content holds a quoted phrase inside reported words;
- ``indirect``: reported speech or thought without quote marks;
- ``transcript``: a turn of an interview ("Name: text", "Q: ...").
"""

from __future__ import annotations

import bisect
from typing import Any

from ..lang.cues import IMPERSONAL_VERBS, LISTENER_VERBS, SPEECH_NOUNS, SPEECH_VERBS
from ..nlp import text_of
from .attribution import Attribution as Attribution  # re-exported: callers read it from here too
from .boundary import (
    BoundaryModel,
    default_boundary,
    default_start,
    own_words,
    start_candidates,
)
from .boundary import candidates as end_candidates
from .cues import CueModel, attribution_features, cue_features, default_model, is_candidate
from .cues import opens_with_that as opens_with_that  # re-exported: the stage reads it from here
from .lexicon import CUE_VERBS, NEEDS_CLAUSE
from .sanity import sane
from .shapes import according, according_to, noun_attribution
from .spans import (
    CLOSERS,
    CharSpan,
    QuoteMark,
    adjacent_quote,
    clip_source,
    clip_to_paragraph,
    colon_quote,
    content_kind,
    continuation,
    merge_pieces,
    quote_covering,
    quote_marks,
    split_quote,
    subtract,
    subtree_piece,
    trim,
)
from .transcript import signed_statements, transcript_turns

Token = Any  # spaCy Token; kept loose so the module imports without spaCy

CLAUSE_DEPS = {"ccomp"}
OBJECT_DEPS = {"dobj", "xcomp", "oprd", "attr", "acomp", "dative"}
SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
#: A cue's own dependents that belong to the cue phrase ("pointed out", "has not said").
CUE_PREFIX_DEPS = {"aux", "auxpass", "neg"}
CUE_SUFFIX_DEPS = {"prt"}
#: Prepositions that tie a stance verb to what it is about ("called for", "referring to").
CUE_PREPOSITIONS = {"for", "on", "to", "about", "of", "against"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
SHARES_SUBJECT = {"conj", "advcl", "xcomp"}


def extract_attributions(
    doc: Any, model: CueModel | bool | None = True, boundary: BoundaryModel | bool | None = True,
    amount_sources: bool = True, start: BoundaryModel | bool | None = True,
) -> list[Attribution]:
    """Every attribution in one parsed text, in text order, at most one per cue.

    ``model`` decides which verbs are cues: ``True`` (the committed model), a ``CueModel``,
    or ``None``/``False`` for the word-list rules alone. ``boundary`` picks where an
    unquoted content ends: ``True`` (the committed model), a ``BoundaryModel``, or
    ``None``/``False`` for the parse subtree's end; ``start`` likewise picks where it starts (and so
    where the cue's phrase ends). ``amount_sources`` keeps a bare number or percentage as a source
    ('63 percent said', as PolNeAR annotates); the dossier turns it off.
    """
    text: str = text_of(doc)
    quotes = quote_marks(text)
    starts = [q.start for q in quotes]
    scorer = default_model() if model is True else (model or None)
    ender = default_boundary() if boundary is True else (boundary or None)
    starter = default_start() if start is True else (start or None)
    found: list[Attribution] = []
    cue_tokens: list[Token] = []
    taken: set[int] = set()
    turns = transcript_turns(doc)
    turn_lines = [(t.start, t.end) for t in turns]
    for token in doc:
        if token.i in taken:
            continue
        if token.lower_ == "according" and according_to(token) is not None:
            made = according(token, text, quotes, starts)
        elif scorer is not None:
            made = candidate_attribution(token, text, quotes, starts)
            if made is None or not (scorer.accepts(
                    scored_features(token, text, quotes, starts, made), token.vector if token.has_vector else None)
                    or _named_after_quote(token, text, quotes, starts, made)
                    or _frames_quoted_clause(token, text, quotes, starts, made)):
                continue
        elif token.pos_ == "NOUN" and token.lemma_.lower() in SPEECH_NOUNS:
            made = noun_attribution(token, text, quotes, starts, that_only=True)
        elif _is_cue(token):
            made = _verb_attribution(token, text, quotes, starts)
        else:
            continue
        if made is None or any(s <= made.start < e for s, e in turn_lines):
            continue
        if starter is not None:
            made = _refit_start(made, token, quotes, starts, starter)
        if ender is not None:
            made = _refit_end(made, token, quotes, starts, ender)
        found.append(made)
        cue_tokens.append(token)
        taken.add(token.i)
    found = own_words(text, found, cue_tokens)
    found.sort(key=lambda a: (a.start, a.end))
    found = _quoted_paragraphs(text, quotes, found)
    found.extend(turns)
    found.extend(signed_statements(doc, [(a.start, a.end) for a in found]))
    found.sort(key=lambda a: (a.start, a.end))
    return sane(doc, found, amount_sources)


def _quoted_paragraphs(text: str, quotes: list[QuoteMark], found: list[Attribution]) -> list[Attribution]:
    """A quote that is nobody's words goes on with the quote just before it when it closes its paragraph.

    The newspaper convention: '"...," said Doe.' then a paragraph '"We know it takes time."' are both Doe's,
    and so is a quoted sentence after Doe's quote in the same paragraph ('Doe said "A". "B."').
    """
    out = list(found)
    for quote in quotes:
        lo = text.rfind("\n", 0, quote.start) + 1
        hi = text.find("\n", quote.end)
        hi = len(text) if hi < 0 else hi
        if text[quote.end:hi].strip() or any(a.start < quote.end and quote.start < a.end for a in out):
            continue
        lead = text[lo:quote.start].rstrip()
        if not lead and lo > 0 and not any(a.start < hi and lo < a.end for a in out):
            above = len(text[:lo].rstrip())  # the paragraph before, past any blank lines
            before = text.rfind("\n", 0, above) + 1
            previous = [k for k, a in enumerate(out) if before <= a.start < above and a.kind in ("direct", "partial")
                        and a.source is not None]
        elif lead.rstrip(CLOSERS).endswith((".", "!", "?")):
            previous = [k for k, a in enumerate(out) if lo <= a.start and a.end <= quote.start]
            previous = previous[-1:] if previous and out[previous[-1]].source is not None else []
        else:
            continue
        if not previous:
            continue
        k = previous[-1]
        made = out[k]
        out[k] = Attribution("direct" if made.kind == "direct" else "partial",
                             (*made.content, *merge_pieces(text, [(quote.start, quote.end)])), made.source, made.cue)
    return out


def _refit_start(made: Attribution, token: Token, quotes: list[QuoteMark], starts: list[int],
                 starter: BoundaryModel) -> Attribution:
    """The content's first piece starting where the start model says; a verb's cue reaches to it.

    What the model skips is the cue's ('expressed concern | that ...', 'urged his supporters | to ...')
    or no role's ('And | ...', 'However, | ...').
    """
    if made.kind == "direct":
        return made
    first = made.content[0]
    options = start_candidates(token.doc, first, token, quotes, starts)
    if not options:
        return made
    chosen = starter.best(options)
    if chosen.start == first[0]:
        return made
    text = text_of(token.doc)
    content = ((chosen.start, first[1]), *made.content[1:])
    cue = made.cue
    if token.pos_ != "NOUN" and cue is not None and chosen.start > cue[1]:
        cue = _cue_piece(token, text, chosen.start, made.source)
    return Attribution(content_kind(content, text, quotes, starts), content, made.source, cue)


def _refit_end(made: Attribution, token: Token, quotes: list[QuoteMark], starts: list[int],
               ender: BoundaryModel) -> Attribution:
    """The content's last piece ending where the boundary model says (quoted ends stay as they are)."""
    if made.kind == "direct":
        return made
    last = made.content[-1]
    options = end_candidates(token.doc, last, token, quotes, starts)
    if len(options) < 2:
        return made
    end = ender.choose(options)
    if end == last[1]:
        return made
    content = (*made.content[:-1], (last[0], end))
    text = text_of(token.doc)
    return Attribution(content_kind(content, text, quotes, starts), content, made.source, made.cue)


# ---------------------------------------------------------------- cues


def candidate_attribution(token: Token, text: str, quotes: list[QuoteMark], starts: list[int]) -> Attribution | None:
    """What the rules build if this word is a cue (None when it frames nothing); the cue model judges it."""
    if not is_candidate(token):
        return None
    if token.pos_ == "NOUN":
        return noun_attribution(token, text, quotes, starts)
    return _verb_attribution(token, text, quotes, starts)


def scored_features(token: Token, text: str, quotes: list[QuoteMark], starts: list[int],
                    made: Attribution) -> list[str]:
    """The cue model's features for one candidate and what it frames (also used to train it)."""
    k = bisect.bisect_right(starts, token.idx) - 1
    in_quote = k >= 0 and quotes[k].end > token.idx
    before = adjacent_quote(token, text, quotes, starts) is not None
    return [*cue_features(token, in_quote, before, _is_cue(token)), *attribution_features(token, made)]


def _is_cue(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") or (lemma not in CUE_VERBS and lemma not in IMPERSONAL_VERBS):
        return False
    if token.dep_ in ("amod", "compound") or (token.tag_ == "VBN" and token.dep_ == "acl"):
        return False
    deps = {c.dep_ for c in token.children}
    has_clause = bool(deps & CLAUSE_DEPS) or _clause_advcl(token) is not None
    if lemma in IMPERSONAL_VERBS:
        return has_clause
    if lemma in NEEDS_CLAUSE:
        return has_clause or _heads_clause(token)
    if lemma == "call":
        return "oprd" in deps or "xcomp" in deps or _has_cue_prep(token) or has_clause
    if lemma in SPEECH_VERBS:
        return True  # kept only if a content is found, a clause, an object or an adjacent quote
    return has_clause or bool(deps & {"dobj", "xcomp"}) or _has_cue_prep(token)


def _clause_advcl(token: Token) -> Token | None:
    """An 'if/whether' clause parsed as an adverbial ('asked if ...')."""
    for child in token.children:
        if child.dep_ == "advcl" and child.i > token.i and any(
            g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in child.children
        ):
            return child
    return None


def _heads_clause(token: Token) -> bool:
    """True when the cue is parenthetical to a reported clause ('The plan, he said, is bad')."""
    return (token.dep_ in ("parataxis", "ccomp") and token.head.i < token.i and not any(
        c.dep_ in OBJECT_DEPS for c in token.children
    )) or token.dep_ == "parataxis"


def _has_cue_prep(token: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in CUE_PREPOSITIONS and c.i > token.i for c in token.children)


def _cue_piece(token: Token, text: str, after: int | None = None, source: CharSpan | None = None) -> CharSpan:
    """The cue word with its auxiliaries, negation, adverbs and particle; reaching to the content that follows.

    The annotation convention: everything between the speaker and what is said belongs to the
    cue ("said in an interview Friday that ..."), but not a listener ("told reporters") and not
    what trails after a quote ('"...," she said in a statement.').
    """
    doc = token.doc
    lo = hi = token.i
    while lo > 0 and _cue_prefix(doc[lo - 1], token):
        lo -= 1
    head = token.head
    if token.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX") and head.i == lo - 1:
        lo = head.i  # 'appeared to suggest', 'refused to pledge': the verb that governs the cue joins it
        while lo > 0 and _cue_prefix(doc[lo - 1], head):
            lo -= 1
    for child in token.children:
        if child.dep_ in CUE_SUFFIX_DEPS and child.i == hi + 1:
            hi = child.i
    wanted = _for_clause(token)
    if wanted is not None and wanted.left_edge.i == hi + 1:
        hi += 1
    elif hi + 1 < len(doc) and doc[hi + 1].dep_ == "prep" and doc[hi + 1].head.i == token.i:
        prep = doc[hi + 1]
        if prep.lower_ in CUE_PREPOSITIONS and not _clause_children(token):
            hi = prep.i
    if after is not None and doc[hi].idx < after:
        k = hi + 1
        while k < len(doc) and doc[k].idx < after and _cue_gap(doc[k], token, source):
            k += 1
        if k < len(doc) and doc[k].idx >= after and k - hi <= MAX_CUE_GAP:
            hi = k - 1
    while hi > token.i and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


#: The most words between a cue and its content that still join the cue.
MAX_CUE_GAP = 8


def _cue_prefix(word: Token, verb: Token) -> bool:
    if word.head.i != verb.i:
        return False
    if word.dep_ in ("aux", "auxpass", "neg"):
        return True  # "to" too: annotators keep the infinitive marker with its cue ("declined to comment")
    return bool(word.dep_ == "advmod" and word.pos_ == "ADV" and word.tag_ != "WRB" and word.lower_ != "however")


def _cue_gap(word: Token, verb: Token, source: CharSpan | None) -> bool:
    """A word between the cue and its content that belongs to the cue phrase."""
    if source is not None and source[0] <= word.idx < source[1]:
        return False
    if word.is_punct or word.is_space or word.dep_ == "mark":
        return False
    node = word
    while node.head.i != verb.i:
        if node.head.i == node.i:
            return False
        node = node.head
    if node.dep_ in ("dobj", "dative", "iobj") and verb.lemma_.lower() in LISTENER_VERBS:
        return False
    return node.dep_ in ("prep", "npadvmod", "advmod", "dobj", "dative", "prt", "agent", "acomp", "oprd", "attr")


def _clause_children(token: Token) -> list[Token]:
    kids = [c for c in token.children if c.dep_ in CLAUSE_DEPS]
    advcl = _clause_advcl(token)
    if advcl is not None:
        kids.append(advcl)
    return kids


# ---------------------------------------------------------------- sources


def _subject(token: Token, depth: int = 0) -> Token | None:
    for child in token.children:  # also one the parser hung on the auxiliary ('X had earlier told')
        for candidate in (child, *(child.children if child.dep_ in CUE_PREFIX_DEPS else ())):
            if candidate.dep_ in SUBJECT_DEPS:
                return None if candidate.dep_ == "expl" else candidate
    for child in token.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if any(c.dep_ in ("nsubjpass", "csubjpass") for c in token.children):
        return None
    if depth < 3 and token.dep_ in SHARES_SUBJECT and token.head.pos_ in ("VERB", "AUX"):
        return _subject(token.head, depth + 1)
    if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return token.head
    if token.dep_ == "relcl":
        return token.head
    return None


def _source_piece(subject: Token | None, cue: Token, text: str) -> CharSpan | None:
    """The subject phrase without what trails after its head: a relative clause, a date ('on Sunday').

    A relative pronoun is itself the source (the annotation convention); the speaker index
    follows it to its antecedent.
    """
    if subject is None:
        return None
    if subject.i == cue.head.i and cue.dep_ in ("acl", "relcl"):
        tokens = [t for t in subject.subtree if not (cue.left_edge.i <= t.i <= cue.right_edge.i)]
        tokens = [t for t in tokens if t.i <= subject.i or t.dep_ in ("appos",) or t.head.i == subject.i]
    else:
        tokens = list(subject.subtree)
    if not tokens:
        return None
    lo = min(t.i for t in tokens)
    hi = max(t.i for t in tokens)
    for child in subject.lefts:  # a phrase before the noun is the sentence's ('In a statement, a spokesman')
        if child.dep_ == "prep" and lo <= child.i:
            lo = max(lo, child.right_edge.i + 1)
    while lo < hi and cue.doc[lo].is_punct:
        lo += 1
    for child in subject.rights:
        if _trailing_modifier(child):
            hi = min(hi, child.left_edge.i - 1)
            break
    if cue.dep_ in ("acl", "relcl") and hi >= cue.i:
        hi = cue.i - 1
    doc = cue.doc
    if hi < lo:
        return None
    start, end = trim(text, doc[lo].idx, doc[hi].idx + len(doc[hi]))
    return (start, end) if start < end else None


def _trailing_modifier(child: Token) -> bool:
    """A relative clause or a time phrase after the source's head: not part of who speaks."""
    if child.dep_ == "relcl":
        # 'X, who led the talks, said': annotators keep a who/which clause with the source more often than not
        return child.left_edge.lower_ not in ("who", "which", "whose")
    if child.dep_ == "npadvmod" and child.ent_type_ in ("DATE", "TIME"):
        return True
    return child.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in child.children)


def relative_antecedent(doc: Any, start: int) -> CharSpan | None:
    """For a source that is a relative pronoun ('..., who said'), the phrase it stands for."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    token = span[0] if span is not None and len(span) and span[0].idx == start else None
    if token is None or token.lower_ not in RELATIVE_PRONOUNS or token.head.dep_ not in ("relcl", "acl"):
        return None
    head = token.head.head
    lo = head.left_edge.i
    hi = token.head.left_edge.i - 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    if hi < lo:
        return None
    start_char, end_char = trim(text_of(doc), doc[lo].idx, doc[hi].idx + len(doc[hi]))
    return (start_char, end_char) if start_char < end_char else None


# ---------------------------------------------------------------- contents


def _content_pieces(token: Token, text: str) -> list[CharSpan]:
    clauses = _clause_children(token)
    if clauses:
        return [subtree_piece(c) for c in clauses]
    wanted = _for_clause(token)
    if wanted is not None:
        doc = token.doc
        return [(doc[wanted.left_edge.i + 1].idx, subtree_piece(wanted)[1])]
    if (token.dep_ in ("parataxis", "ccomp") or _as_clause(token)) and token.head.i != token.i:
        head = token.head
        doc = token.doc
        lo, hi = head.left_edge.i, head.right_edge.i
        cut_lo, cut_hi = token.left_edge.i, token.right_edge.i
        pieces = []
        if lo < cut_lo:
            pieces.append((doc[lo].idx, doc[cut_lo - 1].idx + len(doc[cut_lo - 1])))
        if cut_hi < hi:
            pieces.append((doc[cut_hi + 1].idx, doc[hi].idx + len(doc[hi])))
        return pieces
    right = [c for c in token.children if c.i > token.i and (
        c.dep_ in OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ in CUE_PREPOSITIONS | {"as", "that"})
    )]
    if not right:
        return []
    doc = token.doc
    lo = min(c.left_edge.i for c in right)
    hi = max(c.right_edge.i for c in right)
    first = doc[lo]
    if first.dep_ == "prep" and first.head.i == token.i and first.lower_ in CUE_PREPOSITIONS:
        lo += 1  # the preposition belongs to the cue ("called for")
    if lo > hi:
        return []
    return [(doc[lo].idx, doc[hi].idx + len(doc[hi]))]


def _for_clause(token: Token) -> Token | None:
    """'called for the rivals to drop out': the infinitive clause opened by 'for'."""
    for child in token.children:
        if child.dep_ == "advcl" and child.i > token.i and child.left_edge.lower_ == "for" \
                and child.left_edge.dep_ == "mark" and child.left_edge.i < child.i:
            return child
    return None


def _as_clause(token: Token) -> bool:
    """'As the paper reported, ...': the cue sits in an 'as' clause of what it reports."""
    return token.dep_ == "advcl" and token.head.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in token.children)


def _finish(
    token: Token, text: str, quotes: list[QuoteMark], starts: list[int], source: CharSpan | None, cue: CharSpan,
    pieces: list[CharSpan],
) -> Attribution | None:
    split = split_quote(token, source, text, quotes, starts)
    if split is not None:
        pieces = split
    elif not any(start < end for start, end in (trim(text, s, e) for s, e in pieces)):
        colon = colon_quote(token, text, quotes, starts)
        adjacent = colon or adjacent_quote(token, text, quotes, starts)
        if adjacent is None:
            return None
        pieces = [(adjacent.start, adjacent.end)]
    else:
        pieces = quote_covering(clip_to_paragraph(token, text, pieces), quotes, starts)
    if split is None and pieces and max(e for _, e in pieces) <= token.idx:
        pieces = [*pieces, *continuation(token, text, quotes, starts)]
    if source is not None:
        source = clip_source(text, source, cue)
    content = merge_pieces(text, pieces)
    if not content:
        return None
    content = merge_pieces(text, subtract(subtract(list(content), cue), source))
    if not content:
        return None
    cue = _cue_piece(token, text, content[0][0] if content[0][0] > cue[1] else None, source)
    return Attribution(content_kind(content, text, quotes, starts), content, source, cue)


# ---------------------------------------------------------------- the three cue shapes


def _verb_attribution(token: Token, text: str, quotes: list[QuoteMark], starts: list[int]) -> Attribution | None:
    subject = _subject(token)
    source = _source_piece(subject, token, text)
    cue = _cue_piece(token, text)
    pieces = _content_pieces(token, text)
    reported = any(c.i > token.i for c in _clause_children(token))
    if pieces and not reported and adjacent_quote(token, text, quotes, starts) is not None:
        named = _inverted_speaker(token) if subject is None else None
        if named is not None:  # '"...", tackled Michel Barnier': the parser took the speaker for an object
            source, pieces = _source_piece(named, token, text), []
        elif token.lemma_.lower() in LISTENER_VERBS and not any(c.dep_ == "xcomp" for c in token.children):
            pieces = []  # '"...," Doe told the families.': the object is who listens, the quote what is said
    return _finish(token, text, quotes, starts, source, cue, pieces)


def _inverted_speaker(token: Token) -> Token | None:
    """The name right after a verb that follows a quote and has no subject ('..., said Doe' misparsed)."""
    doc = token.doc
    if token.i + 1 >= len(doc):
        return None
    for child in token.children:
        if child.dep_ in ("dobj", "npadvmod", "attr", "dative") and child.left_edge.i == token.i + 1 \
                and (child.pos_ == "PROPN" or child.ent_type_ in ("PERSON", "ORG", "NORP")):
            return child
    return None


def _named_after_quote(token: Token, text: str, quotes: list[QuoteMark], starts: list[int],
                       made: Attribution) -> bool:
    """'"...", tackled Michel Barnier': any verb between a quote's comma and a named speaker reports the quote.

    The inverted order marks the verb as the quote's cue whatever the verb (translated reports use
    many: 'tackled', 'hammered', 'retorted'), so the cue model, which knows the word lists, is not asked.
    """
    if token.pos_ != "VERB" or made.kind != "direct" or made.source is None or _subject(token) is not None:
        return False
    quote = adjacent_quote(token, text, quotes, starts)
    if quote is None or text[quote.end:token.idx].strip() not in ("", ","):
        return False
    named = _inverted_speaker(token)
    return named is not None and named.ent_type_ == "PERSON" and made.source[0] <= named.idx < made.source[1]


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _frames_quoted_clause(token: Token, text: str, quotes: list[QuoteMark], starts: list[int],
                          made: Attribution) -> bool:
    """'The president mentioned it might be a "nice victory ... it needs to be"': a speech verb with a subject
    whose reported clause holds a quoted clause (a finite verb and its subject inside quote marks) reports it,
    however rare the verb is as a cue; so does one naming something with quoted words ('Doe called it a "discount"').
    """
    subject = _subject(token)
    if token.pos_ != "VERB" or made.kind != "partial" or subject is None or subject.lower_ in RELATIVE_PRONOUNS \
            or made.content[0][0] < token.idx:
        return False
    if token.lemma_.lower() not in SPEECH_VERBS:
        return False
    clauses = [c for c in token.children if c.dep_ in ("ccomp", "oprd") and c.i > token.i]
    if not clauses:
        return False
    k = bisect.bisect_right(starts, token.idx) - 1
    if k >= 0 and quotes[k].end > token.idx:
        return False
    doc = token.doc
    lo = max(made.content[0][0], clauses[0].left_edge.idx)  # the quote opens inside the reported clause
    hi = min(made.content[-1][1], clauses[-1].right_edge.idx + len(clauses[-1].right_edge))
    for quote in quotes[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]:
        inner = doc.char_span(quote.start, min(quote.end, made.content[-1][1]), alignment_mode="contract")
        inside = {t.i for t in inner or ()}
        if any(c.dep_ == "oprd" for c in clauses) or any(
                t.tag_ in FINITE_TAGS and any(c.dep_ in SUBJECT_DEPS and c.i in inside for c in t.children)
                for t in inner or ()):
            return True
    return False
