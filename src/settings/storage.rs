//! How the agent's document is laid out in `storage.sync`, which refuses an item over 8,192 bytes
//! (its key plus its value as JSON, in UTF-8) and holds 102,400 bytes in all, in Chrome and in
//! Firefox. A document that fits one item is stored as it is, under `settings` (the contract every
//! reader relies on). A bigger one keeps its other fields under `settings`, with `crmsParts: N`,
//! and its `crms` list as JSON text cut into `settingsCrms1` … `settingsCrmsN`: a call center's
//! 150 CRMs, or one CRM with hundreds of sites, fits. What does not fit in all is refused, in
//! words, before anything is written.

use super::STORAGE_KEY;
use crate::error::{Code, Problem};
use serde_json::{Map, Value};

pub const SYNC_ITEM_BYTES: usize = 8192;
pub const SYNC_TOTAL_BYTES: usize = 102_400;
/// Room left in every item and in the whole, so that a count that differs by a few bytes from the
/// browser's own never makes a write fail.
const ITEM_MARGIN: usize = 64;
const TOTAL_MARGIN: usize = 1024;
const PARTS_FIELD: &str = "crmsParts";
const PART_PREFIX: &str = "settingsCrms";

/// Bytes `storage.sync` counts for one item.
fn item_bytes(key: &str, value: &Value) -> usize {
    key.len() + serde_json::to_string(value).map_or(usize::MAX / 2, |text| text.len())
}

/// Bytes one character takes inside a JSON string.
fn escaped_len(c: char) -> usize {
    match c {
        '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
        c if (c as u32) < 0x20 => 6,
        c => c.len_utf8(),
    }
}

/// `text` cut into pieces whose JSON string form stays under `limit` bytes.
fn cut(text: &str, limit: usize) -> Vec<String> {
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut size = 2; // the quotes
    for c in text.chars() {
        if size + escaped_len(c) > limit {
            parts.push(std::mem::take(&mut part));
            size = 2;
        }
        size += escaped_len(c);
        part.push(c);
    }
    if !part.is_empty() {
        parts.push(part);
    }
    parts
}

/// The items to write for `doc`, or `TooLong` when it can't fit in `storage.sync` at all.
pub fn layout(doc: &Map<String, Value>) -> Result<Map<String, Value>, Problem> {
    let whole = Value::Object(doc.clone());
    let mut items = Map::new();
    if item_bytes(STORAGE_KEY, &whole) + ITEM_MARGIN <= SYNC_ITEM_BYTES {
        items.insert(STORAGE_KEY.into(), whole);
        return Ok(items);
    }
    let mut head = doc.clone();
    let crms = head.remove("crms").unwrap_or(Value::Array(Vec::new()));
    let crms_text = serde_json::to_string(&crms).unwrap_or_else(|_| "[]".into());
    let part_key_len = PART_PREFIX.len() + 3;
    let parts = cut(&crms_text, SYNC_ITEM_BYTES - ITEM_MARGIN - part_key_len);
    head.insert(PARTS_FIELD.into(), Value::from(parts.len()));
    let head = Value::Object(head);
    let too_long = |size: usize, limit: usize| {
        Problem::new(Code::TooLong, [size.to_string(), limit.to_string()])
    };
    let head_size = item_bytes(STORAGE_KEY, &head);
    if head_size + ITEM_MARGIN > SYNC_ITEM_BYTES {
        return Err(too_long(head_size, SYNC_ITEM_BYTES - ITEM_MARGIN));
    }
    items.insert(STORAGE_KEY.into(), head);
    for (i, part) in parts.into_iter().enumerate() {
        items.insert(format!("{PART_PREFIX}{}", i + 1), Value::String(part));
    }
    let total: usize = items
        .iter()
        .map(|(key, value)| item_bytes(key, value))
        .sum();
    if total + TOTAL_MARGIN > SYNC_TOTAL_BYTES {
        return Err(too_long(total, SYNC_TOTAL_BYTES - TOTAL_MARGIN));
    }
    Ok(items)
}

/// Keys among `present` that hold parts of an earlier, bigger document and are not in `items`.
pub fn stale_keys<'a>(
    present: impl IntoIterator<Item = &'a str>,
    items: &Map<String, Value>,
) -> Vec<String> {
    present
        .into_iter()
        .filter(|key| is_part_key(key) && !items.contains_key(*key))
        .map(str::to_string)
        .collect()
}

fn is_part_key(key: &str) -> bool {
    key.strip_prefix(PART_PREFIX)
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The agent's document from everything `storage.sync` holds: `settings`, with its `crms` put
/// back together when they were stored in parts. Missing or broken parts are a problem, and the
/// document then has no `crms` (the CRMs of the policy or the defaults stand in).
pub fn assemble(items: &Map<String, Value>) -> (Value, Option<Problem>) {
    let Some(Value::Object(stored)) = items.get(STORAGE_KEY) else {
        let doc = items
            .get(STORAGE_KEY)
            .cloned()
            .unwrap_or_else(|| Value::Object(Map::new()));
        return (doc, None);
    };
    let mut doc = stored.clone();
    let Some(count) = doc.remove(PARTS_FIELD) else {
        return (Value::Object(doc), None);
    };
    let count = count.as_u64().unwrap_or(0) as usize;
    let text: Option<String> = (1..=count)
        .map(|i| {
            items
                .get(&format!("{PART_PREFIX}{i}"))
                .and_then(Value::as_str)
        })
        .collect();
    match text.and_then(|text| serde_json::from_str::<Value>(&text).ok()) {
        Some(crms) => {
            doc.insert("crms".into(), crms);
            (Value::Object(doc), None)
        }
        None => (
            Value::Object(doc),
            Some(Problem::new(Code::PartsMissing, [count.to_string()])),
        ),
    }
}

#[cfg(test)]
mod tests;
