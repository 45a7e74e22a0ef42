//! Delivering a batch to the case system over HTTP: one POST with the batch id as
//! `Idempotency-Key`, so a retry after a lost answer cannot book the visits twice. Server errors,
//! timeouts and dropped connections are retried with bounded exponential backoff; a 4xx answer
//! is final. The bearer token is sent, never logged or printed.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct HttpTarget {
    pub url: String,
    pub token: Option<String>,
    /// Tries in all, the first included.
    pub attempts: u32,
    /// Wait before the second try; doubled each time, at most 30 s.
    pub first_delay: Duration,
    pub timeout: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Delivered {
        status: u16,
    },
    /// The server refused the batch (4xx): its message, shortened.
    Refused {
        status: u16,
        message: String,
    },
    /// The server answered the POST with a redirect (3xx). It is not followed: a client may
    /// repeat a redirected POST as a GET without the body, and that GET's answer says nothing
    /// about the batch. Not delivered; where the server points to, for the message.
    Redirected {
        status: u16,
        location: Option<String>,
    },
    /// No success after every try: what went wrong the last time.
    Unreachable {
        attempts: u32,
        last: String,
    },
}

const MAX_DELAY: Duration = Duration::from_secs(30);

/// What is wrong with a bearer token, if anything: it goes into a header, so it must be one word
/// of visible characters (a line break would start a header of its own).
pub fn token_problem(token: &str) -> Option<&'static str> {
    if token.is_empty() {
        Some("is empty")
    } else if !token.chars().all(|c| c.is_ascii_graphic()) {
        Some("may hold only visible characters, no spaces or line breaks")
    } else {
        None
    }
}

/// What is wrong with an export URL, if anything: it must be `http://` or `https://` with a host.
pub fn url_problem(url: &str) -> Option<&'static str> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Some("not a URL");
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Some("only http and https are supported");
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return Some("no host");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("contains spaces or control characters");
    }
    if url.parse::<ureq::http::Uri>().is_err() {
        return Some("not a valid URL");
    }
    None
}

/// The most `--attempts` a run may make per batch, and the longest first wait.
pub const MAX_ATTEMPTS: u32 = 20;
pub const MAX_FIRST_DELAY: Duration = MAX_DELAY;

/// The longest part of a server's message that is shown.
const MESSAGE_CHARS: usize = 300;

impl HttpTarget {
    pub fn deliver(&self, batch_id: &str, body: &[u8]) -> Delivery {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(self.timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        let mut delay = self.first_delay;
        let mut last = String::new();
        for attempt in 1..=self.attempts.max(1) {
            if attempt > 1 {
                std::thread::sleep(delay);
                delay = (delay * 2).min(MAX_DELAY);
            }
            let mut request = agent
                .post(&self.url)
                .header("Idempotency-Key", batch_id)
                .header("Content-Type", "application/json");
            if let Some(token) = &self.token {
                request = request.header("Authorization", format!("Bearer {token}"));
            }
            match request.send(body) {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    if (200..300).contains(&status) {
                        return Delivery::Delivered { status };
                    }
                    if (300..400).contains(&status) {
                        let location = response
                            .headers()
                            .get("location")
                            .map(|l| self.relayed(&String::from_utf8_lossy(l.as_bytes())));
                        return Delivery::Redirected { status, location };
                    }
                    let text = response
                        .body_mut()
                        .with_config()
                        .limit(64 * 1024)
                        .read_to_string()
                        .unwrap_or_default();
                    let message = self.relayed(&text);
                    if (400..500).contains(&status) {
                        return Delivery::Refused { status, message };
                    }
                    last = format!("HTTP {status} {message}").trim_end().to_string();
                }
                Err(error) => last = self.relayed(&error.to_string()),
            }
        }
        Delivery::Unreachable {
            attempts: self.attempts.max(1),
            last,
        }
    }
}

impl HttpTarget {
    /// What the server said, made safe to show: its first non-empty line, shortened, control
    /// characters escaped, and withheld entirely when it contains the token in use.
    fn relayed(&self, text: &str) -> String {
        if self
            .token
            .as_deref()
            .is_some_and(|t| !t.is_empty() && text.contains(t))
        {
            return "(the server's message contained the token and is not shown)".into();
        }
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let mut shown: String = line.chars().take(MESSAGE_CHARS).collect();
        if line.chars().count() > MESSAGE_CHARS {
            shown.push('…');
        }
        crate::text::escape_control(&shown).into_owned()
    }
}
