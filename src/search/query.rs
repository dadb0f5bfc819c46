//! The query language.
//!
//! ```text
//! lunar station          both words (all words must match)
//! "lunar station"        the phrase
//! moon OR lunar base     (moon or lunar) and base — OR binds tighter than the implicit AND
//! ilrs NOT artemis       ilrs, without artemis (also: -artemis, ilrs AND NOT artemis)
//! title:moon             in the title only (title:"far side" for a phrase)
//! outlet:tass            from one outlet (id, name or alias)
//! (moon OR lunar) -us    parentheses group
//! ```
//!
//! The parser only builds a [`Node`] tree; turning it into an index query (analysis,
//! entity expansion, field choice) happens in [`super::plan`].

use crate::error::{Error, Result};

/// Which field a leaf searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Title and body.
    Text,
    /// Title only.
    Title,
    /// The outlet filter.
    Outlet,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// All of these.
    And(Vec<Node>),
    /// Any of these.
    Or(Vec<Node>),
    /// Not this.
    Not(Box<Node>),
    /// A word or a quoted phrase.
    Leaf {
        /// Field it applies to.
        scope: Scope,
        /// The text as typed (unquoted).
        text: String,
        /// Whether it was quoted.
        phrase: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Or,
    And,
    Not,
    Leaf {
        scope: Scope,
        text: String,
        phrase: bool,
        negated: bool,
    },
}

fn lex(input: &str) -> Result<Vec<Tok>> {
    let mut out = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(_, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c == '(' {
            chars.next();
            out.push(Tok::Open);
            continue;
        }
        if c == ')' {
            chars.next();
            out.push(Tok::Close);
            continue;
        }
        let negated = c == '-';
        if negated {
            chars.next();
            match chars.peek() {
                Some(&(_, '(')) => {
                    out.push(Tok::Not);
                    continue;
                }
                Some(&(_, n)) if !n.is_whitespace() && n != ')' => {}
                _ => continue, // a lone "-" is punctuation
            }
        }
        // A word, possibly with a field prefix, possibly followed by a quoted phrase.
        let mut word = String::new();
        let mut scope = Scope::Text;
        let mut phrase = None;
        while let Some(&(_, c)) = chars.peek() {
            if c.is_whitespace() || c == '(' || c == ')' {
                break;
            }
            if is_quote(c) {
                if !word.is_empty() && !word.ends_with(':') {
                    break;
                }
                chars.next();
                let mut p = String::new();
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if is_quote(c) {
                        closed = true;
                        break;
                    }
                    p.push(c);
                }
                if !closed {
                    return Err(Error::Query("a quote is not closed".into()));
                }
                phrase = Some(p);
                break;
            }
            chars.next();
            word.push(c);
            if c == ':' {
                let prefix = word[..word.len() - 1].to_ascii_lowercase();
                let field = match prefix.as_str() {
                    "title" => Some(Scope::Title),
                    "outlet" | "source" => Some(Scope::Outlet),
                    "text" | "body" => Some(Scope::Text),
                    _ => None,
                };
                if let Some(s) = field
                    && scope == Scope::Text
                    && chars.peek().is_some_and(|&(_, n)| !n.is_whitespace())
                {
                    scope = s;
                    word.clear();
                }
            }
        }
        let tok = match phrase {
            Some(p) => Tok::Leaf {
                scope,
                text: p,
                phrase: true,
                negated,
            },
            None if !negated && scope == Scope::Text && word == "OR" => Tok::Or,
            None if !negated && scope == Scope::Text && word == "AND" => Tok::And,
            None if !negated && scope == Scope::Text && word == "NOT" => Tok::Not,
            None => Tok::Leaf {
                scope,
                text: word,
                phrase: false,
                negated,
            },
        };
        out.push(tok);
    }
    Ok(out)
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

/// How deeply parentheses and `NOT`s may nest. Parsing, planning and running a query all
/// recurse once per level, on a search thread with an ordinary stack: a pasted
/// `((((…` or `NOT NOT NOT …` thousands deep would overflow it and abort the process.
/// No real query comes near.
pub const MAX_DEPTH: usize = 32;

/// Parses a query string.
pub fn parse(input: &str) -> Result<Node> {
    let toks = lex(input)?;
    if toks.is_empty() {
        return Err(Error::Query("the query is empty".into()));
    }
    let mut p = Parser {
        toks,
        at: 0,
        depth: 0,
    };
    let node = p.and()?;
    if p.at < p.toks.len() {
        return Err(Error::Query(
            "a closing parenthesis has no opening one".into(),
        ));
    }
    Ok(node)
}

struct Parser {
    toks: Vec<Tok>,
    at: usize,
    /// Parentheses and `NOT`s open around the current token.
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn and(&mut self) -> Result<Node> {
        let mut items = Vec::new();
        while let Some(t) = self.peek() {
            match t {
                Tok::Close => break,
                Tok::And => {
                    self.at += 1;
                    if matches!(self.peek(), None | Some(Tok::Close | Tok::Or | Tok::And)) {
                        return Err(Error::Query("AND needs something on both sides".into()));
                    }
                    if items.is_empty() {
                        return Err(Error::Query("AND needs something on both sides".into()));
                    }
                }
                Tok::Or => return Err(Error::Query("OR needs something on both sides".into())),
                _ => items.push(self.or()?),
            }
        }
        if items.is_empty() {
            return Err(Error::Query("empty parentheses".into()));
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap_or(Node::And(Vec::new()))
        } else {
            Node::And(items)
        })
    }

    fn or(&mut self) -> Result<Node> {
        let mut items = vec![self.unary()?];
        while self.peek() == Some(&Tok::Or) {
            self.at += 1;
            if matches!(self.peek(), None | Some(Tok::Close | Tok::Or | Tok::And)) {
                return Err(Error::Query("OR needs something on both sides".into()));
            }
            items.push(self.unary()?);
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap_or(Node::Or(Vec::new()))
        } else {
            Node::Or(items)
        })
    }

    fn unary(&mut self) -> Result<Node> {
        let Some(t) = self.peek().cloned() else {
            return Err(Error::Query("the query ends too early".into()));
        };
        self.at += 1;
        let nests = matches!(t, Tok::Not | Tok::Open);
        if nests {
            if self.depth >= MAX_DEPTH {
                return Err(Error::Query(format!(
                    "parentheses and NOTs nest more than {MAX_DEPTH} levels deep"
                )));
            }
            self.depth += 1;
        }
        let node = match t {
            Tok::Not => {
                if matches!(self.peek(), None | Some(Tok::Close | Tok::Or | Tok::And)) {
                    return Err(Error::Query("NOT needs something after it".into()));
                }
                Ok(Node::Not(Box::new(self.unary()?)))
            }
            Tok::Open => {
                let inner = self.and()?;
                if self.peek() != Some(&Tok::Close) {
                    return Err(Error::Query("a parenthesis is not closed".into()));
                }
                self.at += 1;
                Ok(inner)
            }
            Tok::Leaf {
                scope,
                text,
                phrase,
                negated,
            } => {
                let leaf = Node::Leaf {
                    scope,
                    text,
                    phrase,
                };
                Ok(if negated {
                    Node::Not(Box::new(leaf))
                } else {
                    leaf
                })
            }
            Tok::Close => Err(Error::Query(
                "a closing parenthesis has no opening one".into(),
            )),
            Tok::Or | Tok::And => Err(Error::Query(
                "an operator needs something on both sides".into(),
            )),
        };
        if nests {
            self.depth -= 1;
        }
        node
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(t: &str) -> Node {
        Node::Leaf {
            scope: Scope::Text,
            text: t.into(),
            phrase: false,
        }
    }

    #[test]
    fn grammar() {
        assert_eq!(parse("a b").unwrap(), Node::And(vec![leaf("a"), leaf("b")]));
        assert_eq!(
            parse("a OR b c").unwrap(),
            Node::And(vec![Node::Or(vec![leaf("a"), leaf("b")]), leaf("c")])
        );
        assert_eq!(
            parse("a AND NOT b").unwrap(),
            Node::And(vec![leaf("a"), Node::Not(Box::new(leaf("b")))])
        );
        assert_eq!(parse("a -b").unwrap(), parse("a NOT b").unwrap());
        assert_eq!(
            parse("a -(b OR c)").unwrap(),
            parse("a NOT (b OR c)").unwrap()
        );
        assert_eq!(
            parse("title:\"far side\"").unwrap(),
            Node::Leaf {
                scope: Scope::Title,
                text: "far side".into(),
                phrase: true
            }
        );
        assert_eq!(
            parse("outlet:gt").unwrap(),
            Node::Leaf {
                scope: Scope::Outlet,
                text: "gt".into(),
                phrase: false
            }
        );
        assert_eq!(parse("U.S.-led").unwrap(), leaf("U.S.-led"));
        assert_eq!(
            parse("(a OR b) c").unwrap(),
            Node::And(vec![Node::Or(vec![leaf("a"), leaf("b")]), leaf("c")])
        );
    }

    #[test]
    fn nesting_is_limited() {
        let nested = |n: usize| format!("{}moon{}", "(".repeat(n), ")".repeat(n));
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        assert!(parse(&nested(MAX_DEPTH + 1)).is_err());
        assert!(parse(&format!("{}moon", "NOT ".repeat(MAX_DEPTH))).is_ok());
        assert!(parse(&format!("{}moon", "NOT ".repeat(MAX_DEPTH + 1))).is_err());
        assert!(parse(&format!("{}moon", "-(".repeat(100_000))).is_err());
        // Side by side is not nested.
        assert!(parse(&"(a) ".repeat(1000)).is_ok());
    }

    #[test]
    fn malformed_queries_are_errors() {
        for q in [
            "", "   ", "\"open", "a OR", "OR a", "(a", "a)", "NOT", "a AND", "()",
        ] {
            assert!(parse(q).is_err(), "{q:?} should be an error");
        }
    }
}
