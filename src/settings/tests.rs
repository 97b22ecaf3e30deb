use super::*;
use crate::call::{parse_message, Call};

const GUIDE: &str = include_str!("../../tests/fixtures/guide-payloads.json");

fn guide_call(name: &str) -> Call {
    let all: Value = serde_json::from_str(GUIDE).unwrap();
    Call::from_message(&parse_message(&all[name]).unwrap(), NationalRules::Vietnam).unwrap()
}

fn odoo(extra: Value) -> Value {
    let mut crm = json!({
        "name": "Odoo",
        "sites": ["https://crm.example.vn/*"],
        "searchUrl": "https://crm.example.vn/web#action=contacts&search={phone}",
    });
    if let (Some(c), Some(e)) = (crm.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            c.insert(k.clone(), v.clone());
        }
    }
    json!({ "webphoneUrl": "http://127.0.0.1:9999/webphone", "crms": [crm] })
}

#[test]
fn missing_fields_take_defaults() {
    let s = Settings::default_settings();
    assert_eq!(s.webphone_url, DEFAULT_WEBPHONE_URL);
    assert_eq!(s.webphone_origin, "https://mycc.vn");
    assert_eq!(s.default_country, "VN");
    assert_eq!(s.dock, DockMode::Page);
    assert!(s.crms.is_empty());
    let s = Settings::parse(&json!({"crms": [{"name": "X"}]})).unwrap();
    let crm = &s.crms[0];
    assert_eq!(
        (crm.pop_on, crm.pop_for, crm.page_api),
        (PopOn::Ringing, PopFor::Inbound, false)
    );
    assert!(crm.sites.is_empty() && crm.search_url.is_empty());
}

#[test]
fn unknown_fields_survive_a_round_trip() {
    let mut doc = odoo(json!({"color": "teal"}));
    doc["futureFeature"] = json!({"nested": [1, 2]});
    let once = Settings::parse(&doc).unwrap().to_json();
    assert_eq!(once["futureFeature"], json!({"nested": [1, 2]}));
    assert_eq!(once["crms"][0]["color"], "teal");
    let twice = Settings::parse(&once).unwrap().to_json();
    assert_eq!(once, twice);
    assert_eq!(twice["crms"][0]["popOn"], "ringing");
}

#[test]
fn invalid_documents_name_the_field() {
    let cases = [
        (json!([]), "", "must be an object"),
        (
            json!({"webphoneUrl": "javascript:alert(1)"}),
            "webphoneUrl",
            "web address",
        ),
        (json!({"webphoneUrl": 5}), "webphoneUrl", "must be text"),
        (
            json!({"defaultCountry": "Vietnam"}),
            "defaultCountry",
            "two-letter",
        ),
        (
            json!({"dock": "floating"}),
            "dock",
            "not one of page, sidepanel",
        ),
        (json!({"crms": {}}), "crms", "must be a list"),
        (
            json!({"crms": [{"name": ""}]}),
            "crms[0].name",
            "must not be empty",
        ),
        (
            json!({"crms": [{"name": "A", "sites": ["crm.vn"]}]}),
            "crms[0].sites[0]",
            "needs a scheme",
        ),
        (
            json!({"crms": [{"name": "A", "searchUrl": "javascript:alert({phone})"}]}),
            "crms[0].searchUrl",
            "only http",
        ),
        (
            json!({"crms": [{"name": "A", "searchUrl": "https://a.vn/?q={nme}"}]}),
            "crms[0].searchUrl",
            "unknown placeholder",
        ),
        (
            json!({"crms": [{"name": "A", "popOn": "hangup"}]}),
            "crms[0].popOn",
            "not one of",
        ),
        (
            json!({"crms": [{"name": "A", "popFor": "both"}]}),
            "crms[0].popFor",
            "not one of",
        ),
        (
            json!({"crms": [{"name": "A", "pageApi": "yes"}]}),
            "crms[0].pageApi",
            "true or false",
        ),
        (
            json!({"crms": [{"name": "A", "sites": ["https://a.vn/*"]}, {"name": "B", "sites": ["https://a.vn/*"]}]}),
            "crms[1].sites[0]",
            "already a site of crms[0] (A)",
        ),
        (
            json!({"crms": [{"name": "A", "sites": ["https://a.vn/*", "https://a.vn/*"]}]}),
            "crms[0].sites[1]",
            "twice",
        ),
    ];
    for (doc, field, words) in cases {
        let e = Settings::parse(&doc).unwrap_err();
        assert_eq!(e.field, field, "{doc}");
        assert!(e.message.contains(words), "{doc}: {e}");
    }
    let e = Settings::parse_str("{not json").unwrap_err();
    assert!(e.message.contains("not valid JSON"), "{e}");
}

#[test]
fn pages_belong_to_the_first_matching_crm() {
    let doc = json!({"crms": [
        {"name": "Local", "sites": ["http://127.0.0.1:8080/*"]},
        {"name": "Any local", "sites": ["http://127.0.0.1/*"]},
    ]});
    let s = Settings::parse(&doc).unwrap();
    assert_eq!(s.crm_for_url("http://127.0.0.1:8080/customers"), Some(0));
    assert_eq!(s.crm_for_url("http://127.0.0.1:8081/customers"), Some(1));
    assert_eq!(s.crm_for_url("https://example.com/"), None);
    assert_eq!(s.crm_for_url("chrome://extensions"), None);
}

#[test]
fn screen_pop_follows_pop_on_and_pop_for() {
    let s = Settings::parse(&odoo(json!({}))).unwrap();
    let pop = s.screen_pop(Some(0), &guide_call("queue-ringing")).unwrap();
    assert_eq!(
        pop.url,
        "https://crm.example.vn/web#action=contacts&search=0900000101"
    );
    assert!(s
        .screen_pop(Some(0), &guide_call("direct-ringing"))
        .is_some());
    assert_eq!(
        s.screen_pop(Some(0), &guide_call("queue-answered")),
        None,
        "popOn ringing"
    );
    assert_eq!(
        s.screen_pop(Some(0), &guide_call("outbound-ringing")),
        None,
        "popFor inbound"
    );

    let s = Settings::parse(&odoo(json!({"popOn": "answer", "popFor": "outbound"}))).unwrap();
    assert_eq!(s.screen_pop(None, &guide_call("outbound-ringing")), None);
    let pop = s
        .screen_pop(None, &guide_call("outbound-answered"))
        .unwrap();
    assert!(pop.url.ends_with("search=0982861121"), "{}", pop.url);
    assert_eq!(s.screen_pop(None, &guide_call("queue-answered")), None);

    let s = Settings::parse(&odoo(json!({"popOn": "never", "popFor": "all"}))).unwrap();
    assert_eq!(s.screen_pop(None, &guide_call("queue-ringing")), None);
    let s = Settings::parse(&odoo(json!({"popFor": "all"}))).unwrap();
    assert!(s
        .screen_pop(None, &guide_call("outbound-ringing"))
        .is_some());
    assert!(s.screen_pop(None, &guide_call("direct-ringing")).is_some());
}

#[test]
fn screen_pop_prefers_the_crm_hosting_the_phone() {
    let doc = json!({"crms": [
        {"name": "A", "sites": ["https://a.vn/*"], "searchUrl": "https://a.vn/?q={phone}"},
        {"name": "B", "sites": ["https://b.vn/*"]},
        {"name": "C", "sites": ["https://c.vn/*"], "searchUrl": "https://c.vn/?q={e164}"},
    ]});
    let s = Settings::parse(&doc).unwrap();
    let call = guide_call("direct-ringing");
    assert_eq!(
        s.screen_pop(Some(2), &call).unwrap().url,
        "https://c.vn/?q=%2B84900000101"
    );
    assert_eq!(
        s.screen_pop(Some(1), &call).unwrap().crm,
        0,
        "B has no search URL: the first that has one"
    );
    assert_eq!(s.screen_pop(None, &call).unwrap().crm, 0);
}

#[test]
fn managed_values_are_defaults_unless_locked() {
    let user = json!({"webphoneUrl": "https://agent.example/phone", "crms": [{"name": "Mine"}]});
    let managed = json!({"webphoneUrl": "https://it.example/phone", "crms": [{"name": "IT CRM"}], "dock": "sidepanel"});
    let e = effective(&user, &managed).unwrap();
    assert_eq!(
        e.settings.webphone_url, "https://agent.example/phone",
        "the agent's value wins when not locked"
    );
    assert_eq!(e.settings.crms[0].name, "Mine");
    assert_eq!(
        e.settings.dock,
        DockMode::SidePanel,
        "a managed default fills a missing field"
    );
    assert!(e.locked.is_empty());

    let managed = json!({"webphoneUrl": "https://it.example/phone", "crms": [{"name": "IT CRM"}], "locked": ["webphoneUrl", "crms", "bogus", "dock"]});
    let e = effective(&user, &managed).unwrap();
    assert_eq!(e.settings.webphone_url, "https://it.example/phone");
    assert_eq!(e.settings.crms[0].name, "IT CRM");
    assert_eq!(
        e.locked,
        vec!["webphoneUrl", "crms"],
        "only known fields the policy sets can be locked"
    );
}

#[test]
fn a_bad_policy_is_named_as_such() {
    let e = effective(
        &json!({}),
        &json!({"webphoneUrl": "ftp://x", "locked": ["webphoneUrl"]}),
    )
    .unwrap_err();
    assert_eq!(e.field, "managed policy: webphoneUrl");
    let e = effective(&json!({}), &json!({"locked": "all"})).unwrap_err();
    assert_eq!(e.field, "managed policy: locked");
    let e = effective(&json!({"dock": "x"}), &json!({})).unwrap_err();
    assert_eq!(
        e.field, "dock",
        "the agent's own mistakes are not blamed on IT"
    );
    assert!(
        effective(&json!({}), &Value::Null).is_ok(),
        "no policy at all"
    );
}
