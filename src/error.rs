//! Errors as values the UI can put in its own language: a stable `code`, its `args`, and the
//! field it is about. The English text here is for logs and the CLI; the extension's pages show
//! `_locales/*/messages.json` key `err_<code>` with the same arguments (`shared/errors.js`).

use serde_json::{json, Value};

/// One table for every code: its variant, its stable name (what JavaScript and the locale keys
/// see) and its English text with `$1`…`$n` for the arguments. A code added here is listed by
/// `Code::ALL`, which the locale test reads, so a code without a translation fails a test.
macro_rules! codes {
    ($($variant:ident = $name:literal : $english:literal,)*) => {
        /// What is wrong, independent of where and of the language it is told in.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable camelCase name (`notHttp`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// English, with `$1`… where the arguments go.
            pub fn english(self) -> &'static str {
                match self {
                    $(Code::$variant => $english,)*
                }
            }
        }
    };
}

codes! {
    NotJson = "notJson": "not valid JSON ($1)",
    NotObject = "notObject": "must be an object ({ … })",
    NotText = "notText": "must be text",
    NotBoolean = "notBoolean": "must be true or false",
    NotList = "notList": "must be a list ([ … ])",
    NotWholeNumber = "notWholeNumber": "\"$1\" is not a whole number",
    OutOfRange = "outOfRange": "$1 is not between $2 and $3",
    Empty = "empty": "must not be empty",
    NotOneOf = "notOneOf": "\"$1\" is not one of $2",
    NotWebAddress = "notWebAddress": "\"$1\" is not a web address (https://…)",
    NotHttp = "notHttp": "only http: and https: addresses are allowed",
    CountryUnknown = "countryUnknown": "\"$1\" is not a country code (two letters, such as VN)",
    SiteDuplicate = "siteDuplicate": "\"$1\" is already a site of CRM $2 ($3)",
    SiteTwice = "siteTwice": "\"$1\" is listed twice",
    PatternNoScheme = "patternNoScheme": "\"$1\" needs a scheme, e.g. https://crm.example.vn/*",
    PatternBadScheme = "patternBadScheme": "\"$1\": the scheme must be http, https or *, not \"$2\"",
    PatternNoPath = "patternNoPath": "\"$1\" needs a path, e.g. /* at the end",
    PatternBadPort = "patternBadPort": "\"$1\": \"$2\" is not a port number",
    PatternBadWildcard = "patternBadWildcard": "\"$1\": * may only stand alone or at the start of the host (*.example.vn)",
    PatternBadHost = "patternBadHost": "\"$1\": \"$2\" is not a host name",
    TemplateIncomplete = "templateIncomplete": "the address is incomplete",
    TemplateHasSpaces = "templateHasSpaces": "the address contains spaces",
    TemplateUnbalanced = "templateUnbalanced": "every { must be closed by a } after a placeholder name",
    TemplateUnknownPlaceholder = "templateUnknownPlaceholder": "unknown placeholder {$1}; use one of $2",
    SampleNotPhone = "sampleNotPhone": "\"$1\" is not a phone number",
    TooLong = "tooLong": "the settings are too big to store ($1 bytes, at most $2): remove some CRMs or sites",
    PresetPlaceholder = "presetPlaceholder": "replace $1 with your own address first (it comes from the preset)",
    StorageRefused = "storageRefused": "the browser refused to store the settings ($1)",
    ChangedElsewhere = "changedElsewhere": "the settings were changed in another window after this page loaded them; nothing was saved: reload the page to see them",
    PartsMissing = "partsMissing": "the stored CRM list is incomplete ($1 parts expected); the CRMs of the policy or the defaults are used",
    CrmsLocked = "crmsLocked": "the CRM list is set by your IT department and can't be changed here",
    SiteNotWeb = "siteNotWeb": "myCC works on web pages (http: and https:) only, not \"$1\"",
    SiteNotRemovable = "siteNotRemovable": "this site ($1) is on through the sites of $2: change them in the settings",
    NoSuchCrm = "noSuchCrm": "there is no CRM $1",
}

impl Code {
    /// How many arguments the text uses (the highest `$n`).
    pub fn arg_count(self) -> usize {
        let text = self.english().as_bytes();
        (1..=9)
            .rev()
            .find(|n| {
                text.windows(2)
                    .any(|w| w[0] == b'$' && w[1] == b'0' + *n as u8)
            })
            .unwrap_or(0)
    }
}

/// What is wrong with a value, before anyone has said which field it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: Code,
    pub args: Vec<String>,
}

impl Problem {
    pub fn new<I, S>(code: Code, args: I) -> Problem
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Problem {
            code,
            args: args.into_iter().map(Into::into).collect(),
        }
    }

    /// A problem without arguments.
    pub fn bare(code: Code) -> Problem {
        Problem {
            code,
            args: Vec::new(),
        }
    }

    pub fn at(self, field: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            code: self.code,
            args: self.args,
        }
    }

    /// The English text, arguments filled in.
    pub fn message(&self) -> String {
        fill(self.code.english(), &self.args)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// A problem and the field it is in: a path such as `crms[1].searchUrl`, or "" for the whole
/// document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: Code,
    pub args: Vec<String>,
}

impl FieldError {
    pub fn message(&self) -> String {
        fill(self.code.english(), &self.args)
    }

    /// `{"field","code","args","message"}`: what crosses to JavaScript.
    pub fn to_json(&self) -> Value {
        json!({
            "field": self.field,
            "code": self.code.name(),
            "args": self.args,
            "message": self.message(),
        })
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.message())
        } else {
            write!(f, "{}: {}", self.field, self.message())
        }
    }
}

/// Puts `args[n-1]` where `$n` stands; a missing argument leaves nothing.
fn fill(text: &str, args: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek().and_then(|d| d.to_digit(10))) {
            ('$', Some(n)) if n > 0 => {
                chars.next();
                out.push_str(args.get(n as usize - 1).map_or("", String::as_str));
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_camel_case() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        for name in &names {
            assert!(
                name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                    && name.chars().all(|c| c.is_ascii_alphanumeric()),
                "{name}"
            );
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }

    #[test]
    fn messages_fill_their_arguments() {
        let e = Problem::new(Code::OutOfRange, ["2", "5", "600"]).at("dialWaitSeconds");
        assert_eq!(e.message(), "2 is not between 5 and 600");
        assert_eq!(e.to_string(), "dialWaitSeconds: 2 is not between 5 and 600");
        assert_eq!(
            e.to_json(),
            json!({"field": "dialWaitSeconds", "code": "outOfRange", "args": ["2", "5", "600"], "message": "2 is not between 5 and 600"})
        );
        assert_eq!(Code::OutOfRange.arg_count(), 3);
        assert_eq!(Code::NotHttp.arg_count(), 0);
        assert_eq!(Code::SiteDuplicate.arg_count(), 3);
        assert_eq!(fill("$1 and $2", &["a".into()]), "a and ");
    }
}
