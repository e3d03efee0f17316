//! Short, stable names for things: a prefix of a SHA-256 in hex. Archives name issues by
//! it and the state directory names state files by it, so it sits below both.

use std::fmt::Write;

use sha2::{Digest, Sha256};

/// The first `hex_chars` hex digits of the SHA-256 of `bytes`.
pub fn hex_digest(bytes: &[u8], hex_chars: usize) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out.truncate(hex_chars);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_stable_prefixes() {
        assert_eq!(
            hex_digest(b"abc", 16),
            "ba7816bf8f01cfea",
            "SHA-256 of abc starts so"
        );
        assert_eq!(hex_digest(b"abc", 4), "ba78");
        assert_ne!(hex_digest(b"abc", 16), hex_digest(b"abd", 16));
    }
}
