//! How quantities are said in messages a person reads: "3 people", "4,194,305",
//! "4.0 MiB". Uses nothing, so errors and inputs alike can say them.

/// "this is 301 characters; keep it to 300 at most".
pub(crate) fn too_long(count: usize, max: usize) -> String {
    format!(
        "this is {} characters; keep it to {} at most",
        thousands(count),
        thousands(max)
    )
}

/// "1 person", "3 people": a count with the noun it needs.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// `n` with thousands separated by commas: 4,194,305.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A size in bytes as a person reads it, precise enough to tell it from `limit`:
/// "4.0 MiB" only when it is not a byte over 4 MiB.
pub(crate) fn size_beside(bytes: usize, limit: usize) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    let mib = bytes as f64 / MIB;
    let shown = format!("{mib:.1} MiB");
    if bytes > limit && format!("{:.1} MiB", limit as f64 / MIB) == shown {
        format!(
            "{} bytes ({} over)",
            thousands(bytes),
            thousands(bytes - limit)
        )
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_size_just_over_its_limit_is_told_in_bytes() {
        let mib = 1024 * 1024;
        assert_eq!(
            size_beside(4 * mib + 1, 4 * mib),
            "4,194,305 bytes (1 over)"
        );
        assert_eq!(size_beside(5 * mib, 4 * mib), "5.0 MiB");
        assert_eq!(size_beside(4 * mib + mib / 5, 4 * mib), "4.2 MiB");
    }
}
