//! Everything the background and the extension pages ask the core, besides detection.

use super::rules;
use crate::call::recent::{self, RecentCall};
use crate::call::{parse_message, Call, EventKind, PhoneState, PHONE_EVENT_TYPES};
use crate::detect::{parse_single, scan};
use crate::error::{Code, FieldError, Problem};
use crate::presets::PRESETS;
use crate::settings::{
    edit_from_form, edit_import, edit_site, in_force_text, parse_json, site_status, Settings,
};
use serde_json::{json, Map, Value};
use wasm_bindgen::prelude::*;

/// `{"ok":false,"error":{"field","code","args","message"}}`.
fn refused(error: &FieldError) -> Value {
    json!({"ok": false, "error": error.to_json()})
}

/// The agent's new document, `{"ok":true,"user":{…}}`, or the refusal.
fn agent_document(result: Result<Map<String, Value>, FieldError>) -> String {
    match result {
        Ok(agent) => json!({"ok": true, "user": agent}),
        Err(e) => refused(&e),
    }
    .to_string()
}

/// JSON text from storage or a form as a value; what is not JSON (or `undefined`) is null,
/// which every settings function reads as "no document".
fn value_or_null(text: &str) -> Value {
    parse_json(text).unwrap_or(Value::Null)
}

/// `{"ok":true,"settings":{…normalised…},"webphoneOrigin"}` or `{"ok":false,"error":ERR}`.
#[wasm_bindgen(js_name = normalizeSettings)]
pub fn normalize_settings(json: &str) -> String {
    match Settings::parse_str(json) {
        Ok(settings) => json!({"ok": true, "settings": settings.to_json(), "webphoneOrigin": settings.webphone_origin}),
        Err(e) => refused(&e),
    }
    .to_string()
}

/// The settings in force: the agent's document under IT's managed policy. Never fails:
/// `{"settings":{…},"locked":[…],"changeable":[…],"webphoneOrigin":"…","problems":[{"source":"policy"|"agent","error":ERR}]}`;
/// `changeable` is what Save and Import can still change (the manageable fields not locked).
#[wasm_bindgen(js_name = settingsInForce)]
pub fn settings_in_force(user_json: &str, managed_json: &str) -> String {
    let state = in_force_text(user_json, managed_json);
    let problems: Vec<Value> = state
        .problems
        .iter()
        .map(|p| json!({"source": p.source.name(), "error": p.error.to_json()}))
        .collect();
    json!({
        "settings": state.settings.to_json(),
        "locked": state.locked(),
        "changeable": state.changeable(),
        "webphoneOrigin": state.settings.webphone_origin,
        "problems": problems,
    })
    .to_string()
}

/// Save from the options form: `{"ok":true,"user":{the agent's document}}` or `{"ok":false,"error"}`.
#[wasm_bindgen(js_name = editFromForm)]
pub fn edit_from_form_json(user_json: &str, managed_json: &str, form_json: &str) -> String {
    let form = match parse_json(form_json) {
        Ok(form) => form,
        Err(e) => return refused(&e).to_string(),
    };
    agent_document(edit_from_form(
        &value_or_null(user_json),
        &value_or_null(managed_json),
        &form,
    ))
}

/// Import a file: `{"ok":true,"user":{…},"keptByPolicy":[…]}` or `{"ok":false,"error"}`. The file
/// replaces the agent's own part, so the current one (`user_json`) is not read.
#[wasm_bindgen(js_name = editImport)]
pub fn edit_import_json(_user_json: &str, managed_json: &str, file_text: &str) -> String {
    match edit_import(&value_or_null(managed_json), file_text) {
        Ok(imported) => {
            json!({"ok": true, "user": imported.agent, "keptByPolicy": imported.kept_by_policy})
        }
        Err(e) => refused(&e),
    }
    .to_string()
}

/// The `storage.sync` items that hold the agent's document `user_json` (in parts when it needs
/// more than one item), and the keys among `present_keys_json` to remove (parts no longer used):
/// `{"ok":true,"items":{…},"remove":[…]}` or `{"ok":false,"error"}` when it can't fit.
#[wasm_bindgen(js_name = settingsToSync)]
pub fn settings_to_sync(user_json: &str, present_keys_json: &str) -> String {
    let user = match serde_json::from_str::<Value>(user_json) {
        Ok(Value::Object(map)) => map,
        _ => return refused(&Problem::new(Code::NotObject, [] as [&str; 0]).at("")).to_string(),
    };
    // Read as a Value: a typed list would bring a second instance of the JSON reader (~15 KB).
    let present = serde_json::from_str::<Value>(present_keys_json).unwrap_or(Value::Null);
    let present = present.as_array().map(Vec::as_slice).unwrap_or_default();
    match crate::settings::storage::layout(&user) {
        Ok(items) => {
            let remove = crate::settings::storage::stale_keys(
                present.iter().filter_map(Value::as_str),
                &items,
            );
            json!({"ok": true, "items": items, "remove": remove})
        }
        Err(problem) => refused(&problem.at("")),
    }
    .to_string()
}

/// The agent's document from everything `storage.sync` holds (`all_json`):
/// `{"user":{…},"problem":ERR|null}`.
#[wasm_bindgen(js_name = settingsFromSync)]
pub fn settings_from_sync(all_json: &str) -> String {
    let all = match serde_json::from_str::<Value>(all_json) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let (user, problem) = crate::settings::storage::assemble(&all);
    json!({"user": user, "problem": problem.map(|p| p.at("crms").to_json())}).to_string()
}

/// "Use myCC on this site" on or off for the page at `url`; `crm_index` -1 adds a new CRM.
/// `{"ok":true,"user":{…}}` or `{"ok":false,"error"}`.
#[wasm_bindgen(js_name = editSite)]
pub fn edit_site_json(
    user_json: &str,
    managed_json: &str,
    url: &str,
    on: bool,
    crm_index: i32,
) -> String {
    agent_document(edit_site(
        &value_or_null(user_json),
        &value_or_null(managed_json),
        url,
        on,
        usize::try_from(crm_index).ok(),
    ))
}

/// `{"pattern":"https://host/*"|null,"crmIndex":i|-1,"crmName":…|null,"removable","crms":[names],"locked"}`.
#[wasm_bindgen(js_name = siteStatus)]
pub fn site_status_json(user_json: &str, managed_json: &str, url: &str) -> String {
    let status = site_status(&value_or_null(user_json), &value_or_null(managed_json), url);
    json!({
        "pattern": status.pattern,
        "crmIndex": status.crm_index.map_or(-1, |i| i as i64),
        "crmName": status.crm_name,
        "removable": status.removable,
        "crms": status.crms,
        "locked": status.locked,
    })
    .to_string()
}

/// Every error code the core can give, `[{"code","args":n,"message"}]` (the English text with
/// `$1`…): the locale test checks each has a translation.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> String {
    let codes: Vec<Value> = Code::ALL
        .iter()
        .map(|c| json!({"code": c.name(), "args": c.arg_count(), "message": c.english()}))
        .collect();
    Value::Array(codes).to_string()
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
    let Some(call) = call_of(message_json, &settings) else {
        return "null".into();
    };
    let host = usize::try_from(host_crm).ok();
    match settings.screen_pop(host, &call) {
        Some(pop) => json!({
            "crm": pop.crm,
            "url": pop.url,
            "interactionId": call.interaction_id,
            "target": settings.crms[pop.crm].pop_target_name(),
        })
        .to_string(),
        None => "null".into(),
    }
}

fn call_of(message_json: &str, settings: &Settings) -> Option<Call> {
    let value = serde_json::from_str::<Value>(message_json).ok()?;
    let message = parse_message(&value).ok()?;
    Call::from_message(&message, settings.rules)
}

/// The recent calls after one WebPhone event (`recent_json` as stored before it), and the call
/// it made missed: `{"recent":[…],"missed":{…}|null}`.
#[wasm_bindgen(js_name = recentCallsAfter)]
pub fn recent_calls_after(
    recent_json: &str,
    message_json: &str,
    settings_json: &str,
    host_crm: i32,
    now_ms: f64,
) -> String {
    let settings = settings_or_default(settings_json);
    let recent = serde_json::from_str::<Value>(recent_json).unwrap_or(Value::Null);
    let recent: Vec<RecentCall> = recent
        .as_array()
        .map(|items| items.iter().filter_map(RecentCall::from_value).collect())
        .unwrap_or_default();
    let Some(call) = call_of(message_json, &settings) else {
        return json!({"recent": recent, "missed": null}).to_string();
    };
    let search = settings
        .search_for(usize::try_from(host_crm).ok(), &call)
        .map(|pop| pop.url);
    let (recent, missed) = recent::after_event(recent, &call, now_ms as i64, search);
    json!({"recent": recent, "missed": missed}).to_string()
}

/// A dial string as a number is written in Vietnam (`0982 861 121`).
#[wasm_bindgen(js_name = shownNumber)]
pub fn shown_number(dial: &str) -> String {
    recent::shown(dial)
}

/// The dial string of the first phone number in `text` (a selection), or "".
#[wasm_bindgen(js_name = firstNumber)]
pub fn first_number(text: &str, country: &str) -> String {
    let mut first = None;
    scan(text, rules(country), |_, _, valid| {
        first.get_or_insert_with(|| valid.dial());
    });
    first.unwrap_or_default()
}

/// The match patterns to register the content scripts with (the CRM sites' origins), as JSON.
#[wasm_bindgen(js_name = contentScriptMatches)]
pub fn content_script_matches(settings_json: &str) -> String {
    json!(settings_or_default(settings_json).content_script_matches()).to_string()
}

/// The message `type`s that change the phone's state, as a JSON list: the dock delivers these
/// in order and exactly once, and anything else as it comes.
#[wasm_bindgen(js_name = phoneEventTypes)]
pub fn phone_event_types() -> String {
    let names: Vec<&str> = PHONE_EVENT_TYPES.iter().map(|(name, _)| *name).collect();
    serde_json::to_string(&names).unwrap_or_else(|_| "[]".into())
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

/// The countries a default country may be: `[{"code":"VN","callingCode":84}, …]`, sorted by
/// code. The page names them in the UI language.
#[wasm_bindgen(js_name = countryList)]
pub fn country_list() -> String {
    let list: Vec<Value> = crate::detect::regions()
        .map(|(code, calling)| json!({"code": code, "callingCode": calling}))
        .collect();
    Value::Array(list).to_string()
}

/// The built-in CRM presets, as JSON.
#[wasm_bindgen(js_name = crmPresets)]
pub fn crm_presets() -> String {
    serde_json::to_string(PRESETS).unwrap_or_else(|_| "[]".into())
}

/// The screen-pop URL a template gives for a sample number: `{"ok":true,"url":"…"}` or
/// `{"ok":false,"error":ERR}` (field `searchUrl` or `sample`).
#[wasm_bindgen(js_name = testTemplate)]
pub fn test_template(template: &str, sample: &str, country: &str) -> String {
    use crate::template::{PopValues, Template};
    let template = match Template::parse(template) {
        Ok(t) => t,
        Err(problem) => return refused(&problem.at("searchUrl")).to_string(),
    };
    let Some(number) = parse_single(sample, rules(country)) else {
        let problem = Problem::new(Code::SampleNotPhone, [sample.trim()]);
        return refused(&problem.at("sample")).to_string();
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
