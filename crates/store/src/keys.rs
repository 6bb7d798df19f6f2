//! API key format and hashing. Keys are `afk_` + 43 base62-ish characters of randomness;
//! only their SHA-256 is stored, and that digest doubles as the webhook signing secret.

use rand::Rng;
use sha2::{Digest, Sha256};

pub const KEY_PREFIX: &str = "afk_";

pub struct GeneratedKey {
    pub plaintext: String,
    /// What `GET /v2/me` shows: enough to recognise a key, useless to use it.
    pub display_prefix: String,
    pub hash: [u8; 32],
}

pub fn generate() -> GeneratedKey {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rngs::OsRng;
    let body: String = (0..43)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect();
    let plaintext = format!("{KEY_PREFIX}{body}");
    let display_prefix = plaintext[..12].to_owned();
    let hash = hash_key(&plaintext);
    GeneratedKey {
        plaintext,
        display_prefix,
        hash,
    }
}

pub fn hash_key(key: &str) -> [u8; 32] {
    Sha256::digest(key.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_hash_stably() {
        let a = generate();
        let b = generate();
        assert_ne!(a.plaintext, b.plaintext);
        assert!(a.plaintext.starts_with("afk_") && a.plaintext.len() == 47);
        assert_eq!(hash_key(&a.plaintext), a.hash);
        assert!(a.plaintext.starts_with(&a.display_prefix));
    }
}
