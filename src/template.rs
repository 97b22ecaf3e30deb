//! Screen-pop URL templates: `https://crm.example.vn/search?q={phone}`.

use crate::call::Call;
use crate::error::{Code, Problem};

/// The placeholders a template may use, and what each stands for.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("phone", "the dial string, e.g. 0982861121"),
    ("e164", "E.164, e.g. +84982861121"),
    ("digits", "E.164 digits without +, e.g. 84982861121"),
    ("callId", "the customer's call id"),
    ("interactionId", "the WebPhone's interaction id"),
    ("queueId", "the queue id"),
    ("agentId", "the agent's user id"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Placeholder(String),
}

/// A checked template: an `http:`/`https:` URL with known placeholders only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pieces: Vec<Piece>,
}

impl Template {
    pub fn parse(template: &str) -> Result<Template, Problem> {
        let trimmed = template.trim();
        let lower = trimmed.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Err(Problem::bare(Code::NotHttp));
        }
        if trimmed.contains(char::is_whitespace) {
            return Err(Problem::bare(Code::TemplateHasSpaces));
        }
        if trimmed.len() <= "https://".len() {
            return Err(Problem::bare(Code::TemplateIncomplete));
        }
        let mut pieces = Vec::new();
        let mut rest = trimmed;
        while let Some(open) = rest.find('{') {
            let (literal, after) = rest.split_at(open);
            let close = after
                .find('}')
                .ok_or(Problem::bare(Code::TemplateUnbalanced))?;
            let name = &after[1..close];
            if !PLACEHOLDERS.iter().any(|(known, _)| *known == name) {
                let known: Vec<String> = PLACEHOLDERS
                    .iter()
                    .map(|(k, _)| format!("{{{k}}}"))
                    .collect();
                return Err(Problem::new(
                    Code::TemplateUnknownPlaceholder,
                    [name.to_string(), known.join(", ")],
                ));
            }
            if !literal.is_empty() {
                pieces.push(Piece::Literal(literal.to_string()));
            }
            pieces.push(Piece::Placeholder(name.to_string()));
            rest = &after[close + 1..];
        }
        if rest.contains('}') {
            return Err(Problem::bare(Code::TemplateUnbalanced));
        }
        if !rest.is_empty() {
            pieces.push(Piece::Literal(rest.to_string()));
        }
        Ok(Template { pieces })
    }

    /// Fills the placeholders, each percent-encoded as a URL component.
    /// The address for these values, or `None` when a value is a dot segment (`.` or `..`):
    /// percent-encoding leaves dots alone, and a caller id of `..` in `/contacts/{phone}/view`
    /// would climb out of the path the admin wrote (`/view`). Such a call gets no pop.
    pub fn expand(&self, values: &PopValues) -> Option<String> {
        let mut url = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => url.push_str(text),
                Piece::Placeholder(name) => {
                    let value = values.get(name);
                    if is_dot_segment(value) {
                        return None;
                    }
                    url.push_str(&encode_component(value));
                }
            }
        }
        Some(url)
    }
}

/// The values a template can use, taken from a call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PopValues {
    pub phone: String,
    pub e164: String,
    pub call_id: String,
    pub interaction_id: String,
    pub queue_id: String,
    pub agent_id: String,
}

impl PopValues {
    pub fn from_call(call: &Call) -> PopValues {
        let own = |v: &Option<String>| v.clone().unwrap_or_default();
        PopValues {
            phone: call
                .customer_dial
                .clone()
                .or_else(|| call.customer_number.clone())
                .unwrap_or_default(),
            e164: own(&call.customer_e164),
            call_id: own(&call.customer_call_id),
            interaction_id: own(&call.interaction_id),
            queue_id: own(&call.queue_id),
            agent_id: own(&call.agent_id),
        }
    }

    fn get(&self, name: &str) -> &str {
        match name {
            "phone" => &self.phone,
            "e164" => &self.e164,
            "digits" => self.e164.strip_prefix('+').unwrap_or(&self.e164),
            "callId" => &self.call_id,
            "interactionId" => &self.interaction_id,
            "queueId" => &self.queue_id,
            "agentId" => &self.agent_id,
            _ => "",
        }
    }
}

/// `encodeURIComponent`: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )` becomes `%XX` (UTF-8).
fn is_dot_segment(value: &str) -> bool {
    value == "." || value == ".."
}

pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> PopValues {
        PopValues {
            phone: "0982861121".into(),
            e164: "+84982861121".into(),
            call_id: "c772f9ca-1c00".into(),
            interaction_id: "63729795363-220b673c".into(),
            queue_id: "q 1".into(),
            agent_id: "b57f#&".into(),
        }
    }

    #[test]
    fn every_placeholder_expands() {
        let t = Template::parse(
            "https://crm.vn/s?p={phone}&e={e164}&d={digits}&c={callId}&i={interactionId}&q={queueId}&a={agentId}",
        )
        .unwrap();
        assert_eq!(
            t.expand(&values()).unwrap(),
            "https://crm.vn/s?p=0982861121&e=%2B84982861121&d=84982861121&c=c772f9ca-1c00&i=63729795363-220b673c&q=q%201&a=b57f%23%26"
        );
    }

    #[test]
    fn encoding_edges() {
        assert_eq!(
            encode_component("a b+c#d&e=f/g?h"),
            "a%20b%2Bc%23d%26e%3Df%2Fg%3Fh"
        );
        assert_eq!(encode_component("Hằng"), "H%E1%BA%B1ng");
        assert_eq!(encode_component("-_.!~*'()"), "-_.!~*'()");
        assert_eq!(encode_component(""), "");
    }

    #[test]
    fn placeholders_in_the_fragment_and_path() {
        let t =
            Template::parse("https://crm.example.vn/web#action=contacts&search={phone}").unwrap();
        assert_eq!(
            t.expand(&values()).unwrap(),
            "https://crm.example.vn/web#action=contacts&search=0982861121"
        );
        let t = Template::parse("http://127.0.0.1:8080/customers/{digits}").unwrap();
        assert_eq!(
            t.expand(&values()).unwrap(),
            "http://127.0.0.1:8080/customers/84982861121"
        );
        let t = Template::parse("https://crm.vn/s?q={phone}").unwrap();
        assert_eq!(
            t.expand(&PopValues::default()).unwrap(),
            "https://crm.vn/s?q="
        );
    }

    #[test]
    fn refused_templates_say_why() {
        for (template, code) in [
            ("javascript:alert(1)//{phone}", Code::NotHttp),
            ("JavaScript:alert(1)", Code::NotHttp),
            ("data:text/html,{phone}", Code::NotHttp),
            ("ftp://crm.vn/{phone}", Code::NotHttp),
            ("https://crm.vn/?q={name}", Code::TemplateUnknownPlaceholder),
            ("https://crm.vn/?q={phone", Code::TemplateUnbalanced),
            ("https://crm.vn/?q=phone}", Code::TemplateUnbalanced),
            ("https://", Code::TemplateIncomplete),
            ("https://crm.vn/a b", Code::TemplateHasSpaces),
        ] {
            let error = Template::parse(template).unwrap_err();
            assert_eq!(error.code, code, "{template}");
        }
        let unknown = Template::parse("https://crm.vn/?q={name}").unwrap_err();
        assert_eq!(unknown.args[0], "name");
        assert!(unknown
            .message()
            .starts_with("unknown placeholder {name}; use one of {phone}"));
        assert!(Template::parse("HTTPS://crm.vn/?q={phone}").is_ok());
    }

    #[test]
    fn a_value_that_is_a_dot_segment_never_changes_the_path() {
        let t = Template::parse("https://crm.vn/contacts/{phone}/view?c={callId}").unwrap();
        for dots in [".", ".."] {
            let values = PopValues {
                phone: dots.into(),
                ..PopValues::default()
            };
            assert_eq!(t.expand(&values), None, "{dots}");
            let values = PopValues {
                call_id: dots.into(),
                phone: "0982861121".into(),
                ..PopValues::default()
            };
            assert_eq!(
                t.expand(&values),
                None,
                "{dots} in the query too: refused, not guessed"
            );
        }
        let values = PopValues {
            phone: "...".into(),
            ..PopValues::default()
        };
        assert_eq!(
            t.expand(&values).as_deref(),
            Some("https://crm.vn/contacts/.../view?c=")
        );
    }
}
