//! The command line: one file per subcommand. `hookcraft` with no subcommand opens the app.

use std::process::ExitCode;

use clap::Parser;

/// Author, test and send Dodo Payments webhook transformations offline.
#[derive(Debug, Parser)]
#[command(name = "hookcraft", version, about, long_about = None)]
struct Cli {}

/// Parses the arguments and runs the subcommand (or opens the app).
pub fn main() -> ExitCode {
    match Cli::try_parse() {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            e.print().ok();
            ExitCode::from(2)
        }
    }
}
