//! The only module that knows about JavaScript: thin wasm-bindgen wrappers over the pure
//! core. Values cross as JSON strings (one call per batch, not per item), and every error
//! comes back as a value the caller shows in words; nothing here can panic on bad input.

use crate::call::{parse_message, Call, EventKind, PhoneState};
use crate::detect::{parse_single, scan, NationalRules, OffsetCounter};
use crate::presets::PRESETS;
use crate::settings::{effective, Settings};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

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

/// `{"ok":true,"settings":{…normalised…}}` or `{"ok":false,"field":…,"message":…}`.
#[wasm_bindgen(js_name = normalizeSettings)]
pub fn normalize_settings(json: &str) -> String {
    match Settings::parse_str(json) {
        Ok(settings) => json!({"ok": true, "settings": settings.to_json(), "webphoneOrigin": settings.webphone_origin}),
        Err(e) => json!({"ok": false, "field": e.field, "message": e.message}),
    }
    .to_string()
}

fn settings_or_default(json: &str) -> Settings {
    Settings::parse_str(json).unwrap_or_else(|_| Settings::default_settings())
}

/// Index of the CRM whose sites match `url`, or -1.
#[wasm_bindgen(js_name = crmForUrl)]
pub fn crm_for_url(settings_json: &str, url: &str) -> i32 {
    settings_or_default(settings_json)
        .crm_for_url(url)
        .map_or(-1, |i| i as i32)
}

/// Reads one WebPhone message: `{"ok":true,"type","kind","call":{…}|null}` or
/// `{"ok":false,"error":"…"}`.
#[wasm_bindgen(js_name = readWebPhoneMessage)]
pub fn read_webphone_message(message_json: &str, country: &str) -> String {
    let value: Value = match serde_json::from_str(message_json) {
        Ok(v) => v,
        Err(e) => return json!({"ok": false, "error": format!("not JSON: {e}")}).to_string(),
    };
    match parse_message(&value) {
        Ok(message) => {
            let call = Call::from_message(&message, rules(country));
            json!({"ok": true, "type": message.message_type, "kind": message.kind, "call": call})
        }
        Err(e) => json!({"ok": false, "error": e.to_string()}),
    }
    .to_string()
}

/// The screen pop due for a message, `{"crm":i,"url":"…","interactionId":"…"}`, or "null".
#[wasm_bindgen(js_name = screenPop)]
pub fn screen_pop(settings_json: &str, host_crm: i32, message_json: &str) -> String {
    let settings = settings_or_default(settings_json);
    let Ok(value) = serde_json::from_str::<Value>(message_json) else {
        return "null".into();
    };
    let Ok(message) = parse_message(&value) else {
        return "null".into();
    };
    let Some(call) = Call::from_message(&message, settings.rules) else {
        return "null".into();
    };
    let host = usize::try_from(host_crm).ok();
    match settings.screen_pop(host, &call) {
        Some(pop) => json!({"crm": pop.crm, "url": pop.url, "interactionId": call.interaction_id})
            .to_string(),
        None => "null".into(),
    }
}

/// The phone state after a message of type `message_type`.
#[wasm_bindgen(js_name = phoneStateAfter)]
pub fn phone_state_after(previous: &str, message_type: &str) -> String {
    let next = PhoneState::parse(previous).after(EventKind::from_type(message_type));
    serde_json::to_value(next)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The settings in force: the agent's document under IT's managed policy.
/// `{"ok":true,"settings":{…},"locked":[…],"webphoneOrigin":…}` or `{"ok":false,"field","message"}`.
#[wasm_bindgen(js_name = effectiveSettings)]
pub fn effective_settings(user_json: &str, managed_json: &str) -> String {
    let parse = |text: &str| serde_json::from_str::<Value>(text).unwrap_or(Value::Null);
    match effective(&parse(user_json), &parse(managed_json)) {
        Ok(e) => json!({
            "ok": true,
            "settings": e.settings.to_json(),
            "locked": e.locked,
            "webphoneOrigin": e.settings.webphone_origin,
        }),
        Err(e) => json!({"ok": false, "field": e.field, "message": e.message}),
    }
    .to_string()
}

/// The built-in CRM presets, as JSON.
#[wasm_bindgen(js_name = crmPresets)]
pub fn crm_presets() -> String {
    serde_json::to_string(PRESETS).unwrap_or_else(|_| "[]".into())
}

/// The screen-pop URL a template gives for a sample number, or an error in words:
/// `{"ok":true,"url":"…"}` / `{"ok":false,"message":"…"}`.
#[wasm_bindgen(js_name = testTemplate)]
pub fn test_template(template: &str, sample: &str, country: &str) -> String {
    use crate::template::{PopValues, Template};
    let template = match Template::parse(template) {
        Ok(t) => t,
        Err(message) => return json!({"ok": false, "message": message}).to_string(),
    };
    let Some(number) = parse_single(sample, rules(country)) else {
        return json!({"ok": false, "message": "the sample is not a phone number"}).to_string();
    };
    let values = PopValues {
        phone: number.dial(),
        e164: number.e164(),
        call_id: "sample-call-id".into(),
        interaction_id: "sample-interaction-id".into(),
        queue_id: "sample-queue-id".into(),
        agent_id: "sample-agent-id".into(),
    };
    json!({"ok": true, "url": template.expand(&values)}).to_string()
}
