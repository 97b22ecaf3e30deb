use super::*;
use crate::call::{parse_message, Call};
use crate::error::{Code, Problem};

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
fn invalid_documents_name_the_field_with_a_code() {
    let cases = [
        (json!([]), "", Code::NotObject, vec![]),
        (
            json!({"webphoneUrl": "javascript:alert(1)"}),
            "webphoneUrl",
            Code::NotWebAddress,
            vec!["javascript:alert(1)"],
        ),
        (
            json!({"webphoneUrl": "ftp://mycc.vn/"}),
            "webphoneUrl",
            Code::NotHttp,
            vec![],
        ),
        (
            json!({"webphoneUrl": 5}),
            "webphoneUrl",
            Code::NotText,
            vec![],
        ),
        (
            json!({"defaultCountry": "Vietnam"}),
            "defaultCountry",
            Code::CountryUnknown,
            vec!["VIETNAM"],
        ),
        (
            json!({"dock": "floating"}),
            "dock",
            Code::NotOneOf,
            vec!["floating", "page, sidepanel"],
        ),
        (json!({"crms": {}}), "crms", Code::NotList, vec![]),
        (json!({"crms": [5]}), "crms[0]", Code::NotObject, vec![]),
        (
            json!({"crms": [{"name": ""}]}),
            "crms[0].name",
            Code::Empty,
            vec![],
        ),
        (
            json!({"crms": [{"name": "A", "sites": ["crm.vn"]}]}),
            "crms[0].sites[0]",
            Code::PatternNoScheme,
            vec!["crm.vn"],
        ),
        (
            json!({"crms": [{"name": "A", "sites": [7]}]}),
            "crms[0].sites[0]",
            Code::NotText,
            vec![],
        ),
        (
            json!({"crms": [{"name": "A"}, {"name": "B", "searchUrl": "javascript:alert({phone})"}]}),
            "crms[1].searchUrl",
            Code::NotHttp,
            vec![],
        ),
        (
            json!({"crms": [{"name": "A", "searchUrl": "https://a.vn/?q={nme}"}]}),
            "crms[0].searchUrl",
            Code::TemplateUnknownPlaceholder,
            vec![
                "nme",
                "{phone}, {e164}, {digits}, {callId}, {interactionId}, {queueId}, {agentId}",
            ],
        ),
        (
            json!({"crms": [{"name": "A", "popOn": "hangup"}]}),
            "crms[0].popOn",
            Code::NotOneOf,
            vec!["hangup", "ringing, answer, never"],
        ),
        (
            json!({"crms": [{"name": "A", "popFor": "both"}]}),
            "crms[0].popFor",
            Code::NotOneOf,
            vec!["both", "inbound, outbound, all"],
        ),
        (
            json!({"crms": [{"name": "A", "pageApi": "yes"}]}),
            "crms[0].pageApi",
            Code::NotBoolean,
            vec![],
        ),
        (
            json!({"crms": [{"name": "A", "sites": ["https://a.vn/*"]}, {"name": "B", "sites": ["https://a.vn/*"]}]}),
            "crms[1].sites[0]",
            Code::SiteDuplicate,
            vec!["https://a.vn/*", "1", "A"],
        ),
        (
            json!({"crms": [{"name": "A", "sites": ["https://a.vn/*", "https://a.vn/*"]}]}),
            "crms[0].sites[1]",
            Code::SiteTwice,
            vec!["https://a.vn/*"],
        ),
        (
            json!({"dialWaitSeconds": 4}),
            "dialWaitSeconds",
            Code::OutOfRange,
            vec!["4", "5", "600"],
        ),
        (
            json!({"dialWaitSeconds": 601}),
            "dialWaitSeconds",
            Code::OutOfRange,
            vec!["601", "5", "600"],
        ),
        (
            json!({"dialWaitSeconds": -1}),
            "dialWaitSeconds",
            Code::OutOfRange,
            vec!["-1", "5", "600"],
        ),
        (
            json!({"dialWaitSeconds": 7.5}),
            "dialWaitSeconds",
            Code::NotWholeNumber,
            vec!["7.5"],
        ),
        (
            json!({"dialWaitSeconds": "30"}),
            "dialWaitSeconds",
            Code::NotWholeNumber,
            vec!["30"],
        ),
    ];
    for (doc, field, code, args) in cases {
        let e = Settings::parse(&doc).unwrap_err();
        assert_eq!(e, Problem::new(code, args).at(field), "{doc}");
    }
    let e = Settings::parse_str("{not json").unwrap_err();
    assert_eq!((e.field.as_str(), e.code), ("", Code::NotJson));
    assert!(
        e.message()
            .starts_with("not valid JSON (key must be a string"),
        "{e}"
    );
    let e = Settings::parse(&json!({"crms": [{"name": "A", "sites": ["https://a.vn/*"]}, {"name": "B", "sites": ["https://a.vn/*"]}]})).unwrap_err();
    assert_eq!(
        e.to_string(),
        "crms[1].sites[0]: \"https://a.vn/*\" is already a site of CRM 1 (A)",
        "the English message for logs and the CLI"
    );
}

#[test]
fn dial_wait_seconds_defaults_to_30_and_takes_whole_seconds_in_range() {
    assert_eq!(Settings::default_settings().dial_wait_seconds, 30);
    for (given, expected) in [
        (json!(5), 5),
        (json!(600), 600),
        (json!(45.0), 45),
        (Value::Null, 30),
    ] {
        let s = Settings::parse(&json!({ "dialWaitSeconds": given })).unwrap();
        assert_eq!(s.dial_wait_seconds, expected);
        assert_eq!(s.to_json()["dialWaitSeconds"], json!(expected));
    }
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

fn problems(state: &InForce) -> Vec<(Source, String, Code)> {
    state
        .problems
        .iter()
        .map(|p| (p.source, p.error.field.clone(), p.error.code))
        .collect()
}

#[test]
fn managed_values_are_defaults_unless_locked() {
    let user = json!({"webphoneUrl": "https://agent.example/phone", "crms": [{"name": "Mine"}]});
    let managed = json!({"webphoneUrl": "https://it.example/phone", "crms": [{"name": "IT CRM"}], "dock": "sidepanel", "dialWaitSeconds": 90});
    let state = in_force(&user, &managed);
    assert_eq!(
        state.settings.webphone_url, "https://agent.example/phone",
        "the agent's value wins when not locked"
    );
    assert_eq!(state.settings.crms[0].name, "Mine");
    assert_eq!(
        state.settings.dock,
        DockMode::SidePanel,
        "a managed default fills a missing field"
    );
    assert_eq!(
        state.settings.dial_wait_seconds, 90,
        "dialWaitSeconds is manageable"
    );
    assert!(state.locked().is_empty() && state.problems.is_empty());

    let managed = json!({"webphoneUrl": "https://it.example/phone", "crms": [{"name": "IT CRM"}], "locked": ["webphoneUrl", "crms", "bogus", "dock"]});
    let state = in_force(&user, &managed);
    assert_eq!(state.settings.webphone_url, "https://it.example/phone");
    assert_eq!(state.settings.crms[0].name, "IT CRM");
    assert_eq!(
        state.locked(),
        ["webphoneUrl", "crms"],
        "only known fields the policy sets can be locked"
    );
    assert_eq!(
        state.changeable(),
        ["defaultCountry", "dock", "dialWaitSeconds"],
        "what Save and Import can still change: the manageable fields not locked"
    );
    assert_eq!(in_force(&user, &json!(null)).changeable(), MANAGEABLE);
}

#[test]
fn in_force_never_fails_and_says_which_document_was_set_aside() {
    let agent = json!({"webphoneUrl": "https://agent.example/phone"});
    let state = in_force(
        &agent,
        &json!({"webphoneUrl": "ftp://x", "locked": ["webphoneUrl"]}),
    );
    assert_eq!(
        problems(&state),
        [(Source::Policy, "webphoneUrl".to_string(), Code::NotHttp)]
    );
    assert_eq!(
        state.settings.webphone_url, "https://agent.example/phone",
        "a bad policy is ignored as a whole"
    );
    assert!(state.locked().is_empty());

    let state = in_force(&json!({}), &json!({"locked": "all"}));
    assert_eq!(
        problems(&state),
        [(Source::Policy, "locked".to_string(), Code::NotList)]
    );

    let managed = json!({"dock": "sidepanel", "crms": [{"name": "IT"}]});
    let state = in_force(
        &json!({"dock": "x", "crms": [{"name": "Mine"}], "futureField": 1}),
        &managed,
    );
    assert_eq!(
        problems(&state),
        [(Source::Agent, "dock".to_string(), Code::NotOneOf)],
        "the agent's own mistakes are not blamed on IT"
    );
    assert_eq!(
        (state.settings.dock, state.settings.crms[0].name.as_str()),
        (DockMode::SidePanel, "IT"),
        "a bad agent document gives the defaults under the policy"
    );
    assert_eq!(
        state.settings.to_json()["futureField"],
        1,
        "and keeps its unknown fields, so saving the form does not lose them"
    );

    let state = in_force(&json!([1]), &Value::Null);
    assert_eq!(
        problems(&state),
        [(Source::Agent, String::new(), Code::NotObject)]
    );
    assert_eq!(state.settings, Settings::default_settings());

    let state = in_force_text("{", "[");
    assert_eq!(
        problems(&state),
        [
            (Source::Policy, String::new(), Code::NotJson),
            (Source::Agent, String::new(), Code::NotJson),
        ]
    );
    assert!(
        in_force_text("{}", "null").problems.is_empty(),
        "no policy at all"
    );
    assert!(
        in_force_text("{}", "{}").problems.is_empty(),
        "an empty policy"
    );
}

#[test]
fn pop_target_defaults_to_one_reused_tab_and_takes_only_its_choices() {
    let settings =
        Settings::parse(&json!({"crms": [{"name": "A"}, {"name": "B", "popTarget": "crmTab"}]}))
            .unwrap();
    assert_eq!(settings.crms[0].pop_target, PopTarget::Reuse);
    assert_eq!(settings.crms[1].pop_target_name(), "crmTab");
    assert_eq!(settings.to_json()["crms"][0]["popTarget"], "reuse");
    let error =
        Settings::parse(&json!({"crms": [{"name": "A", "popTarget": "window"}]})).unwrap_err();
    assert_eq!(error.field, "crms[0].popTarget");
}

#[test]
fn content_scripts_are_registered_for_the_crm_sites_origins_only_without_ports() {
    let settings = Settings::parse(&json!({"crms": [
        {"name": "A", "sites": ["http://127.0.0.1:8080/app/*", "https://*.lightning.force.com/*"]},
        {"name": "B", "sites": ["http://127.0.0.1:9090/*", "*://crm.example.vn/contacts/*"]},
    ]}))
    .unwrap();
    assert_eq!(
        settings.content_script_matches(),
        [
            "http://127.0.0.1/*",
            "https://*.lightning.force.com/*",
            "*://crm.example.vn/*"
        ]
    );
    assert!(Settings::default_settings()
        .content_script_matches()
        .is_empty());
}
