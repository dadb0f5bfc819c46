//! The outlet registry: who published what, under which names, in which colour.
//!
//! A reader filters on an outlet, but files name outlets in a dozen ways (`gt`,
//! `Global Times`, `globaltimes.cn`; `Fox Online News`, `Fox News (Online)`). The registry
//! maps every alias to one id, detects outlets in unlabeled text from datelines and source
//! lines, and gives each outlet a colour. Outlets it does not know get an id made from
//! their name, so a user's own corpus works without editing anything.
//!
//! **One publisher, one outlet.** Files often name a section of a publisher rather than
//! the publisher: `Fox News (Online News)`, `New York Post (News)`, `New York Times -
//! Opinion`, `NPR Online News`. digest files every section under its publisher: a name's
//! section marker — a trailing `(News)`, `(Online News)`, `(Web News)`, `(Online)`,
//! `(Opinion)`, `(Editorial)`, `- News`, `- Opinion`, `- Editorial`, or the words
//! `Online News` — is dropped ([`base_name`]) before the name is looked up or made into an
//! id, so news and opinion from one publisher are one outlet, registered or not.

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

/// Section markers a name may end with (compared case-insensitively).
const SECTIONS: &[&str] = &[
    "online news",
    "web news",
    "news",
    "online",
    "opinion",
    "editorial",
];

/// A publisher's name without its section marker (see the module notes):
/// `Fox News (Online News)` → `Fox News`, `New York Times - Opinion` → `New York Times`,
/// `NPR Online News` → `NPR`. A name that is nothing but a marker is kept as it is.
pub fn base_name(name: &str) -> &str {
    let mut s = name.trim();
    loop {
        let lower = s.to_lowercase();
        let mut cut = None;
        if lower.ends_with(')')
            && let Some(open) = lower.rfind('(')
            && SECTIONS.contains(&lower[open + 1..lower.len() - 1].trim())
        {
            cut = Some(open);
        } else if let Some(dash) = lower.rfind(" - ")
            && SECTIONS.contains(&lower[dash + 3..].trim())
        {
            cut = Some(dash);
        } else if lower.ends_with(" online news") {
            cut = Some(lower.len() - " online news".len());
        }
        // Lower-casing keeps byte offsets for the names this applies to; check anyway.
        match cut {
            Some(at) if at > 0 && s.is_char_boundary(at) && s.len() == lower.len() => {
                let rest = s[..at].trim_end();
                if rest.is_empty() {
                    return s;
                }
                s = rest;
            }
            _ => return s,
        }
    }
}

/// All known outlets, their aliases and detection patterns.
#[derive(Clone)]
pub struct OutletRegistry {
    outlets: Vec<Outlet>,
    by_key: HashMap<String, usize>,
    /// Outlets already in an index, by [`loose_key`]: `(id, name)`.
    known: HashMap<String, (String, String)>,
    /// Outlet id → colour, from the user's configuration, over the registry's.
    colors: HashMap<String, (u8, u8, u8)>,
    /// Compiled on first use: searching never needs them.
    patterns: OnceLock<Vec<(Regex, usize)>>,
}

/// The key an outlet's name is recognised by: its [`base_name`] as a [`slug`], without
/// a leading `the-` (`The Daily Blurb (Online News)` and `daily blurb` are one outlet).
pub fn loose_key(name: &str) -> String {
    let key = slug(base_name(name));
    match key.strip_prefix("the-") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => key,
    }
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
        Ok(Self::from_outlets(file.outlets))
    }

    /// These outlets with `user_json`'s (`{"outlets": [...]}`) merged over them: an
    /// outlet with the id of one already here replaces it, others are added. Patterns
    /// are checked.
    pub fn merged(&self, user_json: &str) -> Result<Self, RegistryError> {
        let file: OutletFile = serde_json::from_str(user_json)?;
        let mut outlets = self.outlets.clone();
        for o in file.outlets {
            match outlets.iter_mut().find(|x| x.id == o.id) {
                Some(x) => *x = o,
                None => outlets.push(o),
            }
        }
        let merged = Self::from_outlets(outlets);
        merged.validate()?;
        Ok(merged)
    }

    fn from_outlets(outlets: Vec<Outlet>) -> Self {
        let file = OutletFile { outlets };
        let mut by_key = HashMap::new();
        for (i, o) in file.outlets.iter().enumerate() {
            for key in std::iter::once(&o.id)
                .chain(std::iter::once(&o.name))
                .chain(&o.aliases)
            {
                by_key.entry(key.to_lowercase()).or_insert(i);
                by_key.entry(slug(key)).or_insert(i);
                by_key.entry(loose_key(key)).or_insert(i);
            }
        }
        Self {
            outlets: file.outlets,
            by_key,
            known: HashMap::new(),
            colors: HashMap::new(),
            patterns: OnceLock::new(),
        }
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
    /// A name with a section marker resolves as its publisher (see [`base_name`]).
    pub fn resolve(&self, name: &str) -> Option<&Outlet> {
        let lookup = |name: &str| {
            let name = name.trim();
            self.by_key
                .get(&name.to_lowercase())
                .or_else(|| self.by_key.get(&slug(name)))
                .map(|&i| &self.outlets[i])
        };
        lookup(name)
            .or_else(|| {
                let base = base_name(name);
                (base != name.trim()).then(|| lookup(base)).flatten()
            })
            .or_else(|| self.by_key.get(&loose_key(name)).map(|&i| &self.outlets[i]))
    }

    /// `(id, display name)` for an outlet name found in a file: the registered outlet if
    /// the name is known, else an id made from the publisher's name (section marker
    /// dropped), so `New York Post (News)` and `New York Post` are one outlet.
    pub fn identify(&self, name: &str) -> (String, String) {
        match self.resolve(name) {
            Some(o) => (o.id.clone(), o.name.clone()),
            None => {
                let base = base_name(name);
                // An outlet the index already holds, however the record writes it.
                if let Some((id, name)) = self.known.get(&loose_key(name)) {
                    return (id.clone(), name.clone());
                }
                let id = loose_key(name);
                if id.is_empty() {
                    (UNATTRIBUTED.to_string(), "Unattributed".to_string())
                } else {
                    (id, crate::text::sanitize_inline(base).trim().to_string())
                }
            }
        }
    }

    /// This registry, also knowing the outlets `(id, name)` an index already holds: a
    /// record naming one of them, however written (`Daily Blurb`, `The Daily Blurb
    /// (Online News)`), is given that outlet rather than a new one.
    pub fn knowing<'a>(&self, outlets: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut known = HashMap::new();
        for (id, name) in outlets {
            if self.resolve(name).is_some() {
                continue;
            }
            for key in [loose_key(name), loose_key(id)] {
                if !key.is_empty() {
                    known
                        .entry(key)
                        .or_insert_with(|| (id.to_string(), name.to_string()));
                }
            }
        }
        Self {
            outlets: self.outlets.clone(),
            by_key: self.by_key.clone(),
            known,
            colors: self.colors.clone(),
            patterns: OnceLock::new(),
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

    /// Colours the user chose for outlets (by id), over the registry's.
    pub fn set_colors(&mut self, colors: impl IntoIterator<Item = (String, (u8, u8, u8))>) {
        self.colors.extend(colors);
    }

    /// The outlet's colour as RGB: the user's, the registry's, or a stable one derived
    /// from its id.
    pub fn color(&self, id: &str) -> (u8, u8, u8) {
        if let Some(rgb) = self.colors.get(id) {
            return *rgb;
        }
        if let Some(rgb) = self
            .resolve(id)
            .and_then(|o| o.color.as_deref())
            .and_then(crate::color::parse_hex)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_markers_name_the_publisher() {
        assert_eq!(base_name("Fox News (Online News)"), "Fox News");
        assert_eq!(base_name("New York Post (News)"), "New York Post");
        assert_eq!(base_name("New York Times - Opinion"), "New York Times");
        assert_eq!(base_name("NPR Online News"), "NPR");
        assert_eq!(base_name("CNN (Opinion)"), "CNN");
        assert_eq!(base_name("Fox News"), "Fox News");
        assert_eq!(base_name("Washington Examiner"), "Washington Examiner");
        assert_eq!(base_name("(News)"), "(News)");
        assert_eq!(base_name("Reuters (Online) (News)"), "Reuters");
    }

    #[test]
    fn a_section_of_a_registered_or_unknown_publisher_is_that_publisher() {
        let r = crate::Registries::bundled();
        let fox = r.outlets.identify("Fox News (Online News)");
        assert_eq!(fox, r.outlets.identify("Fox News"));
        assert_eq!(fox.0, "fox");
        assert_eq!(r.outlets.identify("CNN (Opinion)").0, "cnn");
        let post = r.outlets.identify("New York Post (News)");
        assert_eq!(post, ("new-york-post".into(), "New York Post".into()));
        assert_eq!(post, r.outlets.identify("New York Post"));
    }

    #[test]
    fn an_outlet_the_index_holds_is_recognised_however_written() {
        let r = crate::Registries::bundled();
        assert_eq!(loose_key("The Daily Blurb (Online News)"), "daily-blurb");
        assert_eq!(loose_key("The"), "the");
        // The registry's outlets are recognised the same way.
        assert_eq!(r.outlets.identify("Hill").0, "the-hill");
        let knowing = r
            .outlets
            .knowing([("the-daily-planet", "The Daily Planet")]);
        assert_eq!(
            knowing.identify("Daily Planet"),
            (
                "the-daily-planet".to_string(),
                "The Daily Planet".to_string()
            )
        );
        assert_eq!(
            knowing.identify("THE DAILY PLANET (News)").0,
            "the-daily-planet"
        );
        // Registry outlets are resolved by the registry; new ones get a loose id.
        assert_eq!(knowing.identify("TASS").0, "tass");
        assert_eq!(knowing.identify("The Daily Blurb").0, "daily-blurb");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("New York Times - News"), "new-york-times-news");
        assert_eq!(slug("  Fox News (Online) "), "fox-news-online");
    }
}
