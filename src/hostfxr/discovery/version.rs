//! Semantic-version ordering of `host/fxr/<version>` folder names, so that
//! `10.0.0-rc.1.25451.107` ranks below `10.0.0` and `10.0.0` above `9.0.1`.

use std::cmp::Ordering;

struct Version<'a> {
    major: &'a str,
    minor: &'a str,
    patch: &'a str,
    pre_release: Option<&'a str>,
}

fn parse(text: &str) -> Option<Version<'_>> {
    // Build metadata does not take part in precedence, but must still be well formed
    // for the name to count as a version.
    let without_build = match text.split_once('+') {
        Some((version, build)) if build.split('.').all(is_identifier) => version,
        Some(_) => return None,
        None => text,
    };
    let (core, pre_release) = match without_build.split_once('-') {
        Some((core, pre)) if pre.split('.').all(is_identifier) => (core, Some(pre)),
        Some(_) => return None,
        None => (without_build, None),
    };
    let mut parts = core.split('.');
    let version = Version {
        major: parts.next().filter(|part| is_number(part))?,
        minor: parts.next().filter(|part| is_number(part))?,
        patch: parts.next().filter(|part| is_number(part))?,
        pre_release,
    };
    parts.next().is_none().then_some(version)
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
}

/// Compares digit strings by value without parsing, so no folder name can overflow.
fn compare_numbers(a: &str, b: &str) -> Ordering {
    let a = a.trim_start_matches('0');
    let b = b.trim_start_matches('0');
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn compare_identifiers(a: &str, b: &str) -> Ordering {
    match (is_number(a), is_number(b)) {
        (true, true) => compare_numbers(a, b),
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => a.cmp(b),
    }
}

fn compare_pre_releases(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(a), Some(b)) => {
            let mut a = a.split('.');
            let mut b = b.split('.');
            loop {
                match (a.next(), b.next()) {
                    (None, None) => return Ordering::Equal,
                    (None, Some(_)) => return Ordering::Less,
                    (Some(_), None) => return Ordering::Greater,
                    (Some(x), Some(y)) => match compare_identifiers(x, y) {
                        Ordering::Equal => {}
                        other => return other,
                    },
                }
            }
        }
    }
}

/// Semantic-version precedence of two version strings; `None` if either is not a
/// `major.minor.patch[-pre-release][+build]` version.
pub fn compare_versions(a: &str, b: &str) -> Option<Ordering> {
    let a = parse(a)?;
    let b = parse(b)?;
    let ordering = compare_numbers(a.major, b.major)
        .then_with(|| compare_numbers(a.minor, b.minor))
        .then_with(|| compare_numbers(a.patch, b.patch))
        .then_with(|| compare_pre_releases(a.pre_release, b.pre_release));
    Some(ordering)
}

pub(crate) fn is_version(text: &str) -> bool {
    parse(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn less(a: &str, b: &str) {
        assert_eq!(compare_versions(a, b), Some(Ordering::Less), "{a} < {b}");
        assert_eq!(compare_versions(b, a), Some(Ordering::Greater), "{b} > {a}");
    }

    #[test]
    fn numeric_parts_compare_as_numbers() {
        less("9.0.1", "10.0.0");
        less("8.0.0", "8.0.10");
        less("8.0.9", "8.1.0");
        less("1.99.99", "2.0.0");
        assert_eq!(compare_versions("8.0.0", "8.0.0"), Some(Ordering::Equal));
    }

    #[test]
    fn pre_release_sorts_below_release() {
        less("10.0.0-rc.1.25451.107", "10.0.0");
        less("10.0.0-preview.7.25380.108", "10.0.0-rc.1.25451.107");
        less("10.0.0-rc.1.25451.107", "10.0.0-rc.2.25502.107");
        less("9.0.5", "10.0.0-rc.1.25451.107");
        // Numeric identifiers rank below alphanumeric ones, and a shorter prefix below a
        // longer list (semver §11).
        less("1.0.0-1", "1.0.0-alpha");
        less("1.0.0-alpha", "1.0.0-alpha.1");
        less("1.0.0-rc.9", "1.0.0-rc.10");
    }

    #[test]
    fn build_metadata_is_ignored() {
        assert_eq!(compare_versions("8.0.0+abc", "8.0.0"), Some(Ordering::Equal));
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        less("99999999999999999999999.0.0", "100000000000000000000000.0.0");
    }

    #[test]
    fn non_versions_are_rejected() {
        for name in [
            "",
            "8",
            "8.0",
            "8.0.0.0",
            "x.0.0",
            "8.0.",
            "8..0",
            "8.0.0-",
            "8.0.0-a..b",
            "8.0.0+",
            "latest",
            " 8.0.0",
            "8.0.0-é",
        ] {
            assert_eq!(compare_versions(name, "8.0.0"), None, "{name:?}");
            assert!(!is_version(name), "{name:?}");
        }
        assert!(is_version("10.0.0-rc.1.25451.107"));
    }
}
