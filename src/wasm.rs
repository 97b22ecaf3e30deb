//! The only module that knows about JavaScript: thin wasm-bindgen wrappers over the pure
//! core. Values cross as JSON strings (one call per batch, not per item), and every error
//! comes back as a value the caller shows in words; nothing here can panic on bad input.
//!
//! Two modules are built from it. The content scripts' (feature `content`) holds only the
//! detector below: it is pushed to every CRM frame and must stay small. The background's, the
//! dock's and the options page's holds everything (`extension`).

use crate::detect::{parse_single, scan, NationalRules, OffsetCounter};
use wasm_bindgen::prelude::*;

#[cfg(not(feature = "content"))]
mod extension;

fn rules(country: &str) -> NationalRules {
    NationalRules::for_country(country).unwrap_or(NationalRules::Vietnam)
}

/// Numbers in `text` (many text nodes joined by `\u0000`), as
/// `[[utf16Start, utf16End, "+84…"], …]`. Written directly: this is the hot path.
#[wasm_bindgen(js_name = detectJoined)]
pub fn detect_joined(text: &str, country: &str) -> String {
    use std::fmt::Write;
    let bytes = text.as_bytes();
    let mut counter = OffsetCounter::default();
    let mut out = String::from("[");
    scan(text, rules(country), |start, end, valid| {
        let (_, utf16_start) = counter.advance_to(bytes, start);
        let (_, utf16_end) = counter.advance_to(bytes, end);
        if out.len() > 1 {
            out.push(',');
        }
        // The digits are copied, not formatted into a new String: this runs for every number.
        let _ = write!(
            out,
            "[{utf16_start},{utf16_end},\"+{}\"]",
            valid.e164_digits()
        );
    });
    out.push(']');
    out
}

/// The dial string for one number (a link's `data-mycc-phone`, a `tel:` target), or "".
#[wasm_bindgen(js_name = dialString)]
pub fn dial_string(text: &str, country: &str) -> String {
    parse_single(text, rules(country))
        .map(|v| v.dial())
        .unwrap_or_default()
}
