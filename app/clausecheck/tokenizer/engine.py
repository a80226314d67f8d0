"""spaCy's tokenization algorithm in plain Python, over rules given as data.

The steps are spaCy's (``spacy/tokenizer.pyx``, v3, MIT licence), step for step, so that the same
rules give the same tokens: split the text at whitespace (a single space after a word belongs to that
word; other whitespace runs are tokens), then split each chunk by special cases, prefixes, suffixes
and infixes, then re-join the special cases that affix splitting cut apart (spaCy's special-case
matcher, with its "faster heuristics"). Whitespace tokens are kept, with their offsets.

Importing spaCy and building its English tokenizer took longer than analysing a two-page contract;
this module needs only ``re``. ``tests/test_tokenizer.py`` checks the tokens are spaCy's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, chain, compress
from operator import is_not
from string import ascii_letters

from ..memo import Memo
from .inert import may_match_within

# a word with the whitespace after it (looked up as one: half as many chunks), or whitespace opening the text
_CHUNK = re.compile(r"\S+\s*|\s+")


class _Dropped(str):
    """The one space after a word, which spaCy gives to that word: not a token, but it counts for offsets."""


_SPACE = _Dropped(" ")
_not_dropped = partial(is_not, _SPACE)
_AFTER_WORD = (_SPACE,)  # the pieces of the usual whitespace after a word


@dataclass(frozen=True)
class Rules:
    """What a tokenizer splits on: patterns (None: never) and special cases (string -> its tokens)."""

    prefix: re.Pattern | None
    suffix: re.Pattern | None
    infix: re.Pattern | None
    url: re.Pattern | None
    special: dict[str, tuple[str, ...]]


class Tokenizer:
    """Tokens of a text as spaCy's Tokenizer with the same rules makes them."""

    def __init__(self, rules: Rules):
        self.rules = rules
        self._prefix: Callable = rules.prefix.search if rules.prefix else _never
        self._suffix: Callable = rules.suffix.search if rules.suffix else _never
        self._infix: Callable = rules.infix.finditer if rules.infix else _no_matches
        self._url: Callable = rules.url.match if rules.url else _never
        self._special = rules.special
        self._cache: dict[str, tuple[str, ...]] = {}
        # whether a word of ASCII letters is its own one token, unless a special case: when no prefix, suffix
        # or infix can match within such a word (read from the patterns), the URL rule has nothing to decide
        self._letters_unsplit = not any(may_match_within(p, ascii_letters)
                                        for p in (rules.prefix, rules.suffix, rules.infix) if p)
        # special cases that affix splitting would cut apart, keyed by their first two pieces
        self._rejoin: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
        for string in sorted(rules.special):
            if self._find_prefix(string) or self._find_suffix(string) or any(True for _ in self._infix(string)) \
                    or " " in string:
                pieces = tuple(filter(_not_dropped, self._rule_pieces(string)))
                if len(pieces) > 1:  # a one-piece special is that piece's own token already
                    if any(c.isspace() for c in string):  # re-joining works within a chunk (_chunk_pieces)
                        raise ValueError(f"special case {string!r} holds whitespace and would be split")
                    self._rejoin.setdefault(pieces[:2], []).append((pieces, string))
        self._rejoin_firsts = frozenset(first for first, _ in self._rejoin)
        # every chunk seen (a word and the whitespace after it) -> its pieces, the dropped space included:
        # a text's chunks are looked up together rather than one by one
        self._pieces_of = Memo(self._chunk_pieces)

    # --- public ------------------------------------------------------------------------------------
    def words(self, text: str) -> list[str]:
        """The tokens' texts, whitespace tokens included."""
        return list(filter(_not_dropped, self._pieces(text)))

    def tokens(self, text: str) -> list[tuple[str, int]]:
        """(token text, character offset) of every token, whitespace tokens included."""
        return list(zip(*self.words_and_offsets(text)))

    def word_tokens(self, word: str) -> tuple[str, ...]:
        """words() of a text holding no whitespace (one chunk, with no dropped space): its pieces, kept."""
        return self._pieces_of[word]

    def words_and_offsets(self, text: str) -> tuple[list[str], list[int]]:
        """tokens() as two lists, the texts and the offsets: a caller reading every token (the
        segmenter) wants the columns, not a tuple per token. An offset is the length of the pieces
        before it, the dropped spaces included."""
        pieces = self._pieces(text)
        kept = list(map(_not_dropped, pieces))
        return list(compress(pieces, kept)), list(compress(accumulate(map(len, pieces), initial=0), kept))

    def remember(self, pieces: dict[str, tuple[str, ...]]) -> None:
        """Take words' pieces worked out before (word -> word_tokens(word) of a tokenizer with these rules,
        e.g. clausecheck.common_words' table): each is kept for the chunk a word is usually looked up as,
        the word and the one space after it (_chunk_pieces: the word's pieces, then the dropped space; no
        special case re-joined spans whitespace). The pieces are taken as given: the caller answers for them."""
        self._pieces_of.update({word + " ": word_pieces + _AFTER_WORD for word, word_pieces in pieces.items()})

    # --- the steps over a whole text at once -------------------------------------------------------------
    def _pieces(self, text: str) -> list[str]:
        """The text cut into its tokens and the dropped spaces after words (which keep the offsets):
        each chunk's pieces, split by the rules and the special cases re-joined (_chunk_pieces), looked
        up once per distinct chunk."""
        return self._text_pieces(text, self._pieces_of.__getitem__, with_special=True)

    def _text_pieces(self, text: str, pieces_of: Callable, with_special: bool) -> list[str]:
        """The pieces of each chunk of the text in turn (`pieces_of` a chunk), but whitespace opening the
        text, which follows no word: all of it is a token."""
        chunks = _CHUNK.findall(text)
        if not chunks:
            return []
        parts = list(map(pieces_of, chunks))
        if chunks[0][0].isspace():
            parts[0] = self._chunk(chunks[0], with_special)
        return list(chain.from_iterable(parts))

    def _chunk_pieces(self, chunk: str) -> tuple[str, ...]:
        """A chunk's pieces: _word_and_space, then _rejoin_specials. Re-joining works within a chunk: the
        special cases it re-joins hold no whitespace (checked when the tokenizer is made), so each place
        one is found lies inside one chunk's word."""
        pieces = self._word_and_space(chunk, with_special=True)
        return self._rejoin_specials(pieces) if self._rejoin else pieces

    def _rule_pieces(self, text: str) -> list[str]:
        """Tokenizer._tokenize_affixes without the special cases: the text between whitespace (one space
        after a word is that word's: a dropped piece), each split by the rules alone (for reading a
        special case's own pieces)."""
        return self._text_pieces(text, partial(self._word_and_space, with_special=False), with_special=False)

    def _word_and_space(self, chunk: str, with_special: bool) -> tuple[str, ...]:
        """The pieces of a word, then of the whitespace after it (spaCy splits them in that order); the
        whitespace opening a text comes without a word."""
        word = chunk.rstrip()  # str.isspace() is re's \s
        space = chunk[len(word):]
        pieces = self._chunk(word, with_special) if word else ()
        if not space:
            return pieces
        return pieces + (_AFTER_WORD if space == " " else self._after_word(space, with_special))

    def _after_word(self, chunk: str, with_special: bool) -> tuple[str, ...]:
        if chunk[0] != " ":
            return self._chunk(chunk, with_special)
        rest = chunk[1:]
        return (_SPACE, *self._chunk(rest, with_special)) if rest else (_SPACE,)

    # --- spaCy's steps ------------------------------------------------------------------------------
    def _find_prefix(self, string: str) -> int:
        m = self._prefix(string)
        return m.end() - m.start() if m else 0

    def _find_suffix(self, string: str) -> int:
        m = self._suffix(string)
        return m.end() - m.start() if m else 0

    def _known(self, string: str) -> tuple[str, ...] | None:
        """Tokenizer._try_specials_and_cache: a special case's tokens, or the string's tokens seen before."""
        hit = self._special.get(string)
        return hit if hit is not None else self._cache.get(string)

    def _unsplit(self, string: str) -> bool:
        """A string the rules leave whole: ASCII letters, when no affix rule can match within them."""
        return self._letters_unsplit and string.isascii() and string.isalpha()

    def _chunk(self, chunk: str, with_special: bool) -> tuple[str, ...]:
        known = self._known(chunk) if with_special else None
        if known is not None:
            return known
        if self._unsplit(chunk):  # what _split_affixes and _attach would find
            return (chunk,)
        prefixes: list[str] = []
        suffixes: list[str] = []
        rest = self._split_affixes(chunk, prefixes, suffixes, with_special)
        pieces = tuple(prefixes) + self._attach(rest, with_special) + tuple(reversed(suffixes))
        if with_special:
            self._cache[chunk] = pieces
        return pieces

    def _split_affixes(self, string: str, prefixes: list[str], suffixes: list[str], with_special: bool) -> str:
        special = self._special if with_special else {}
        last_size = -1
        while string and len(string) != last_size:
            if string in special or self._unsplit(string):
                break
            last_size = len(string)
            pre_len = self._find_prefix(string)
            if pre_len:
                prefix, minus_pre = string[:pre_len], string[pre_len:]
                if minus_pre and minus_pre in special:
                    prefixes.append(prefix)
                    return minus_pre
            suf_len = self._find_suffix(string[pre_len:])
            if suf_len:
                suffix, minus_suf = string[-suf_len:], string[:-suf_len]
                if minus_suf and minus_suf in special:
                    suffixes.append(suffix)
                    return minus_suf
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        return string

    def _attach(self, string: str, with_special: bool) -> tuple[str, ...]:
        if not string:
            return ()
        known = self._known(string) if with_special else None
        if known is not None:
            return known
        if self._unsplit(string):
            return (string,)
        if self._url(string):
            return (string,)
        matches = list(self._infix(string))
        if not matches:
            return (string,)
        out = []
        start = 0
        for m in matches:
            infix_start, infix_end = m.start(), m.end()
            if infix_start == 0:
                continue
            if infix_start != start:
                out.append(string[start:infix_start])
            if infix_start != infix_end:
                out.append(string[infix_start:infix_end])
            start = infix_end
        if string[start:]:
            out.append(string[start:])
        return tuple(out)

    def _rejoin_specials(self, pieces: tuple[str, ...]) -> tuple[str, ...]:
        """Tokenizer._apply_special_cases, in one chunk: where a special case's pieces stand next to each
        other, its own tokens replace them (longest first, then the earlier start; no overlaps). Looked for
        where its first two pieces stand side by side (and only in a chunk holding a first piece)."""
        if self._rejoin_firsts.isdisjoint(pieces):
            return pieces
        rejoin = self._rejoin
        found = [(len(parts), k, string)
                 for k, pair in enumerate(zip(pieces, pieces[1:])) if pair in rejoin
                 for parts, string in rejoin[pair] if pieces[k:k + len(parts)] == parts]
        if not found:
            return pieces
        seen: set[int] = set()
        kept = []
        for n, k, string in sorted(found, key=lambda f: (-f[0], f[1])):
            if k not in seen and k + n - 1 not in seen:
                kept.append((k, n, string))
            seen.update(range(k, k + n))
        out: list[str] = []
        done = 0
        for k, n, string in sorted(kept):
            out.extend(pieces[done:k])
            out.extend(self._special[string])  # its tokens make up its text, as the pieces they replace do
            done = k + n
        out.extend(pieces[done:])
        return tuple(out)


def _never(_string: str) -> None:
    return None


def _no_matches(_string: str):
    return iter(())
