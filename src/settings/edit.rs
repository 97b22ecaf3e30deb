//! Every edit of the settings, as the agent's new document.
//!
//! **The agent's document holds only the agent's changes.** Each edit works out the settings
//! the agent wants in force, then keeps of each manageable field only what the policy would
//! not give anyway (`agent_part`): so a later change of IT's unlocked values reaches every agent
//! who did not choose otherwise.

use super::policy::{in_force, Policy};
use super::{parse_json, Settings, MANAGEABLE};
use crate::error::{Code, FieldError, Problem};
use crate::site_match::UrlParts;
use serde_json::{json, Map, Value};

/// The agent's document that puts `wanted` in force under `policy`. For each manageable field:
/// locked by the policy → not kept (the policy wins anyway); the policy sets it → kept only when
/// the wanted value differs from the policy's; the policy does not set it → kept when the agent
/// had it already (`present`) or it differs from the built-in default. Unknown fields are kept.
/// `crms` is one field: an agent's own list replaces IT's unlocked list as a whole.
fn agent_part(
    wanted: &Settings,
    present: &Map<String, Value>,
    policy: &Policy,
) -> Map<String, Value> {
    let defaults = Settings::default_settings().to_json();
    let Value::Object(wanted) = wanted.to_json() else {
        return Map::new();
    };
    wanted
        .into_iter()
        .filter(|(key, value)| {
            if !MANAGEABLE.contains(&key.as_str()) {
                return true;
            }
            if policy.is_locked(key) {
                return false;
            }
            match policy.value(key) {
                Some(from_policy) => from_policy != value,
                None => {
                    present.get(key).is_some_and(|v| !v.is_null())
                        || defaults.get(key) != Some(value)
                }
            }
        })
        .collect()
}

/// Refuses a document `storage.sync` can't hold even in parts, so the refusal comes in words and
/// before anything is written.
fn fits_sync(doc: Map<String, Value>) -> Result<Map<String, Value>, FieldError> {
    super::storage::layout(&doc).map_err(|problem| problem.at(""))?;
    Ok(doc)
}

/// Save from the options form. `form` holds the settings in force as edited there (all fields,
/// unknown ones kept); values of locked fields are ignored.
pub fn edit_from_form(
    agent: &Value,
    managed: &Value,
    form: &Value,
) -> Result<Map<String, Value>, FieldError> {
    let state = in_force(agent, managed);
    let wanted = Settings::parse(form)?;
    fits_sync(agent_part(&wanted, &state.agent, &state.policy))
}

/// An imported file: the agent's new document, and the fields whose value in the file differs
/// from a locked policy value (ignored: "kept by IT").
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub agent: Map<String, Value>,
    pub kept_by_policy: Vec<String>,
}

/// Import: the file replaces the agent's own part, by the same rule as the form, the fields
/// present in the file counting as the ones the agent has. So an exported file, which has them
/// all, keeps every field the policy does not set, and of those it sets unlocked only the values
/// that differ from IT's; the current agent document is not read.
pub fn edit_import(managed: &Value, file_text: &str) -> Result<Imported, FieldError> {
    let policy = in_force(&Value::Null, managed).policy;
    let file = parse_json(file_text)?;
    let as_given = Settings::parse(&file)?.to_json();
    let in_file = file.as_object().cloned().unwrap_or_default();
    // A field the file leaves out is one the agent no longer sets: the policy's value, if any.
    let wanted = Settings::parse(&Value::Object(policy.lay_over(&in_file)))?;
    let kept_by_policy = policy
        .locked()
        .iter()
        .filter(|key| {
            in_file.get(key.as_str()).is_some_and(|v| !v.is_null())
                && as_given.get(key.as_str()) != policy.value(key)
        })
        .cloned()
        .collect();
    let agent = fits_sync(agent_part(&wanted, &in_file, &policy))?;
    Ok(Imported {
        agent,
        kept_by_policy,
    })
}

/// The pattern "use myCC on this site" adds for a page: `scheme://host[:port]/*`, and the host
/// a new CRM is named after.
fn site_of(url: &str) -> Result<(String, String), Problem> {
    match UrlParts::parse(url) {
        Some(parts) if parts.scheme == "http" || parts.scheme == "https" => {
            Ok((format!("{}/*", parts.origin()), parts.host))
        }
        _ => Err(Problem::new(Code::SiteNotWeb, [url])),
    }
}

/// The CRM list of a document `Settings::to_json` wrote (which always has one).
fn crms_of(doc: &mut Value) -> Option<&mut Vec<Value>> {
    doc.get_mut("crms")?.as_array_mut()
}

/// `settings` with `pattern` taken out of every CRM. A CRM that loses its last site and has no
/// search address does nothing any more (no page is its, no pop opens), so it goes too: turning
/// a site on then off as a new CRM leaves the list as it was.
fn without_site(settings: &Settings, pattern: &str) -> Result<Settings, FieldError> {
    let mut doc = settings.to_json();
    if let Some(crms) = crms_of(&mut doc) {
        crms.retain_mut(|crm| {
            let Some(sites) = crm.get_mut("sites").and_then(Value::as_array_mut) else {
                return true;
            };
            let before = sites.len();
            sites.retain(|site| site.as_str() != Some(pattern));
            let emptied = before > 0 && sites.is_empty();
            let searches = crm
                .get("searchUrl")
                .and_then(Value::as_str)
                .is_some_and(|s| !s.is_empty());
            !emptied || searches
        });
    }
    Settings::parse(&doc)
}

/// `settings` with `pattern` added to CRM `crm_index`, or to a new CRM named `host`.
fn with_site(
    settings: &Settings,
    pattern: &str,
    host: &str,
    crm_index: Option<usize>,
) -> Result<Settings, FieldError> {
    let mut doc = settings.to_json();
    let added = match (crms_of(&mut doc), crm_index) {
        (Some(crms), None) => {
            crms.push(json!({"name": host, "sites": [pattern]}));
            true
        }
        (Some(crms), Some(i)) => match crms
            .get_mut(i)
            .and_then(|crm| crm.get_mut("sites"))
            .and_then(Value::as_array_mut)
        {
            Some(sites) => {
                sites.push(json!(pattern));
                true
            }
            None => false,
        },
        (None, _) => false,
    };
    if !added {
        let number = crm_index.map_or(0, |i| i + 1).to_string();
        return Err(Problem::new(Code::NoSuchCrm, [number]).at(""));
    }
    Settings::parse(&doc)
}

/// What the toolbar popup shows for a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteStatus {
    /// `None` for a page that is not http(s).
    pub pattern: Option<String>,
    /// The CRM the page belongs to.
    pub crm_index: Option<usize>,
    pub crm_name: Option<String>,
    /// Turning the site off would take it out: some CRM lists exactly this pattern and no
    /// wider one covers it.
    pub removable: bool,
    pub crms: Vec<String>,
    pub locked: bool,
}

pub fn site_status(agent: &Value, managed: &Value, url: &str) -> SiteStatus {
    let state = in_force(agent, managed);
    let settings = &state.settings;
    let pattern = site_of(url).ok().map(|(pattern, _)| pattern);
    let crm_index = pattern.as_ref().and(settings.crm_for_url(url));
    let removable = match (&pattern, crm_index) {
        (Some(pattern), Some(_)) => {
            settings.crms.iter().any(|crm| crm.sites.contains(pattern))
                && without_site(settings, pattern).is_ok_and(|s| s.crm_for_url(url).is_none())
        }
        _ => false,
    };
    SiteStatus {
        crm_name: crm_index
            .and_then(|i| settings.crms.get(i))
            .map(|c| c.name.clone()),
        pattern,
        crm_index,
        removable,
        crms: settings.crms.iter().map(|c| c.name.clone()).collect(),
        locked: state.policy.is_locked("crms"),
    }
}

/// "Use myCC on this site": on adds the page's pattern to CRM `crm_index` of the list in force
/// (a new CRM named after the host when `None`); off takes that exact pattern out of every CRM.
/// The edited list in force becomes the agent's `crms` (dropped when it equals the policy's).
/// A site already on (or already off) leaves the document as it is.
pub fn edit_site(
    agent: &Value,
    managed: &Value,
    url: &str,
    on: bool,
    crm_index: Option<usize>,
) -> Result<Map<String, Value>, FieldError> {
    let (pattern, host) = site_of(url).map_err(|p| p.at(""))?;
    let state = in_force(agent, managed);
    if let Some(error) = state.agent_problem() {
        // Editing the defaults that stand in for a broken document would overwrite it.
        return Err(error.clone());
    }
    if state.policy.is_locked("crms") {
        return Err(Problem::bare(Code::CrmsLocked).at(""));
    }
    let settings = &state.settings;
    let covering = settings.crm_for_url(url);
    let wanted = match (on, covering) {
        (true, Some(_)) | (false, None) => return Ok(state.agent),
        (true, None) => with_site(settings, &pattern, &host, crm_index)?,
        (false, Some(_)) => {
            let without = without_site(settings, &pattern)?;
            if let Some(still) = without.crm_for_url(url) {
                let name = without.crms[still].name.clone();
                return Err(Problem::new(Code::SiteNotRemovable, [pattern, name]).at(""));
            }
            without
        }
    };
    fits_sync(agent_part(&wanted, &state.agent, &state.policy))
}

#[cfg(test)]
mod tests;
