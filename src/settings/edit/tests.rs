use super::*;
use serde_json::json;

fn it_crm(sites: &[&str]) -> Value {
    json!({"name": "IT CRM", "sites": sites, "searchUrl": "https://it.example/?q={phone}"})
}

/// IT presets the WebPhone, the dock and one CRM, and locks nothing.
fn unlocked_policy() -> Value {
    json!({
        "webphoneUrl": "https://it.example/phone",
        "dock": "sidepanel",
        "crms": [it_crm(&["https://crm.it.example/*"])],
    })
}

fn in_force_json(agent: &Map<String, Value>, managed: &Value) -> Value {
    in_force(&Value::Object(agent.clone()), managed)
        .settings
        .to_json()
}

/// What the options form sends when the agent saves: the settings in force, edited.
fn form_after(agent: &Value, managed: &Value, edit: impl FnOnce(&mut Value)) -> Value {
    let mut form = in_force(agent, managed).settings.to_json();
    edit(&mut form);
    form
}

#[test]
fn saving_the_form_stores_only_what_differs_from_the_unlocked_policy() {
    let managed = unlocked_policy();
    let form = form_after(&json!({}), &managed, |f| f["dock"] = json!("page"));
    let agent = edit_from_form(&json!({}), &managed, &form).unwrap();
    assert_eq!(
        Value::Object(agent.clone()),
        json!({"dock": "page"}),
        "IT's unlocked values are not copied into the agent's document"
    );

    // IT changes its policy later: the agent gets the new values, and keeps its own dock.
    let later = json!({
        "webphoneUrl": "https://it.example/phone2",
        "dock": "sidepanel",
        "crms": [it_crm(&["https://crm2.it.example/*"])],
    });
    let now = in_force_json(&agent, &later);
    assert_eq!(now["webphoneUrl"], "https://it.example/phone2");
    assert_eq!(
        now["crms"][0]["sites"],
        json!(["https://crm2.it.example/*"])
    );
    assert_eq!(now["dock"], "page");
}

#[test]
fn saving_heals_a_document_that_copied_the_policy() {
    // What the old options page stored: the whole document in force.
    let managed = unlocked_policy();
    let copied = in_force(&json!({}), &managed).settings.to_json();
    let form = form_after(&copied, &managed, |_| {});
    let agent = edit_from_form(&copied, &managed, &form).unwrap();
    assert_eq!(
        Value::Object(agent),
        json!({"defaultCountry": "VN", "dialWaitSeconds": 30}),
        "none of IT's values; the defaults it had stay the agent's (no policy sets them)"
    );
}

#[test]
fn without_a_policy_a_field_is_kept_when_the_agent_had_it_or_it_is_not_the_default() {
    let agent = json!({"defaultCountry": "VN", "futureField": {"kept": true}});
    let form = form_after(&agent, &Value::Null, |f| {
        f["webphoneUrl"] = json!("https://agent.example/phone");
        f["dialWaitSeconds"] = json!(60);
    });
    let stored = edit_from_form(&agent, &Value::Null, &form).unwrap();
    assert_eq!(
        Value::Object(stored),
        json!({
            "futureField": {"kept": true},
            "webphoneUrl": "https://agent.example/phone",
            "defaultCountry": "VN",
            "dialWaitSeconds": 60,
        }),
        "the dock and the empty CRM list are defaults the agent never set"
    );
}

#[test]
fn locked_fields_are_never_stored_and_the_form_cannot_change_them() {
    let mut managed = unlocked_policy();
    managed["locked"] = json!(["webphoneUrl", "crms"]);
    let form = form_after(&json!({}), &managed, |f| {
        f["webphoneUrl"] = json!("https://agent.example/phone");
        f["crms"] = json!([]);
        f["dialWaitSeconds"] = json!(20);
    });
    let agent = edit_from_form(&json!({}), &managed, &form).unwrap();
    assert_eq!(Value::Object(agent.clone()), json!({"dialWaitSeconds": 20}));
    let now = in_force(&Value::Object(agent), &managed);
    assert_eq!(now.settings.webphone_url, "https://it.example/phone");
    assert_eq!(now.settings.crms.len(), 1);
}

#[test]
fn every_form_edit_is_what_comes_into_force() {
    let managed = unlocked_policy();
    let edits: [fn(&mut Value); 4] = [
        |f| f["crms"][0]["popOn"] = json!("answer"),
        |f| f["crms"] = json!([]),
        |f| f["webphoneUrl"] = json!(" https://agent.example/p "),
        |f| f["defaultCountry"] = json!("us"),
    ];
    for agent in [json!({}), json!({"dock": "page"})] {
        for edit in edits {
            let form = form_after(&agent, &managed, edit);
            let stored = edit_from_form(&agent, &managed, &form).unwrap();
            let wanted = Settings::parse(&form).unwrap().to_json();
            assert_eq!(in_force_json(&stored, &managed), wanted, "{form}");
        }
    }
}

#[test]
fn an_invalid_form_is_refused_with_its_field() {
    let form = json!({"crms": [{"name": "A"}, {"name": "B", "searchUrl": "ftp://b/{phone}"}]});
    let e = edit_from_form(&json!({}), &Value::Null, &form).unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.code),
        ("crms[1].searchUrl", Code::NotHttp)
    );
}

#[test]
fn a_document_too_big_for_sync_storage_is_refused_before_it_is_written() {
    let sites: Vec<String> = (0..4000)
        .map(|i| format!("https://crm{i}.example.vn/*"))
        .collect();
    let form = json!({"crms": [{"name": "Many", "sites": sites}]});
    let e = edit_from_form(&json!({}), &Value::Null, &form).unwrap_err();
    assert_eq!((e.field.as_str(), e.code), ("", Code::TooLong));
    assert_eq!(e.args[1], "101376");
}

#[test]
fn import_replaces_the_agents_part_and_names_what_it_kept() {
    let mut managed = unlocked_policy();
    managed["locked"] = json!(["webphoneUrl"]);
    // An export from another machine: every field, some equal to the policy, some not.
    let file = json!({
        "webphoneUrl": "https://elsewhere.example/phone",
        "defaultCountry": "VN",
        "dock": "sidepanel",
        "dialWaitSeconds": 30,
        "futureField": {"kept": true},
        "crms": [{"name": "Mine", "sites": ["https://mine.example/*"], "color": "teal"}],
    });
    let imported = edit_import(&managed, &file.to_string()).unwrap();
    assert_eq!(imported.kept_by_policy, ["webphoneUrl"]);
    let agent = Value::Object(imported.agent);
    assert_eq!(agent["futureField"], json!({"kept": true}));
    assert_eq!(agent["crms"][0]["color"], "teal");
    assert_eq!(agent["crms"][0]["popOn"], "ringing", "stored normalised");
    assert_eq!(agent.get("webphoneUrl"), None, "locked");
    assert_eq!(
        agent.get("dock"),
        None,
        "equal to the policy's unlocked value"
    );
    assert_eq!(
        agent["defaultCountry"], "VN",
        "in the file, no policy value"
    );

    let same_as_it = json!({"webphoneUrl": "https://it.example/phone"});
    let imported = edit_import(&managed, &same_as_it.to_string()).unwrap();
    assert!(imported.kept_by_policy.is_empty(), "nothing differed");
    assert_eq!(Value::Object(imported.agent), json!({}));
}

#[test]
fn a_bad_import_is_refused_with_a_code() {
    let e = edit_import(&Value::Null, "{\"crms\": [").unwrap_err();
    assert_eq!((e.field.as_str(), e.code), ("", Code::NotJson));
    let bad = json!({"crms": [{"name": "Bad", "searchUrl": "javascript:alert(1)//{phone}"}]});
    let e = edit_import(&Value::Null, &bad.to_string()).unwrap_err();
    assert_eq!(
        (e.field.as_str(), e.code),
        ("crms[0].searchUrl", Code::NotHttp)
    );
}

#[test]
fn turning_a_site_on_keeps_the_crms_of_an_unlocked_policy() {
    let managed = unlocked_policy();
    let agent = edit_site(&json!({}), &managed, "https://b.example/x?y", true, None).unwrap();
    let now = in_force_json(&agent, &managed);
    assert_eq!(
        now["crms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["name"].clone(), c["sites"].clone()))
            .collect::<Vec<_>>(),
        [
            (json!("IT CRM"), json!(["https://crm.it.example/*"])),
            (json!("b.example"), json!(["https://b.example/*"])),
        ],
        "a new CRM beside IT's, not instead of them"
    );

    let agent = edit_site(
        &json!({}),
        &managed,
        "http://b.example:8080/",
        true,
        Some(0),
    )
    .unwrap();
    let now = in_force_json(&agent, &managed);
    assert_eq!(
        now["crms"][0]["sites"],
        json!(["https://crm.it.example/*", "http://b.example:8080/*"]),
        "the index is a position in the list in force"
    );
    assert_eq!(now["crms"].as_array().unwrap().len(), 1);
}

#[test]
fn turning_a_site_off_takes_it_out_of_the_list_in_force() {
    let managed = json!({"crms": [it_crm(&["https://a.example/*", "https://b.example/*"])]});
    let agent = edit_site(&json!({}), &managed, "https://b.example/page", false, None).unwrap();
    let state = in_force(&Value::Object(agent), &managed);
    assert_eq!(state.settings.crm_for_url("https://b.example/page"), None);
    assert_eq!(state.settings.crm_for_url("https://a.example/"), Some(0));
}

#[test]
fn on_then_off_leaves_the_agent_with_the_policy_list() {
    let managed = unlocked_policy();
    let url = "https://b.example/";
    let on = edit_site(&json!({}), &managed, url, true, None).unwrap();
    assert!(on.contains_key("crms"));
    let off = edit_site(&Value::Object(on), &managed, url, false, None).unwrap();
    assert_eq!(
        Value::Object(off),
        json!({}),
        "the emptied CRM goes, and a list equal to IT's is not stored"
    );
}

#[test]
fn a_site_already_on_or_off_changes_nothing() {
    let agent = json!({"crms": [{"name": "A", "sites": ["https://a.example/*"]}], "x": 1});
    let same = edit_site(&agent, &Value::Null, "https://a.example/", true, None).unwrap();
    assert_eq!(Value::Object(same), agent);
    let same = edit_site(&agent, &Value::Null, "https://z.example/", false, None).unwrap();
    assert_eq!(Value::Object(same), agent);
}

#[test]
fn site_edits_are_refused_with_codes() {
    let refused = |agent: Value, managed: Value, url: &str, on: bool, index: Option<usize>| {
        let e = edit_site(&agent, &managed, url, on, index).unwrap_err();
        (e.code, e.args)
    };
    let mut locked = unlocked_policy();
    locked["locked"] = json!(["crms"]);
    assert_eq!(
        refused(json!({}), locked, "https://b.example/", true, None),
        (Code::CrmsLocked, vec![])
    );
    assert_eq!(
        refused(json!({}), Value::Null, "chrome://extensions", true, None),
        (Code::SiteNotWeb, vec!["chrome://extensions".to_string()])
    );
    let wide = json!({"crms": [{"name": "Wide", "sites": ["https://*.example/*"]}]});
    assert_eq!(
        refused(wide.clone(), Value::Null, "https://b.example/", false, None),
        (
            Code::SiteNotRemovable,
            vec!["https://b.example/*".to_string(), "Wide".to_string()]
        )
    );
    let both = json!({"crms": [
        {"name": "Exact", "sites": ["https://b.example/*"]},
        {"name": "Wide", "sites": ["https://*.example/*"]},
    ]});
    assert_eq!(
        refused(both, Value::Null, "https://b.example/", false, None).0,
        Code::SiteNotRemovable,
        "taking the exact pattern out would leave the site on through a wider one"
    );
    assert_eq!(
        refused(wide, Value::Null, "https://b.other/", true, Some(3)),
        (Code::NoSuchCrm, vec!["4".to_string()])
    );
    assert_eq!(
        refused(
            json!({"dock": 1}),
            Value::Null,
            "https://b.example/",
            true,
            None
        )
        .0,
        Code::NotText,
        "a broken agent document is not overwritten with defaults"
    );
}

#[test]
fn site_status_tells_the_popup_what_it_can_do() {
    let managed = json!({"crms": [it_crm(&["https://a.example/*", "https://*.wide.example/*"])]});
    let status = site_status(&json!({}), &managed, "https://a.example/x");
    assert_eq!(
        status,
        SiteStatus {
            pattern: Some("https://a.example/*".into()),
            crm_index: Some(0),
            crm_name: Some("IT CRM".into()),
            removable: true,
            crms: vec!["IT CRM".into()],
            locked: false,
        }
    );
    let status = site_status(&json!({}), &managed, "https://b.wide.example/");
    assert_eq!((status.crm_index, status.removable), (Some(0), false));
    let status = site_status(&json!({}), &managed, "https://new.example:8443/");
    assert_eq!(
        (
            status.pattern.as_deref(),
            status.crm_index,
            status.removable
        ),
        (Some("https://new.example:8443/*"), None, false)
    );
    let status = site_status(&json!({}), &managed, "about:blank");
    assert_eq!((status.pattern, status.crm_index), (None, None));

    let mut locked = managed.clone();
    locked["locked"] = json!(["crms"]);
    assert!(site_status(&json!({}), &locked, "https://a.example/").locked);
}
