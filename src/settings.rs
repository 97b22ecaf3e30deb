//! The settings document (`storage.sync` key `settings`; also what Export writes and Import
//! reads). Missing fields take defaults, unknown fields survive a round trip, and an invalid
//! document is refused with an error that names the field.

use crate::call::{Call, CallPhase, Direction};
use crate::detect::NationalRules;
use crate::site_match::{MatchPattern, UrlParts};
use crate::template::{PopValues, Template};
use serde_json::{json, Map, Value};

pub const DEFAULT_WEBPHONE_URL: &str = "https://mycc.vn/webphone";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DockMode {
    Page,
    SidePanel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopOn {
    Ringing,
    Answer,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopFor {
    Inbound,
    Outbound,
    All,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Crm {
    pub name: String,
    pub sites: Vec<String>,
    patterns: Vec<MatchPattern>,
    pub search_url: String,
    template: Option<Template>,
    pub pop_on: PopOn,
    pub pop_for: PopFor,
    pub page_api: bool,
    extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub webphone_url: String,
    pub webphone_origin: String,
    pub default_country: String,
    pub rules: NationalRules,
    pub dock: DockMode,
    pub crms: Vec<Crm>,
    extra: Map<String, Value>,
}

/// Why a settings document was refused: the field (a path such as `crms[1].searchUrl`) and
/// what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

fn error(field: impl Into<String>, message: impl Into<String>) -> SettingsError {
    SettingsError {
        field: field.into(),
        message: message.into(),
    }
}

/// Takes the known keys out of `map`, leaving the unknown ones to be kept as they are.
struct Fields {
    map: Map<String, Value>,
    path: String,
}

impl Fields {
    fn new(value: &Value, path: &str) -> Result<Fields, SettingsError> {
        let map = value
            .as_object()
            .ok_or_else(|| error(path, "must be an object"))?
            .clone();
        Ok(Fields {
            map,
            path: path.to_string(),
        })
    }

    fn field(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    fn string(&mut self, key: &str, default: &str) -> Result<String, SettingsError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(default.to_string()),
            Some(Value::String(s)) => Ok(s.trim().to_string()),
            Some(_) => Err(error(self.field(key), "must be text")),
        }
    }

    fn boolean(&mut self, key: &str, default: bool) -> Result<bool, SettingsError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(default),
            Some(Value::Bool(b)) => Ok(b),
            Some(_) => Err(error(self.field(key), "must be true or false")),
        }
    }

    fn choice<T: Copy>(
        &mut self,
        key: &str,
        default: T,
        choices: &[(&str, T)],
    ) -> Result<T, SettingsError> {
        let value = self.string(key, "")?;
        if value.is_empty() {
            return Ok(default);
        }
        choices
            .iter()
            .find(|(name, _)| *name == value)
            .map(|(_, v)| *v)
            .ok_or_else(|| {
                let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
                error(
                    self.field(key),
                    format!("\"{value}\" is not one of {}", names.join(", ")),
                )
            })
    }

    fn array(&mut self, key: &str) -> Result<Vec<Value>, SettingsError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(error(self.field(key), "must be a list")),
        }
    }
}

const DOCK_MODES: &[(&str, DockMode)] =
    &[("page", DockMode::Page), ("sidepanel", DockMode::SidePanel)];
const POP_ON: &[(&str, PopOn)] = &[
    ("ringing", PopOn::Ringing),
    ("answer", PopOn::Answer),
    ("never", PopOn::Never),
];
const POP_FOR: &[(&str, PopFor)] = &[
    ("inbound", PopFor::Inbound),
    ("outbound", PopFor::Outbound),
    ("all", PopFor::All),
];

fn name_of<T: PartialEq + Copy>(choices: &[(&'static str, T)], value: T) -> &'static str {
    choices
        .iter()
        .find(|(_, v)| *v == value)
        .map_or("", |(n, _)| n)
}

/// The WebPhone's origin, if `url` is an http(s) address.
pub fn webphone_origin(url: &str) -> Result<String, String> {
    let parts = UrlParts::parse(url).ok_or("is not a web address (https://…)")?;
    if parts.scheme != "https" && parts.scheme != "http" {
        return Err("must be an http: or https: address".into());
    }
    Ok(parts.origin())
}

fn parse_crm(value: &Value, path: &str) -> Result<Crm, SettingsError> {
    let mut f = Fields::new(value, path)?;
    let name = f.string("name", "")?;
    if name.is_empty() {
        return Err(error(f.field("name"), "must not be empty"));
    }
    let mut sites = Vec::new();
    let mut patterns = Vec::new();
    for (i, site) in f.array("sites")?.iter().enumerate() {
        let field = format!("{}[{i}]", f.field("sites"));
        let site = site
            .as_str()
            .ok_or_else(|| error(&field, "must be text"))?
            .trim()
            .to_string();
        patterns.push(MatchPattern::parse(&site).map_err(|m| error(&field, m))?);
        sites.push(site);
    }
    let search_url = f.string("searchUrl", "")?;
    let template = if search_url.is_empty() {
        None
    } else {
        Some(Template::parse(&search_url).map_err(|m| error(f.field("searchUrl"), m))?)
    };
    Ok(Crm {
        name,
        sites,
        patterns,
        search_url,
        template,
        pop_on: f.choice("popOn", PopOn::Ringing, POP_ON)?,
        pop_for: f.choice("popFor", PopFor::Inbound, POP_FOR)?,
        page_api: f.boolean("pageApi", false)?,
        extra: f.map,
    })
}

impl Settings {
    pub fn parse(value: &Value) -> Result<Settings, SettingsError> {
        let mut f = Fields::new(value, "")?;
        let webphone_url = f.string("webphoneUrl", DEFAULT_WEBPHONE_URL)?;
        let webphone_origin =
            webphone_origin(&webphone_url).map_err(|m| error("webphoneUrl", m))?;
        let default_country = f.string("defaultCountry", "VN")?.to_ascii_uppercase();
        let rules =
            NationalRules::for_country(&default_country).map_err(|m| error("defaultCountry", m))?;
        let dock = f.choice("dock", DockMode::Page, DOCK_MODES)?;
        let mut crms: Vec<Crm> = Vec::new();
        for (i, item) in f.array("crms")?.iter().enumerate() {
            let crm = parse_crm(item, &format!("crms[{i}]"))?;
            for (j, site) in crm.sites.iter().enumerate() {
                if let Some((k, other)) = crms
                    .iter()
                    .enumerate()
                    .find(|(_, c)| c.sites.contains(site))
                {
                    return Err(error(
                        format!("crms[{i}].sites[{j}]"),
                        format!("\"{site}\" is already a site of crms[{k}] ({})", other.name),
                    ));
                }
                if crm.sites[..j].contains(site) {
                    return Err(error(
                        format!("crms[{i}].sites[{j}]"),
                        format!("\"{site}\" is listed twice"),
                    ));
                }
            }
            crms.push(crm);
        }
        Ok(Settings {
            webphone_url,
            webphone_origin,
            default_country,
            rules,
            dock,
            crms,
            extra: f.map,
        })
    }

    pub fn parse_str(text: &str) -> Result<Settings, SettingsError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| error("(document)", format!("not valid JSON: {e}")))?;
        Settings::parse(&value)
    }

    pub fn default_settings() -> Settings {
        Settings::parse(&json!({})).unwrap_or_else(|_| unreachable!("the empty document is valid"))
    }

    /// The normalised document: every field present, unknown fields kept.
    pub fn to_json(&self) -> Value {
        let mut out = self.extra.clone();
        out.insert("webphoneUrl".into(), json!(self.webphone_url));
        out.insert("defaultCountry".into(), json!(self.default_country));
        out.insert("dock".into(), json!(name_of(DOCK_MODES, self.dock)));
        let crms: Vec<Value> = self
            .crms
            .iter()
            .map(|crm| {
                let mut c = crm.extra.clone();
                c.insert("name".into(), json!(crm.name));
                c.insert("sites".into(), json!(crm.sites));
                c.insert("searchUrl".into(), json!(crm.search_url));
                c.insert("popOn".into(), json!(name_of(POP_ON, crm.pop_on)));
                c.insert("popFor".into(), json!(name_of(POP_FOR, crm.pop_for)));
                c.insert("pageApi".into(), json!(crm.page_api));
                Value::Object(c)
            })
            .collect();
        out.insert("crms".into(), Value::Array(crms));
        Value::Object(out)
    }

    /// The first CRM with a site that matches `url`.
    pub fn crm_for_url(&self, url: &str) -> Option<usize> {
        let url = UrlParts::parse(url)?;
        self.crms
            .iter()
            .position(|crm| crm.patterns.iter().any(|p| p.matches(&url)))
    }

    /// The screen pop for this call, if one is due: the CRM of the tab that hosts the live
    /// WebPhone, else the first CRM with a search URL.
    pub fn screen_pop(&self, host_crm: Option<usize>, call: &Call) -> Option<ScreenPop> {
        let index = host_crm
            .filter(|&i| self.crms.get(i).is_some_and(|c| c.template.is_some()))
            .or_else(|| self.crms.iter().position(|c| c.template.is_some()))?;
        let crm = &self.crms[index];
        let phase_ok = matches!(
            (crm.pop_on, call.phase),
            (PopOn::Ringing, CallPhase::Ringing) | (PopOn::Answer, CallPhase::Answered)
        );
        let direction_ok = match crm.pop_for {
            PopFor::All => call.direction != Direction::Unknown,
            PopFor::Inbound => call.direction == Direction::Inbound,
            PopFor::Outbound => call.direction == Direction::Outbound,
        };
        if !phase_ok || !direction_ok || call.customer_number.is_none() {
            return None;
        }
        let url = crm.template.as_ref()?.expand(&PopValues::from_call(call));
        Some(ScreenPop { crm: index, url })
    }
}

/// Fields IT may preset for a whole call center through managed storage (Chrome policy,
/// Firefox `policies.json`).
pub const MANAGEABLE: &[&str] = &["webphoneUrl", "defaultCountry", "dock", "crms"];

/// The settings in force and the fields IT locked (the options page shows them read-only).
#[derive(Debug, Clone, PartialEq)]
pub struct Effective {
    pub settings: Settings,
    pub locked: Vec<String>,
}

/// Lays IT's managed values over the agent's document. A managed field listed in `locked`
/// always wins; any other managed field is a default the agent's own value overrides.
pub fn effective(user: &Value, managed: &Value) -> Result<Effective, SettingsError> {
    let mut doc = user
        .as_object()
        .cloned()
        .ok_or_else(|| error("", "must be an object"))?;
    let Some(managed) = managed.as_object() else {
        return Ok(Effective {
            settings: Settings::parse(&Value::Object(doc))?,
            locked: Vec::new(),
        });
    };
    let locked: Vec<String> = match managed.get("locked") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(names)) => names
            .iter()
            .filter_map(Value::as_str)
            .filter(|name| MANAGEABLE.contains(name) && managed.contains_key(*name))
            .map(str::to_string)
            .collect(),
        Some(_) => {
            return Err(error(
                "managed policy: locked",
                "must be a list of field names",
            ))
        }
    };
    for key in MANAGEABLE {
        if let Some(value) = managed.get(*key) {
            if locked.iter().any(|l| l == key) || !doc.contains_key(*key) {
                doc.insert((*key).to_string(), value.clone());
            }
        }
    }
    let settings = Settings::parse(&Value::Object(doc)).map_err(|e| {
        let from_policy = MANAGEABLE
            .iter()
            .any(|k| e.field.starts_with(k) && managed.contains_key(*k));
        if from_policy {
            error(format!("managed policy: {}", e.field), e.message)
        } else {
            e
        }
    })?;
    Ok(Effective { settings, locked })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenPop {
    pub crm: usize,
    pub url: String,
}

#[cfg(test)]
mod tests;
