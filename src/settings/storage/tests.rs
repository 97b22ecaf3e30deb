use super::*;
use serde_json::json;

fn as_map(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap()
}

fn crm(i: usize, sites: usize) -> Value {
    let sites: Vec<String> = (0..sites)
        .map(|s| format!("https://crm{i}-{s}.example.vn/*"))
        .collect();
    json!({"name": format!("CRM số {i} — Chi nhánh Hà Nội"), "sites": sites,
           "searchUrl": format!("https://crm{i}.example.vn/search?q={{phone}}&note=\"x\"\\y")})
}

#[test]
fn a_document_that_fits_one_item_is_stored_as_it_is() {
    let doc = as_map(json!({"webphoneUrl": "https://mycc.vn/webphone", "crms": [crm(1, 2)]}));
    let items = layout(&doc).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[STORAGE_KEY], Value::Object(doc.clone()));
    assert_eq!(assemble(&items), (Value::Object(doc), None));
}

#[test]
fn a_call_centers_150_crms_and_a_crm_of_320_sites_fit_in_parts_and_come_back_whole() {
    for doc in [
        as_map(
            json!({"dock": "page", "crms": (0..150).map(|i| crm(i, 1)).collect::<Vec<_>>(), "futureField": 1}),
        ),
        as_map(json!({"crms": [crm(0, 320)]})),
    ] {
        let items = layout(&doc).unwrap();
        assert!(items.len() >= 3, "stored in parts: {}", items.len());
        for (key, value) in &items {
            assert!(
                item_bytes(key, value) <= SYNC_ITEM_BYTES,
                "{key} fits one item"
            );
        }
        let total: usize = items.iter().map(|(k, v)| item_bytes(k, v)).sum();
        assert!(total <= SYNC_TOTAL_BYTES);
        assert_eq!(assemble(&items), (Value::Object(doc), None));
    }
}

#[test]
fn what_can_not_fit_in_all_is_refused_with_the_limit() {
    let doc = as_map(json!({"crms": (0..100).map(|i| crm(i, 40)).collect::<Vec<_>>()}));
    let problem = layout(&doc).unwrap_err();
    assert_eq!(problem.code, Code::TooLong);
    assert_eq!(
        problem.args[1],
        (SYNC_TOTAL_BYTES - TOTAL_MARGIN).to_string()
    );
}

#[test]
fn parts_of_a_bigger_document_that_a_smaller_one_no_longer_needs_are_named_for_removal() {
    let big = layout(&as_map(json!({"crms": [crm(0, 320)]}))).unwrap();
    let small = layout(&as_map(json!({"crms": [crm(0, 1)]}))).unwrap();
    let stale = stale_keys(big.keys().map(String::as_str), &small);
    assert_eq!(stale.len(), big.len() - 1);
    assert!(stale.iter().all(|key| key.starts_with(PART_PREFIX)));
    assert!(stale_keys(["settings", "dockView", "settingsCrmsX"], &small).is_empty());
}

#[test]
fn a_missing_part_is_a_problem_and_the_rest_of_the_document_survives() {
    let mut items = layout(&as_map(json!({"dock": "sidepanel", "crms": [crm(0, 320)]}))).unwrap();
    items.remove("settingsCrms2");
    let (doc, problem) = assemble(&items);
    assert_eq!(doc, json!({"dock": "sidepanel"}));
    assert_eq!(problem.unwrap().code, Code::PartsMissing);
}
