use super::*;
use crate::call::parse_message;
use crate::detect::NationalRules;
use serde_json::{json, Value};

const GUIDE: &str = include_str!("../../../tests/fixtures/guide-payloads.json");

fn call(name: &str) -> Call {
    let guide: Value = serde_json::from_str(GUIDE).unwrap();
    Call::from_message(
        &parse_message(&guide[name]).unwrap(),
        NationalRules::Vietnam,
    )
    .unwrap()
}

fn ended(like: &Call) -> Call {
    let message = parse_message(
        &json!({"type": "OnCallEnd", "data": {"interactionID": like.interaction_id}}),
    )
    .unwrap();
    Call::from_message(&message, NationalRules::Vietnam).unwrap()
}

#[test]
fn an_inbound_call_that_ends_unanswered_is_missed_once() {
    let ringing = call("queue-ringing");
    let (recent, missed) = after_event(Vec::new(), &ringing, 1000, Some("https://crm/s".into()));
    assert_eq!(missed, None);
    assert_eq!(recent.len(), 1);
    assert_eq!(recent[0].direction, "inbound");
    let (recent, missed) = after_event(recent, &ringing, 2000, None);
    assert_eq!(
        (recent.len(), recent[0].at_ms),
        (1, 1000),
        "the same call again is one entry"
    );
    let (recent, missed_now) = after_event(recent, &ended(&ringing), 3000, None);
    assert_eq!(missed, None);
    let missed_now = missed_now.expect("missed");
    assert_eq!(
        (missed_now.missed, missed_now.search_url.as_deref()),
        (true, Some("https://crm/s"))
    );
    let (_, again) = after_event(recent, &ended(&ringing), 4000, None);
    assert_eq!(again, None, "reported once");
}

#[test]
fn an_answered_call_and_an_outbound_call_are_never_missed() {
    // The guide's answered example is of another call: here it answers the one that rang.
    let ringing = call("direct-ringing");
    let mut answered = call("direct-answered");
    answered.interaction_id = ringing.interaction_id.clone();
    let (recent, _) = after_event(Vec::new(), &ringing, 1, None);
    let (recent, _) = after_event(recent, &answered, 2, None);
    let (recent, missed) = after_event(recent, &ended(&call("direct-ringing")), 3, None);
    assert_eq!(missed, None);
    assert!(recent[0].answered && recent[0].ended && !recent[0].missed);
    let (recent, _) = after_event(recent, &call("outbound-ringing"), 4, None);
    let (recent, missed) = after_event(recent, &ended(&call("outbound-ringing")), 5, None);
    assert_eq!(missed, None);
    assert_eq!(recent[0].direction, "outbound");
}

#[test]
fn a_ring_under_a_reused_id_is_a_new_call() {
    let first = call("queue-ringing");
    let (recent, _) = after_event(Vec::new(), &first, 1000, None);
    let mut other = first.clone();
    other.customer_dial = Some("0912345678".into());
    let (recent, _) = after_event(recent, &other, 2000, None);
    assert_eq!(
        recent.len(),
        2,
        "another customer under the same id is another call"
    );
    assert_eq!(
        (recent[0].number.as_str(), recent[0].at_ms),
        ("0912345678", 2000)
    );
    let (recent, _) = after_event(recent, &ended(&other), 3000, None);
    assert!(
        recent[0].ended && !recent[1].ended,
        "the end goes to the newest"
    );
    let (recent, _) = after_event(recent, &other, 4000, None);
    assert_eq!(
        (recent.len(), recent[0].at_ms, recent[0].ended),
        (3, 4000, false),
        "a ring after that call ended is a new call"
    );
}

#[test]
fn the_list_keeps_the_newest_twenty() {
    let template = call("queue-ringing");
    let mut recent = Vec::new();
    for i in 0..25 {
        let mut c = template.clone();
        c.interaction_id = Some(format!("call-{i}"));
        recent = after_event(recent, &c, i, None).0;
    }
    assert_eq!(recent.len(), RECENT_CALLS);
    assert_eq!(recent[0].id, "call-24");
    assert_eq!(recent[19].id, "call-5");
}

#[test]
fn numbers_are_shown_as_written_in_vietnam() {
    for (dial, want) in [
        ("0982861121", "0982 861 121"),
        ("02838234567", "028 3823 4567"),
        ("02363822222", "0236 382 2222"),
        ("1900545454", "1900 54 54 54"),
        ("18001234", "1800 12 34"),
        ("+14155552671", "+14155552671"),
        ("12345", "12345"),
    ] {
        assert_eq!(shown(dial), want, "{dial}");
    }
}

#[test]
fn an_entry_survives_storage() {
    let (recent, _) = after_event(
        Vec::new(),
        &call("queue-ringing"),
        7,
        Some("https://crm/s".into()),
    );
    let stored = serde_json::to_value(&recent[0]).unwrap();
    assert_eq!(RecentCall::from_value(&stored), Some(recent[0].clone()));
    assert_eq!(RecentCall::from_value(&json!({"id": "x"})), None);
}
