# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_digest_global_optspecs
    string join \n index= color= no-config h/help V/version
end

function __fish_digest_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_digest_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_digest_using_subcommand
    set -l cmd (__fish_digest_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c digest -n "__fish_digest_needs_command" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_needs_command" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_needs_command" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c digest -n "__fish_digest_needs_command" -s V -l version -d 'Print version'
complete -c digest -n "__fish_digest_needs_command" -f -a "search" -d 'Search articles: words, "phrases", OR, NOT/-word, title:, outlet:'
complete -c digest -n "__fish_digest_needs_command" -f -a "list" -d 'List the newest articles (under the outlet and date filters)'
complete -c digest -n "__fish_digest_needs_command" -f -a "ingest" -d 'Add article files, saved web pages, web addresses or directories to the index'
complete -c digest -n "__fish_digest_needs_command" -f -a "outlets" -d 'List outlets with their article counts and date ranges'
complete -c digest -n "__fish_digest_needs_command" -f -a "events" -d 'List events: happenings reported by two or more outlets'
complete -c digest -n "__fish_digest_needs_command" -f -a "compare" -d 'Compare how each outlet tells a story: a query, or an event from `digest events`'
complete -c digest -n "__fish_digest_needs_command" -f -a "reindex" -d 'Rebuild the index from the files it was built from (and PATHs, if given)'
complete -c digest -n "__fish_digest_needs_command" -f -a "show" -d 'Show one article, cleaned, with its metadata and provenance'
complete -c digest -n "__fish_digest_needs_command" -f -a "remove" -d 'Remove articles (by id, or every article of a source file) and keep them out'
complete -c digest -n "__fish_digest_needs_command" -f -a "feeds" -d 'List, add, remove, import and export the feeds digest follows'
complete -c digest -n "__fish_digest_needs_command" -f -a "fetch" -d 'Fetch every feed and add the new articles (in one commit)'
complete -c digest -n "__fish_digest_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c digest -n "__fish_digest_needs_command" -f -a "man" -d 'Print digest\'s manual page (roff: `digest man | man -l -`)'
complete -c digest -n "__fish_digest_needs_command" -f -a "config" -d 'Where the configuration file is, whether digest can use it, or a commented default'
complete -c digest -n "__fish_digest_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c digest -n "__fish_digest_using_subcommand search" -l since -d 'Only on or after YYYY-MM-DD' -r
complete -c digest -n "__fish_digest_using_subcommand search" -l until -d 'Only on or before YYYY-MM-DD' -r
complete -c digest -n "__fish_digest_using_subcommand search" -s o -l outlet -d 'Only this outlet (id, name or alias); repeat for several' -r
complete -c digest -n "__fish_digest_using_subcommand search" -s n -l limit -d 'Show at most N results (1 or more; more than the index holds shows them all) [default: 10, or `limit` in config.toml]' -r
complete -c digest -n "__fish_digest_using_subcommand search" -l sort -d 'Order: best match first, or newest first' -r -f -a "relevance\t''
date\t''"
complete -c digest -n "__fish_digest_using_subcommand search" -l format -d 'Print for other programs instead: csv, ndjson or markdown' -r -f -a "csv\t''
ndjson\t''
markdown\t''"
complete -c digest -n "__fish_digest_using_subcommand search" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand search" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand search" -l json -d 'Print one JSON document'
complete -c digest -n "__fish_digest_using_subcommand search" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand search" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand list" -l since -d 'Only on or after YYYY-MM-DD' -r
complete -c digest -n "__fish_digest_using_subcommand list" -l until -d 'Only on or before YYYY-MM-DD' -r
complete -c digest -n "__fish_digest_using_subcommand list" -s o -l outlet -d 'Only this outlet (id, name or alias); repeat for several' -r
complete -c digest -n "__fish_digest_using_subcommand list" -s n -l limit -d 'Show at most N articles (1 or more) [default: 20, or `limit` in config.toml]' -r
complete -c digest -n "__fish_digest_using_subcommand list" -l format -d 'Print for other programs instead: csv, ndjson or markdown' -r -f -a "csv\t''
ndjson\t''
markdown\t''"
complete -c digest -n "__fish_digest_using_subcommand list" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand list" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand list" -l json -d 'Print one JSON document'
complete -c digest -n "__fish_digest_using_subcommand list" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand list" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand ingest" -l outlet -d 'Set the outlet of every article ingested' -r
complete -c digest -n "__fish_digest_using_subcommand ingest" -l threads -d 'Worker threads [default: number of CPUs]' -r
complete -c digest -n "__fish_digest_using_subcommand ingest" -l memory -d 'Indexer memory budget in MiB (bounds memory)' -r
complete -c digest -n "__fish_digest_using_subcommand ingest" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand ingest" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand ingest" -l no-bundled -d 'Leave the bundled corpus out (ingest adds it only to a new, empty index)'
complete -c digest -n "__fish_digest_using_subcommand ingest" -l json -d 'Print one JSON document: the counts, every article added, updated or found again (id, source, title, outlet, date), and every file or item skipped'
complete -c digest -n "__fish_digest_using_subcommand ingest" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand ingest" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand outlets" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand outlets" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand outlets" -l json -d 'Print one JSON document'
complete -c digest -n "__fish_digest_using_subcommand outlets" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand outlets" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand events" -s n -l limit -d 'Show at most N events (default: all)' -r
complete -c digest -n "__fish_digest_using_subcommand events" -l since -d 'Only on or after YYYY-MM-DD' -r
complete -c digest -n "__fish_digest_using_subcommand events" -l until -d 'Only on or before YYYY-MM-DD' -r
complete -c digest -n "__fish_digest_using_subcommand events" -s o -l outlet -d 'Only this outlet (id, name or alias); repeat for several' -r
complete -c digest -n "__fish_digest_using_subcommand events" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand events" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand events" -l json -d 'Print one JSON document'
complete -c digest -n "__fish_digest_using_subcommand events" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand events" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand compare" -l event -d 'Compare the event with this id (or a unique prefix)' -r
complete -c digest -n "__fish_digest_using_subcommand compare" -l passages -d 'Passages to show per outlet' -r
complete -c digest -n "__fish_digest_using_subcommand compare" -l since -d 'Only on or after YYYY-MM-DD' -r
complete -c digest -n "__fish_digest_using_subcommand compare" -l until -d 'Only on or before YYYY-MM-DD' -r
complete -c digest -n "__fish_digest_using_subcommand compare" -s o -l outlet -d 'Only this outlet (id, name or alias); repeat for several' -r
complete -c digest -n "__fish_digest_using_subcommand compare" -l format -d 'Print the passages for other programs instead: csv, ndjson or markdown' -r -f -a "csv\t''
ndjson\t''
markdown\t''"
complete -c digest -n "__fish_digest_using_subcommand compare" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand compare" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand compare" -l json -d 'Print one JSON document'
complete -c digest -n "__fish_digest_using_subcommand compare" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand compare" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand reindex" -l threads -d 'Worker threads [default: number of CPUs]' -r
complete -c digest -n "__fish_digest_using_subcommand reindex" -l memory -d 'Indexer memory budget in MiB (bounds memory)' -r
complete -c digest -n "__fish_digest_using_subcommand reindex" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand reindex" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand reindex" -l no-bundled -d 'Leave the bundled corpus out (ingest adds it only to a new, empty index)'
complete -c digest -n "__fish_digest_using_subcommand reindex" -l json -d 'Print one JSON document: the counts, every file or item skipped, where the old index was kept (if it was)'
complete -c digest -n "__fish_digest_using_subcommand reindex" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand reindex" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand show" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand show" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand show" -l json -d 'Print one JSON document'
complete -c digest -n "__fish_digest_using_subcommand show" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand show" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand remove" -l source -d 'Remove every article read from this file (repeat for several)' -r
complete -c digest -n "__fish_digest_using_subcommand remove" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand remove" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand remove" -l json -d 'Print one JSON document'
complete -c digest -n "__fish_digest_using_subcommand remove" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand remove" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand feeds; and not __fish_seen_subcommand_from add remove import export help" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand feeds; and not __fish_seen_subcommand_from add remove import export help" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand feeds; and not __fish_seen_subcommand_from add remove import export help" -l json -d 'Print the subscriptions as one JSON document'
complete -c digest -n "__fish_digest_using_subcommand feeds; and not __fish_seen_subcommand_from add remove import export help" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand feeds; and not __fish_seen_subcommand_from add remove import export help" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand feeds; and not __fish_seen_subcommand_from add remove import export help" -f -a "add" -d 'Subscribe to a feed (RSS, Atom or JSON Feed; http or https)'
complete -c digest -n "__fish_digest_using_subcommand feeds; and not __fish_seen_subcommand_from add remove import export help" -f -a "remove" -d 'Unsubscribe (by URL, id or unique id prefix)'
complete -c digest -n "__fish_digest_using_subcommand feeds; and not __fish_seen_subcommand_from add remove import export help" -f -a "import" -d 'Subscribe to every feed of an OPML file'
complete -c digest -n "__fish_digest_using_subcommand feeds; and not __fish_seen_subcommand_from add remove import export help" -f -a "export" -d 'Print the subscriptions as OPML'
complete -c digest -n "__fish_digest_using_subcommand feeds; and not __fish_seen_subcommand_from add remove import export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from add" -l outlet -d 'Outlet of every article from this feed, overriding what the feed says' -r
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from add" -l full-text -d 'When to fetch an item\'s page for its text: auto (when the feed has only a summary), always or never' -r
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from add" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from add" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from add" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from remove" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from remove" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from remove" -l purge -d 'Also remove every article fetched from it (and keep them out)'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from remove" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from import" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from import" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from import" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from export" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from export" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from export" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from help" -f -a "add" -d 'Subscribe to a feed (RSS, Atom or JSON Feed; http or https)'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Unsubscribe (by URL, id or unique id prefix)'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from help" -f -a "import" -d 'Subscribe to every feed of an OPML file'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from help" -f -a "export" -d 'Print the subscriptions as OPML'
complete -c digest -n "__fish_digest_using_subcommand feeds; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c digest -n "__fish_digest_using_subcommand fetch" -l jobs -d 'Feeds fetched at the same time, at most' -r
complete -c digest -n "__fish_digest_using_subcommand fetch" -l timeout -d 'Seconds one feed or page may take in all (connecting, redirects, body)' -r
complete -c digest -n "__fish_digest_using_subcommand fetch" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand fetch" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand fetch" -l json -d 'Print one JSON document: per feed `id`, `url`, `status`, `new`, `error`'
complete -c digest -n "__fish_digest_using_subcommand fetch" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand fetch" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand completions" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand completions" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand completions" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand completions" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand man" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand man" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand man" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand man" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand config; and not __fish_seen_subcommand_from path check default help" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand config; and not __fish_seen_subcommand_from path check default help" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand config; and not __fish_seen_subcommand_from path check default help" -l json -d 'Print the answer as one JSON document'
complete -c digest -n "__fish_digest_using_subcommand config; and not __fish_seen_subcommand_from path check default help" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand config; and not __fish_seen_subcommand_from path check default help" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand config; and not __fish_seen_subcommand_from path check default help" -f -a "path" -d 'Print the configuration file\'s path'
complete -c digest -n "__fish_digest_using_subcommand config; and not __fish_seen_subcommand_from path check default help" -f -a "check" -d 'Read the configuration file and say whether digest can use it (exit 2 if not)'
complete -c digest -n "__fish_digest_using_subcommand config; and not __fish_seen_subcommand_from path check default help" -f -a "default" -d 'Print a commented default configuration'
complete -c digest -n "__fish_digest_using_subcommand config; and not __fish_seen_subcommand_from path check default help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from path" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from path" -l json -d 'Print the answer as one JSON document'
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from path" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from check" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from check" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from check" -l json -d 'Print the answer as one JSON document'
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from check" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from default" -l index -d 'Index directory [default: $DIGEST_INDEX, else `index` in config.toml, else $XDG_DATA_HOME/digest/index]' -r -F
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from default" -l color -d 'Colour in printed output: auto (a terminal, unless NO_COLOR is set), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from default" -l json -d 'Print the answer as one JSON document'
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from default" -l no-config -d 'Start without ~/.config/digest/config.toml (the defaults)'
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from default" -s h -l help -d 'Print help'
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the configuration file\'s path'
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "check" -d 'Read the configuration file and say whether digest can use it (exit 2 if not)'
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "default" -d 'Print a commented default configuration'
complete -c digest -n "__fish_digest_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "search" -d 'Search articles: words, "phrases", OR, NOT/-word, title:, outlet:'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "list" -d 'List the newest articles (under the outlet and date filters)'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "ingest" -d 'Add article files, saved web pages, web addresses or directories to the index'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "outlets" -d 'List outlets with their article counts and date ranges'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "events" -d 'List events: happenings reported by two or more outlets'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "compare" -d 'Compare how each outlet tells a story: a query, or an event from `digest events`'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "reindex" -d 'Rebuild the index from the files it was built from (and PATHs, if given)'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "show" -d 'Show one article, cleaned, with its metadata and provenance'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "remove" -d 'Remove articles (by id, or every article of a source file) and keep them out'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "feeds" -d 'List, add, remove, import and export the feeds digest follows'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "fetch" -d 'Fetch every feed and add the new articles (in one commit)'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "man" -d 'Print digest\'s manual page (roff: `digest man | man -l -`)'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "config" -d 'Where the configuration file is, whether digest can use it, or a commented default'
complete -c digest -n "__fish_digest_using_subcommand help; and not __fish_seen_subcommand_from search list ingest outlets events compare reindex show remove feeds fetch completions man config help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c digest -n "__fish_digest_using_subcommand help; and __fish_seen_subcommand_from feeds" -f -a "add" -d 'Subscribe to a feed (RSS, Atom or JSON Feed; http or https)'
complete -c digest -n "__fish_digest_using_subcommand help; and __fish_seen_subcommand_from feeds" -f -a "remove" -d 'Unsubscribe (by URL, id or unique id prefix)'
complete -c digest -n "__fish_digest_using_subcommand help; and __fish_seen_subcommand_from feeds" -f -a "import" -d 'Subscribe to every feed of an OPML file'
complete -c digest -n "__fish_digest_using_subcommand help; and __fish_seen_subcommand_from feeds" -f -a "export" -d 'Print the subscriptions as OPML'
complete -c digest -n "__fish_digest_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the configuration file\'s path'
complete -c digest -n "__fish_digest_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "check" -d 'Read the configuration file and say whether digest can use it (exit 2 if not)'
complete -c digest -n "__fish_digest_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "default" -d 'Print a commented default configuration'
