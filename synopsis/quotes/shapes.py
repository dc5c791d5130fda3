"""Cues that are not verbs: 'according to X', and nouns that govern what they report ('his claim that ...').

Why apart from the verbs: their source and content sit in other places of the parse (the object of
'to'; the noun's owner and its clause or prepositional object).
"""

from __future__ import annotations

from typing import Any

from .attribution import Attribution
from .cues import noun_clause, noun_object, opens_with_that
from .spans import CharSpan, QuoteMark, content_kind, merge_pieces, quote_covering, subtract, subtree_piece, trim

Token = Any


def according_to(token: Token) -> Token | None:
    for child in token.children:
        if child.lower_ == "to" and child.dep_ == "prep":
            return child
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt if nxt is not None and nxt.lower_ == "to" else None


def according(token: Token, text: str, quotes: list[QuoteMark], starts: list[int]) -> Attribution | None:
    """'According to X, ...': the source is the object of 'to', the content the rest of the clause."""
    to = according_to(token)
    if to is None:
        return None
    doc = token.doc
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = trim(text, *subtree_piece(objects[0]))
    phrase_lo = token.i
    phrase_hi = max(objects[0].right_edge.i, to.i)
    cue = (token.idx, to.idx + len(to))
    sent = token.sent
    head = token.head if token.head.i != token.i else token
    while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and head.head.i != head.i:
        head = head.head
    lo, hi = max(head.left_edge.i, sent.start), min(head.right_edge.i, sent.end - 1)
    if lo > phrase_lo:
        lo = phrase_lo
    pieces: list[CharSpan] = []
    if lo < phrase_lo:
        pieces.append((doc[lo].idx, doc[phrase_lo - 1].idx + len(doc[phrase_lo - 1])))
    if phrase_hi < hi:
        pieces.append((doc[phrase_hi + 1].idx, doc[hi].idx + len(doc[hi])))
    pieces = quote_covering(pieces, quotes, starts)
    content = merge_pieces(text, pieces)
    if not content or source[0] >= source[1]:
        return None
    return Attribution(content_kind(content, text, quotes, starts), content, source, cue)


def noun_attribution(token: Token, text: str, quotes: list[QuoteMark], starts: list[int],
                      that_only: bool = False) -> Attribution | None:
    """'his claim that ...', 'Trump's disdain for ...', 'a New York Times report that ...': what the noun governs.

    The owner ('his', 'Trump's'), an agent ('by X', 'from X') or a name compounded with the noun
    ('a New York Times report') is the source; a preposition joins the cue. ``that_only``: the
    word-list rules take only a that-clause.
    """
    clause = noun_clause(token)
    if that_only and (clause is None or not opens_with_that(clause)):
        return None
    prep = noun_object(token) if clause is None else None
    doc = token.doc
    if clause is not None:
        pieces = [subtree_piece(clause)]
        cue_end = token.idx + len(token)
    elif prep is not None:
        obj = next(g for g in prep.children if g.dep_ in ("pobj", "pcomp"))
        pieces = [subtree_piece(obj)]
        cue_end = prep.idx + len(prep)
    else:
        return None
    lo = token.i
    while lo > 0 and doc[lo - 1].dep_ == "amod" and doc[lo - 1].head.i == token.i:
        lo -= 1
    cue = (doc[lo].idx, cue_end)
    source = _noun_owner(token, text)
    content = merge_pieces(text, subtract(subtract(quote_covering(pieces, quotes, starts), cue), source))
    if not content:
        return None
    return Attribution(content_kind(content, text, quotes, starts), content, source, cue)


def _noun_owner(token: Token, text: str) -> CharSpan | None:
    """Who a noun cue belongs to: its possessor, an agent phrase, or a name compounded with it."""
    for child in token.children:
        if child.dep_ == "poss":
            return trim(text, *subtree_piece(child))
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and child.i > token.i:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return trim(text, *subtree_piece(obj))
    names = [c for c in token.children if c.dep_ == "compound" and c.i < token.i and c.ent_type_ in (
        "ORG", "PERSON", "NORP", "GPE")]
    if names:
        doc = token.doc
        first, last = names[0].left_edge, names[-1]
        return trim(text, doc[first.i].idx, last.idx + len(last))
    return None
