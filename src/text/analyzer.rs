//! The analyzer: UAX #29 words, normalised and stemmed.
//!
//! Steps, in order, for each word boundary segment that holds a letter or digit:
//! NFKC, lower case, diacritics and invisible characters removed (`Océan` → `ocean`,
//! `inter\u{ad}national` → `international`), dots removed from abbreviations (`U.S.` →
//! `us`), digit group commas removed, English possessives and punctuation at either end
//! dropped (`China’s` → `china`), apostrophe variants inside the word folded to `'`, then
//! English Snowball stemming (`launching` → `launch`). Hyphens and dashes of every kind
//! separate words, so `Chang'e-4`, `Chang’e 4` and `chang'e 4` all become `chang'e` `4`.
//!
//! Normalising a normalised word changes nothing, and its result is one word again, so
//! analysing text made of normalised words gives the same terms (`tests/properties/`).
//! Stems are not fixed points (`chinese` → `chines` → `chine`): terms are never analysed
//! a second time.

use std::cell::{RefCell, RefMut};
use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

use super::fold::is_apostrophe;

/// One analysed word: its term, its position in the token stream and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The normalised, stemmed term as stored in the index.
    pub term: String,
    /// Position in the token stream (0-based, consecutive).
    pub position: u32,
    /// Byte range of the original word in the analysed text.
    pub span: Range<usize>,
}

/// Most lines the table grows to: 2 segments per line, 131,072 in all (4 MiB).
const TERM_TABLE_LINES: usize = 1 << 16;

/// Lines of a new table (64 KiB): enough for a search, which analyses a few queries and
/// snippets; a thread that keeps meeting new words grows it to [`TERM_TABLE_LINES`].
const FIRST_TERM_TABLE_LINES: usize = 1 << 10;

/// Size of a huge page on x86-64 and arm64 Linux.
const HUGE_PAGE: usize = 2 << 20;

/// Asks Linux to back `slots` (which starts on a huge page's boundary) with huge pages.
/// The term table is read at random: with 4 KiB pages, most lookups in a full table also
/// miss the processor's address cache (TLB), and its two huge pages fit there. Only
/// advice: where transparent huge pages are off, nothing changes.
fn advise_huge_pages(slots: &[u128]) {
    #[cfg(target_os = "linux")]
    // SAFETY: madvise only gives the kernel a hint about memory this slice owns; it
    // neither reads nor changes what is in it, and `slots` starts on a page boundary.
    unsafe {
        libc::madvise(
            slots.as_ptr().cast_mut().cast(),
            std::mem::size_of_val(slots),
            libc::MADV_HUGEPAGE,
        );
    }
    #[cfg(not(target_os = "linux"))]
    let _ = slots;
}

/// How many segments ahead of the one being looked up its table line is fetched.
const LOOKAHEAD: usize = 8;

thread_local! {
    /// Word segment → term, for the segments of this thread's texts.
    static TERMS: RefCell<TermTable> = RefCell::new(TermTable::default());
}

/// Word segment → term: one lookup instead of normalising and stemming every word.
///
/// A two-way set-associative table. Each 64-byte cache line holds two segments of up to
/// 15 bytes and their terms, the more recently used first, so a lookup reads one line. A
/// corpus has far more distinct words than a processor core's own cache holds, so
/// [`Analyzer::for_each`] asks for a segment's line [`LOOKAHEAD`] words before it needs
/// it, and waits for memory once in a while rather than once per word.
///
/// Entries are `u128`s: bytes in order, zero-padded, the length in the top byte. Key 0
/// (length 0) marks an empty slot.
///
/// A thread's table starts small and is replaced by one four times larger (and empty:
/// it only remembers) once it has taken twice as many new segments as it has lines, up
/// to [`TERM_TABLE_LINES`]. Replacing happens only between texts, so line indices
/// computed for a text stay valid while it is analysed.
#[derive(Default)]
struct TermTable {
    /// `[key, term, key, term]` per line, from `first` on; the allocation is one line
    /// longer than needed so that `first` can start on a 64-byte boundary.
    slots: Vec<u128>,
    first: usize,
    /// Number of lines (a power of two).
    lines: usize,
    /// Segments put since the table was made.
    puts: usize,
}

impl TermTable {
    /// Makes the table, or a larger one when this one is full of words; called before
    /// each text.
    fn ready(&mut self) {
        let lines = if self.lines == 0 {
            FIRST_TERM_TABLE_LINES
        } else if self.puts >= 2 * self.lines && self.lines < TERM_TABLE_LINES {
            self.lines * 4
        } else {
            return;
        };
        // Lines start on a 64-byte boundary; a table of huge pages' size or more starts
        // on a huge page's boundary and asks for them.
        let bytes = lines * 64;
        let align = if cfg!(target_os = "linux") && bytes >= HUGE_PAGE {
            HUGE_PAGE
        } else {
            64
        };
        // Zeroed memory: pages are touched only as lines are used.
        let old = std::mem::replace(&mut self.slots, vec![0; (bytes + align) / 16]);
        let old_first = self.first;
        let start = self.slots.as_ptr() as usize;
        self.first = (align - start % align) % align / 16;
        self.lines = lines;
        if align == HUGE_PAGE {
            advise_huge_pages(&self.slots[self.first..self.first + lines * 4]);
        }
        // What the smaller table learnt moves over, older entries first so that each
        // line keeps its most recent one in front.
        for entry in [2, 0] {
            for line in old.get(old_first..).unwrap_or_default().chunks_exact(4) {
                let (key, term) = (line[entry], line[entry + 1]);
                if key != 0 {
                    let at = self.line_of(key);
                    self.put(at, key, term);
                }
            }
        }
        self.puts = 0;
    }

    /// The index in `slots` of the line that may hold `key`.
    #[inline]
    fn line_of(&self, key: u128) -> usize {
        // A folded multiply of the two halves (as in foldhash / wyhash).
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        let m = u128::from(lo ^ 0x243f_6a88_85a3_08d3) * u128::from(hi ^ 0x1319_8a2e_0370_7344);
        let hash = (m as u64) ^ ((m >> 64) as u64);
        self.first + (hash as usize & (self.lines - 1)) * 4
    }

    /// Asks the processor to start reading the line at `at`.
    #[inline]
    fn prefetch(&self, at: usize) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: SSE is part of x86_64, and a prefetch only hints; it reads nothing and
        // cannot fault (the address is inside `slots` anyway).
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                self.slots[at..].as_ptr().cast(),
            );
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = at;
    }

    /// The term remembered for `key` in the line at `at`.
    #[inline]
    fn get(&mut self, at: usize, key: u128) -> Option<u128> {
        let line = &mut self.slots[at..at + 4];
        if line[0] == key {
            return Some(line[1]);
        }
        if line[2] == key {
            // Most recently used first.
            line.swap(0, 2);
            line.swap(1, 3);
            return Some(line[1]);
        }
        None
    }

    /// Remembers `term` for `key` in the line at `at`, forgetting the line's older entry.
    fn put(&mut self, at: usize, key: u128, term: u128) {
        self.puts += 1;
        let line = &mut self.slots[at..at + 4];
        line[2] = line[0];
        line[3] = line[1];
        line[0] = key;
        line[1] = term;
    }
}

/// `s` as a table entry, when it has 15 bytes or fewer.
fn pack(s: &str) -> Option<u128> {
    let s = s.as_bytes();
    let len = s.len();
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
    let half = |b: &[u8]| u64::from(u32::from_le_bytes(b.try_into().unwrap_or_default()));
    // Overlapping reads of the first and last bytes: the bytes both read are the same,
    // so or-ing the shifted reads puts each byte in its place.
    let (lo, hi) = match len {
        0 => (0, 0),
        1..=3 => (s.iter().rev().fold(0, |acc, &b| acc << 8 | u64::from(b)), 0),
        4..=7 => (half(&s[..4]) | half(&s[len - 4..]) << ((len - 4) * 8), 0),
        8 => (word(s), 0),
        9..=15 => (word(&s[..8]), word(&s[len - 8..]) >> ((16 - len) * 8)),
        _ => return None,
    };
    Some(u128::from(lo) | u128::from(hi) << 64 | (len as u128) << 120)
}

/// `text[start..end]` as a table entry, when it has 15 bytes or fewer: one 16-byte read
/// and a mask when the text has 16 bytes from `start` on, else [`pack`].
#[inline]
fn pack_at(text: &str, start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    if len > 15 {
        return None;
    }
    match text.as_bytes().get(start..start + 16) {
        Some(sixteen) => {
            let read = u128::from_le_bytes(sixteen.try_into().unwrap_or_default());
            let mask = (1u128 << (len * 8)) - 1;
            Some(read & mask | (len as u128) << 120)
        }
        None => pack(&text[start..end]),
    }
}

/// The string of a table entry, from the entry's bytes (`u128::to_le_bytes`).
#[inline]
fn entry_str(bytes: &[u8; 16]) -> &str {
    // Little-endian: the string's bytes in order, then the length in the top byte.
    let bytes = &bytes[..usize::from(bytes[15])];
    // SAFETY: every entry in the table was made by `pack` from a whole `&str` (or is
    // zero, the empty string), so its first `len` bytes are that string, valid UTF-8.
    unsafe { std::str::from_utf8_unchecked(bytes) }
}

/// A word segment waiting for its table line.
#[derive(Clone, Copy, Default)]
struct Pending {
    start: usize,
    end: usize,
    /// Its key and the index of its line; `None` when the table cannot hold it (too
    /// long) or there is no table.
    slot: Option<(u128, usize)>,
}

/// A token's term as [`Analyzer::for_each_term`] hands it over.
enum Term<'a> {
    /// A table entry (see [`TermTable`]), with a non-zero length.
    Entry(u128),
    /// A term worked out just now.
    Str(&'a str),
}

/// Whether a word segment holds a letter or digit, so has a term.
#[inline]
fn has_word_char(segment: &str) -> bool {
    segment
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphanumeric)
        || segment.chars().any(char::is_alphanumeric)
}

/// The term of one word segment (empty when it has none), into `word`.
fn term_into(segment: &str, word: &mut String) {
    normalize_word(segment, word);
    stem_into(word);
}

/// The digest analyzer. Cheap to clone; holds no per-text state.
#[derive(Clone, Copy, Debug, Default)]
pub struct Analyzer;

impl Analyzer {
    /// Calls `f` for every token of `text`, in order.
    pub fn for_each(&self, text: &str, mut f: impl FnMut(&str, u32, Range<usize>)) {
        let mut position = 0u32;
        self.for_each_term(text, |term, span| {
            let bytes;
            let term = match term {
                Term::Entry(entry) => {
                    bytes = entry.to_le_bytes();
                    entry_str(&bytes)
                }
                Term::Str(s) => s,
            };
            f(term, position, span);
            position += 1;
        });
    }

    /// Calls `f` with the term (never empty) and byte range of every token of `text`, in
    /// order; a remembered term comes as its table entry.
    fn for_each_term(&self, text: &str, mut f: impl FnMut(Term<'_>, Range<usize>)) {
        TERMS.with(|table| {
            // Busy only when `f` analyses another text: that one goes without the table.
            let mut table = table.try_borrow_mut().ok();
            if let Some(t) = table.as_mut() {
                t.ready();
            }
            let mut word = String::new();
            // The term of one segment: remembered, or worked out and remembered.
            let mut emit = |table: &mut Option<RefMut<'_, TermTable>>, s: Pending| {
                let mut table = table.as_mut().zip(s.slot);
                let remembered = table.as_mut().and_then(|(t, (key, at))| t.get(*at, *key));
                match (remembered, table) {
                    (Some(entry), _) => {
                        // The length byte: 0 for a segment without a term.
                        if entry >> 120 != 0 {
                            f(Term::Entry(entry), s.start..s.end);
                        }
                    }
                    (None, table) => {
                        term_into(&text[s.start..s.end], &mut word);
                        if let (Some((t, (key, at))), Some(term)) = (table, pack(&word)) {
                            t.put(at, key, term);
                        }
                        if !word.is_empty() {
                            f(Term::Str(&word), s.start..s.end);
                        }
                    }
                }
            };
            // Segments whose table line is on its way, oldest at `done % LOOKAHEAD`.
            let mut ahead = [Pending::default(); LOOKAHEAD];
            let (mut queued, mut done) = (0usize, 0usize);
            for_each_word(text, &mut |start, segment| {
                if !has_word_char(segment) {
                    return;
                }
                let end = start + segment.len();
                let slot = table
                    .as_ref()
                    .zip(pack_at(text, start, end))
                    .map(|(t, key)| {
                        let at = t.line_of(key);
                        t.prefetch(at);
                        (key, at)
                    });
                let pending = Pending { start, end, slot };
                if queued - done == LOOKAHEAD {
                    emit(&mut table, ahead[done % LOOKAHEAD]);
                    done += 1;
                }
                ahead[queued % LOOKAHEAD] = pending;
                queued += 1;
            });
            while done < queued {
                emit(&mut table, ahead[done % LOOKAHEAD]);
                done += 1;
            }
        });
    }

    /// All tokens of `text`.
    pub fn tokens(&self, text: &str) -> Vec<AnalyzedToken> {
        let mut out = Vec::new();
        self.for_each(text, |term, position, span| {
            out.push(AnalyzedToken {
                term: term.to_string(),
                position,
                span,
            })
        });
        out
    }

    /// Only the terms of `text`, in order.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each(text, |term, _, _| out.push(term.to_string()));
        out
    }
}

/// The analysed tokens of a text, their terms kept in one buffer rather than one
/// allocation per token. Token `i` has position `i`. Twelve bytes per token besides the
/// term: ingest keeps these for every article waiting to be indexed. Offsets are 32-bit:
/// texts are far below 4 GB (the readers' size limits).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysed {
    buf: String,
    /// Per token: end of its term in `buf` (the term starts where the previous one
    /// ends), and its byte range in the text.
    tokens: Vec<[u32; 3]>,
}

impl Analysed {
    /// Analyses `text`.
    pub fn of(text: &str) -> Analysed {
        let mut buf = Vec::with_capacity(text.len() + 16);
        let mut tokens = Vec::with_capacity(text.len() / 6);
        Analyzer.for_each_term(text, |term, span| {
            match term {
                Term::Entry(entry) => {
                    // All 16 bytes go in (one store rather than a copy of `len` bytes);
                    // the length then cuts off the padding and the length byte.
                    let len = (entry >> 120) as usize;
                    let at = buf.len();
                    buf.extend_from_slice(&entry.to_le_bytes());
                    buf.truncate(at + len);
                }
                Term::Str(s) => buf.extend_from_slice(s.as_bytes()),
            }
            tokens.push([buf.len() as u32, span.start as u32, span.end as u32]);
        });
        // Every term is a whole `&str` or the first `len` bytes of an entry made from one.
        let buf = String::from_utf8(buf).unwrap_or_default();
        Analysed { buf, tokens }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether the text had no words.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The term of token `i`.
    pub fn term(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.tokens[i - 1][0] };
        &self.buf[start as usize..self.tokens[i][0] as usize]
    }

    /// Byte range of token `i` in the analysed text.
    pub fn span(&self, i: usize) -> Range<usize> {
        let [_, start, end] = self.tokens[i];
        start as usize..end as usize
    }
}

/// Calls `f` with every UAX #29 word segment of `text` that may hold a word, in order.
///
/// White space always separates words, so the text is cut at ASCII white space into
/// pieces. Pieces that are pure ASCII (most of an English article) follow the rules of
/// UAX #29 restricted to ASCII: 64 bytes at a time through [`AsciiWindow`] where the
/// processor allows, else through [`ascii_words`]. Other pieces go through
/// unicode-segmentation. Tests check all paths give the words UAX #29 gives.
fn for_each_word(text: &str, f: &mut impl FnMut(usize, &str)) {
    let bytes = text.as_bytes();
    // Always at white space or at the start of a piece.
    let mut i = 0;
    while i < bytes.len() {
        if let Some(window) = bytes
            .get(i..i + 64)
            .and_then(|w| w.try_into().ok())
            .and_then(AsciiWindow::of)
            && let Some(end) = window.whole_pieces()
        {
            window.words(end, |s, e| f(i + s, &text[i + s..i + e]));
            // `end` is white space.
            i += end + 1;
            continue;
        }
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut ascii = true;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            ascii &= bytes[i].is_ascii();
            i += 1;
        }
        let piece = &text[start..i];
        if ascii {
            ascii_words(piece, |s, e| f(start + s, &piece[s..e]));
        } else {
            for (at, segment) in piece.split_word_bound_indices() {
                f(start + at, segment);
            }
        }
    }
}

/// 64 bytes of text as bit masks (bit `k` for byte `k`), for finding ASCII words without
/// a branch per byte: the words are the runs of set bits in [`AsciiWindow::word`].
struct AsciiWindow {
    /// ASCII white space.
    space: u64,
    /// Bytes of non-ASCII characters.
    high: u64,
    /// Bytes that belong to a word if their piece is ASCII: letters, digits, `_`, and
    /// `.` `'` `:` between two letters or `.` `'` `,` `;` between two digits.
    word: u64,
}

impl AsciiWindow {
    /// The masks of `window`; `None` where there is no fast way to make them.
    #[cfg(target_arch = "x86_64")]
    #[inline]
    fn of(window: &[u8; 64]) -> Option<AsciiWindow> {
        use std::arch::x86_64::{
            __m128i, _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
            _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        };
        let (mut space, mut high, mut letter, mut digit, mut word) = (0u64, 0, 0, 0, 0);
        let (mut mid_letter, mut mid_digit) = (0u64, 0);
        for q in 0..4 {
            // SAFETY: SSE2 is part of x86_64, so its intrinsics are always available;
            // `window` is 64 bytes long, so the 16 loaded from `q * 16` are inside it, and an
            // unaligned load has no alignment requirement.
            unsafe {
                let x = _mm_loadu_si128(window.as_ptr().add(q * 16).cast::<__m128i>());
                let is = |c: u8| _mm_cmpeq_epi8(x, _mm_set1_epi8(c as i8));
                // `lo..=hi`: shifted so the range starts at -128, then one signed compare.
                let within = |v: __m128i, lo: u8, hi: u8| {
                    let shifted = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8));
                    let limit = _mm_set1_epi8(0x80u8.wrapping_add(hi - lo + 1) as i8);
                    _mm_cmplt_epi8(shifted, limit)
                };
                let letters = within(_mm_or_si128(x, _mm_set1_epi8(0x20)), b'a', b'z');
                let digits = within(x, b'0', b'9');
                let words = _mm_or_si128(_mm_or_si128(letters, digits), is(b'_'));
                // `u8::is_ascii_whitespace`: space, \t, \n, \x0C, \r.
                let spaces = _mm_or_si128(
                    _mm_or_si128(is(b' '), is(b'\n')),
                    _mm_or_si128(_mm_or_si128(is(b'\t'), is(b'\r')), is(0x0c)),
                );
                let dot_or_quote = _mm_or_si128(is(b'.'), is(b'\''));
                let between_letters = _mm_or_si128(dot_or_quote, is(b':'));
                let between_digits = _mm_or_si128(dot_or_quote, _mm_or_si128(is(b','), is(b';')));
                let bits = |v: __m128i| u64::from(_mm_movemask_epi8(v) as u16) << (q * 16);
                space |= bits(spaces);
                high |= bits(x);
                letter |= bits(letters);
                digit |= bits(digits);
                word |= bits(words);
                mid_letter |= bits(between_letters);
                mid_digit |= bits(between_digits);
            }
        }
        // A joiner needs its neighbours on both sides inside the window; those at the
        // edges are never used (see `whole_pieces`).
        let joins =
            (mid_letter & letter << 1 & letter >> 1) | (mid_digit & digit << 1 & digit >> 1);
        Some(AsciiWindow {
            space,
            high,
            word: word | joins,
        })
    }

    /// No fast masks on other processors: every piece goes the byte-by-byte way.
    #[cfg(not(target_arch = "x86_64"))]
    #[inline]
    fn of(_window: &[u8; 64]) -> Option<AsciiWindow> {
        None
    }

    /// The last white space before the first non-ASCII byte, if any: the bytes before it
    /// are whole pieces (the window starts at white space or a piece's start), all ASCII.
    #[inline]
    fn whole_pieces(&self) -> Option<usize> {
        let before_high = match self.high {
            0 => u64::MAX,
            h => (1u64 << h.trailing_zeros()) - 1,
        };
        let space = self.space & before_high;
        (space != 0).then(|| 63 - space.leading_zeros() as usize)
    }

    /// Calls `f(start, end)` for every word before `end`, which is white space.
    #[inline]
    fn words(&self, end: usize, mut f: impl FnMut(usize, usize)) {
        let mut m = self.word & ((1u64 << end) - 1);
        while m != 0 {
            let start = m.trailing_zeros() as usize;
            let len = (!(m >> start)).trailing_zeros() as usize;
            f(start, start + len);
            // `len` < 64: the word ends before the white space at `end`.
            m &= !(((1u64 << len) - 1) << start);
        }
    }
}

/// UAX #29 word boundaries for ASCII text without white space: letters, digits and `_`
/// join; `.` `'` `:` join two letters; `.` `'` `,` `;` join two digits.
fn ascii_words(piece: &str, mut f: impl FnMut(usize, usize)) {
    let b = piece.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < b.len() {
        if !word(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        loop {
            if i < b.len() && word(b[i]) {
                i += 1;
            } else if i + 1 < b.len() {
                let (prev, mid, next) = (b[i - 1], b[i], b[i + 1]);
                let letters = prev.is_ascii_alphabetic() && next.is_ascii_alphabetic();
                let digits = prev.is_ascii_digit() && next.is_ascii_digit();
                if (letters && matches!(mid, b'.' | b'\'' | b':'))
                    || (digits && matches!(mid, b'.' | b'\'' | b',' | b';'))
                {
                    i += 2;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        f(start, i);
    }
}

/// Unicode's default ignorable code points (DerivedCoreProperties.txt) but the zero
/// width joiner: invisible characters such as U+00AD SOFT HYPHEN, U+200C ZERO WIDTH
/// NON-JOINER, U+2060 WORD JOINER, bidi controls, variation selectors and tags. The
/// joiner stays: before a pictograph it makes one word of what is on both sides (UAX #29
/// WB3c), and without it the word would fall apart when analysed again.
fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200c}' | '\u{200e}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
        | '\u{ffa0}' | '\u{fff0}'..='\u{fff8}' | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}' | '\u{e0000}'..='\u{e0fff}')
}

/// Whether an apostrophe variant between `prev` and `next` inside a word becomes `'`:
/// only where `'` joins words too, between two letters or two digits. U+02BC (ʼ) is a
/// letter, so `a0ʼb` is one word; as `a0'b` it would be two when analysed again.
fn apostrophe_joins(prev: Option<char>, next: Option<char>) -> bool {
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && !is_apostrophe(c));
    let digit = |c: Option<char>| c.is_some_and(char::is_numeric);
    (letter(prev) && letter(next)) || (digit(prev) && digit(next))
}

/// Normalises one word segment (no stemming) into `out`. `out` is empty when nothing is
/// left (a lone apostrophe, for instance). Normalising a normalised word changes nothing.
pub fn normalize_word(segment: &str, out: &mut String) {
    out.clear();
    let ascii = segment.is_ascii();
    if ascii {
        out.extend(segment.chars().map(|c| {
            if c == '`' {
                '\''
            } else {
                c.to_ascii_lowercase()
            }
        }));
    } else {
        out.extend(
            segment
                .nfkc()
                .flat_map(char::to_lowercase)
                .nfd()
                // Compatibility forms of spacing marks decompose to a space and a
                // combining mark (`ﹲ` → ` ٌ`): neither belongs in a term. Nor do
                // invisible characters that words carry along (a soft hyphen, a word
                // joiner): `inter\u{ad}national` is `international`.
                .filter(|&c| !is_combining_mark(c) && !c.is_whitespace() && !is_ignorable(c)),
        );
    }
    let has_digit = out.bytes().any(|b| b.is_ascii_digit());
    if has_digit {
        // "1,000" → "1000"; "3.5" keeps its point.
        if out.contains(',') {
            out.retain(|c| c != ',');
        }
    } else if out.contains('.') {
        // "u.s" → "us"
        out.retain(|c| c != '.');
    }
    // Possessives ("china's" → "china", "countries'" → "countries") and whatever else
    // cannot start or end a word go: apostrophes, and what normalising left at an edge
    // (a skin tone modifier once the `ʼ` before it is gone, a `:` once the invisible
    // filler before it is).
    fn edge(c: char) -> bool {
        (!c.is_alphanumeric() && c != '_') || is_apostrophe(c)
    }
    loop {
        let mut end = out.chars().rev();
        match (end.next(), end.next()) {
            (Some('s'), Some(a)) if is_apostrophe(a) => out.truncate(out.len() - 1 - a.len_utf8()),
            (Some(c), _) if edge(c) => {
                out.pop();
            }
            _ => break,
        }
    }
    let lead = out.len() - out.trim_start_matches(edge).len();
    out.drain(..lead);
    if !ascii {
        // Apostrophe variants inside the word become `'` where `'` joins too.
        if out.chars().any(is_apostrophe) {
            let chars: Vec<char> = out.chars().collect();
            out.clear();
            for (i, &c) in chars.iter().enumerate() {
                let prev = i.checked_sub(1).map(|p| chars[p]);
                let joins = is_apostrophe(c) && apostrophe_joins(prev, chars.get(i + 1).copied());
                out.push(if joins { '\'' } else { c });
            }
        }
        // A segment whose only letters were marks (`!` and a Kharoshthi vowel sign)
        // leaves punctuation alone: no term.
        if !out.chars().any(char::is_alphanumeric) {
            out.clear();
        }
    }
}

fn stem_into(word: &mut String) {
    // Stemming only makes sense for alphabetic English-looking words.
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
        return;
    }
    if let std::borrow::Cow::Owned(stem) = stemmer().stem(word) {
        *word = stem;
    }
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: std::sync::OnceLock<Stemmer> = std::sync::OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(s: &str) -> Vec<String> {
        Analyzer.terms(s)
    }

    #[test]
    fn apostrophe_and_dash_variants_agree() {
        let a = terms("Chang’e 4");
        assert_eq!(a, terms("Chang'e-4"));
        assert_eq!(a, terms("chang'e 4"));
        assert_eq!(a, terms("CHANG‘E–4"));
        assert_eq!(a.len(), 2);
        assert_ne!(
            a[0],
            terms("change")[0],
            "Chang'e must not collapse into 'change'"
        );
    }

    #[test]
    fn diacritics_case_and_nfkc() {
        assert_eq!(terms("Océan"), terms("ocean"));
        assert_eq!(terms("ＯＣＥＡＮ"), terms("ocean"));
    }

    #[test]
    fn possessives_and_stemming() {
        assert_eq!(terms("China’s"), terms("china"));
        assert_eq!(terms("countries’"), terms("countries"));
        assert_eq!(terms("launching"), terms("launched"));
        assert_eq!(terms("U.S.-led"), vec!["us".to_string(), "led".to_string()]);
        assert_eq!(terms("U.S."), terms("US"));
    }

    #[test]
    fn remembered_terms_are_the_terms() {
        let text = "Launching LAUNCHING launching Océan OCÉAN China’s China's \
                    internationalization-internationalizations supercalifragilisticexpialidocious's";
        // A fresh thread starts with nothing remembered.
        let cold = std::thread::spawn(move || terms(text)).join().unwrap();
        let warm = terms(text);
        assert_eq!(cold, warm);
        assert_eq!(warm[0], warm[1]);
        assert_eq!(warm[3], warm[4]);
        assert_eq!(warm[5], warm[6]);
        assert_eq!(warm[9], "supercalifragilisticexpialidoci");
    }

    #[test]
    fn a_segment_packed_in_place_is_the_segment_packed() {
        // Segments in the middle (one 16-byte read) and near the end (copied).
        let text = "Océan’s launch — 1,000 km, U.S.-led; internationalization";
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &start in &bounds {
            for &end in bounds.iter().filter(|&&e| e > start) {
                assert_eq!(
                    pack_at(text, start, end),
                    pack(&text[start..end]),
                    "{:?}",
                    &text[start..end]
                );
            }
        }
    }

    #[test]
    fn analysed_terms_are_the_same_with_and_without_the_table() {
        let text = "Russia’s Roscosmos and China’s CNSA signed the ILRS memorandum on \
                    9 March; launching, launched, LAUNCHES. Océan, OCÉAN and ocean. \
                    Chang’e-4 landed; internationalization-internationalizations ends here";
        let cold = std::thread::spawn(move || Analysed::of(text))
            .join()
            .unwrap();
        // Analysed twice in this thread: the second time every term is remembered.
        let _ = Analysed::of(text);
        let warm = Analysed::of(text);
        assert_eq!(cold, warm);
        let tokens = Analyzer.tokens(text);
        assert_eq!(warm.len(), tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            assert_eq!(
                (warm.term(i), warm.span(i)),
                (t.term.as_str(), t.span.clone())
            );
        }
        assert_eq!(warm.term(0), "russia");
        assert_eq!(warm.term(warm.len() - 1), "here");
    }

    #[test]
    fn entries_hold_every_length_and_keep_strings_apart() {
        let text = "abcdefghijklmnoé";
        let mut seen = std::collections::HashSet::new();
        for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            let s = &text[..end];
            let Some(entry) = pack(s) else {
                assert!(s.len() > 15, "{s:?} fits");
                continue;
            };
            assert_eq!(entry_str(&entry.to_le_bytes()), s);
            assert!(seen.insert(entry), "{s:?} collides");
        }
        assert_eq!(seen.len(), 16, "lengths 0 to 15; with the é it is 17 bytes");
        assert_ne!(pack("a\0"), pack("a"));
    }

    #[test]
    fn the_table_keeps_the_two_latest_segments_of_a_line() {
        let mut table = TermTable::default();
        table.ready();
        let [a, b, c] = ["one", "two", "three"].map(|s| pack(s).unwrap());
        let line = table.line_of(a);
        table.put(line, a, b);
        table.put(line, b, c);
        assert_eq!(table.get(line, a), Some(b));
        assert_eq!(table.get(line, b), Some(c));
        // `b` was used last, so `a` goes when a third key arrives.
        table.put(line, c, a);
        assert_eq!(table.get(line, a), None);
        assert_eq!(table.get(line, b), Some(c));
        assert_eq!(table.get(line, c), Some(a));
    }

    #[test]
    fn the_table_grows_between_texts_and_keeps_answering() {
        let words: String = (0..5000).map(|i| format!("Launching{i}s ")).collect();
        let (first, again, lines) = std::thread::spawn(move || {
            let first = terms(&words);
            let lines = TERMS.with(|t| t.borrow().lines);
            assert_eq!(
                lines, FIRST_TERM_TABLE_LINES,
                "a text is analysed with one table"
            );
            let again = terms(&words);
            (first, again, TERMS.with(|t| t.borrow().lines))
        })
        .join()
        .unwrap();
        assert_eq!(lines, 4 * FIRST_TERM_TABLE_LINES);
        assert_eq!(first, again);
        assert_eq!(first[7], "launching7s");
    }

    #[test]
    fn a_full_size_table_starts_on_a_huge_page() {
        let mut t = TermTable::default();
        while t.lines < TERM_TABLE_LINES {
            t.puts = 2 * t.lines;
            t.ready();
            let start = t.slots.as_ptr() as usize + t.first * 16;
            assert_eq!(start % 64, 0);
            assert!(t.slots.len() >= t.first + t.lines * 4);
        }
        let start = t.slots.as_ptr() as usize + t.first * 16;
        if cfg!(target_os = "linux") {
            assert_eq!(start % HUGE_PAGE, 0);
        }
    }

    #[test]
    fn a_growing_table_keeps_what_it_learnt() {
        let remembered = |word: &str| {
            TERMS.with(|t| {
                let mut t = t.borrow_mut();
                let key = pack(word).unwrap();
                let at = t.line_of(key);
                t.get(at, key).is_some()
            })
        };
        let grown = std::thread::spawn(move || {
            let words: String = (0..3000).map(|i| format!("w{i}x ")).collect();
            terms(&words);
            assert_eq!(TERMS.with(|t| t.borrow().lines), FIRST_TERM_TABLE_LINES);
            // The last words put are in the table; the next text grows it.
            let kept: Vec<String> = (2990..3000)
                .map(|i| format!("w{i}x"))
                .filter(|w| remembered(w))
                .collect();
            assert!(!kept.is_empty());
            terms("next");
            assert_eq!(TERMS.with(|t| t.borrow().lines), 4 * FIRST_TERM_TABLE_LINES);
            kept.iter().all(|w| remembered(w))
        })
        .join()
        .unwrap();
        assert!(
            grown,
            "words remembered before the table grew are remembered after"
        );
    }

    #[test]
    fn a_text_analysed_while_another_is_gives_the_same_terms() {
        let inner = "Launching Chang’e-4 from the U.S. coast";
        let mut nested = Vec::new();
        Analyzer.for_each("outer words", |_, _, _| nested.push(terms(inner)));
        assert_eq!(nested, vec![terms(inner); 2]);
    }

    /// The ASCII fast path finds exactly the words UAX #29 finds.
    #[test]
    fn ascii_fast_path_agrees_with_uax29() {
        let mut samples: Vec<String> = crate::bundled::ARTICLES
            .iter()
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        samples.push(
            "U.S.-led 3.5 1,000 a:b don't x_y a..b 3,b e.g. 'quoted' -- 9/11 a.1 1.a _a a_ \
             1;2 a;b a,b 1:2 b'' ''b ...x Mr.Smith O'Neil's 3'4 end. (wow) [x]{y} a-b"
                .to_string(),
        );
        for text in samples {
            let mut fast = Vec::new();
            for_each_word(&text, &mut |at, seg: &str| {
                if seg.chars().any(char::is_alphanumeric) {
                    fast.push((at, seg.to_string()));
                }
            });
            let slow: Vec<(usize, String)> = text
                .split_word_bound_indices()
                .filter(|(_, seg)| seg.chars().any(char::is_alphanumeric))
                .map(|(at, seg)| (at, seg.to_string()))
                .collect();
            assert_eq!(fast, slow);
        }
    }

    /// `(start, length)` of every word segment UAX #29 finds.
    fn uax29_words(text: &str) -> Vec<(usize, usize)> {
        text.split_word_bound_indices()
            .filter(|(_, seg)| seg.chars().any(char::is_alphanumeric))
            .map(|(at, seg)| (at, seg.len()))
            .collect()
    }

    /// `(start, length)` of every word segment [`for_each_word`] finds.
    fn our_words(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for_each_word(text, &mut |at, seg| {
            if seg.chars().any(char::is_alphanumeric) {
                out.push((at, seg.len()));
            }
        });
        out
    }

    #[test]
    fn windows_end_at_white_space_and_stop_before_other_scripts() {
        // Words that straddle the 64-byte windows, joiners at their edges, a piece of
        // 70 bytes with no white space, non-ASCII text at every distance from a window.
        let long = "x".repeat(70);
        let mut texts = vec![
            format!("{long} a.b 1,000 {long}.{long} end"),
            "The U.S.-led talks on 9.3.2021: Russia’s and China’s lunar station, 1,000 km."
                .repeat(5),
        ];
        for gap in 0..70 {
            texts.push(format!(
                "{} café a.b x_y 3,5 O'Neil {}",
                "ab ".repeat(gap / 3),
                "é"
            ));
            texts.push(format!("{}a.é 1.2 done", "w".repeat(gap)));
        }
        for t in &texts {
            assert_eq!(our_words(t), uax29_words(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// Texts of ASCII words, joiners and white space with now and then a character the
        /// window does not take (a letter, a curly quote, a combining mark, a soft hyphen,
        /// a joiner) give the words UAX #29 gives.
        #[test]
        fn the_fast_paths_agree_with_uax29(
            s in "([aZq09_.':,;!\\-/ \n\t\r\x0B\x0C]|Mr|U\\.S|3\\.5|don't|[é’“\u{301}\u{ad}\u{200d}\u{a0}]){40,160}"
        ) {
            proptest::prop_assert_eq!(our_words(&s), uax29_words(&s));
        }
    }

    /// The same check over a real corpus: `DIGEST_DIFF_CORPUS=DIR cargo test --release
    /// --lib -- --ignored ascii_fast_path_agrees_on_a_corpus` (JSON files, their text).
    #[test]
    #[ignore = "needs a corpus directory in DIGEST_DIFF_CORPUS"]
    fn ascii_fast_path_agrees_on_a_corpus() {
        let dir = std::env::var("DIGEST_DIFF_CORPUS").expect("DIGEST_DIFF_CORPUS");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap().take(3000) {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
            let mut fast = Vec::new();
            for_each_word(&text, &mut |at, seg: &str| {
                if seg.chars().any(char::is_alphanumeric) {
                    fast.push((at, seg.len()));
                }
            });
            let slow: Vec<(usize, usize)> = text
                .split_word_bound_indices()
                .filter(|(_, seg)| seg.chars().any(char::is_alphanumeric))
                .map(|(at, seg)| (at, seg.len()))
                .collect();
            assert_eq!(fast, slow);
            checked += 1;
        }
        assert!(checked > 0);
    }

    #[test]
    fn positions_and_spans_are_consecutive_and_exact() {
        let text = "On March 9, Russia’s Roscosmos — and CNSA.";
        let toks = Analyzer.tokens(text);
        for (i, t) in toks.iter().enumerate() {
            assert_eq!(t.position as usize, i);
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
        assert_eq!(&text[toks[3].span.clone()], "Russia’s");
    }
}
