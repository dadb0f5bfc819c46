
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'digest' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'digest'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'digest' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search articles: words, "phrases", OR, NOT/-word, title:, outlet:')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest articles (under the outlet and date filters)')
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Add article files, saved web pages, web addresses or directories to the index')
            [CompletionResult]::new('outlets', 'outlets', [CompletionResultType]::ParameterValue, 'List outlets with their article counts and date ranges')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'List events: happenings reported by two or more outlets')
            [CompletionResult]::new('compare', 'compare', [CompletionResultType]::ParameterValue, 'Compare how each outlet tells a story: a query, or an event from `digest events`')
            [CompletionResult]::new('reindex', 'reindex', [CompletionResultType]::ParameterValue, 'Rebuild the index from the files it was built from (and PATHs, if given)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one article, cleaned, with its metadata and provenance')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove articles (by id, or every article of a source file) and keep them out')
            [CompletionResult]::new('feeds', 'feeds', [CompletionResultType]::ParameterValue, 'List, add, remove, import and export the feeds digest follows')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch every feed and add the new articles (in one commit)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print digest''s manual page (roff: `digest man | man -l -`)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Where the configuration file is, whether digest can use it, or a commented default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'digest;search' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only on or after YYYY-MM-DD')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only on or before YYYY-MM-DD')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Only this outlet (id, name or alias); repeat for several')
            [CompletionResult]::new('--outlet', '--outlet', [CompletionResultType]::ParameterName, 'Only this outlet (id, name or alias); repeat for several')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N results (1 or more; more than the index holds shows them all) [default: 10, or `limit` in config.toml]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N results (1 or more; more than the index holds shows them all) [default: 10, or `limit` in config.toml]')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Order: best match first, or newest first')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print for other programs instead: csv, ndjson or markdown')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;list' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only on or after YYYY-MM-DD')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only on or before YYYY-MM-DD')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Only this outlet (id, name or alias); repeat for several')
            [CompletionResult]::new('--outlet', '--outlet', [CompletionResultType]::ParameterName, 'Only this outlet (id, name or alias); repeat for several')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N articles (1 or more) [default: 20, or `limit` in config.toml]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N articles (1 or more) [default: 20, or `limit` in config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print for other programs instead: csv, ndjson or markdown')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;ingest' {
            [CompletionResult]::new('--outlet', '--outlet', [CompletionResultType]::ParameterName, 'Set the outlet of every article ingested')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads [default: number of CPUs]')
            [CompletionResult]::new('--memory', '--memory', [CompletionResultType]::ParameterName, 'Indexer memory budget in MiB (bounds memory)')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--no-bundled', '--no-bundled', [CompletionResultType]::ParameterName, 'Leave the bundled corpus out (ingest adds it only to a new, empty index)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document: the counts, every article added, updated or found again (id, source, title, outlet, date), and every file or item skipped')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;outlets' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;events' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N events (default: all)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N events (default: all)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only on or after YYYY-MM-DD')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only on or before YYYY-MM-DD')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Only this outlet (id, name or alias); repeat for several')
            [CompletionResult]::new('--outlet', '--outlet', [CompletionResultType]::ParameterName, 'Only this outlet (id, name or alias); repeat for several')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;compare' {
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Compare the event with this id (or a unique prefix)')
            [CompletionResult]::new('--passages', '--passages', [CompletionResultType]::ParameterName, 'Passages to show per outlet')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only on or after YYYY-MM-DD')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only on or before YYYY-MM-DD')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Only this outlet (id, name or alias); repeat for several')
            [CompletionResult]::new('--outlet', '--outlet', [CompletionResultType]::ParameterName, 'Only this outlet (id, name or alias); repeat for several')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Print the passages for other programs instead: csv, ndjson or markdown')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;reindex' {
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads [default: number of CPUs]')
            [CompletionResult]::new('--memory', '--memory', [CompletionResultType]::ParameterName, 'Indexer memory budget in MiB (bounds memory)')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--no-bundled', '--no-bundled', [CompletionResultType]::ParameterName, 'Leave the bundled corpus out (ingest adds it only to a new, empty index)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document: the counts, every file or item skipped, where the old index was kept (if it was)')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;show' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;remove' {
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Remove every article read from this file (repeat for several)')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;feeds' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the subscriptions as one JSON document')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Subscribe to a feed (RSS, Atom or JSON Feed; http or https)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Unsubscribe (by URL, id or unique id prefix)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Subscribe to every feed of an OPML file')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the subscriptions as OPML')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'digest;feeds;add' {
            [CompletionResult]::new('--outlet', '--outlet', [CompletionResultType]::ParameterName, 'Outlet of every article from this feed, overriding what the feed says')
            [CompletionResult]::new('--full-text', '--full-text', [CompletionResultType]::ParameterName, 'When to fetch an item''s page for its text: auto (when the feed has only a summary), always or never')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;feeds;remove' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--purge', '--purge', [CompletionResultType]::ParameterName, 'Also remove every article fetched from it (and keep them out)')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;feeds;import' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;feeds;export' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;feeds;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Subscribe to a feed (RSS, Atom or JSON Feed; http or https)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Unsubscribe (by URL, id or unique id prefix)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Subscribe to every feed of an OPML file')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the subscriptions as OPML')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'digest;feeds;help;add' {
            break
        }
        'digest;feeds;help;remove' {
            break
        }
        'digest;feeds;help;import' {
            break
        }
        'digest;feeds;help;export' {
            break
        }
        'digest;feeds;help;help' {
            break
        }
        'digest;fetch' {
            [CompletionResult]::new('--jobs', '--jobs', [CompletionResultType]::ParameterName, 'Feeds fetched at the same time, at most')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one feed or page may take in all (connecting, redirects, body)')
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document: per feed `id`, `url`, `status`, `new`, `error`')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;completions' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;man' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;config' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the answer as one JSON document')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the configuration file''s path')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Read the configuration file and say whether digest can use it (exit 2 if not)')
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Print a commented default configuration')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'digest;config;path' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the answer as one JSON document')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;config;check' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the answer as one JSON document')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;config;default' {
            [CompletionResult]::new('--index', '--index', [CompletionResultType]::ParameterName, 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the answer as one JSON document')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Start without ~/.config/digest/config.toml (the defaults)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'digest;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the configuration file''s path')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Read the configuration file and say whether digest can use it (exit 2 if not)')
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Print a commented default configuration')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'digest;config;help;path' {
            break
        }
        'digest;config;help;check' {
            break
        }
        'digest;config;help;default' {
            break
        }
        'digest;config;help;help' {
            break
        }
        'digest;help' {
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search articles: words, "phrases", OR, NOT/-word, title:, outlet:')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the newest articles (under the outlet and date filters)')
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Add article files, saved web pages, web addresses or directories to the index')
            [CompletionResult]::new('outlets', 'outlets', [CompletionResultType]::ParameterValue, 'List outlets with their article counts and date ranges')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'List events: happenings reported by two or more outlets')
            [CompletionResult]::new('compare', 'compare', [CompletionResultType]::ParameterValue, 'Compare how each outlet tells a story: a query, or an event from `digest events`')
            [CompletionResult]::new('reindex', 'reindex', [CompletionResultType]::ParameterValue, 'Rebuild the index from the files it was built from (and PATHs, if given)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one article, cleaned, with its metadata and provenance')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove articles (by id, or every article of a source file) and keep them out')
            [CompletionResult]::new('feeds', 'feeds', [CompletionResultType]::ParameterValue, 'List, add, remove, import and export the feeds digest follows')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Fetch every feed and add the new articles (in one commit)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print digest''s manual page (roff: `digest man | man -l -`)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Where the configuration file is, whether digest can use it, or a commented default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'digest;help;search' {
            break
        }
        'digest;help;list' {
            break
        }
        'digest;help;ingest' {
            break
        }
        'digest;help;outlets' {
            break
        }
        'digest;help;events' {
            break
        }
        'digest;help;compare' {
            break
        }
        'digest;help;reindex' {
            break
        }
        'digest;help;show' {
            break
        }
        'digest;help;remove' {
            break
        }
        'digest;help;feeds' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Subscribe to a feed (RSS, Atom or JSON Feed; http or https)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Unsubscribe (by URL, id or unique id prefix)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Subscribe to every feed of an OPML file')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the subscriptions as OPML')
            break
        }
        'digest;help;feeds;add' {
            break
        }
        'digest;help;feeds;remove' {
            break
        }
        'digest;help;feeds;import' {
            break
        }
        'digest;help;feeds;export' {
            break
        }
        'digest;help;fetch' {
            break
        }
        'digest;help;completions' {
            break
        }
        'digest;help;man' {
            break
        }
        'digest;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the configuration file''s path')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Read the configuration file and say whether digest can use it (exit 2 if not)')
            [CompletionResult]::new('default', 'default', [CompletionResultType]::ParameterValue, 'Print a commented default configuration')
            break
        }
        'digest;help;config;path' {
            break
        }
        'digest;help;config;check' {
            break
        }
        'digest;help;config;default' {
            break
        }
        'digest;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
