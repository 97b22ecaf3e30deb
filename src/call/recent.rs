//! The agent's recent calls, from the WebPhone's events: one entry per call (its interaction id),
//! newest first, at most [`RECENT_CALLS`]; an inbound call that ends without having been answered
//! is missed, and is reported once, when it ends. Kept in the browser only.

use super::{Call, CallPhase, Direction};
use serde::Serialize;
use serde_json::Value;

pub const RECENT_CALLS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecentCall {
    pub id: String,
    /// `inbound` or `outbound` as the agent sees it.
    pub direction: String,
    /// The number to dial back (a dial string), or as the WebPhone wrote it.
    pub number: String,
    /// The number as it is written in Vietnam (`0982 861 121`, `028 3823 4567`).
    pub shown: String,
    pub at_ms: i64,
    pub answered: bool,
    pub ended: bool,
    pub missed: bool,
    /// The CRM's search for the customer ("open in the CRM").
    pub search_url: Option<String>,
}

impl RecentCall {
    /// One entry as stored (by `Serialize`), or `None` if it is not one.
    pub fn from_value(value: &Value) -> Option<RecentCall> {
        let text = |key: &str| value.get(key)?.as_str().map(str::to_string);
        let flag = |key: &str| value.get(key).and_then(Value::as_bool).unwrap_or(false);
        Some(RecentCall {
            id: text("id")?,
            direction: text("direction")?,
            number: text("number")?,
            shown: text("shown")?,
            at_ms: value.get("atMs")?.as_i64()?,
            answered: flag("answered"),
            ended: flag("ended"),
            missed: flag("missed"),
            search_url: text("searchUrl"),
        })
    }
}

fn direction_name(direction: Direction) -> Option<&'static str> {
    match direction {
        Direction::Inbound => Some("inbound"),
        Direction::Outbound => Some("outbound"),
        Direction::Unknown => None,
    }
}

/// The list after one call event, and the call if this event made it missed.
pub fn after_event(
    mut recent: Vec<RecentCall>,
    call: &Call,
    now_ms: i64,
    search_url: Option<String>,
) -> (Vec<RecentCall>, Option<RecentCall>) {
    let Some(id) = call
        .interaction_id
        .clone()
        .or_else(|| call.customer_call_id.clone())
    else {
        return (recent, None);
    };
    let number = call
        .customer_dial
        .clone()
        .or_else(|| call.customer_number.clone());
    // A ring under the id of a call that has ended, or of another customer, is a new call: a
    // WebPhone may reuse ids (the guide's own examples all carry the same one).
    let same_call = |entry: &RecentCall| {
        entry.id == id
            && !(call.phase == CallPhase::Ringing
                && (entry.ended || number.as_ref().is_some_and(|n| *n != entry.number)))
    };
    let position = recent.iter().position(same_call);
    let index = match (position, call.phase) {
        (Some(index), _) => index,
        (None, CallPhase::Ended) => return (recent, None),
        (None, _) => {
            let (Some(direction), Some(number)) = (direction_name(call.direction), number) else {
                return (recent, None);
            };
            recent.insert(
                0,
                RecentCall {
                    id,
                    direction: direction.into(),
                    shown: shown(&number),
                    number,
                    at_ms: now_ms,
                    answered: false,
                    ended: false,
                    missed: false,
                    search_url,
                },
            );
            recent.truncate(RECENT_CALLS);
            0
        }
    };
    let entry = &mut recent[index];
    let mut missed = None;
    match call.phase {
        CallPhase::Ringing => {}
        CallPhase::Answered => entry.answered = true,
        CallPhase::Ended if !entry.ended => {
            entry.ended = true;
            if entry.direction == "inbound" && !entry.answered {
                entry.missed = true;
                missed = Some(entry.clone());
            }
        }
        CallPhase::Ended => {}
    }
    (recent, missed)
}

/// A dial string as a number is written in Vietnam: mobiles `0982 861 121`, Hà Nội and TP.HCM
/// landlines `028 3823 4567`, other landlines `0236 382 2222`, `1900 54 54 54`; anything else as
/// it is.
pub fn shown(dial: &str) -> String {
    let digits = dial.as_bytes();
    if !digits.iter().all(u8::is_ascii_digit) {
        return dial.to_string();
    }
    let groups: &[usize] = match (digits.len(), digits) {
        (11, [b'0', b'2', b'4' | b'8', ..]) => &[3, 4, 4],
        (11, [b'0', b'2', ..]) => &[4, 3, 4],
        (10, [b'0', ..]) => &[4, 3, 3],
        (10, [b'1', b'8' | b'9', b'0', b'0', ..]) => &[4, 2, 2, 2],
        (8, [b'1', b'8' | b'9', b'0', b'0', ..]) => &[4, 2, 2],
        _ => return dial.to_string(),
    };
    let mut out = String::with_capacity(dial.len() + groups.len());
    let mut at = 0;
    for (i, len) in groups.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&dial[at..at + len]);
        at += len;
    }
    out
}

#[cfg(test)]
mod tests;
