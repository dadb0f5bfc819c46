//! The command line: seeding, human output, colour, exit codes, index selection, pipes.

use std::io::{BufRead, BufReader};

use crate::util::{BIN, Digest};

/// ` 1. TASS  2021-04-27  Title` → (rank, outlet name, date, title).
fn parse_rank_line(line: &str) -> Option<(usize, String, String, String)> {
    let re = regex::Regex::new(r"^ ?(\d+)\. (.+?)  (\d{4}(?:-\d\d){0,2}|undated)  (.+)$").unwrap();
    let c = re.captures(line)?;
    Some((
        c[1].parse().unwrap(),
        c[2].to_string(),
        c[3].to_string(),
        c[4].to_string(),
    ))
}

#[test]
fn fresh_index_is_seeded_with_the_bundled_corpus_on_first_search() {
    let d = Digest::new();
    assert!(!d.index.exists());
    let doc = d.search(["china"]);
    assert_eq!(
        doc.total, 5,
        "all five bundled articles mention China: {doc:#?}"
    );
    let mut got: Vec<(&str, &str, Option<&str>)> = doc
        .hits
        .iter()
        .map(|h| (h.source.as_str(), h.outlet.as_str(), h.date.as_deref()))
        .collect();
    got.sort();
    let want: Vec<(&str, &str, Option<&str>)> = crate::util::BUNDLED
        .iter()
        .map(|&(f, o, dt)| (f, o, Some(dt)))
        .collect();
    assert_eq!(got, want);
    assert!(d.index.join("meta.json").exists());
    // Seeding happens once: a second search sees the same five articles.
    assert_eq!(d.search(["china"]).total, 5);
}

#[test]
fn fresh_index_is_seeded_on_first_outlets_and_show() {
    // The ids come from another sandbox: they are hashes of the cleaned text.
    let ids = Digest::bundled().bundled_ids();

    let d = Digest::new();
    let outlets = d.outlets();
    let total: u64 = outlets.iter().map(|o| o.articles).sum();
    assert_eq!(total, 5, "{outlets:#?}");

    let d = Digest::new();
    let a = d.show(&ids["003_15cac33c2820b134.txt"]);
    assert_eq!(a.outlet, "tass");
    assert_eq!(a.source, "003_15cac33c2820b134.txt");
}

#[test]
fn human_output_lists_rank_outlet_date_title_snippet_and_a_summary_line() {
    let d = Digest::bundled();
    let json = d.search(["lunar station"]);
    assert_eq!(json.total, 4, "{json:#?}");
    let r = d.run(["search", "lunar station"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(r.stderr.is_empty(), "{r:#?}");
    let lines: Vec<&str> = r.stdout.lines().collect();

    // One block per hit, in the same order as the JSON, then the summary.
    let ranked: Vec<(usize, usize, String, String, String)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| parse_rank_line(l).map(|(n, o, dt, t)| (i, n, o, dt, t)))
        .collect();
    assert_eq!(ranked.len(), json.hits.len(), "{}", r.stdout);
    for ((line_no, rank, outlet, date, title), hit) in ranked.iter().zip(&json.hits) {
        assert_eq!(*rank, hit.rank);
        assert_eq!(outlet, &hit.outlet_name);
        assert_eq!(Some(date.as_str()), hit.date.as_deref());
        assert_eq!(title, &hit.title);
        // The snippet follows on the next line, indented.
        let snippet_line = lines[line_no + 1];
        assert_eq!(snippet_line.trim_start(), hit.snippet, "{}", r.stdout);
        assert!(snippet_line.starts_with("    "));
    }
    assert_eq!(
        lines[ranked[0].0],
        " 1. TASS  2021-04-27  China to team up with Russia, other partners in creating lunar station — diplomat"
    );
    let last = lines.last().unwrap();
    let summary = regex::Regex::new(r"^4 results \(\d+(?:\.\d+)? ms\)$").unwrap();
    assert!(summary.is_match(last), "summary line: {last:?}");
}

#[test]
fn human_output_says_how_many_are_shown_when_limited() {
    let d = Digest::bundled();
    let r = d.run(["search", "--limit", "2", "lunar station"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let ranks: Vec<usize> = r
        .stdout
        .lines()
        .filter_map(parse_rank_line)
        .map(|(n, ..)| n)
        .collect();
    assert_eq!(ranks, vec![1, 2], "{}", r.stdout);
    let summary = regex::Regex::new(r"^4 results, showing 2 \(\d+(?:\.\d+)? ms\)$").unwrap();
    assert!(
        summary.is_match(r.stdout.lines().last().unwrap()),
        "{}",
        r.stdout
    );
    let json = d.search(["-n", "2", "lunar station"]);
    assert_eq!((json.total, json.hits.len()), (4, 2));
}

#[test]
fn no_results_exit_1_with_a_message() {
    let d = Digest::bundled();
    let r = d.run(["search", "zyzzyvaqq"]);
    assert_eq!(r.code, 1, "{r:#?}");
    let summary = regex::Regex::new(r"^no results for zyzzyvaqq \(\d+(?:\.\d+)? ms\)$").unwrap();
    assert!(summary.is_match(r.stdout.trim_end()), "{r:#?}");
    assert!(r.stderr.is_empty(), "{r:#?}");

    let json = d.search(["zyzzyvaqq"]);
    assert_eq!(json.total, 0);
    assert!(json.hits.is_empty());
    assert_eq!(json.query, "zyzzyvaqq");
}

#[test]
fn several_query_arguments_are_joined_with_spaces() {
    let d = Digest::bundled();
    let joined = d.search(["lunar", "station"]);
    assert_eq!(joined.query, "lunar station");
    let one = d.search(["lunar station"]);
    assert_eq!(joined.sources(), one.sources());
    // A negation after `--` is part of the query, not a flag.
    let r = d.run(["search", "--json", "ilrs", "--", "-artemis"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let neg = crate::util::SearchJson::parse(&r.stdout);
    assert_eq!(neg.query, "ilrs -artemis");
    assert_eq!(neg.total, 2, "{neg:#?}");
}

#[test]
fn no_escape_sequences_without_a_terminal_or_with_no_color() {
    let d = Digest::bundled();
    let id = d.bundled_ids()["002_a9e59d9380c21298.txt"].clone();
    for no_color in [true, false] {
        for args in [
            vec!["search", "lunar station"],
            vec!["search", "ILRS", "--limit", "3"],
            vec!["outlets"],
            vec!["show", id.as_str()],
        ] {
            let mut c = d.cmd();
            if !no_color {
                c.env_remove("NO_COLOR");
            }
            let out = c.args(&args).output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{args:?}");
            assert!(!out.stdout.is_empty());
            assert!(
                !out.stdout.contains(&0x1b),
                "escape sequence in `{args:?}` (NO_COLOR={no_color}):\n{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
}

/// Runs `digest ARGS` on a pseudo-terminal through util-linux `script`; `None` where
/// `script` is not available.
fn run_on_a_terminal(d: &Digest, no_color: bool, args: &[&str]) -> Option<Vec<u8>> {
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let mut line = quote(BIN);
    for a in args {
        line.push(' ');
        line.push_str(&quote(a));
    }
    let mut c = std::process::Command::new("script");
    c.args(["-qec", &line, "/dev/null"])
        .env("DIGEST_INDEX", &d.index)
        .env("HOME", d.path("home"))
        .env("XDG_DATA_HOME", d.path("home/.local/share"))
        .current_dir(d.root())
        .stdin(std::process::Stdio::null());
    if no_color {
        c.env("NO_COLOR", "1");
    } else {
        c.env_remove("NO_COLOR");
    }
    let out = c.output().ok()?;
    assert!(out.status.success(), "{out:?}");
    Some(out.stdout)
}

#[test]
fn colour_on_a_terminal_unless_no_color_is_set() {
    let d = Digest::bundled();
    let Some(coloured) = run_on_a_terminal(&d, false, &["search", "ILRS"]) else {
        eprintln!("skipped: util-linux `script` is not available");
        return;
    };
    // The control: on a terminal, without NO_COLOR, there is colour.
    assert!(
        coloured.contains(&0x1b),
        "expected colour on a terminal: {}",
        String::from_utf8_lossy(&coloured)
    );
    let plain = run_on_a_terminal(&d, true, &["search", "ILRS"]).unwrap();
    let text = String::from_utf8_lossy(&plain);
    assert!(
        text.contains("International Lunar Research Station"),
        "{text}"
    );
    assert!(!plain.contains(&0x1b), "NO_COLOR=1 on a terminal: {text}");
    let id = d.bundled_ids()["004_12bc2d6dd8c64ff7.txt"].clone();
    for args in [&["outlets"][..], &["show", id.as_str()][..]] {
        let plain = run_on_a_terminal(&d, true, args).unwrap();
        assert!(!plain.is_empty());
        assert!(!plain.contains(&0x1b), "{args:?} with NO_COLOR=1");
    }
}

#[test]
fn a_damaged_index_is_an_error_not_a_panic() {
    let d = Digest::bundled();
    std::fs::write(d.index.join("meta.json"), "this is not an index").unwrap();
    for args in [
        &["search", "moon"][..],
        &["outlets"][..],
        &["show", "abcd"][..],
        &["ingest", fixture_path("formats/header.txt").as_str()][..],
    ] {
        let r = d.run(args);
        r.assert_error();
        assert!(r.stderr.contains("index"), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: {r:#?}");
    }
}

fn fixture_path(rel: &str) -> String {
    crate::util::fixture(rel).to_str().unwrap().to_string()
}

#[test]
fn index_flag_and_environment_choose_the_index() {
    let d = Digest::new();
    let other = d.path("other-index");
    // --index wins over DIGEST_INDEX, before or after the subcommand.
    let r = d.run(["search", "--index", other.to_str().unwrap(), "ilrs"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(other.join("meta.json").exists());
    assert!(
        !d.index.exists(),
        "the DIGEST_INDEX index must not be created"
    );
    let r = d.run(["--index", other.to_str().unwrap(), "outlets"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(!d.index.exists());
    // And the environment alone is used otherwise; nothing lands in the fake HOME.
    d.search(["ilrs"]);
    assert!(d.index.join("meta.json").exists());
    assert!(!d.path("home/.local/share/digest").exists());
}

#[test]
fn bad_flags_exit_2() {
    let d = Digest::bundled();
    for args in [
        vec!["search", "--limit", "lots", "moon"],
        vec!["search", "--bogus", "moon"],
        vec!["search"],
        vec!["frobnicate"],
        vec!["show"],
        vec!["ingest"],
    ] {
        let r = d.run(&args);
        assert_eq!(r.code, 2, "{args:?}: {r:#?}");
        assert!(!r.stderr.is_empty(), "{args:?}");
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
    }
}

/// Spawns `digest ARGS` with stdout piped, reads one line, closes the pipe and returns the
/// exit code and stderr.
fn read_one_line_then_close(d: &Digest, args: &[&str]) -> (Option<i32>, String) {
    let mut child = d.spawn(args);
    let stdout = child.stdout.take().unwrap();
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(!line.is_empty(), "no output from {args:?}");
    drop(reader);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let d = Digest::new();
    // 300 articles with long titles: about half a megabyte of output, many times what a
    // pipe buffer holds (64 KiB on Linux), so digest is still writing when the pipe closes.
    let mut lines = String::new();
    let long_title: String = (0..250).map(|k| format!("w{k} ")).collect();
    for i in 0..300 {
        let article = serde_json::json!({
            "title": format!("Pipewidget report {i} {long_title}"),
            "body": format!("The pipewidget survey {i} counted birds near the river. The team walked back at dusk."),
        });
        lines.push_str(&article.to_string());
        lines.push('\n');
    }
    let corpus = d.write("many.jsonl", lines);
    let s = d.ingest(["--no-bundled", corpus.to_str().unwrap()]);
    assert_eq!(s.added, 300, "{}", s.text);

    let full = d.run(["search", "--limit", "300", "pipewidget"]);
    assert_eq!(full.code, 0);
    assert!(
        full.raw.len() > 256 * 1024,
        "output must be larger than any pipe buffer ({} bytes)",
        full.raw.len()
    );

    for args in [
        &["search", "--limit", "300", "pipewidget"][..],
        &["search", "--json", "--limit", "300", "pipewidget"][..],
    ] {
        let (code, stderr) = read_one_line_then_close(&d, args);
        assert_eq!(code, Some(0), "{args:?} exited with {code:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            !stderr.to_lowercase().contains("broken pipe"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn binary_path_is_the_built_digest() {
    // Sanity check for the harness itself: `--version` works without touching any index.
    let out = std::process::Command::new(BIN)
        .arg("--version")
        .env("DIGEST_INDEX", "/nonexistent/never-created")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("digest "));
    assert!(!std::path::Path::new("/nonexistent/never-created").exists());
}

/// Issue 17: `-n5`, `-n=5`, `-otass` and `--limit=1` were read as negated query words.
#[test]
fn search_flags_with_attached_values_are_flags_not_query_words() {
    let d = Digest::bundled();
    for limit in ["-n2", "-n=2", "--limit=2"] {
        let doc = d.search(["lunar", "station", limit]);
        assert_eq!(doc.query, "lunar station", "{limit}: {doc:#?}");
        assert_eq!((doc.total, doc.hits.len()), (4, 2), "{limit}: {doc:#?}");
    }
    let doc = d.search(["lunar", "station", "--limit=1"]);
    assert_eq!((doc.total, doc.hits.len()), (4, 1), "{doc:#?}");

    // As a user sees it.
    let r = d.run(["search", "lunar", "station", "-n5"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let summary = regex::Regex::new(r"^4 results \(\d+(?:\.\d+)? ms\)$").unwrap();
    assert!(
        summary.is_match(r.stdout.lines().last().unwrap()),
        "{}",
        r.stdout
    );

    let all = d.search(["china"]);
    let tass = d.search(["china", "-otass"]);
    assert_eq!(tass.query, "china", "{tass:#?}");
    assert!(tass.total > 0 && tass.total < all.total, "{tass:#?}");
    assert_eq!(
        tass.outlet_set(),
        std::collections::BTreeSet::from(["tass"])
    );
}

#[test]
fn a_dashed_word_that_is_no_flag_is_a_negated_query_word() {
    let d = Digest::bundled();
    let r = d.run(["search", "ilrs", "-artemis", "--json"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let doc = crate::util::SearchJson::parse(&r.stdout);
    assert_eq!(doc.query, "ilrs -artemis");
    assert_eq!(doc.total, 2, "{doc:#?}");
    // `-nasa` is no limit (`asa` is not a number): a negated word.
    let doc = d.search(["ilrs", "-nasa"]);
    assert_eq!(doc.query, "ilrs -nasa");
    assert_eq!(
        doc.total,
        d.search(["ilrs", "--", "-nasa"]).total,
        "{doc:#?}"
    );
}

/// `-obama` reads as `--outlet bama`, like `-otass`; with no such outlet the error says
/// how to leave the word out instead.
#[test]
fn an_attached_outlet_that_is_no_outlet_says_how_to_leave_out_the_word() {
    let d = Digest::bundled();
    let r = d.run(["search", "moon", "-obama"]);
    r.assert_error();
    assert!(r.stderr.contains("unknown outlet \"bama\""), "{r:#?}");
    assert!(r.stderr.contains("write `NOT obama`"), "{r:#?}");
    let r = d.run(["search", "moon", "NOT", "obama"]);
    assert_eq!(r.code, 0, "{r:#?}");
}

/// Issue 17: an unknown id exits 1, like a search without results, with one message form
/// (issue 21: after `--json`, that message as `{"error": …}`).
#[test]
fn unknown_article_and_event_ids_exit_1_with_one_message_form() {
    let d = Digest::bundled();
    for (args, message) in [
        (
            vec!["show", "zzzz0000"],
            "digest: no article with id \"zzzz0000\" (see `digest search`)",
        ),
        (
            vec!["compare", "--event", "zzzz0000"],
            "digest: no event with id \"zzzz0000\" (see `digest events`)",
        ),
    ] {
        for json in [false, true] {
            let mut args = args.clone();
            if json {
                args.push("--json");
            }
            let r = d.run(&args);
            assert_eq!(r.code, 1, "{args:?}: {r:#?}");
            if json {
                let doc: serde_json::Value = serde_json::from_str(r.stderr.trim()).unwrap();
                assert_eq!(
                    doc["error"],
                    message.trim_start_matches("digest: "),
                    "{args:?}"
                );
            } else {
                assert_eq!(r.stderr.trim_end(), message, "{args:?}");
            }
            assert!(r.stdout.is_empty(), "{args:?}: {r:#?}");
        }
    }
}

/// The completion scripts and the manual page in `assets/` are what `digest completions`
/// and `digest man` print today: a new flag or command that leaves them stale fails here
/// (`UPDATE_ASSETS=1 cargo test shell_assets` writes them again). Each script names every
/// command (issue 21).
#[test]
fn shell_assets_are_current() {
    let d = Digest::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let wanted = [
        (vec!["completions", "bash"], "completions/digest.bash"),
        (vec!["completions", "zsh"], "completions/_digest"),
        (vec!["completions", "fish"], "completions/digest.fish"),
        (vec!["completions", "powershell"], "completions/_digest.ps1"),
        (vec!["man"], "man/digest.1"),
    ];
    let update = std::env::var_os("UPDATE_ASSETS").is_some();
    for (args, file) in wanted {
        let r = d.run(&args);
        assert_eq!(r.code, 0, "{args:?}: {r:#?}");
        for command in ["search", "list", "ingest", "fetch", "feeds", "completions"] {
            assert!(r.stdout.contains(command), "{file} lacks {command}");
        }
        let path = root.join(file);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &r.stdout).unwrap();
            continue;
        }
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            kept == r.stdout,
            "{file} is stale: run UPDATE_ASSETS=1 cargo test shell_assets"
        );
    }
    let r = d.run(["completions", "tcsh"]);
    assert_eq!(r.code, 2, "{r:#?}");
}

/// `--color always` colours a pipe; `never` and `NO_COLOR` keep a terminal plain; `--help`
/// says that `digest` alone opens the reader and shows examples (issue 21).
#[test]
fn color_flag_and_help_follow_the_shells_conventions() {
    let d = Digest::bundled();
    let r = d.run(["search", "lunar", "--color", "always"]);
    assert!(r.stdout.contains("\u{1b}["), "{}", r.stdout);
    let r = d.run(["search", "lunar", "--color", "never"]);
    assert!(!r.stdout.contains('\u{1b}'), "{}", r.stdout);
    let r = d.run(["search", "lunar"]);
    assert!(!r.stdout.contains('\u{1b}'), "a pipe is plain by default");
    let r = d.run(["--help"]);
    assert!(
        r.stdout.contains("with no command to open the reader"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Examples:"), "{}", r.stdout);
    assert!(r.stdout.contains("digest list"), "{}", r.stdout);
}

/// With `--json`, errors are JSON on stderr too (`{"error": …}`) and the exit codes stay;
/// `reindex --json` reports as `ingest --json` does (issue 21).
#[test]
fn json_everywhere_including_errors_and_reindex() {
    let d = Digest::bundled();
    let r = d.run(["show", "nosuchid", "--json"]);
    assert_eq!(r.code, 1, "{r:#?}");
    let err: serde_json::Value = serde_json::from_str(r.stderr.trim()).unwrap();
    assert!(err["error"].as_str().unwrap().contains("nosuchid"), "{err}");
    let r = d.run(["search", "lunar (", "--json"]);
    assert_eq!(r.code, 2, "{r:#?}");
    let err: serde_json::Value = serde_json::from_str(r.stderr.trim()).unwrap();
    assert!(
        err["error"].as_str().unwrap().starts_with("bad query"),
        "{err}"
    );
    let r = d.run(["show", "nosuchid"]);
    assert!(
        r.stderr.starts_with("digest: "),
        "people get a sentence: {}",
        r.stderr
    );

    let r = d.run(["reindex", "--json"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["added"], 5, "{doc:#}");
    assert_eq!(doc["bundled"], true);
    assert!(doc["skipped"].as_array().unwrap().is_empty());
}

/// `digest config path` and `digest config default`; the file's `limit` and `index` are
/// the defaults the flags override (issue 21).
#[test]
fn the_config_file_sets_defaults_the_flags_override() {
    let d = Digest::bundled();
    let r = d.run(["config", "path"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let path = std::path::PathBuf::from(r.stdout.trim());
    assert!(path.ends_with("digest/config.toml"), "{path:?}");
    let r = d.run(["config", "default"]);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, r.stdout.replace("# limit = 10", "limit = 2")).unwrap();
    let r = d.run(["search", "lunar", "--json"]);
    assert_eq!(
        crate::util::SearchJson::parse(&r.stdout).hits.len(),
        2,
        "limit from the file"
    );
    let r = d.run(["search", "lunar", "-n", "3", "--json"]);
    assert_eq!(crate::util::SearchJson::parse(&r.stdout).hits.len(), 3);
    std::fs::write(&path, "limit = 0\n").unwrap();
    let r = d.run(["search", "lunar"]);
    assert_eq!(r.code, 2, "{r:#?}");
    assert!(
        r.stderr
            .contains("config.toml: line 1: limit must be 1 or more"),
        "{}",
        r.stderr
    );
    let r = d.run(["--no-config", "search", "lunar"]);
    assert_eq!(r.code, 0, "{r:#?}");

    // `config check` says whether digest can use the file, for people and scripts.
    let r = d.run(["config", "check", "--json"]);
    assert_eq!(r.code, 2, "{r:#?}");
    let err: serde_json::Value = serde_json::from_str(r.stderr.trim()).unwrap();
    assert!(err["error"].as_str().unwrap().contains("line 1"), "{err}");
    std::fs::write(&path, "[colors]\nselected = \"blue\"\n").unwrap();
    let r = d.run(["config", "check", "--json"]);
    assert_eq!(r.code, 0, "{r:#?}");
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["exists"], true);
    assert!(r.stdout.contains("config.toml"));
    let r = d.run(["config", "check"]);
    assert!(r.stdout.trim_end().ends_with(": ok"), "{r:#?}");
}

/// The file's outlet colours colour the shell's output too, fitted to the terminal's
/// colour depth: 24-bit under `COLORTERM=truecolor`, the 256-colour palette, or the 16
/// basic colours (issue 21).
#[test]
fn outlet_colours_from_the_config_file_follow_the_terminal_depth() {
    let d = Digest::bundled();
    let config = d.path("home/.config/digest/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "[outlet_colors]\ntass = \"#00ff00\"\n").unwrap();
    let run = |colorterm: &str, term: &str| {
        let out = d
            .cmd()
            .env_remove("NO_COLOR")
            .env("COLORTERM", colorterm)
            .env("TERM", term)
            .args(["search", "lunar", "--outlet", "tass", "--color", "always"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let tass = |out: &str, sgr: &str| {
        out.contains(&format!("{sgr}TASS")) || out.contains(&format!("{sgr}\x1b[1mTASS"))
    };
    let out = run("truecolor", "xterm-256color");
    assert!(tass(&out, "\x1b[38;2;0;255;0m"), "{out:?}");
    let out = run("", "xterm-256color");
    assert!(tass(&out, "\x1b[38;5;46m"), "{out:?}");
    let out = run("", "xterm");
    // The nearest basic colour of #00ff00 is green (2).
    assert!(tass(&out, "\x1b[38;5;2m"), "{out:?}");
    assert!(
        !out.contains("38;2;"),
        "no 24-bit colour on a 16-colour terminal: {out:?}"
    );
}

/// `digest search` without a query says what is missing, and its usage line does not make
/// `--index` look required (issue 21).
#[test]
fn a_search_without_a_query_says_so_plainly() {
    let d = Digest::new();
    let r = d.run(["search"]);
    assert_eq!(r.code, 2, "{r:#?}");
    assert!(r.stderr.contains("<QUERY>"), "{}", r.stderr);
    let usage = r
        .stderr
        .lines()
        .find(|l| l.starts_with("Usage:"))
        .unwrap_or_else(|| panic!("{}", r.stderr));
    assert!(!usage.contains("--index"), "{usage}");
}
