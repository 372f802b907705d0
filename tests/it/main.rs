//! The integration tests: one binary, one module per command or concern, so the suite links once. Temporary
//! libraries, the binary's runner (with a deadline and the frozen date `testkit::TODAY`), the synthetic generator
//! and the render structure checks come from the `testkit` crate; CLI output and sheets are checked by insta
//! snapshots in `tests/it/snapshots/` (`cargo insta review`, or `INSTA_UPDATE=always cargo test`, to accept changes).

mod agree;
mod aliases;
mod assess;
mod bounds;
mod due;
mod file_safety;
mod forms;
mod forms_cli;
mod history;
mod hostile;
mod lifecycle;
mod list;
mod model_fixtures;
mod needs;
mod new;
mod nothing_lost;
mod privacy;
mod properties;
mod regrade;
mod render;
mod safe_output;
mod scale;
mod schema;
mod score;
mod similar;
mod site;
mod synth;
mod validate;
mod vocabulary;
