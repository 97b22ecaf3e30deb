//! The WebPhone protocol: message shapes, and the call as the agent sees it.
//!
//! The WebPhone posts `{type, data}` objects. Which field holds the customer's number
//! depends on the scenario (queue, direct inbound, outbound), and `data.direction` is the
//! leg's direction inside the phone system, not the agent's: a customer calling a queue
//! shows `"outbound"`. This module turns a raw message into a [`Call`] with those facts
//! straightened out. Unknown `type`s and `@c` kinds are kept, never an error.

use crate::detect::{parse_single, NationalRules, Valid};
use serde::Serialize;
use serde_json::{Map, Value};

/// The longest `type` we accept; the protocol's are about 15 characters.
const MAX_TYPE_LEN: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EventKind {
    Registered,
    Ringing,
    Answered,
    Ended,
    /// A valid message whose `type` this version does not know.
    Other,
}

/// The `type`s that change the phone's state, each with its kind. The guide names "Call End"
/// without a type; `OnCallEnd` is the name the stand-in uses, the others are its likely spellings.
pub const PHONE_EVENT_TYPES: &[(&str, EventKind)] = &[
    ("OnRegistered", EventKind::Registered),
    ("OnCallRinging", EventKind::Ringing),
    ("OnCallAnswer", EventKind::Answered),
    ("OnCallEnd", EventKind::Ended),
    ("OnCallEnded", EventKind::Ended),
    ("OnCallHangup", EventKind::Ended),
];

impl EventKind {
    pub fn from_type(message_type: &str) -> Self {
        PHONE_EVENT_TYPES
            .iter()
            .find(|(name, _)| *name == message_type)
            .map_or(Self::Other, |(_, kind)| *kind)
    }
}

/// Why a message is not a WebPhone message at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeError {
    NotAnObject,
    MissingType,
    TypeNotAString,
    TypeTooLong,
    DataNotAnObject,
}

impl std::fmt::Display for ShapeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NotAnObject => "the message is not an object",
            Self::MissingType => "the message has no \"type\"",
            Self::TypeNotAString => "\"type\" is not a non-empty string",
            Self::TypeTooLong => "\"type\" is longer than 64 characters",
            Self::DataNotAnObject => "\"data\" is neither an object nor null",
        })
    }
}

/// A message from the WebPhone that has the protocol's shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub message_type: String,
    pub kind: EventKind,
    /// `data` as received (an empty object when it was missing or null).
    pub data: Map<String, Value>,
}

pub fn parse_message(value: &Value) -> Result<Message, ShapeError> {
    let object = value.as_object().ok_or(ShapeError::NotAnObject)?;
    let message_type = match object.get("type") {
        None => return Err(ShapeError::MissingType),
        Some(Value::String(s)) if !s.is_empty() => s,
        Some(_) => return Err(ShapeError::TypeNotAString),
    };
    if message_type.chars().count() > MAX_TYPE_LEN {
        return Err(ShapeError::TypeTooLong);
    }
    let data = match object.get("data") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(map)) => map.clone(),
        Some(_) => return Err(ShapeError::DataNotAnObject),
    };
    Ok(Message {
        kind: EventKind::from_type(message_type),
        message_type: message_type.clone(),
        data,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Scenario {
    /// A customer's call from a queue, ringing at the agent.
    Queue,
    /// A customer's call ringing straight at the WebPhone.
    DirectInbound,
    /// The agent dialling a customer.
    Outbound,
    /// A call whose payload matches none of the documented scenarios.
    Unknown,
}

/// Direction as the agent sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    Inbound,
    Outbound,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum CallPhase {
    Ringing,
    Answered,
    Ended,
}

/// A call as the agent sees it, derived from one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Call {
    pub interaction_id: Option<String>,
    pub phase: CallPhase,
    pub scenario: Scenario,
    pub direction: Direction,
    /// The customer's number as the WebPhone wrote it.
    pub customer_number: Option<String>,
    /// The customer's number as a dial string and in E.164, when it is a phone number.
    pub customer_dial: Option<String>,
    pub customer_e164: Option<String>,
    /// The customer's own call (not the leg ringing at the agent).
    pub customer_call_id: Option<String>,
    pub queue_id: Option<String>,
    pub agent_id: Option<String>,
    /// The number the customer dialled (the hotline), where the payload gives it.
    pub dialled_number: Option<String>,
    /// The state's `@c` kind, e.g. `.QueueAgentConnecting`.
    pub state_kind: Option<String>,
    pub timestamp_ms: Option<i64>,
}

/// The longest field value a [`Call`] keeps: ids and numbers are far shorter, and the call is
/// persisted (`storage.session`), so a hostile payload can't make it large.
const MAX_FIELD_LEN: usize = 256;

fn text(map: &Map<String, Value>, key: &str) -> Option<String> {
    match map.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() && s.len() <= MAX_FIELD_LEN => {
            Some(s.trim().to_string())
        }
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// The user part of a SIP URI (`0982861121@acc01.mycc.vn` → `0982861121`).
fn sip_user(uri: &str) -> Option<String> {
    let uri = uri.strip_prefix("sip:").unwrap_or(uri);
    let user = uri.split('@').next()?.trim();
    (!user.is_empty()).then(|| user.to_string())
}

/// Reads a number the WebPhone gave. The phone system writes national numbers without the
/// trunk `0` in places (`"982861121"`), so a bare nine- or ten-digit string gets one.
pub fn customer_dial(raw: &str, rules: NationalRules) -> Option<Valid> {
    parse_single(raw, rules).or_else(|| {
        let digits_only = raw.len() >= 9 && raw.bytes().all(|b| b.is_ascii_digit());
        digits_only
            .then(|| parse_single(&format!("0{raw}"), rules))
            .flatten()
    })
}

impl Call {
    /// The call an event describes; `None` for events that are not about a call.
    pub fn from_message(message: &Message, rules: NationalRules) -> Option<Call> {
        let phase = match message.kind {
            EventKind::Ringing => CallPhase::Ringing,
            EventKind::Answered => CallPhase::Answered,
            EventKind::Ended => CallPhase::Ended,
            EventKind::Registered | EventKind::Other => return None,
        };
        let data = &message.data;
        let empty = Map::new();
        let state = data
            .get("state")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let queue = data.get("queueAgentInteraction").and_then(Value::as_bool) == Some(true);
        let resource = text(data, "resourceType");
        let state_resource = text(state, "resourceType");
        let scenario = if queue {
            Scenario::Queue
        } else if resource.as_deref() == Some("offnet-origination") {
            Scenario::DirectInbound
        } else if state_resource.as_deref() == Some("offnet-termination")
            || resource.as_deref() == Some("offnet-termination")
        {
            Scenario::Outbound
        } else {
            Scenario::Unknown
        };
        let request_user = || {
            text(data, "request")
                .or_else(|| text(state, "request"))
                .and_then(|r| sip_user(&r))
        };
        let (direction, customer_number, customer_call_id, agent_id, dialled_number) =
            match scenario {
                Scenario::Queue => (
                    Direction::Inbound,
                    text(data, "callerIdNumber"),
                    text(state, "memberCallId"),
                    text(data, "ownerId").or_else(|| text(state, "agentId")),
                    text(data, "calleeIdNumber"),
                ),
                Scenario::DirectInbound => (
                    Direction::Inbound,
                    text(data, "callerIdNumber"),
                    text(data, "callId"),
                    text(state, "ownerId").or_else(|| text(data, "ownerId")),
                    text(data, "calleeIdNumber"),
                ),
                Scenario::Outbound => (
                    Direction::Outbound,
                    text(data, "calleeIdNumber").or_else(request_user),
                    text(state, "callId"),
                    text(data, "ownerId"),
                    None,
                ),
                Scenario::Unknown => (
                    Direction::Unknown,
                    text(data, "callerIdNumber").or_else(request_user),
                    text(data, "callId"),
                    text(data, "ownerId").or_else(|| text(state, "ownerId")),
                    text(data, "calleeIdNumber"),
                ),
            };
        let valid = customer_number
            .as_deref()
            .and_then(|n| customer_dial(n, rules));
        Some(Call {
            interaction_id: text(data, "interactionID"),
            phase,
            scenario,
            direction,
            customer_dial: valid.map(|v| v.dial()),
            customer_e164: valid.map(|v| v.e164()),
            customer_number,
            customer_call_id,
            queue_id: text(state, "queueId"),
            agent_id,
            dialled_number,
            state_kind: text(state, "@c"),
            timestamp_ms: state.get("timestamp").and_then(Value::as_i64),
        })
    }
}

/// The phone's state as the badge and the dock toggle show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PhoneState {
    NotRegistered,
    Ready,
    Ringing,
    InCall,
}

impl PhoneState {
    pub fn parse(s: &str) -> Self {
        match s {
            "ready" => Self::Ready,
            "ringing" => Self::Ringing,
            "inCall" => Self::InCall,
            _ => Self::NotRegistered,
        }
    }

    pub fn after(self, kind: EventKind) -> Self {
        match kind {
            EventKind::Registered => Self::Ready,
            EventKind::Ringing => Self::Ringing,
            EventKind::Answered => Self::InCall,
            EventKind::Ended => Self::Ready,
            EventKind::Other => self,
        }
    }
}

pub mod recent;

#[cfg(test)]
mod tests;
