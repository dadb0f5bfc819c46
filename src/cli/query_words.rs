//! Telling a search's query words from its flags.
//!
//! `digest search ilrs -artemis --json` should mean what it says: a word starting with a
//! single `-` that is not a flag of `search` is a negated query word. clap alone would
//! refuse `-artemis` as an unknown flag, so before clap parses the command line, the
//! flags of a search are moved in front of a `--` and its query words after it.
//!
//! Which words are flags is read from clap's own definition of the command, the way clap
//! itself reads them, so a flag added to `search` can never be taken for a query word:
//! `--limit 5`, `--limit=5`, `-n 5`, `-n5`, `-n=5`, `-otass`, clusters of short switches,
//! and the global `--index` are flags. A short flag with its value attached is a flag
//! only when clap would accept that value (`-n5` is a limit, `-nasa` a negated word);
//! a value anything is accepted for makes it a flag (`-obama` is `--outlet bama`: write
//! `NOT obama` or `-- -obama`). Any other `--word` stays a flag so that clap reports
//! the typo.

use std::ffi::{OsStr, OsString};

use clap::{Arg, Command};

/// The name of the command whose words are rewritten.
const SEARCH: &str = "search";

/// `args` (the program name first) with, in a search, the flags before a `--` and the
/// query words after it; other command lines unchanged. `cli` is the whole command line's
/// definition (`Cli::command()`).
pub fn after_flags(args: Vec<OsString>, cli: &Command) -> Vec<OsString> {
    let mut cli = cli.clone();
    // Building adds the generated flags (`--help`, `--version`) and copies the global
    // ones (`--index`) into the subcommands.
    cli.build();
    let Some(at) = subcommand_position(&args, &cli) else {
        return args;
    };
    let Some(search) = cli.find_subcommand(&args[at]) else {
        return args;
    };
    if search.get_name() != SEARCH {
        return args;
    }
    let flags = Flags::of(search);
    let mut out: Vec<OsString> = args[..=at].to_vec();
    let mut words = Vec::new();
    let mut rest = args[at + 1..].iter();
    while let Some(arg) = rest.next() {
        let s = arg.to_string_lossy();
        if s == "--" {
            words.extend(rest.by_ref().cloned());
        } else if let Some(long) = s.strip_prefix("--") {
            // A known flag, or a misspelt one that clap should report.
            out.push(arg.clone());
            let known = flags.long(long.split('=').next().unwrap_or(long));
            if !long.contains('=')
                && known.is_some_and(takes_value)
                && let Some(value) = rest.next()
            {
                out.push(value.clone());
            }
        } else if let Some(shorts) = s.strip_prefix('-').filter(|s| !s.is_empty()) {
            match flags.read_cluster(shorts) {
                Cluster::Word => words.push(arg.clone()),
                Cluster::Flags => out.push(arg.clone()),
                Cluster::FlagsThenValue => {
                    out.push(arg.clone());
                    out.extend(rest.next().cloned());
                }
            }
        } else {
            words.push(arg.clone());
        }
    }
    out.push("--".into());
    out.extend(words);
    out
}

/// Where the subcommand's name is in `args`: the first word that is neither a flag of
/// the top-level command nor its value. `None` when there is none, or a `--` comes first.
fn subcommand_position(args: &[OsString], cli: &Command) -> Option<usize> {
    let top = Flags::of(cli);
    let mut i = 1;
    while i < args.len() {
        let s = args[i].to_string_lossy();
        if s == "--" {
            return None;
        }
        if let Some(long) = s.strip_prefix("--") {
            if !long.contains('=') && top.long(long).is_some_and(takes_value) {
                i += 1;
            }
        } else if let Some(shorts) = s.strip_prefix('-').filter(|s| !s.is_empty()) {
            if top.read_cluster(shorts) == Cluster::FlagsThenValue {
                i += 1;
            }
        } else {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The named (non-positional) arguments of one command.
struct Flags<'a> {
    args: Vec<&'a Arg>,
}

/// How clap reads a word that starts with a single `-`.
#[derive(Debug, PartialEq, Eq)]
enum Cluster {
    /// Not flags of this command: a query word.
    Word,
    /// Short flags, with any value attached (`-n5`, `-n=5`, `-otass`).
    Flags,
    /// Short flags, the last of which takes the next word as its value (`-n`).
    FlagsThenValue,
}

impl<'a> Flags<'a> {
    fn of(cmd: &'a Command) -> Flags<'a> {
        Flags {
            args: cmd.get_arguments().filter(|a| !a.is_positional()).collect(),
        }
    }

    /// The flag called `--name` (or an alias of it).
    fn long(&self, name: &str) -> Option<&'a Arg> {
        self.args.iter().copied().find(|a| {
            a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|al| al.contains(&name))
        })
    }

    /// The flag called `-c` (or an alias of it).
    fn short(&self, c: char) -> Option<&'a Arg> {
        self.args.iter().copied().find(|a| {
            a.get_short() == Some(c) || a.get_all_short_aliases().is_some_and(|al| al.contains(&c))
        })
    }

    /// Reads `-<shorts>` as clap does: switches one letter each, until a flag that takes
    /// a value, which is the rest of the word (after an optional `=`) or else the next
    /// word.
    fn read_cluster(&self, shorts: &str) -> Cluster {
        for (i, c) in shorts.char_indices() {
            let Some(arg) = self.short(c) else {
                return Cluster::Word;
            };
            if !takes_value(arg) {
                continue;
            }
            let rest = &shorts[i + c.len_utf8()..];
            let value = rest.strip_prefix('=').unwrap_or(rest);
            return if rest.is_empty() {
                Cluster::FlagsThenValue
            } else if accepts(arg, OsStr::new(value)) {
                Cluster::Flags
            } else {
                Cluster::Word
            };
        }
        Cluster::Flags
    }
}

fn takes_value(arg: &Arg) -> bool {
    arg.get_action().takes_values()
}

/// Whether clap would take `value` for `arg` (a number for `--limit`, anything for
/// `--outlet`), asked of the argument's own value parser.
fn accepts(arg: &Arg, value: &OsStr) -> bool {
    Command::new("value")
        .no_binary_name(true)
        .arg(
            Arg::new("value")
                .value_parser(arg.get_value_parser().clone())
                .allow_hyphen_values(true),
        )
        .try_get_matches_from([value])
        .is_ok()
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    fn rewrite(line: &str) -> String {
        let args = std::iter::once("digest")
            .chain(line.split(' '))
            .map(OsString::from)
            .collect();
        let out: Vec<String> = after_flags(args, &Cli::command())
            .into_iter()
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        out.join(" ")
    }

    #[test]
    fn short_flags_with_attached_values_are_flags() {
        assert_eq!(rewrite("search moon -n5"), "search -n5 -- moon");
        assert_eq!(rewrite("search moon -n=5"), "search -n=5 -- moon");
        assert_eq!(rewrite("search moon -otass"), "search -otass -- moon");
        assert_eq!(rewrite("search moon -n 5"), "search -n 5 -- moon");
    }

    #[test]
    fn long_flags_with_or_without_equals_are_flags() {
        assert_eq!(rewrite("search moon --limit=1"), "search --limit=1 -- moon");
        assert_eq!(
            rewrite("search moon --since 2021-01-01 --json"),
            "search --since 2021-01-01 --json -- moon"
        );
        assert_eq!(rewrite("search moon --bogus"), "search --bogus -- moon");
    }

    #[test]
    fn other_dashed_words_are_negated_query_words() {
        assert_eq!(
            rewrite("search ilrs -artemis --json"),
            "search --json -- ilrs -artemis"
        );
        assert_eq!(rewrite("search moon -nasa"), "search -- moon -nasa");
        assert_eq!(rewrite("search moon -5"), "search -- moon -5");
        assert_eq!(rewrite("search moon -- -n5"), "search -- moon -n5");
    }

    #[test]
    fn the_global_index_flag_is_a_flag_before_and_after_the_command() {
        assert_eq!(
            rewrite("--index /tmp/i search moon -xyz"),
            "--index /tmp/i search -- moon -xyz"
        );
        assert_eq!(
            rewrite("--index=/tmp/i search moon"),
            "--index=/tmp/i search -- moon"
        );
        assert_eq!(
            rewrite("search moon --index /tmp/i -n2"),
            "search --index /tmp/i -n2 -- moon"
        );
    }

    #[test]
    fn other_commands_are_left_alone() {
        assert_eq!(rewrite("events -n5"), "events -n5");
        assert_eq!(rewrite("--index search show x"), "--index search show x");
        assert_eq!(rewrite("-- search moon"), "-- search moon");
    }
}
