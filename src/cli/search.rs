//! `digest search`: ranked articles with their best passage; `digest list`: the newest
//! articles.

use clap::{Args, ValueEnum};
use digest::output;
use digest::search::{self, SearchRequest, Sort};

use super::{Context, Export, JsonArg, Outcome, WindowArgs, answer};

#[derive(Args)]
pub struct SearchArgs {
    /// The query (several words are joined with spaces)
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    #[command(flatten)]
    filter: WindowArgs,
    /// Show at most N results (1 or more; more than the index holds shows them all)
    /// [default: 10, or `limit` in config.toml]
    #[arg(long, short = 'n', value_parser = super::at_least_one)]
    limit: Option<usize>,
    /// Order: best match first, or newest first
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Print for other programs instead: csv, ndjson or markdown
    #[arg(long, value_enum, conflicts_with = "json")]
    format: Option<Export>,
    #[command(flatten)]
    output: JsonArg,
}

/// `--sort`.
#[derive(Clone, Copy, ValueEnum)]
enum SortArg {
    Relevance,
    Date,
}

/// `digest list`: every article under the filters, newest first.
#[derive(Args)]
pub struct ListArgs {
    #[command(flatten)]
    filter: WindowArgs,
    /// Show at most N articles (1 or more) [default: 20, or `limit` in config.toml]
    #[arg(long, short = 'n', value_parser = super::at_least_one)]
    limit: Option<usize>,
    /// Print for other programs instead: csv, ndjson or markdown
    #[arg(long, value_enum, conflicts_with = "json")]
    format: Option<Export>,
    #[command(flatten)]
    output: JsonArg,
}

pub fn run(args: SearchArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    let req = SearchRequest {
        query: args.query.join(" "),
        outlets: args.filter.outlet,
        since: args.filter.since,
        until: args.filter.until,
        limit: args.limit.or(ctx.config.limit).unwrap_or(10),
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        },
        exclude: Default::default(),
    };
    print_search(ctx, &args.output, args.format, req)
}

/// Lists the newest articles: the search of an empty query.
pub fn list(args: ListArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    let req = SearchRequest {
        query: String::new(),
        outlets: args.filter.outlet,
        since: args.filter.since,
        until: args.filter.until,
        limit: args.limit.or(ctx.config.limit).unwrap_or(20),
        sort: Sort::Date,
        exclude: Default::default(),
    };
    print_search(ctx, &args.output, args.format, req)
}

fn print_search(
    ctx: &Context,
    output: &JsonArg,
    format: Option<Export>,
    req: SearchRequest,
) -> anyhow::Result<Outcome> {
    if let Some(format) = format {
        let index = ctx.open_seeded()?;
        let results = search::search(&index, &req).map_err(attached_outlet_hint)?;
        ctx.print(|w| {
            match format {
                Export::Csv => output::export::print_hits_csv(w, &results)?,
                Export::Ndjson => output::export::print_hits_ndjson(w, &results)?,
                Export::Markdown => output::export::print_hits_markdown(w, &results)?,
            }
            Ok(())
        })?;
        return Ok(if results.total > 0 {
            Outcome::Found
        } else {
            Outcome::NothingFound
        });
    }
    answer(
        ctx,
        output,
        |index| search::search(index, &req).map_err(attached_outlet_hint),
        |results| results.total > 0,
        output::print_hits_json,
        |w, results, _, style| Ok(output::print_hits(w, results, style)?),
    )
}

/// `-obama` is read as `--outlet bama` (as `-otass` is `--outlet tass`); when no outlet
/// has that name, say how to leave out a word that starts with `o` instead.
fn attached_outlet_hint(e: digest::Error) -> anyhow::Error {
    if let digest::Error::UnknownOutlet { name, .. } = &e {
        let typed = format!("-o{name}");
        if std::env::args().any(|a| a == typed) {
            let word = digest::text::sanitize_inline(name).into_owned();
            return anyhow::Error::from(e).context(format!(
                "`-o{word}` means `--outlet {word}`; to leave out the word \"o{word}\", write `NOT o{word}`"
            ));
        }
    }
    e.into()
}
