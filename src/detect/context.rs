//! The words around a digit run that say it is not a phone number, whatever its digits.

/// Labels after which a number is an id, an account or a tax code (compared in lower case,
/// after trailing `:`, `#`, `.`, `-`, `=` and spaces are trimmed from the text before).
const BLOCKING_LABELS: &[&str] = &[
    "mst",
    "mã số thuế",
    "ma so thue",
    "mã số dn",
    "ma so dn",
    "mã dn",
    "ma dn",
    "msdn",
    "mã số doanh nghiệp",
    "gpđkkd",
    "gpdkkd",
    "đkkd",
    "dkkd",
    "gpkd",
    "số đkkd",
    "cnđkdn",
    "gcnđkdn",
    "đkdn",
    "cnđkdn số",
    "đkdn số",
    "mã đh",
    "số đh",
    "tham chiếu",
    "tham chieu",
    "số tham chiếu",
    "mã tham chiếu",
    "giấy phép kinh doanh",
    "đăng ký kinh doanh",
    "dang ky kinh doanh",
    "tax code",
    "tax id",
    "taxcode",
    "vat",
    "vat no",
    "stk",
    "tk",
    "số tk",
    "so tk",
    "số tài khoản",
    "so tai khoan",
    "tài khoản",
    "tai khoan",
    "account",
    "account no",
    "account number",
    "acct",
    "cmnd",
    "cccd",
    "cmnd số",
    "cccd số",
    "đkkd số",
    "gpđkkd số",
    "gpkd số",
    "tk số",
    "căn cước",
    "can cuoc",
    "cmt",
    "id card",
    "passport",
    "hộ chiếu",
    "invoice",
    "invoice no",
    "hóa đơn",
    "hoá đơn",
    "hoa don",
    "số hđ",
    "mã hđ",
    "mã đơn",
    "ma don",
    "đơn hàng",
    "don hang",
    "order",
    "order id",
    "order no",
    "mã kh",
    "mã khách hàng",
    "customer id",
    "mã giao dịch",
    "ma giao dich",
    "transaction",
    "txn",
    "ref",
    "serial",
    "imei",
    "mã vận đơn",
    "tracking",
    "sku",
    "mã sp",
    "mã số",
    "số seri",
];

/// The last word of every label above: a number whose preceding word is none of these
/// follows no label, which settles most numbers with one short comparison.
/// (`every_label_ends_with_a_listed_word` keeps the two lists in step.)
const LABEL_LAST_WORDS: &[&str] = &[
    "mst",
    "thuế",
    "thue",
    "dn",
    "msdn",
    "nghiệp",
    "gpđkkd",
    "gpdkkd",
    "đkkd",
    "dkkd",
    "gpkd",
    "doanh",
    "cnđkdn",
    "gcnđkdn",
    "đkdn",
    "đh",
    "chiếu",
    "chieu",
    "code",
    "id",
    "taxcode",
    "vat",
    "no",
    "stk",
    "tk",
    "khoản",
    "khoan",
    "account",
    "number",
    "acct",
    "cmnd",
    "cccd",
    "cước",
    "cuoc",
    "cmt",
    "card",
    "passport",
    "invoice",
    "đơn",
    "don",
    "hđ",
    "hàng",
    "hang",
    "order",
    "kh",
    "dịch",
    "dich",
    "transaction",
    "txn",
    "ref",
    "serial",
    "imei",
    "tracking",
    "sku",
    "sp",
    "số",
    "seri",
];

/// Words that may stand between an account label and its digits: the bank's name and the
/// words around it (`STK Vietcombank: 0071…`, `Số TK tại NH MB Bank 0912…`). Lower case.
const BANK_WORDS: &[&str] = &[
    "bank",
    "ngân",
    "hàng",
    "ngan",
    "hang",
    "nh",
    "tại",
    "tai",
    "vietcombank",
    "vcb",
    "techcombank",
    "tcb",
    "bidv",
    "agribank",
    "vietinbank",
    "ctg",
    "acb",
    "mb",
    "mbbank",
    "tpbank",
    "vpbank",
    "sacombank",
    "scb",
    "shb",
    "hdbank",
    "vib",
    "ocb",
    "msb",
    "seabank",
    "eximbank",
    "abbank",
    "lpbank",
    "lienvietpostbank",
    "namabank",
    "kienlongbank",
    "pvcombank",
    "baovietbank",
    "bacabank",
    "ncb",
    "vietabank",
    "pgbank",
    "saigonbank",
    "gpbank",
    "oceanbank",
    "cbbank",
    "vrb",
    "shinhan",
    "woori",
    "hsbc",
    "citibank",
    "uob",
    "vietbank",
    "bvbank",
    "cake",
    "timo",
    "momo",
];

/// Units after a number that make it an amount (matched as a whole word, case-insensitive).
const CURRENCY_AFTER: &[&str] = &["đ", "₫", "vnd", "vnđ", "usd", "đồng", "dong", "$", "%", "€"];

/// Markers before a number that make it an amount.
const CURRENCY_BEFORE: &[&str] = &["$", "€", "£", "¥", "₫", "usd", "vnd", "vnđ"];

/// Enough bytes for the longest label and its glue, in Vietnamese (up to 3 bytes a letter).
const LOOK_BEHIND_BYTES: usize = 96;

/// Characters between a label and its number: `MST: 0…`, `Order #0…`, `Tax code - 0…`.
const LABEL_GLUE: [char; 9] = [' ', '\t', ':', '#', '.', '-', '=', '\u{a0}', '('];

/// At most `max_bytes` of text before byte `end`, cut at a character boundary.
fn tail_bytes(text: &str, end: usize, max_bytes: usize) -> &str {
    let mut start = end.saturating_sub(max_bytes);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..end]
}

/// A set of lower-case words, with a 256-bit filter on (length, first byte, last byte) that
/// answers "not in the set" for most words without comparing any: the scanner asks for the
/// word before every number it reports.
struct WordSet {
    words: &'static [&'static str],
    filter: [u64; 4],
}

const fn word_bit(word: &[u8]) -> usize {
    (word.len() * 37 + word[0] as usize * 7 + word[word.len() - 1] as usize) % 256
}

impl WordSet {
    const fn new(words: &'static [&'static str]) -> WordSet {
        let mut filter = [0u64; 4];
        let mut i = 0;
        while i < words.len() {
            let bit = word_bit(words[i].as_bytes());
            filter[bit / 64] |= 1 << (bit % 64);
            i += 1;
        }
        WordSet { words, filter }
    }

    fn contains(&self, word: &[u8]) -> bool {
        if word.is_empty() {
            return false;
        }
        let bit = word_bit(word);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
            && self.words.iter().any(|w| {
                w.len() == word.len() && w.as_bytes()[0] == word[0] && w.as_bytes() == word
            })
    }
}

const LABEL_LAST_WORD_SET: WordSet = WordSet::new(LABEL_LAST_WORDS);
const LANDLINE_LAST_WORD_SET: WordSet = WordSet::new(LANDLINE_LAST_WORDS);
const BANK_WORD_SET: WordSet = WordSet::new(BANK_WORDS);
/// `Fax`, and `F` as footers write it (`T: … F: … E: …`).
const FAX_WORDS: WordSet = WordSet::new(&["fax", "f"]);

/// A letter or digit, as `char::is_alphanumeric` says, with the Latin letters Vietnamese is
/// written in (U+00C0..U+024F, U+1E00..U+1EFF) answered without the Unicode tables: the
/// scanner asks for the word before every number it reports.
fn is_word_char(c: char) -> bool {
    match u32::from(c) {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphanumeric(),
    }
}

/// Lower case for comparing with the labels: ASCII fast, and the first char of the Unicode
/// mapping otherwise (Vietnamese letters lower-case to one char).
fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Case-insensitive `haystack.ends_with(word)` on a word boundary, without allocating.
fn ends_with_word(haystack: &str, word: &str) -> bool {
    let mut hay = haystack.chars().rev();
    if !word.chars().rev().all(|w| hay.next().map(lower) == Some(w)) {
        return false;
    }
    hay.next().is_none_or(|c| !c.is_alphanumeric())
}

/// Case-insensitive `haystack.starts_with(word)` on a word boundary, without allocating.
fn starts_with_word(haystack: &str, word: &str) -> bool {
    let mut hay = haystack.chars();
    if !word.chars().all(|w| hay.next().map(lower) == Some(w)) {
        return false;
    }
    hay.next().is_none_or(|c| !c.is_alphanumeric())
}

/// Labels that say a number is a landline (compared like [`BLOCKING_LABELS`]). Not `Tel`:
/// footers put mobiles behind it as often as landlines.
const LANDLINE_LABELS: &[&str] = &[
    "fax",
    "f",
    "đt bàn",
    "dt ban",
    "điện thoại bàn",
    "dien thoai ban",
    "máy bàn",
    "may ban",
    "số bàn",
    "đt cố định",
    "điện thoại cố định",
    "cố định",
    "đtcđ",
];

/// The last word of every landline label.
const LANDLINE_LAST_WORDS: &[&str] = &["fax", "f", "bàn", "ban", "định", "đtcđ"];

/// Words that name a phone number, so that a number may be glued to them by `.`, `-` or `_`
/// (`Tel.0982…`, `ĐT.0982…`, `SĐT-0982…`, `Hotline_1900…`). Compared in lower case.
const PHONE_LABEL_WORDS: &[&str] = &[
    "tel",
    "tell",
    "telephone",
    "phone",
    "ph",
    "mobile",
    "mob",
    "cell",
    "fax",
    "hotline",
    "hl",
    "đt",
    "dt",
    "sđt",
    "sdt",
    "đtdđ",
    "dđ",
    "dd",
    "đtcđ",
    "zalo",
    "viber",
    "lh",
    "hp",
    "t",
    "f",
    "m",
    "p",
    "thoại",
    "thoai",
    "động",
    "dong",
    "đài",
    "dai",
];

/// True when `text` ends with a word of [`PHONE_LABEL_WORDS`] (the text right before a glue).
pub fn ends_with_phone_label(text: &str) -> bool {
    PHONE_LABEL_WORDS
        .iter()
        .any(|word| ends_with_word(text, word))
}

/// True when the text right before byte `start` names an id, an account or a tax code, a
/// bank's name (up to three more words of [`BANK_WORDS`]) between them allowed.
pub fn after_blocking_label(text: &str, start: usize) -> bool {
    let mut word = WordBefore::at(text, start);
    for _ in 0..4 {
        if word.ends_label(&LABEL_LAST_WORD_SET, BLOCKING_LABELS) {
            return true;
        }
        if !BANK_WORD_SET.contains(word.word()) {
            return false;
        }
        word = WordBefore::at(text, word.start);
    }
    false
}

/// True when the text right before byte `start` says the number is a landline.
pub fn after_landline_label(text: &str, start: usize) -> bool {
    WordBefore::at(text, start).ends_label(&LANDLINE_LAST_WORD_SET, LANDLINE_LABELS)
}

/// True when the text right before byte `start` says the number is a fax.
pub fn after_fax_label(text: &str, start: usize) -> bool {
    WordBefore::at(text, start).ends_label(&FAX_WORDS, &["fax", "f"])
}

/// The last word before a byte offset, past glue (`MST: `, `Order #`), lowered once for
/// every comparison, without allocating.
struct WordBefore<'a> {
    /// The text up to the word's end (a bounded tail of the whole text).
    before: &'a str,
    /// Where the word begins in the whole text.
    start: usize,
    lowered: [u8; 16 * 4],
    len: usize,
}

impl<'a> WordBefore<'a> {
    fn at(text: &'a str, end: usize) -> Self {
        let tail = tail_bytes(text, end, LOOK_BEHIND_BYTES);
        // Glue holds no line break and a word no non-alphanumeric, so neither crosses a line.
        let before = tail.trim_end_matches(LABEL_GLUE);
        let word_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[word_start..];
        let mut lowered = [0u8; 16 * 4];
        let mut len = 0;
        // Longer words are no label's; they compare equal to none.
        if word.len() <= 16 {
            for c in word.chars().map(lower) {
                len += c.encode_utf8(&mut lowered[len..]).len();
            }
        }
        WordBefore {
            before,
            start: end - tail.len() + word_start,
            lowered,
            len,
        }
    }

    fn word(&self) -> &[u8] {
        &self.lowered[..self.len]
    }

    /// One of `labels` ends here; `last_words` holds the last word of every label, so that
    /// most numbers are settled by one short comparison, and only the labels that end with
    /// this word are compared in full.
    fn ends_label(&self, last_words: &WordSet, labels: &[&str]) -> bool {
        if !last_words.contains(self.word()) {
            return false;
        }
        // A label of several words stands on one line.
        let line_start = self
            .before
            .bytes()
            .rposition(|b| matches!(b, b'\n' | b'\r' | 0))
            .map_or(0, |i| i + 1);
        let line = &self.before[line_start..];
        labels
            .iter()
            .any(|label| label.as_bytes().ends_with(self.word()) && ends_with_word(line, label))
    }
}

/// `Đồng` before a capitalised word is a place (Đồng Tháp, Đồng Nai, Đồng Hới), not a unit.
fn starts_place_name(after_unit: &str) -> bool {
    let mut chars = after_unit.chars();
    chars.next() == Some(' ') && chars.next().is_some_and(char::is_uppercase)
}

/// True when an amount marker stands right before byte `start` or right after byte `end`.
pub fn is_amount(text: &str, start: usize, end: usize) -> bool {
    // One character settles most numbers: the units are compared only when it begins one.
    let after = text[end..].trim_start_matches([' ', '\u{a0}']);
    let next = after.chars().next().map(lower);
    if next.is_some_and(|c| CURRENCY_AFTER.iter().any(|unit| unit.starts_with(c)))
        && CURRENCY_AFTER
            .iter()
            .any(|unit| starts_with_word(after, unit) && !starts_place_name(&after[unit.len()..]))
    {
        return true;
    }
    let before = tail_bytes(text, start, 12).trim_end_matches([' ', '\u{a0}']);
    let previous = before.chars().next_back().map(lower);
    previous.is_some_and(|c| CURRENCY_BEFORE.iter().any(|unit| unit.ends_with(c)))
        && CURRENCY_BEFORE.iter().any(|unit| {
            let mut hay = before.chars().rev().map(lower);
            unit.chars().rev().all(|u| hay.next() == Some(u))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_ends_with_a_listed_word() {
        for (labels, last_words) in [
            (BLOCKING_LABELS, LABEL_LAST_WORDS),
            (LANDLINE_LABELS, LANDLINE_LAST_WORDS),
        ] {
            for label in labels {
                let last = label.rsplit(' ').next().unwrap_or(label);
                assert!(
                    last_words.contains(&last),
                    "{label}: add {last:?} to its last words"
                );
            }
        }
    }

    #[test]
    fn labels_block_only_when_they_end_right_before_the_number() {
        let text = "MST: 0312345678";
        assert!(after_blocking_label(text, 5));
        let text = "Mã số thuế 0312345678";
        assert!(after_blocking_label(text, text.find('0').unwrap()));
        let text = "Order #0312345678";
        assert!(after_blocking_label(text, text.find('0').unwrap()));
        let text = "SĐT: 0312345678";
        assert!(!after_blocking_label(text, text.find('0').unwrap()));
        let text = "Cửa hàng số 5, gọi 0312345678";
        assert!(!after_blocking_label(text, text.find("03").unwrap()));
        let text = "MST: 1\nĐT: 0312345678";
        assert!(!after_blocking_label(text, text.find("03").unwrap()));
    }

    #[test]
    fn amounts_are_recognised_by_their_unit_not_by_a_prefix_of_a_word() {
        let text = "0982861121 đ";
        assert!(is_amount(text, 0, 10));
        let text = "0982861121 để gọi";
        assert!(!is_amount(text, 0, 10));
        let text = "$0982861121";
        assert!(is_amount(text, 1, 11));
        let text = "0982861121VND";
        assert!(is_amount(text, 0, 10));
    }
}
