//! PINs and passphrases, kept only as Argon2id hashes (PHC strings with their own salt and
//! parameters, so a later change of parameters still verifies the old ones).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// At least this many characters: digits or a passphrase.
pub const MIN_PIN_CHARS: usize = 6;

#[derive(Debug, thiserror::Error)]
pub enum PinError {
    #[error(
        "the stored PIN hash is not readable ({0}); an admin sets a new PIN with `intake-desk staff pin NAME`"
    )]
    BadHash(String),
    #[error("cannot hash the PIN: {0}")]
    Hash(String),
}

/// Why a new PIN is refused, if it is.
pub fn pin_problem(pin: &str) -> Option<String> {
    if pin.chars().count() < MIN_PIN_CHARS {
        return Some(format!(
            "the PIN is too short: at least {MIN_PIN_CHARS} characters (digits or a passphrase)"
        ));
    }
    if pin.chars().any(char::is_control) {
        return Some("the PIN holds control characters".into());
    }
    if pin.chars().all(|c| c == pin.chars().next().unwrap_or(' ')) {
        return Some("the PIN is one character repeated".into());
    }
    None
}

/// Argon2id with the OWASP parameters (19 MiB, 2 passes, 1 lane).
fn hasher() -> Argon2<'static> {
    Argon2::new(
        Algorithm::Argon2id,
        Version::V0x13,
        Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters"),
    )
}

pub fn hash_pin(pin: &str) -> Result<String, PinError> {
    let mut bytes = [0u8; 16];
    rand::Rng::fill(&mut rand::rng(), &mut bytes);
    let salt = SaltString::encode_b64(&bytes).map_err(|e| PinError::Hash(e.to_string()))?;
    hasher()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PinError::Hash(e.to_string()))
}

/// Whether `pin` is the one `stored` was made from (in constant time, by the crate).
pub fn verify_pin(pin: &str, stored: &str) -> Result<bool, PinError> {
    let parsed = PasswordHash::new(stored).map_err(|e| PinError::BadHash(e.to_string()))?;
    match hasher().verify_password(pin.as_bytes(), &parsed) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::Password) => Ok(false),
        Err(e) => Err(PinError::BadHash(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_kept_as_an_argon2id_hash_that_verifies_only_the_same_pin() {
        let stored = hash_pin("472913").unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(!stored.contains("472913"));
        assert!(verify_pin("472913", &stored).unwrap());
        assert!(!verify_pin("472914", &stored).unwrap());
        assert_ne!(
            stored,
            hash_pin("472913").unwrap(),
            "each hash has its own salt"
        );
        assert!(verify_pin("472913", "not a hash").is_err());
    }

    #[test]
    fn short_or_trivial_pins_are_refused_with_the_reason() {
        assert!(pin_problem("1234").unwrap().contains("at least 6"));
        assert!(pin_problem("000000").unwrap().contains("repeated"));
        assert!(pin_problem("ab\u{7}cdef").is_some());
        assert_eq!(pin_problem("Matterhorn 4478"), None);
    }
}
