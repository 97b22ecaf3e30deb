//! The settings document (`storage.sync` key `settings`; also what Export writes and Import
//! reads). Missing fields take defaults, unknown fields survive a round trip, and an invalid
//! document is refused with an error that names the field.
//!
//! What the agent stores is only what the agent changed: `policy` lays it over IT's managed
//! policy into the settings in force, and `edit` turns each edit (the options form, an import,
//! "use myCC on this site") into the agent's new document.

mod edit;
mod policy;
pub mod storage;

/// The `storage.sync` key of the agent's document (see `storage` for documents that need more).
pub const STORAGE_KEY: &str = "settings";

pub use edit::{edit_from_form, edit_import, edit_site, site_status, Imported, SiteStatus};
pub use policy::{in_force, in_force_text, InForce, Policy, Source, SourcedError};

use crate::call::{Call, CallPhase, Direction};
use crate::detect::NationalRules;
use crate::error::{Code, FieldError, Problem};
use crate::site_match::{MatchPattern, UrlParts};
use crate::template::{PopValues, Template};
use serde_json::{json, Map, Value};

pub const DEFAULT_WEBPHONE_URL: &str = "https://mycc.vn/webphone";

/// How long a click waits for a WebPhone that is not registered yet, by default and at most:
/// long enough to log in, short enough that nobody is dialled who was asked for long ago.
pub const DIAL_WAIT_SECONDS: (u32, std::ops::RangeInclusive<u32>) = (30, 5..=600);

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
    pub pop_target: PopTarget,
    extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub webphone_url: String,
    pub webphone_origin: String,
    pub default_country: String,
    pub rules: NationalRules,
    pub dock: DockMode,
    pub dial_wait_seconds: u32,
    pub crms: Vec<Crm>,
    extra: Map<String, Value>,
}

/// Takes the known keys out of `map`, leaving the unknown ones to be kept as they are.
struct Fields {
    map: Map<String, Value>,
    path: String,
}

impl Fields {
    fn new(value: &Value, path: &str) -> Result<Fields, FieldError> {
        let map = value
            .as_object()
            .ok_or_else(|| Problem::bare(Code::NotObject).at(path))?
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

    fn fail(&self, key: &str, problem: Problem) -> FieldError {
        problem.at(self.field(key))
    }

    fn string(&mut self, key: &str, default: &str) -> Result<String, FieldError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(default.to_string()),
            Some(Value::String(s)) => Ok(s.trim().to_string()),
            Some(_) => Err(self.fail(key, Problem::bare(Code::NotText))),
        }
    }

    fn boolean(&mut self, key: &str, default: bool) -> Result<bool, FieldError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(default),
            Some(Value::Bool(b)) => Ok(b),
            Some(_) => Err(self.fail(key, Problem::bare(Code::NotBoolean))),
        }
    }

    /// A whole number within `range`. A number written as text (`"30"`) is refused like any
    /// other text: the document is JSON, and a form sends numbers as numbers.
    fn whole_number(
        &mut self,
        key: &str,
        (default, range): (u32, std::ops::RangeInclusive<u32>),
    ) -> Result<u32, FieldError> {
        let value = match self.map.remove(key) {
            None | Some(Value::Null) => return Ok(default),
            Some(value) => value,
        };
        let shown = match &value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let whole = match &value {
            Value::Number(n) => n
                .as_i64()
                .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
            _ => None,
        };
        let Some(whole) = whole else {
            return Err(self.fail(key, Problem::new(Code::NotWholeNumber, [shown])));
        };
        u32::try_from(whole)
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| {
                let (min, max) = (range.start().to_string(), range.end().to_string());
                self.fail(key, Problem::new(Code::OutOfRange, [shown, min, max]))
            })
    }

    fn choice<T: Copy>(
        &mut self,
        key: &str,
        default: T,
        choices: &[(&str, T)],
    ) -> Result<T, FieldError> {
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
                self.fail(key, Problem::new(Code::NotOneOf, [value, names.join(", ")]))
            })
    }

    fn array(&mut self, key: &str) -> Result<Vec<Value>, FieldError> {
        match self.map.remove(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(self.fail(key, Problem::bare(Code::NotList))),
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
/// Where a CRM's screen pop opens: one tab per CRM that each pop reuses (so pops don't pile up),
/// a new tab each time, or the agent's own CRM tab (the one last used, when it is not the tab
/// that hosts the phone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopTarget {
    Reuse,
    NewTab,
    CrmTab,
}

const POP_TARGET: &[(&str, PopTarget)] = &[
    ("reuse", PopTarget::Reuse),
    ("newTab", PopTarget::NewTab),
    ("crmTab", PopTarget::CrmTab),
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
pub fn webphone_origin(url: &str) -> Result<String, Problem> {
    let parts = UrlParts::parse(url).ok_or_else(|| Problem::new(Code::NotWebAddress, [url]))?;
    if parts.scheme != "https" && parts.scheme != "http" {
        return Err(Problem::bare(Code::NotHttp));
    }
    Ok(parts.origin())
}

fn parse_crm(value: &Value, path: &str) -> Result<Crm, FieldError> {
    let mut f = Fields::new(value, path)?;
    let name = f.string("name", "")?;
    if name.is_empty() {
        return Err(f.fail("name", Problem::bare(Code::Empty)));
    }
    let mut sites = Vec::new();
    let mut patterns = Vec::new();
    for (i, site) in f.array("sites")?.iter().enumerate() {
        let field = format!("{}[{i}]", f.field("sites"));
        let site = site
            .as_str()
            .ok_or_else(|| Problem::bare(Code::NotText).at(&field))?
            .trim()
            .to_string();
        patterns.push(MatchPattern::parse(&site).map_err(|p| p.at(&field))?);
        sites.push(site);
    }
    let search_url = f.string("searchUrl", "")?;
    let template = if search_url.is_empty() {
        None
    } else {
        Some(Template::parse(&search_url).map_err(|p| f.fail("searchUrl", p))?)
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
        pop_target: f.choice("popTarget", PopTarget::Reuse, POP_TARGET)?,
        extra: f.map,
    })
}

impl Crm {
    /// `popTarget` as the settings document spells it.
    pub fn pop_target_name(&self) -> &'static str {
        name_of(POP_TARGET, self.pop_target)
    }
}

impl Settings {
    pub fn parse(value: &Value) -> Result<Settings, FieldError> {
        let mut f = Fields::new(value, "")?;
        let webphone_url = f.string("webphoneUrl", DEFAULT_WEBPHONE_URL)?;
        let webphone_origin =
            webphone_origin(&webphone_url).map_err(|p| f.fail("webphoneUrl", p))?;
        let default_country = f.string("defaultCountry", "VN")?.to_ascii_uppercase();
        let rules = NationalRules::for_country(&default_country).map_err(|_| {
            f.fail(
                "defaultCountry",
                Problem::new(Code::CountryUnknown, [default_country.as_str()]),
            )
        })?;
        let dock = f.choice("dock", DockMode::Page, DOCK_MODES)?;
        let dial_wait_seconds = f.whole_number("dialWaitSeconds", DIAL_WAIT_SECONDS)?;
        let mut crms: Vec<Crm> = Vec::new();
        for (i, item) in f.array("crms")?.iter().enumerate() {
            let crm = parse_crm(item, &format!("crms[{i}]"))?;
            for (j, site) in crm.sites.iter().enumerate() {
                let field = format!("crms[{i}].sites[{j}]");
                if let Some((k, other)) = crms
                    .iter()
                    .enumerate()
                    .find(|(_, c)| c.sites.contains(site))
                {
                    let number = (k + 1).to_string();
                    let args = [site.as_str(), number.as_str(), other.name.as_str()];
                    return Err(Problem::new(Code::SiteDuplicate, args).at(field));
                }
                if crm.sites[..j].contains(site) {
                    return Err(Problem::new(Code::SiteTwice, [site.as_str()]).at(field));
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
            dial_wait_seconds,
            crms,
            extra: f.map,
        })
    }

    pub fn parse_str(text: &str) -> Result<Settings, FieldError> {
        Settings::parse(&parse_json(text)?)
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
        out.insert("dialWaitSeconds".into(), json!(self.dial_wait_seconds));
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
                c.insert(
                    "popTarget".into(),
                    json!(name_of(POP_TARGET, crm.pop_target)),
                );
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

    /// The CRM whose search a call opens: the CRM of the tab that hosts the live WebPhone, else
    /// the first CRM with a search URL.
    fn pop_crm(&self, host_crm: Option<usize>) -> Option<usize> {
        host_crm
            .filter(|&i| self.crms.get(i).is_some_and(|c| c.template.is_some()))
            .or_else(|| self.crms.iter().position(|c| c.template.is_some()))
    }

    /// The CRM search for this call's customer, whatever `popOn` and `popFor` say ("open in the
    /// CRM" from the recent calls), or `None` without a number or a search URL.
    pub fn search_for(&self, host_crm: Option<usize>, call: &Call) -> Option<ScreenPop> {
        let index = self.pop_crm(host_crm)?;
        call.customer_number.as_ref()?;
        let url = self.crms[index]
            .template
            .as_ref()?
            .expand(&PopValues::from_call(call))?;
        Some(ScreenPop { crm: index, url })
    }

    /// The screen pop for this call, if one is due (the CRM as in `search_for`).
    pub fn screen_pop(&self, host_crm: Option<usize>, call: &Call) -> Option<ScreenPop> {
        let index = self.pop_crm(host_crm)?;
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
        let url = crm.template.as_ref()?.expand(&PopValues::from_call(call))?;
        Some(ScreenPop { crm: index, url })
    }
}

/// Fields IT may preset for a whole call center through managed storage (Chrome policy,
/// Firefox `policies.json`). They are every top-level field this version reads: any other is
/// unknown and kept as it is.
pub const MANAGEABLE: &[&str] = &[
    "webphoneUrl",
    "defaultCountry",
    "dock",
    "dialWaitSeconds",
    "crms",
];

/// A JSON text as a value, or `notJson` for the whole document.
pub fn parse_json(text: &str) -> Result<Value, FieldError> {
    serde_json::from_str(text).map_err(|e| Problem::new(Code::NotJson, [e.to_string()]).at(""))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenPop {
    pub crm: usize,
    pub url: String,
}

#[cfg(test)]
mod tests;
