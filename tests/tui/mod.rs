//! The interactive reader: actions on its state ([`actions`]), insta snapshots of every
//! screen on ratatui's `TestBackend` ([`snapshots`]), and a few runs of the real binary in
//! tmux ([`e2e`]). Helpers: `util::tui` and `util::tmux`.

mod actions;
mod e2e;
mod snapshots;
