//! IT's managed policy (`storage.managed`: Chrome policy, Firefox `policies.json`) and the
//! settings in force: the agent's own document laid over it.

use super::{parse_json, Settings, MANAGEABLE};
use crate::error::{Code, FieldError, Problem};
use serde_json::{Map, Value};

/// A checked policy: its values for the manageable fields, normalised the way
/// `Settings::to_json` writes them (so an agent's value can be compared with them), and the
/// fields it locks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Policy {
    values: Map<String, Value>,
    locked: Vec<String>,
}

impl Policy {
    /// No policy at all (none installed, or an invalid one that is ignored).
    pub fn none() -> Policy {
        Policy::default()
    }

    /// Checks a policy as a whole: one bad value makes the whole policy invalid, and the caller
    /// ignores it. `null` is no policy. Fields it does not manage are left out; a name in
    /// `locked` counts only when it is manageable and the policy sets that field.
    pub fn parse(managed: &Value) -> Result<Policy, FieldError> {
        let map = match managed {
            Value::Null => return Ok(Policy::none()),
            Value::Object(map) => map,
            _ => return Err(Problem::bare(Code::NotObject).at("")),
        };
        let given: Map<String, Value> = MANAGEABLE
            .iter()
            .filter_map(|key| match map.get(*key) {
                None | Some(Value::Null) => None,
                Some(value) => Some(((*key).to_string(), value.clone())),
            })
            .collect();
        let normalised = Settings::parse(&Value::Object(given.clone()))?.to_json();
        let values: Map<String, Value> = given
            .keys()
            .filter_map(|key| Some((key.clone(), normalised.get(key)?.clone())))
            .collect();
        let locked = match map.get("locked") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(names)) => names
                .iter()
                .filter_map(Value::as_str)
                .filter(|name| values.contains_key(*name))
                .map(str::to_string)
                .collect(),
            Some(_) => return Err(Problem::bare(Code::NotList).at("locked")),
        };
        Ok(Policy { values, locked })
    }

    pub fn locked(&self) -> &[String] {
        &self.locked
    }

    pub fn is_locked(&self, key: &str) -> bool {
        self.locked.iter().any(|name| name == key)
    }

    /// The policy's normalised value for `key`, if it sets one.
    pub fn value(&self, key: &str) -> Option<&Value> {
        self.values.get(key)
    }

    /// The document in force before it is checked: a locked field always takes the policy's
    /// value; any other field the policy sets is a default the agent's own value overrides.
    pub fn lay_over(&self, agent: &Map<String, Value>) -> Map<String, Value> {
        let mut doc = agent.clone();
        for (key, value) in &self.values {
            let agent_has_it = doc.get(key).is_some_and(|v| !v.is_null());
            if self.is_locked(key) || !agent_has_it {
                doc.insert(key.clone(), value.clone());
            }
        }
        doc
    }

    /// What an agent whose own document is set aside gets: the policy and the defaults, with
    /// the fields this version does not know kept (they may be a newer version's). Never fails:
    /// the policy was checked and unknown fields are not read.
    fn defaults_keeping_unknown(&self, agent: &Map<String, Value>) -> Settings {
        let unknown: Map<String, Value> = agent
            .iter()
            .filter(|(key, _)| !MANAGEABLE.contains(&key.as_str()))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        Settings::parse(&Value::Object(self.lay_over(&unknown)))
            .unwrap_or_else(|_| Settings::default_settings())
    }
}

/// Whose document a problem was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Policy,
    Agent,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::Policy => "policy",
            Source::Agent => "agent",
        }
    }
}

/// A document that was set aside while working out the settings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcedError {
    pub source: Source,
    pub error: FieldError,
}

/// The settings in force and how they came about.
#[derive(Debug, Clone, PartialEq)]
pub struct InForce {
    pub settings: Settings,
    /// The policy in force (`Policy::none()` when the installed one was set aside).
    pub policy: Policy,
    /// The agent's own document, as stored (empty when there is none or it is not an object).
    pub agent: Map<String, Value>,
    pub problems: Vec<SourcedError>,
}

impl InForce {
    pub fn locked(&self) -> &[String] {
        self.policy.locked()
    }

    /// The manageable fields the agent can still change (those not locked), in
    /// [`MANAGEABLE`]'s order: what Save and Import may change.
    pub fn changeable(&self) -> Vec<&'static str> {
        MANAGEABLE
            .iter()
            .copied()
            .filter(|key| !self.policy.is_locked(key))
            .collect()
    }

    /// The problem with the agent's own document, if it was set aside.
    pub fn agent_problem(&self) -> Option<&FieldError> {
        self.problems
            .iter()
            .find(|p| p.source == Source::Agent)
            .map(|p| &p.error)
    }
}

/// The settings in force. Never fails, because the call path must not go dead over a settings
/// mistake: an invalid policy is ignored and an invalid agent document gives the defaults under
/// the policy; each is reported in `problems`.
pub fn in_force(agent: &Value, managed: &Value) -> InForce {
    let mut problems = Vec::new();
    let mut set_aside = |source, error| problems.push(SourcedError { source, error });
    let policy = Policy::parse(managed).unwrap_or_else(|error| {
        set_aside(Source::Policy, error);
        Policy::none()
    });
    let agent = match agent {
        Value::Object(map) => map.clone(),
        Value::Null => Map::new(),
        _ => {
            set_aside(Source::Agent, Problem::bare(Code::NotObject).at(""));
            Map::new()
        }
    };
    let settings =
        Settings::parse(&Value::Object(policy.lay_over(&agent))).unwrap_or_else(|error| {
            set_aside(Source::Agent, error);
            policy.defaults_keeping_unknown(&agent)
        });
    InForce {
        settings,
        policy,
        agent,
        problems,
    }
}

/// `in_force` from JSON texts, as storage hands them over: text that is not JSON is set aside
/// like any other invalid document.
pub fn in_force_text(agent: &str, managed: &str) -> InForce {
    let (agent, agent_error) = value_or_null(agent);
    let (managed, managed_error) = value_or_null(managed);
    let mut state = in_force(&agent, &managed);
    let errors = [
        (Source::Policy, managed_error),
        (Source::Agent, agent_error),
    ];
    for (source, error) in errors {
        if let Some(error) = error {
            state.problems.push(SourcedError { source, error });
        }
    }
    state
}

fn value_or_null(text: &str) -> (Value, Option<FieldError>) {
    match parse_json(text) {
        Ok(value) => (value, None),
        Err(error) => (Value::Null, Some(error)),
    }
}
