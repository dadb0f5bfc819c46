//! `digest show`: one article, cleaned, with its metadata and provenance.

use clap::Args;
use digest::model::{Article, Origin};
use digest::output;
use digest::text::sanitize_inline;

use super::{Context, JsonArg, Outcome, answer};

#[derive(Args)]
pub struct ShowArgs {
    /// Article id (or a unique prefix of at least 4 characters)
    id: String,
    #[command(flatten)]
    output: JsonArg,
}

/// An unknown id is [`digest::Error::NoSuchArticle`]: exit code 1.
pub fn run(args: ShowArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    answer(
        ctx,
        &args.output,
        |index| {
            let article = index.article(&args.id)?.ok_or_else(|| {
                digest::Error::NoSuchArticle(sanitize_inline(&args.id).into_owned())
            })?;
            let origins = index.origins(&article.id)?;
            Ok((article, origins))
        },
        |_| true,
        |w, (a, origins): &(Article, Vec<Origin>)| output::print_article_json(w, a, origins),
        |w, (a, origins), _, style| Ok(output::print_article(w, a, origins, style)?),
    )
}
