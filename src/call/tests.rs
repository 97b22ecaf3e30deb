use super::*;
use serde_json::json;

const GUIDE: &str = include_str!("../../tests/fixtures/guide-payloads.json");

fn guide(name: &str) -> Value {
    let all: Value = serde_json::from_str(GUIDE).expect("the fixture is JSON");
    assert!(all[name].is_object(), "no payload {name} in the fixture");
    all[name].clone()
}

fn call_of(value: &Value) -> Call {
    let message = parse_message(value).expect("a protocol message");
    Call::from_message(&message, NationalRules::Vietnam).expect("a call event")
}

#[test]
fn queue_call_ringing_at_the_agent() {
    let call = call_of(&guide("queue-ringing"));
    assert_eq!(call.phase, CallPhase::Ringing);
    assert_eq!(call.scenario, Scenario::Queue);
    assert_eq!(
        call.direction,
        Direction::Inbound,
        "payload says outbound, the agent sees inbound"
    );
    assert_eq!(call.customer_number.as_deref(), Some("0900000101"));
    assert_eq!(call.customer_dial.as_deref(), Some("0900000101"));
    assert_eq!(call.customer_e164.as_deref(), Some("+84900000101"));
    assert_eq!(
        call.customer_call_id.as_deref(),
        Some("c772f9ca-1c00-1238-a9bd-0050560123b5")
    );
    assert_eq!(
        call.queue_id.as_deref(),
        Some("d57d2bc2a5acc43a7dfd80d9a5c36b10")
    );
    assert_eq!(
        call.agent_id.as_deref(),
        Some("b57f2aaf538cef33c05413c97c90ea8e")
    );
    assert_eq!(call.dialled_number.as_deref(), Some("+84869517833"));
    assert_eq!(call.interaction_id.as_deref(), Some("63729795363-220b673c"));
    assert_eq!(call.state_kind.as_deref(), Some(".QueueAgentConnecting"));
    assert_eq!(call.timestamp_ms, Some(1562576163000));
}

#[test]
fn queue_call_answered() {
    let call = call_of(&guide("queue-answered"));
    assert_eq!(
        (call.phase, call.scenario, call.direction),
        (CallPhase::Answered, Scenario::Queue, Direction::Inbound)
    );
    assert_eq!(call.customer_dial.as_deref(), Some("0900000101"));
    assert_eq!(
        call.customer_call_id.as_deref(),
        Some("d15e2fac-1c01-1238-a9bd-0050560123b5")
    );
    assert_eq!(call.state_kind.as_deref(), Some(".QueueAgentConnected"));
    assert_eq!(call.interaction_id.as_deref(), Some("63729795808-3778afd6"));
}

#[test]
fn direct_call_ringing_at_the_webphone() {
    let call = call_of(&guide("direct-ringing"));
    assert_eq!(
        (call.phase, call.scenario, call.direction),
        (
            CallPhase::Ringing,
            Scenario::DirectInbound,
            Direction::Inbound
        )
    );
    assert_eq!(call.customer_dial.as_deref(), Some("0900000101"));
    assert_eq!(
        call.customer_call_id.as_deref(),
        Some("79e78adb-1c04-1238-a9bd-0050560123b5")
    );
    assert_eq!(
        call.agent_id.as_deref(),
        Some("b57f2aaf538cef33c05413c97c90ea8e"),
        "from state.ownerId: data.ownerId is null"
    );
    assert_eq!(
        call.dialled_number, None,
        "calleeIdNumber is null while ringing"
    );
    assert_eq!(call.queue_id, None);
}

#[test]
fn direct_call_answered() {
    let call = call_of(&guide("direct-answered"));
    assert_eq!(
        (call.phase, call.scenario, call.direction),
        (
            CallPhase::Answered,
            Scenario::DirectInbound,
            Direction::Inbound
        )
    );
    assert_eq!(
        call.customer_call_id.as_deref(),
        Some("e04e4b96-1c04-1238-a9bd-0050560123b5")
    );
    assert_eq!(call.dialled_number.as_deref(), Some("+84869517833"));
}

#[test]
fn outbound_call_ringing_takes_the_number_from_the_sip_request() {
    let call = call_of(&guide("outbound-ringing"));
    assert_eq!(
        (call.phase, call.scenario, call.direction),
        (CallPhase::Ringing, Scenario::Outbound, Direction::Outbound)
    );
    assert_eq!(
        call.customer_number.as_deref(),
        Some("0982861121"),
        "the user part of 0982861121@acc01.mycc.vn"
    );
    assert_eq!(call.customer_dial.as_deref(), Some("0982861121"));
    assert_eq!(
        call.customer_call_id.as_deref(),
        Some("cf5b0a7c-a162-11e9-aa99-6fe8469ff495")
    );
    assert_eq!(
        call.agent_id.as_deref(),
        Some("b57f2aaf538cef33c05413c97c90ea8e")
    );
}

#[test]
fn outbound_call_answered_reads_the_national_number_without_its_zero() {
    let call = call_of(&guide("outbound-answered"));
    assert_eq!(
        (call.phase, call.scenario, call.direction),
        (CallPhase::Answered, Scenario::Outbound, Direction::Outbound)
    );
    assert_eq!(call.customer_number.as_deref(), Some("982861121"));
    assert_eq!(call.customer_dial.as_deref(), Some("0982861121"));
    assert_eq!(call.customer_e164.as_deref(), Some("+84982861121"));
    assert_eq!(
        call.interaction_id.as_deref(),
        Some("63729797336-930be5fa"),
        "same interaction as its ringing event"
    );
}

#[test]
fn registered_and_unknown_types_are_messages_but_not_calls() {
    let registered = parse_message(&json!({"type": "OnRegistered", "data": {}})).unwrap();
    assert_eq!(registered.kind, EventKind::Registered);
    assert_eq!(
        Call::from_message(&registered, NationalRules::Vietnam),
        None
    );
    let unknown =
        parse_message(&json!({"type": "OnAgentStatusChanged", "data": {"status": "away"}}))
            .unwrap();
    assert_eq!(unknown.kind, EventKind::Other);
    assert_eq!(unknown.message_type, "OnAgentStatusChanged");
    assert_eq!(unknown.data["status"], "away");
    let no_data = parse_message(&json!({"type": "OnRegistered"})).unwrap();
    assert!(no_data.data.is_empty());
}

#[test]
fn malformed_messages_are_refused_with_a_reason() {
    assert_eq!(
        parse_message(&json!("OnCallRinging")),
        Err(ShapeError::NotAnObject)
    );
    assert_eq!(parse_message(&json!(null)), Err(ShapeError::NotAnObject));
    assert_eq!(
        parse_message(&json!({"data": {}})),
        Err(ShapeError::MissingType)
    );
    assert_eq!(
        parse_message(&json!({"type": 3})),
        Err(ShapeError::TypeNotAString)
    );
    assert_eq!(
        parse_message(&json!({"type": ""})),
        Err(ShapeError::TypeNotAString)
    );
    assert_eq!(
        parse_message(&json!({"type": "x".repeat(65)})),
        Err(ShapeError::TypeTooLong)
    );
    assert_eq!(
        parse_message(&json!({"type": "OnCallRinging", "data": [1]})),
        Err(ShapeError::DataNotAnObject)
    );
    assert!(ShapeError::DataNotAnObject.to_string().contains("data"));
}

#[test]
fn nulls_wrong_types_and_unknown_state_kinds_degrade_to_unknowns() {
    let message = parse_message(&json!({
        "type": "OnCallRinging",
        "data": {"callerIdNumber": 12, "queueAgentInteraction": "yes", "state": "not an object", "interactionID": null}
    }))
    .unwrap();
    let call = Call::from_message(&message, NationalRules::Vietnam).unwrap();
    assert_eq!(call.scenario, Scenario::Unknown);
    assert_eq!(call.direction, Direction::Unknown);
    assert_eq!(call.customer_number.as_deref(), Some("12"));
    assert_eq!(call.customer_dial, None);
    assert_eq!(call.interaction_id, None);
    let mut odd = guide("queue-ringing");
    odd["data"]["state"]["@c"] = json!(".SomethingNew");
    let call = call_of(&odd);
    assert_eq!(call.state_kind.as_deref(), Some(".SomethingNew"));
    assert_eq!(call.scenario, Scenario::Queue);
    let empty = parse_message(&json!({"type": "OnCallAnswer", "data": null})).unwrap();
    let call = Call::from_message(&empty, NationalRules::Vietnam).unwrap();
    assert_eq!((call.customer_number, call.interaction_id), (None, None));
}

#[test]
fn call_end_names_we_accept() {
    for name in ["OnCallEnd", "OnCallEnded", "OnCallHangup"] {
        assert_eq!(EventKind::from_type(name), EventKind::Ended);
    }
}

#[test]
fn phone_state_follows_the_call() {
    let mut state = PhoneState::NotRegistered;
    for (kind, expected) in [
        (EventKind::Other, PhoneState::NotRegistered),
        (EventKind::Registered, PhoneState::Ready),
        (EventKind::Ringing, PhoneState::Ringing),
        (EventKind::Answered, PhoneState::InCall),
        (EventKind::Other, PhoneState::InCall),
        (EventKind::Ended, PhoneState::Ready),
    ] {
        state = state.after(kind);
        assert_eq!(state, expected);
    }
    assert_eq!(PhoneState::parse("inCall"), PhoneState::InCall);
    assert_eq!(PhoneState::parse("garbage"), PhoneState::NotRegistered);
}

#[test]
fn oversized_fields_are_not_kept_in_the_call() {
    let huge = "9".repeat(MAX_FIELD_LEN + 1);
    let message = parse_message(&json!({
        "type": "OnCallRinging",
        "data": {"resourceType": "offnet-origination", "callerIdNumber": huge, "interactionID": huge, "callId": "c1"}
    }))
    .unwrap();
    let call = Call::from_message(&message, NationalRules::Vietnam).unwrap();
    assert_eq!(call.customer_number, None);
    assert_eq!(call.interaction_id, None);
    assert_eq!(call.customer_call_id.as_deref(), Some("c1"));
}
