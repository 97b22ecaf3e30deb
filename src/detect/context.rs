//! The words around a digit run that say it is not a phone number, whatever its digits.

/// Labels after which a number is an id, an account or a tax code (compared in lower case,
/// after trailing `:`, `#`, `.`, `-`, `=` and spaces are trimmed from the text before).
const BLOCKING_LABELS: &[&str] = &[
    "mst",
    "mã số thuế",
    "ma so thue",
    "mã số dn",
    "mã số doanh nghiệp",
    "tax code",
    "tax id",
    "taxcode",
    "vat",
    "vat no",
    "stk",
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

/// Units after a number that make it an amount (matched as a whole word, case-insensitive).
const CURRENCY_AFTER: &[&str] = &["đ", "₫", "vnd", "vnđ", "usd", "đồng", "dong", "$", "%", "€"];

/// Markers before a number that make it an amount.
const CURRENCY_BEFORE: &[&str] = &["$", "€", "£", "¥", "₫", "usd", "vnd", "vnđ"];

const LOOK_BEHIND_CHARS: usize = 32;

fn tail_chars(text: &str, end: usize, max_chars: usize) -> &str {
    let head = &text[..end];
    let start = head
        .char_indices()
        .rev()
        .nth(max_chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &head[start..]
}

fn ends_with_word(haystack: &str, word: &str) -> bool {
    haystack.ends_with(word)
        && haystack[..haystack.len() - word.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

fn starts_with_word(haystack: &str, word: &str) -> bool {
    haystack.starts_with(word)
        && haystack[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// True when the text right before byte `start` names an id, an account or a tax code.
pub fn after_blocking_label(text: &str, start: usize) -> bool {
    let before = tail_chars(text, start, LOOK_BEHIND_CHARS);
    let line = before
        .rsplit(['\n', '\r', '\u{0}'])
        .next()
        .unwrap_or(before);
    let lower = line.to_lowercase();
    let trimmed = lower.trim_end_matches([' ', '\t', ':', '#', '.', '-', '=', '\u{a0}', '(']);
    BLOCKING_LABELS
        .iter()
        .any(|label| ends_with_word(trimmed, label))
}

/// True when an amount marker stands right before byte `start` or right after byte `end`.
pub fn is_amount(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start_matches([' ', '\u{a0}']);
    let after: String = after.chars().take(6).flat_map(char::to_lowercase).collect();
    if CURRENCY_AFTER
        .iter()
        .any(|unit| starts_with_word(&after, unit))
    {
        return true;
    }
    let before = tail_chars(text, start, 6)
        .trim_end_matches([' ', '\u{a0}'])
        .to_lowercase();
    CURRENCY_BEFORE.iter().any(|unit| before.ends_with(unit))
}

#[cfg(test)]
mod tests {
    use super::*;

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
