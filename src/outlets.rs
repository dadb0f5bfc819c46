//! The outlet registry: who published what, under which names, in which colour.
//!
//! A reader filters on an outlet, but files name outlets in a dozen ways (`gt`,
//! `Global Times`, `globaltimes.cn`; `Fox Online News`, `Fox News (Online)`). The registry
//! maps every alias to one id, detects outlets in unlabeled text from datelines and source
//! lines, and gives each outlet a colour. Outlets it does not know get an id made from
//! their name, so a user's own corpus works without editing anything.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

/// Id of the outlet used when the publisher is not known.
pub const UNATTRIBUTED: &str = "unattributed";

/// One outlet as described in `data/outlets.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outlet {
    /// Stable id, e.g. `gt`.
    pub id: String,
    /// Display name, e.g. `Global Times`.
    pub name: String,
    /// Other names, matched case-insensitively.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Regular expressions that detect the outlet in unlabeled text.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// What kind of outlet it is (free text).
    #[serde(default)]
    pub kind: String,
    /// ISO 3166 country code.
    #[serde(default)]
    pub country: Option<String>,
    /// `#RRGGBB`.
    #[serde(default)]
    pub color: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletFile {
    outlets: Vec<Outlet>,
}

/// Errors in the registry file itself.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// The file is not valid JSON of the expected shape.
    #[error("outlet registry: {0}")]
    Json(#[from] serde_json::Error),
    /// A detection pattern does not compile.
    #[error("outlet registry: pattern {pattern:?} of {outlet}: {source}")]
    Pattern {
        outlet: String,
        pattern: String,
        source: regex::Error,
    },
}

/// All known outlets, their aliases and detection patterns.
pub struct OutletRegistry {
    outlets: Vec<Outlet>,
    by_key: HashMap<String, usize>,
    /// Compiled on first use: searching never needs them.
    patterns: OnceLock<Vec<(Regex, usize)>>,
}

/// Turns a name into an id: lower case, runs of other characters become one `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

impl OutletRegistry {
    /// Parses `{"outlets": [...]}`; patterns are compiled on first use.
    pub fn from_json(json: &str) -> Result<Self, RegistryError> {
        let file: OutletFile = serde_json::from_str(json)?;
        let mut by_key = HashMap::new();
        for (i, o) in file.outlets.iter().enumerate() {
            for key in std::iter::once(&o.id)
                .chain(std::iter::once(&o.name))
                .chain(&o.aliases)
            {
                by_key.entry(key.to_lowercase()).or_insert(i);
                by_key.entry(slug(key)).or_insert(i);
            }
        }
        Ok(Self {
            outlets: file.outlets,
            by_key,
            patterns: OnceLock::new(),
        })
    }

    /// Compiles every detection pattern, reporting the first that does not compile.
    pub fn validate(&self) -> Result<(), RegistryError> {
        for o in &self.outlets {
            for p in &o.patterns {
                Regex::new(p).map_err(|source| RegistryError::Pattern {
                    outlet: o.id.clone(),
                    pattern: p.clone(),
                    source,
                })?;
            }
        }
        Ok(())
    }

    fn patterns(&self) -> &[(Regex, usize)] {
        self.patterns.get_or_init(|| {
            let mut out = Vec::new();
            for (i, o) in self.outlets.iter().enumerate() {
                // Patterns that do not compile are reported by `validate` (run in tests).
                out.extend(
                    o.patterns
                        .iter()
                        .filter_map(|p| Regex::new(p).ok())
                        .map(|re| (re, i)),
                );
            }
            out
        })
    }

    /// Every registered outlet.
    pub fn outlets(&self) -> &[Outlet] {
        &self.outlets
    }

    /// The registered outlet with this id, display name or alias (case-insensitive).
    pub fn resolve(&self, name: &str) -> Option<&Outlet> {
        let name = name.trim();
        self.by_key
            .get(&name.to_lowercase())
            .or_else(|| self.by_key.get(&slug(name)))
            .map(|&i| &self.outlets[i])
    }

    /// `(id, display name)` for an outlet name found in a file: the registered outlet if
    /// the name is known, else an id made from the name.
    pub fn identify(&self, name: &str) -> (String, String) {
        match self.resolve(name) {
            Some(o) => (o.id.clone(), o.name.clone()),
            None => {
                let id = slug(name);
                if id.is_empty() {
                    (UNATTRIBUTED.to_string(), "Unattributed".to_string())
                } else {
                    (id, crate::text::sanitize_inline(name).trim().to_string())
                }
            }
        }
    }

    /// The first outlet whose detection pattern matches `text`, with the matched text.
    pub fn detect<'t>(&self, text: &'t str) -> Option<(&Outlet, &'t str)> {
        self.patterns()
            .iter()
            .filter_map(|(re, i)| re.find(text).map(|m| (m.start(), *i, m.as_str())))
            .min_by_key(|(start, _, _)| *start)
            .map(|(_, i, s)| (&self.outlets[i], s))
    }

    /// The outlet's colour as RGB: the registry's, or a stable one derived from its id.
    pub fn color(&self, id: &str) -> (u8, u8, u8) {
        if let Some(rgb) = self
            .resolve(id)
            .and_then(|o| o.color.as_deref())
            .and_then(parse_hex)
        {
            return rgb;
        }
        const PALETTE: [(u8, u8, u8); 8] = [
            (86, 180, 233),
            (230, 159, 0),
            (0, 158, 115),
            (240, 228, 66),
            (204, 121, 167),
            (213, 94, 0),
            (0, 114, 178),
            (170, 170, 170),
        ];
        let h = id
            .bytes()
            .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
        PALETTE[h as usize % PALETTE.len()]
    }
}

fn parse_hex(s: &str) -> Option<(u8, u8, u8)> {
    let s = s.strip_prefix('#')?;
    if s.len() != 6 {
        return None;
    }
    let v = u32::from_str_radix(s, 16).ok()?;
    Some(((v >> 16) as u8, (v >> 8) as u8, v as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("New York Times - News"), "new-york-times-news");
        assert_eq!(slug("  Fox News (Online) "), "fox-news-online");
    }
}
