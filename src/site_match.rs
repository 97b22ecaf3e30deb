//! WebExtension match patterns (`https://*.example.vn/*`), plus the port our settings allow
//! (`http://127.0.0.1:8080/*`), and the small URL split they need.

use crate::error::{Code, Problem};

/// The parts of an absolute URL that matching and origin checks use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts {
    pub scheme: String,
    pub host: String,
    pub port: Option<u16>,
    /// Path, query and fragment, starting with `/`.
    pub path: String,
}

impl UrlParts {
    pub fn parse(url: &str) -> Option<UrlParts> {
        let (scheme, rest) = url.trim().split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme.is_empty()
            || !scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return None;
        }
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(authority_end);
        let host_port = authority.rsplit('@').next()?;
        let (host, port) = split_port(host_port)?;
        if host.is_empty() || host.contains(char::is_whitespace) {
            return None;
        }
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        Some(UrlParts {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
            path,
        })
    }

    fn default_port(&self) -> Option<u16> {
        match self.scheme.as_str() {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        }
    }

    /// `scheme://host[:port]`, the port left out where it is the scheme's default.
    pub fn origin(&self) -> String {
        match self.port {
            Some(p) if Some(p) != self.default_port() => {
                format!("{}://{}:{p}", self.scheme, self.host)
            }
            _ => format!("{}://{}", self.scheme, self.host),
        }
    }
}

fn split_port(host_port: &str) -> Option<(&str, Option<u16>)> {
    if let Some(bracketed) = host_port.strip_prefix('[') {
        let (inside, after) = bracketed.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p.parse().ok()?),
            None if after.is_empty() => None,
            None => return None,
        };
        return Some((&host_port[..inside.len() + 2], port));
    }
    match host_port.rsplit_once(':') {
        Some((host, port)) => Some((host, Some(port.parse().ok()?))),
        None => Some((host_port, None)),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum HostPattern {
    Any,
    /// `*.example.vn`: the domain itself and every subdomain.
    Subdomains(String),
    Exact(String),
}

/// A parsed match pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchPattern {
    /// `None` for `*` (http and https).
    scheme: Option<String>,
    host: HostPattern,
    /// `None`: any port.
    port: Option<u16>,
    path: String,
    all_urls: bool,
}

impl MatchPattern {
    /// Parses a pattern, or says what is wrong with it.
    pub fn parse(pattern: &str) -> Result<MatchPattern, Problem> {
        let pattern = pattern.trim();
        if pattern == "<all_urls>" {
            return Ok(MatchPattern {
                scheme: None,
                host: HostPattern::Any,
                port: None,
                path: "/*".into(),
                all_urls: true,
            });
        }
        let (scheme, rest) = pattern
            .split_once("://")
            .ok_or_else(|| Problem::new(Code::PatternNoScheme, [pattern]))?;
        let scheme = match scheme {
            "*" => None,
            "http" | "https" => Some(scheme.to_string()),
            other => return Err(Problem::new(Code::PatternBadScheme, [pattern, other])),
        };
        let slash = rest
            .find('/')
            .ok_or_else(|| Problem::new(Code::PatternNoPath, [pattern]))?;
        let (host_port, path) = rest.split_at(slash);
        let (host, port) = match host_port.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || host_port.starts_with('[') => {
                let port = p
                    .parse::<u16>()
                    .map_err(|_| Problem::new(Code::PatternBadPort, [pattern, p]))?;
                (h, Some(port))
            }
            _ => (host_port, None),
        };
        let host = host.to_ascii_lowercase();
        let host = if host == "*" {
            HostPattern::Any
        } else if let Some(domain) = host.strip_prefix("*.") {
            HostPattern::Subdomains(domain.to_string())
        } else if host.is_empty() || host.contains('*') {
            return Err(Problem::new(Code::PatternBadWildcard, [pattern]));
        } else {
            HostPattern::Exact(host)
        };
        if let HostPattern::Subdomains(d) | HostPattern::Exact(d) = &host {
            if d.is_empty() || d.contains(['/', ' ', '?', '#', '@']) {
                return Err(Problem::new(Code::PatternBadHost, [pattern, d.as_str()]));
            }
        }
        Ok(MatchPattern {
            scheme,
            host,
            port,
            path: path.to_string(),
            all_urls: false,
        })
    }

    pub fn matches(&self, url: &UrlParts) -> bool {
        let scheme_ok = match &self.scheme {
            Some(s) => *s == url.scheme,
            None => url.scheme == "http" || url.scheme == "https",
        };
        let host_ok = match &self.host {
            HostPattern::Any => true,
            HostPattern::Exact(h) => *h == url.host,
            HostPattern::Subdomains(d) => {
                url.host == *d
                    || (url.host.ends_with(d.as_str())
                        && url.host[..url.host.len() - d.len()].ends_with('.'))
            }
        };
        let port_ok = match self.port {
            None => true,
            Some(p) => Some(p) == url.port.or_else(|| url.default_port()),
        };
        scheme_ok && host_ok && port_ok && (self.all_urls || glob_matches(&self.path, &url.path))
    }
}

/// `*` matches any run of characters; everything else matches itself. Greedy with
/// backtracking to the last star only, so time stays linear in practice.
fn glob_matches(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((star_pi, star_ti)) = star {
            pi = star_pi + 1;
            ti = star_ti + 1;
            star = Some((star_pi, star_ti + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, url: &str) -> bool {
        MatchPattern::parse(pattern)
            .unwrap()
            .matches(&UrlParts::parse(url).unwrap())
    }

    #[test]
    fn schemes_hosts_ports_and_paths() {
        assert!(matches(
            "https://crm.example.vn/*",
            "https://crm.example.vn/web#action=1"
        ));
        assert!(!matches(
            "https://crm.example.vn/*",
            "http://crm.example.vn/"
        ));
        assert!(matches("*://crm.example.vn/*", "http://crm.example.vn/"));
        assert!(!matches("*://crm.example.vn/*", "ftp://crm.example.vn/"));
        assert!(matches(
            "https://*.example.vn/*",
            "https://a.b.example.vn/x"
        ));
        assert!(matches("https://*.example.vn/*", "https://example.vn/x"));
        assert!(!matches(
            "https://*.example.vn/*",
            "https://badexample.vn/x"
        ));
        assert!(matches(
            "http://127.0.0.1:8080/*",
            "http://127.0.0.1:8080/crm"
        ));
        assert!(!matches(
            "http://127.0.0.1:8080/*",
            "http://127.0.0.1:8081/crm"
        ));
        assert!(
            matches("http://127.0.0.1/*", "http://127.0.0.1:8081/crm"),
            "no port in the pattern: any port"
        );
        assert!(matches(
            "https://crm.example.vn:443/*",
            "https://crm.example.vn/"
        ));
        assert!(matches(
            "https://crm.example.vn/contacts/*",
            "https://crm.example.vn/contacts/42"
        ));
        assert!(!matches(
            "https://crm.example.vn/contacts/*",
            "https://crm.example.vn/deals/42"
        ));
        assert!(matches(
            "https://crm.example.vn/*/view",
            "https://crm.example.vn/a/b/view"
        ));
        assert!(matches("<all_urls>", "http://anything.test:9/"));
        assert!(matches(
            "https://CRM.Example.vn/*",
            "https://crm.example.VN/"
        ));
    }

    #[test]
    fn bad_patterns_are_explained() {
        for (pattern, code, args) in [
            (
                "crm.example.vn",
                Code::PatternNoScheme,
                vec!["crm.example.vn"],
            ),
            (
                "ftp://crm.example.vn/*",
                Code::PatternBadScheme,
                vec!["ftp://crm.example.vn/*", "ftp"],
            ),
            (
                "https://crm.example.vn",
                Code::PatternNoPath,
                vec!["https://crm.example.vn"],
            ),
            (
                "https://crm.*.vn/*",
                Code::PatternBadWildcard,
                vec!["https://crm.*.vn/*"],
            ),
            (
                "https://crm.example.vn:80x/*",
                Code::PatternBadPort,
                vec!["https://crm.example.vn:80x/*", "80x"],
            ),
            ("https:///*", Code::PatternBadWildcard, vec!["https:///*"]),
            (
                "https://crm example.vn/*",
                Code::PatternBadHost,
                vec!["https://crm example.vn/*", "crm example.vn"],
            ),
        ] {
            let error = MatchPattern::parse(pattern).unwrap_err();
            assert_eq!(error, Problem::new(code, args), "{pattern}");
        }
        assert!(MatchPattern::parse("https://crm.example.vn:80x/*")
            .unwrap_err()
            .message()
            .contains("not a port"));
    }

    #[test]
    fn origins() {
        assert_eq!(
            UrlParts::parse("https://mycc.vn/webphone")
                .unwrap()
                .origin(),
            "https://mycc.vn"
        );
        assert_eq!(
            UrlParts::parse("http://127.0.0.1:9999/x?y")
                .unwrap()
                .origin(),
            "http://127.0.0.1:9999"
        );
        assert_eq!(
            UrlParts::parse("https://MYCC.vn:443/").unwrap().origin(),
            "https://mycc.vn"
        );
        assert_eq!(
            UrlParts::parse("http://[::1]:8080/").unwrap().origin(),
            "http://[::1]:8080"
        );
        assert_eq!(
            UrlParts::parse("http://u:p@host.vn/").unwrap().host,
            "host.vn"
        );
        assert!(UrlParts::parse("not a url").is_none());
        assert!(UrlParts::parse("http://host:99999/").is_none());
    }

    #[test]
    fn glob_is_linear_on_many_stars() {
        let pattern = "/*a*a*a*a*a*a*b";
        let text = format!("/{}", "a".repeat(10_000));
        assert!(!glob_matches(pattern, &text));
    }
}
