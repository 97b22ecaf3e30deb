//! Phone-number detection in free text: a hand-written, single-pass scanner.
//!
//! The scanner finds *runs*: digit groups joined by short separator clusters (spaces, `.`,
//! `-`, parentheses). A run is then cut into numbers only where a cluster holds white space
//! (a "soft" break); two groups glued by `.` or `-` alone always belong to the same thing, so
//! `2024-03-12`, `192.168.1.10` or `12-0982861121` can never yield a number from a part of
//! them. Each candidate is validated against a numbering plan (Vietnam's in [`vn`], the
//! calling-code table in [`countries`] for `+CC` numbers) and its surroundings ([`context`]).
//! Time is linear in the input: every byte is looked at a bounded number of times.

mod context;
mod countries;
pub mod vn;

use serde::Serialize;

/// Numbers written without a country code are read with these national rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NationalRules {
    Vietnam,
    /// Any other default country: only numbers written internationally are recognised.
    InternationalOnly,
}

impl NationalRules {
    /// `VN` (any case) gives Vietnam's rules; every other region of [`regions`] gives
    /// international-only. Anything else is refused.
    pub fn for_country(code: &str) -> Result<Self, String> {
        let code = code.trim().to_ascii_uppercase();
        if calling_code_of(&code).is_none() {
            return Err(format!("\"{code}\" is not a country code"));
        }
        Ok(if code == "VN" {
            Self::Vietnam
        } else {
            Self::InternationalOnly
        })
    }
}

/// Every region a default country may be (ISO 3166-1 alpha-2, upper case) with its calling
/// code, sorted by region.
pub fn regions() -> impl Iterator<Item = (&'static str, u16)> {
    countries::REGIONS
        .iter()
        .filter_map(|(region, code)| Some((std::str::from_utf8(region).ok()?, *code)))
}

/// The calling code of `region` (upper case), if it is one of [`regions`].
pub fn calling_code_of(region: &str) -> Option<u16> {
    let index = countries::REGIONS
        .binary_search_by(|(r, _)| r.as_slice().cmp(region.as_bytes()))
        .ok()?;
    Some(countries::REGIONS[index].1)
}

/// A phone number found in text. Offsets are given in bytes (UTF-8), characters (for people
/// and the CLI) and UTF-16 code units (for the DOM).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    #[serde(skip)]
    pub byte_start: usize,
    #[serde(skip)]
    pub byte_end: usize,
    #[serde(rename = "start")]
    pub char_start: usize,
    #[serde(rename = "end")]
    pub char_end: usize,
    #[serde(skip)]
    pub utf16_start: usize,
    #[serde(skip)]
    pub utf16_end: usize,
    pub raw: String,
    pub e164: String,
    pub dial: String,
}

/// Every phone number in `text`, in order, never overlapping.
pub fn find_numbers(text: &str, rules: NationalRules) -> Vec<Found> {
    let mut found = Vec::new();
    let mut counter = OffsetCounter::default();
    let bytes = text.as_bytes();
    scan(text, rules, |start, end, valid| {
        let (char_start, utf16_start) = counter.advance_to(bytes, start);
        let (char_end, utf16_end) = counter.advance_to(bytes, end);
        found.push(Found {
            byte_start: start,
            byte_end: end,
            char_start,
            char_end,
            utf16_start,
            utf16_end,
            raw: text[start..end].to_string(),
            e164: valid.e164(),
            dial: valid.dial(),
        });
    });
    found
}

/// The bytes a run may begin with: a digit, `+`, `(` or the lead byte of a full-width form.
/// A table, because the scanner asks for every byte of the text.
const MAY_START_RUN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = byte.is_ascii_digit() || matches!(byte, b'+' | b'(' | FULL_WIDTH_LEAD);
        b += 1;
    }
    table
};

/// Text pasted from Word or typed with an IME carries full-width forms (U+FF01..U+FF5E, UTF-8
/// `EF BC xx`): digits `０`..`９` and `（`, `）`, `．`, `－`. They are read like their ASCII twins.
const FULL_WIDTH_LEAD: u8 = 0xEF;

/// The full-width form (`EF BC xx`) at `p`, as its third byte.
fn full_width_at(b: &[u8], p: usize) -> Option<u8> {
    match b.get(p..p + 3) {
        Some([FULL_WIDTH_LEAD, 0xBC, third]) => Some(*third),
        _ => None,
    }
}

/// Byte length of the digit at `p` (ASCII or full-width), or 0 when none is there.
fn digit_len(b: &[u8], p: usize) -> usize {
    match b.get(p) {
        Some(d) if d.is_ascii_digit() => 1,
        Some(&FULL_WIDTH_LEAD)
            if full_width_at(b, p).is_some_and(|t| (0x90..=0x99).contains(&t)) =>
        {
            3
        }
        _ => 0,
    }
}

/// Byte length of the opening parenthesis at `p` (`(` or `（`), or 0.
fn open_paren_len(b: &[u8], p: usize) -> usize {
    match b.get(p) {
        Some(b'(') => 1,
        Some(&FULL_WIDTH_LEAD) if full_width_at(b, p) == Some(0x88) => 3,
        _ => 0,
    }
}

/// Longest national significant number plus country code we try to read (E.164 allows 15
/// digits; a written trunk `0` and the `00` prefix may add three).
const MAX_NUMBER_DIGITS: usize = 18;

#[derive(Debug)]
struct Group {
    start: usize,
    end: usize,
    /// How many digits the group holds.
    digits: usize,
}

#[derive(Debug, Default, Clone, Copy)]
struct Cluster {
    /// Holds white space: a number may end before it and another begin after it.
    soft: bool,
    /// Holds `.`, `-` or `_`.
    punctuation: bool,
    /// The punctuation is `_`, which joins words, never the parts of one number.
    underscore: bool,
    /// The punctuation is `-` (or `－`): a range suffix follows it.
    hyphen: bool,
    /// Byte offset of a `(` inside the cluster.
    open_paren: Option<usize>,
    close_paren: bool,
}

#[derive(Debug, Default)]
struct Run {
    /// Where the run begins: its `(`, its `+` or its first digit.
    begin: usize,
    plus: bool,
    groups: Vec<Group>,
    /// `clusters[i]` sits between `groups[i]` and `groups[i + 1]`.
    clusters: Vec<Cluster>,
    end: usize,
}

/// Reads the run that begins at `begin` into `run`; false if no digit group starts there.
fn lex_run(b: &[u8], begin: usize, run: &mut Run) -> bool {
    let mut p = begin;
    let mut plus = false;
    let paren = open_paren_len(b, p);
    if paren > 0 {
        // `( 0292) 3.822.751`: a space or two may follow the parenthesis.
        p += paren;
        while p < begin + paren + 2 && b.get(p) == Some(&b' ') {
            p += 1;
        }
    }
    if b.get(p) == Some(&b'+') {
        plus = true;
        p += 1;
    }
    if digit_len(b, p) == 0 {
        return false;
    }
    run.begin = begin;
    run.plus = plus;
    run.groups.clear();
    run.clusters.clear();
    loop {
        let group_start = p;
        let mut digits = 0;
        loop {
            // ASCII digits in a tight loop; a full-width one is the rare case.
            while b.get(p).is_some_and(u8::is_ascii_digit) {
                p += 1;
                digits += 1;
            }
            if digit_len(b, p) == 0 {
                break;
            }
            p += 3;
            digits += 1;
        }
        run.groups.push(Group {
            start: group_start,
            end: p,
            digits,
        });
        run.end = p;
        match lex_cluster(b, p) {
            Some((cluster, next)) => {
                run.clusters.push(cluster);
                p = next;
            }
            None => return true,
        }
    }
}

/// A separator cluster starting at `p` and followed by a digit: at most three characters, at
/// most one `.`, `-` or `_`, parentheses and white space (ASCII, no-break or full-width forms).
/// Returns it and where the next group begins.
fn lex_cluster(b: &[u8], mut p: usize) -> Option<(Cluster, usize)> {
    let mut cluster = Cluster::default();
    let mut punctuation = 0;
    let mut chars = 0;
    while chars < 3 {
        let mut len = 1;
        match b.get(p) {
            Some(b' ' | b'\t') => cluster.soft = true,
            Some(b'.') => punctuation += 1,
            Some(b'-') => {
                punctuation += 1;
                cluster.hyphen = true;
            }
            Some(b'_') => {
                punctuation += 1;
                cluster.underscore = true;
            }
            Some(b'(') if cluster.open_paren.is_none() => cluster.open_paren = Some(p),
            Some(b')') if !cluster.close_paren => cluster.close_paren = true,
            Some(0xC2) if b.get(p + 1) == Some(&0xA0) => {
                cluster.soft = true;
                len = 2;
            }
            Some(0xE3) if b.get(p + 1..p + 3) == Some(&[0x80, 0x80]) => {
                cluster.soft = true;
                len = 3;
            }
            Some(&FULL_WIDTH_LEAD) => {
                len = 3;
                match full_width_at(b, p) {
                    Some(0x8E) => punctuation += 1,
                    Some(0x8D) => {
                        punctuation += 1;
                        cluster.hyphen = true;
                    }
                    Some(0x88) if cluster.open_paren.is_none() => cluster.open_paren = Some(p),
                    Some(0x89) if !cluster.close_paren => cluster.close_paren = true,
                    _ => break,
                }
            }
            _ => break,
        }
        p += len;
        chars += 1;
    }
    cluster.punctuation = punctuation > 0;
    let valid = chars > 0 && punctuation <= 1 && digit_len(b, p) > 0;
    valid.then_some((cluster, p))
}

/// Cuts a run into numbers at breaks ([`may_end_after`]), longest valid number first from each
/// start.
fn find_in_run(
    text: &str,
    run: &Run,
    rules: NationalRules,
    emit: &mut impl FnMut(usize, usize, Valid),
) {
    let last = run.groups.len() - 1;
    let next_start = |after: usize| {
        (after + 1..=last)
            .find(|&g| run.clusters[g - 1].soft || is_joint(run, g - 1))
            .unwrap_or(last + 1)
    };
    let mut first = 0;
    while first <= last {
        // A number holds at most MAX_NUMBER_DIGITS digits, which bounds the ends worth trying
        // and keeps a run of many short groups linear.
        let mut digits = 0;
        let widest = (first..=last)
            .take_while(|&g| {
                digits += run.groups[g].digits;
                digits <= MAX_NUMBER_DIGITS
            })
            .last();
        let Some(widest) = widest else {
            first = next_start(first);
            continue;
        };
        let found = (first..=widest)
            .rev()
            .filter(|&e| may_end_after(text.as_bytes(), run, e))
            .find_map(|end| {
                if !consistent_separators(run, first, end) {
                    return None;
                }
                // Cheapest test first: most candidates fail on their digits alone.
                let mut buffer = [0u8; MAX_NUMBER_DIGITS];
                let digits =
                    collect_digits(text.as_bytes(), &run.groups[first..=end], &mut buffer)?;
                let written = Written {
                    text,
                    run,
                    first,
                    last: end,
                };
                let valid = interpret(digits, first == 0 && run.plus, rules, &written)?;
                let span = number_span(text, run, first, end)?;
                Some((span, valid, end))
            });
        match found {
            Some(((start, end_byte), valid, end)) => {
                emit(start, end_byte, valid);
                first = next_start(end);
            }
            None => first = next_start(first),
        }
    }
}

/// Long enough for a group to be a whole number, an account or a reference on its own.
const WHOLE_TOKEN_DIGITS: usize = 7;

/// Cluster `i` is one `-`, `_` or `.` between two groups that are whole tokens each, as in a
/// payment reference (`…0451000123456-0912991625-Ung ho`): a number may end or begin there.
/// Shorter groups glued by punctuation (`2024-03-12`, `12-0982861121`) stay one thing.
fn is_joint(run: &Run, i: usize) -> bool {
    let cluster = &run.clusters[i];
    cluster.punctuation
        && !cluster.soft
        && cluster.open_paren.is_none()
        && !cluster.close_paren
        && run.groups[i].digits >= WHOLE_TOKEN_DIGITS
        && run.groups[i + 1].digits >= WHOLE_TOKEN_DIGITS
}

/// Group `i + 1` ends the run as the range suffix of group `i`: `3943 3770-76` is 3770 to
/// 3776 (one or two digits, `-` alone before them, greater than the digits they replace).
fn is_range_suffix(bytes: &[u8], run: &Run, i: usize) -> bool {
    if i + 2 != run.groups.len() {
        return false;
    }
    let (cluster, number, suffix) = (&run.clusters[i], &run.groups[i], &run.groups[i + 1]);
    let plain_hyphen =
        cluster.hyphen && !cluster.soft && cluster.open_paren.is_none() && !cluster.close_paren;
    // Compared as text, which needs both in ASCII (byte and digit counts agree).
    let ascii = |g: &Group| g.end - g.start == g.digits;
    plain_hyphen
        && (1..=2).contains(&suffix.digits)
        && number.digits > suffix.digits
        && ascii(number)
        && ascii(suffix)
        && bytes[suffix.start..suffix.end] > bytes[number.end - suffix.digits..number.end]
}

/// A number may end after group `i`: at the run's end, at white space, at a joint, or before
/// a range suffix.
fn may_end_after(bytes: &[u8], run: &Run, i: usize) -> bool {
    i == run.groups.len() - 1
        || run.clusters[i].soft
        || is_joint(run, i)
        || is_range_suffix(bytes, run, i)
}

/// People write a number with one kind of separator: `0982 861 121` or `0982.861.121`, not
/// `07-04-2020 14`, which is a date and an hour. A `+CC` or parentheses may sit apart, and
/// groups of three digits or more may mix them (`0333.553 058`): dates and times have shorter
/// ones. `_` joins words, never the parts of a number.
fn consistent_separators(run: &Run, first: usize, last: usize) -> bool {
    let inner = &run.clusters[first..last];
    let (mut underscore, mut paren, mut glued, mut spaced) = (false, false, false, false);
    for c in inner {
        underscore |= c.underscore;
        paren |= c.open_paren.is_some() || c.close_paren;
        glued |= c.punctuation && !c.soft;
        spaced |= c.soft && !c.punctuation;
    }
    if underscore {
        return false;
    }
    if (first == 0 && run.plus) || paren || !(glued && spaced) {
        return true;
    }
    let groups = &run.groups[first..=last];
    if groups.iter().all(|g| g.digits >= 3) {
        return true;
    }
    // An area code set apart, then a local number in one style of its own: `0259 3.192.540`,
    // `052.5 235 412`, `028.38 29 12 34`. Its groups are those of a local number (`3 822 123`,
    // `3822 123`, four pairs), not a date's.
    let (area, local) = (&groups[0], &groups[1..]);
    let four_pairs = local.len() == 4 && local.iter().all(|g| g.digits == 2);
    let local_shape = four_pairs
        || (local.len() >= 2
            && (local[0].digits >= 3 || local[0].digits == 1)
            && local[1..].iter().all(|g| g.digits >= 3));
    (2..=4).contains(&area.digits) && local_shape && one_style(&inner[1..])
}

/// The clusters hold one kind of separator: not both glued punctuation and bare white space.
fn one_style(clusters: &[Cluster]) -> bool {
    let glued = clusters.iter().any(|c| c.punctuation && !c.soft);
    let spaced = clusters.iter().any(|c| c.soft && !c.punctuation);
    !(glued && spaced)
}

/// The byte span of groups `first..=last` as a number, if its surroundings allow one there.
fn number_span(text: &str, run: &Run, first: usize, last: usize) -> Option<(usize, usize)> {
    let digits_start = run.groups[first].start;
    let end = run.groups[last].end;
    let closes = run.clusters[first..last].iter().any(|c| c.close_paren);
    let start = if first == 0 {
        let opens_with_paren = open_paren_len(text.as_bytes(), run.begin) > 0;
        if opens_with_paren && closes {
            run.begin
        } else if run.plus {
            digits_start - 1
        } else {
            digits_start
        }
    } else {
        match run.clusters[first - 1].open_paren {
            Some(paren) if closes => paren,
            _ => digits_start,
        }
    };
    if first == 0 && !left_boundary_ok(text, run.begin, end) {
        return None;
    }
    let checked_end = if last == run.groups.len() - 1 {
        Some(end)
    } else if is_range_suffix(text.as_bytes(), run, last) {
        Some(run.groups[last + 1].end)
    } else {
        None
    };
    if checked_end.is_some_and(|at| !right_boundary_ok(text, at)) {
        return None;
    }
    if context::after_blocking_label(text, start) || context::is_amount(text, start, end) {
        return None;
    }
    Some((start, end))
}

/// Text right before a number must not continue it: no letter or digit, no `#`, `@`, `&`,
/// `=` or `\\` (ids, addresses, query strings), and no `.`/`-`/`_` glued to a letter or digit
/// (`A-0982…`, `1.0982…`) unless what it glues is a phone label (`Tel.0982…`, `SĐT-0982…`) or
/// the number is a field of a payment reference, `-` or `_` on both sides and a word after
/// (`IBFT-0912991625-Ung ho`). A number that opens with a parenthesis is set apart by it.
/// Currency signs are [`context::is_amount`]'s business.
fn left_boundary_ok(text: &str, begin: usize, end: usize) -> bool {
    if open_paren_len(text.as_bytes(), begin) > 0 {
        // `Chị Lan(0912…)`: the parenthesis itself sets the number apart.
        return true;
    }
    let before = &text[..begin];
    let mut chars = before.chars().rev();
    match chars.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || matches!(c, '#' | '@' | '&' | '=' | '\\') => false,
        Some(glue @ ('.' | '-' | '_')) => {
            let word = &before[..before.len() - glue.len_utf8()];
            !chars.next().is_some_and(char::is_alphanumeric)
                || context::ends_with_phone_label(word)
                || (glue != '.' && is_reference_field(text, end))
        }
        Some(_) => true,
    }
}

/// The number ending at byte `end` is followed by `-` or `_` and a letter: a field of a
/// reference or a description, not the start of an id's next part.
fn is_reference_field(text: &str, end: usize) -> bool {
    let mut after = text[end..].chars();
    matches!(after.next(), Some('-' | '_')) && after.next().is_some_and(char::is_alphabetic)
}

/// Text right after a number must not continue it: no letter or digit, no `@` (an e-mail or
/// SIP address), no `.` followed by a letter or digit, and no `-`/`_` followed by a digit. A
/// word may hang on by `-` or `_` (`…7933-P.Tuyển sinh`, `…1625-Ung ho`).
fn right_boundary_ok(text: &str, end: usize) -> bool {
    let mut after = text[end..].chars();
    match after.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || matches!(c, '@' | '%' | '&') => false,
        Some('.') => !after.next().is_some_and(char::is_alphanumeric),
        Some('-' | '_') => !after.next().is_some_and(|c| c.is_numeric()),
        Some(_) => true,
    }
}

/// last byte, the only byte of a group's that is neither an ASCII digit nor `EF`/`BC`.
fn collect_digits<'a>(
    bytes: &[u8],
    groups: &[Group],
    buffer: &'a mut [u8; MAX_NUMBER_DIGITS],
) -> Option<&'a [u8]> {
    let mut count = 0;
    for g in groups {
        let part = &bytes[g.start..g.end];
        if part.len() == g.digits {
            buffer
                .get_mut(count..count + part.len())?
                .copy_from_slice(part);
            count += part.len();
            continue;
        }
        for &b in part {
            let ascii = match b {
                b'0'..=b'9' => b,
                0x90..=0x99 => b - 0x90 + b'0',
                _ => continue,
            };
            *buffer.get_mut(count)? = ascii;
            count += 1;
        }
    }
    Some(&buffer[..count])
}

/// A validated number, as plain bytes (no heap): its E.164 digits and how it is dialled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Valid {
    /// E.164 digits without `+`.
    digits: [u8; 15],
    len: u8,
    /// How many leading digits are the country calling code.
    code_len: u8,
    dial: DialForm,
}

/// How the WebPhone is asked to dial a number (the design notes' dial-string contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DialForm {
    /// Vietnamese mobile or landline: `0` and the national number.
    TrunkZero,
    /// Vietnamese `1800`/`1900` numbers: the national number alone.
    Bare,
    /// Any other country: `+` and the E.164 digits.
    International,
}

impl Valid {
    fn new(code: &[u8], nsn: &[u8], dial: DialForm) -> Option<Valid> {
        let mut digits = [0u8; 15];
        let len = code.len() + nsn.len();
        digits.get_mut(..code.len())?.copy_from_slice(code);
        digits.get_mut(code.len()..len)?.copy_from_slice(nsn);
        Some(Valid {
            digits,
            len: len as u8,
            code_len: code.len() as u8,
            dial,
        })
    }

    fn vietnam(number: vn::VnNumber) -> Option<Valid> {
        let dial = match number.kind {
            vn::VnKind::Service => DialForm::Bare,
            vn::VnKind::Mobile | vn::VnKind::FixedLine | vn::VnKind::Network69 => {
                DialForm::TrunkZero
            }
        };
        Valid::new(b"84", number.nsn(), dial)
    }

    /// The E.164 digits without `+`: `84982861121`.
    pub fn e164_digits(&self) -> &str {
        // Only ASCII digits are ever copied in.
        std::str::from_utf8(&self.digits[..usize::from(self.len)]).unwrap_or_default()
    }

    /// `+84982861121`.
    pub fn e164(&self) -> String {
        format!("+{}", self.e164_digits())
    }

    /// What `OutboundCallRequest.data.target` carries: `0982861121`, `1900545454`, `+14155552671`.
    pub fn dial(&self) -> String {
        let national = &self.e164_digits()[usize::from(self.code_len)..];
        match self.dial {
            DialForm::TrunkZero => format!("0{national}"),
            DialForm::Bare => national.to_string(),
            DialForm::International => self.e164(),
        }
    }
}

/// How a candidate was written: its groups, what separates them and the words before it.
/// Consulted only when the digits alone leave the reading open.
struct Written<'a> {
    text: &'a str,
    run: &'a Run,
    first: usize,
    last: usize,
}

impl Written<'_> {
    fn groups(&self) -> &[Group] {
        &self.run.groups[self.first..=self.last]
    }

    /// The first group holds exactly `len` digits: `84` set apart in `(84) 028 …`.
    fn first_group_len_is(&self, len: usize) -> bool {
        self.groups()[0].digits == len
    }

    /// Whether the digits before `area_end` (counted from the candidate's first digit) are
    /// written as an area code: a group ends there, closed by a parenthesis or followed by a
    /// local number that is not the 3-digit middle group of a mobile's `0xx xxx xxxx`.
    /// Otherwise a label decides: `Fax` always, `ĐT bàn` and the like when the digits
    /// are written as one block (grouped like a mobile, they are the mobile).
    fn reads_as_landline(&self, area_end: usize) -> bool {
        let groups = self.groups();
        let mut digits = 0;
        for (i, group) in groups[..groups.len() - 1].iter().enumerate() {
            digits += group.digits;
            if digits == area_end {
                let mobile_middle = groups[i + 1].digits == 3 && i + 2 < groups.len();
                if self.run.clusters[self.first + i].close_paren || !mobile_middle {
                    return true;
                }
            }
            if digits >= area_end {
                break;
            }
        }
        let start = if self.first == 0 {
            self.run.begin
        } else {
            groups[0].start
        };
        // A fax is never a mobile, however its digits are grouped.
        if groups.len() == 1 {
            context::after_landline_label(self.text, start)
        } else {
            context::after_fax_label(self.text, start)
        }
    }
}

fn interpret(digits: &[u8], plus: bool, rules: NationalRules, written: &Written) -> Option<Valid> {
    if plus {
        return international(digits, 0, written);
    }
    if let Some(rest) = digits.strip_prefix(b"00") {
        return international(rest, 2, written);
    }
    if rules != NationalRules::Vietnam {
        return None;
    }
    if let Some(nsn) = digits.strip_prefix(b"84").filter(|d| d.len() >= 9) {
        // `(84) 028 3821 3111`: a trunk `0` is redundant after a country code set apart.
        let nsn = match nsn.strip_prefix(b"0") {
            Some(rest) if written.first_group_len_is(2) => rest,
            Some(_) => return None,
            None => nsn,
        };
        return vietnamese(nsn, digits.len() - nsn.len(), written)
            .filter(|n| n.kind != vn::VnKind::Service)
            .and_then(Valid::vietnam);
    }
    match digits.first() {
        Some(b'0') => vietnamese(&digits[1..], 1, written)
            .filter(|n| n.kind != vn::VnKind::Service)
            .and_then(Valid::vietnam),
        // `1800`/`1900` is written whole: `18.000.332` is an amount.
        Some(b'1') if written.groups()[0].digits >= 4 => {
            vn::parse_national(digits).and_then(Valid::vietnam)
        }
        _ => None,
    }
}

/// A Vietnamese NSN in today's plan or with a pre-2017 area code. Where the digits fit both a
/// current mobile and an old landline (`08 3943 3770`, `038 3844123`), the way the number is
/// written decides: an area code set apart or a landline label make it the landline; written
/// as one block or grouped like a mobile, it is the mobile. `nsn_offset`: digits before the
/// NSN in the candidate (a trunk `0`, or `84`).
fn vietnamese(nsn: &[u8], nsn_offset: usize, written: &Written) -> Option<vn::VnNumber> {
    let current = vn::parse_nsn(nsn);
    let Some(old) = vn::parse_old_landline(nsn) else {
        return current;
    };
    let landline = current.is_none()
        || vn::is_unassigned_mobile_range(nsn)
        || written.reads_as_landline(nsn_offset + old.old_area_len);
    Some(if landline { old.number } else { current? })
}

/// A country calling code's plan: its national (trunk) prefix and its rules (see
/// [`countries::PLAN_RULES`]), if the code is in use.
fn plan(code: u16) -> Option<(&'static str, &'static [u16])> {
    let table = countries::CALLING_CODES;
    let i = table.binary_search_by_key(&code, |&(c, ..)| c).ok()?;
    let (_, trunk, start, end) = table[i];
    Some((
        trunk,
        countries::PLAN_RULES.get(start as usize..end as usize)?,
    ))
}

/// Whether a plan (a code's part of [`countries::PLAN_RULES`]) allows `nsn` (ASCII digits).
fn plan_allows(plan: &[u16], nsn: &[u8]) -> bool {
    let Some(first) = nsn.first().map(|d| usize::from(d - b'0')) else {
        return false;
    };
    let (Some(&start), Some(&end)) = (plan.get(first), plan.get(first + 1)) else {
        return false;
    };
    let Some(mut rules) = plan.get(usize::from(start)..usize::from(end)) else {
        return false;
    };
    while let Some((&header, rest)) = rules.split_first() {
        let (length, mask_count) = (usize::from(header >> 8), usize::from(header & 0xff));
        let Some((masks, next)) = rest.split_at_checked(mask_count) else {
            return false;
        };
        if length == nsn.len()
            && masks
                .iter()
                .zip(nsn)
                .all(|(&mask, &d)| mask & (1 << (d - b'0')) != 0)
        {
            return true;
        }
        rules = next;
    }
    false
}

/// Digits after `+` or `00` (`idd_len` digits of it before `digits`): a calling code (they are
/// prefix-free) and a national number that code's plan allows (libphonenumber's metadata).
fn international(digits: &[u8], idd_len: usize, written: &Written) -> Option<Valid> {
    if digits.first() == Some(&b'0') {
        return None;
    }
    let mut code = 0u16;
    let (code_len, (trunk, rules)) = (1..=3usize).filter(|&n| n < digits.len()).find_map(|n| {
        code = code * 10 + u16::from(digits[n - 1] - b'0');
        plan(code).map(|plan| (n, plan))
    })?;
    let (code, mut nsn) = digits.split_at(code_len);
    if code == b"84" {
        let trunk = usize::from(nsn.first() == Some(&b'0'));
        let offset = idd_len + digits.len() - nsn.len() + trunk;
        return vietnamese(&nsn[trunk..], offset, written).and_then(Valid::vietnam);
    }
    if !plan_allows(rules, nsn) && !trunk.is_empty() {
        // "+44 (0) 20 7946 0958": the national prefix written after the country code.
        nsn = nsn.strip_prefix(trunk.as_bytes()).unwrap_or(nsn);
    }
    if !plan_allows(rules, nsn) {
        return None;
    }
    Valid::new(code, nsn, DialForm::International)
}

/// Parses one string that should hold exactly one phone number (a `tel:` link's target, a
/// number typed in a test field). Accepts `+`, `00`, national form and common separators.
pub fn parse_single(input: &str, rules: NationalRules) -> Option<Valid> {
    let trimmed = input.trim();
    let mut only = None;
    let mut count = 0;
    scan(trimmed, rules, |start, end, valid| {
        count += 1;
        if start == 0 && end == trimmed.len() {
            only = Some(valid);
        }
    });
    only.filter(|_| count == 1)
}

/// Reports every number in `text` as (byte start, byte end, number), in order.
pub fn scan(text: &str, rules: NationalRules, mut emit: impl FnMut(usize, usize, Valid)) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    // One run's buffers, reused: allocation dominated the time on digit-dense text.
    let mut run = Run::default();
    while let Some(offset) = bytes[pos..]
        .iter()
        .position(|&b| MAY_START_RUN[usize::from(b)])
    {
        let start = pos + offset;
        if lex_run(bytes, start, &mut run) {
            find_in_run(text, &run, rules, &mut emit);
            pos = run.end.max(start + 1);
        } else {
            pos = start + 1;
        }
    }
}

/// Counts characters and UTF-16 units on bytes, forward only: a character starts at every
/// byte that is not a UTF-8 continuation byte, and a four-byte character (lead byte 0xF0 or
/// above) takes two UTF-16 units.
#[derive(Debug, Default)]
pub struct OffsetCounter {
    byte: usize,
    chars: usize,
    utf16: usize,
}

impl OffsetCounter {
    /// (characters, UTF-16 units) before byte `target`; targets must not go backwards.
    pub fn advance_to(&mut self, bytes: &[u8], target: usize) -> (usize, usize) {
        for &b in &bytes[self.byte.min(target)..target] {
            let starts_char = usize::from(b & 0xC0 != 0x80);
            self.chars += starts_char;
            self.utf16 += starts_char + usize::from(b >= 0xF0);
        }
        self.byte = self.byte.max(target);
        (self.chars, self.utf16)
    }
}

#[cfg(test)]
mod tests;
