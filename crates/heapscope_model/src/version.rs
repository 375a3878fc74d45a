//! The Go version value that threads through every stage (`go1.27.3`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A Go release: `go1.27.3`, `go1.27` (patch 0) or a pre-release such as `go1.28rc1`.
/// Ordered by (major, minor, patch); a pre-release sorts before its release.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GoVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
    /// `rc1`, `beta2`, ... for pre-releases.
    pub pre: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionError(pub String);

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a Go release version: {:?}", self.0)
    }
}

impl std::error::Error for VersionError {}

impl GoVersion {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        GoVersion { major, minor, patch, pre: None }
    }

    /// True when this release is `1.minor` or newer (`v.at_least(25)` for "Go 1.25+").
    pub fn at_least(&self, minor: u32) -> bool {
        self.major > 1 || (self.major == 1 && self.minor >= minor)
    }

    /// Extracts the version from `go version` output (`go version go1.27.3 linux/amd64`)
    /// or from a GOROOT `VERSION` file's first line (`go1.27.3`).
    pub fn from_go_version_output(out: &str) -> Result<Self, VersionError> {
        out.split_whitespace()
            .find(|w| w.starts_with("go1") || w.starts_with("go2"))
            .ok_or_else(|| VersionError(out.trim().to_string()))?
            .parse()
    }
}

impl FromStr for GoVersion {
    type Err = VersionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || VersionError(s.to_string());
        let rest = s.strip_prefix("go").unwrap_or(s);
        // Split off a pre-release suffix: the first ASCII letter after the numeric part.
        let num_end = rest.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let (nums, pre) = rest.split_at(num_end);
        let mut parts = nums.split('.');
        let mut next = |required: bool| -> Result<u32, VersionError> {
            match parts.next() {
                Some(p) => p.parse().map_err(|_| err()),
                None if required => Err(err()),
                None => Ok(0),
            }
        };
        let major = next(true)?;
        let minor = next(true)?;
        let patch = next(false)?;
        if parts.next().is_some() {
            return Err(err());
        }
        let pre = if pre.is_empty() {
            None
        } else if pre.chars().all(|c| c.is_ascii_alphanumeric()) {
            Some(pre.to_string())
        } else {
            return Err(err());
        };
        Ok(GoVersion { major, minor, patch, pre })
    }
}

impl fmt::Display for GoVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "go{}.{}", self.major, self.minor)?;
        match &self.pre {
            Some(pre) => write!(f, "{pre}"),
            // Before 1.21 the first release of a series was `go1.N`; from 1.21 it is `go1.N.0`.
            None if self.patch == 0 && self.major == 1 && self.minor < 21 => Ok(()),
            None => write!(f, ".{}", self.patch),
        }
    }
}

impl PartialOrd for GoVersion {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for GoVersion {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            // A release sorts after its pre-releases.
            .then_with(|| match (&self.pre, &other.pre) {
                (None, None) => std::cmp::Ordering::Equal,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (Some(_), None) => std::cmp::Ordering::Less,
                (Some(a), Some(b)) => a.cmp(b),
            })
    }
}

impl Serialize for GoVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for GoVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let v: GoVersion = "go1.27.3".parse().unwrap();
        assert_eq!(v, GoVersion::new(1, 27, 3));
        assert_eq!(v.to_string(), "go1.27.3");
        assert_eq!("go1.19".parse::<GoVersion>().unwrap().to_string(), "go1.19");
        assert_eq!("go1.22.0".parse::<GoVersion>().unwrap().to_string(), "go1.22.0");
        let rc: GoVersion = "go1.28rc1".parse().unwrap();
        assert_eq!(rc.pre.as_deref(), Some("rc1"));
        assert_eq!(rc.to_string(), "go1.28rc1");
        assert!(rc < GoVersion::new(1, 28, 0));
        assert!("devel +abc".parse::<GoVersion>().is_err());
        assert!("go1".parse::<GoVersion>().is_err());
        assert!("go1.2.3.4".parse::<GoVersion>().is_err());
    }

    #[test]
    fn from_go_version() {
        let v = GoVersion::from_go_version_output("go version go1.26.8 linux/amd64\n").unwrap();
        assert_eq!(v, GoVersion::new(1, 26, 8));
        assert!(v.at_least(25) && v.at_least(26) && !v.at_least(27));
        assert!(GoVersion::from_go_version_output("go version devel").is_err());
    }

    #[test]
    fn json_is_a_string() {
        let v = GoVersion::new(1, 27, 3);
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"go1.27.3\"");
        let back: GoVersion = serde_json::from_str("\"go1.27.3\"").unwrap();
        assert_eq!(back, v);
    }
}
