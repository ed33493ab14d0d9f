//! The command line: one file per subcommand. `hookcraft` with no subcommand opens the app.

pub mod check;

use std::process::ExitCode;

use clap::Parser;

/// Author, test and send Dodo Payments webhook transformations offline.
#[derive(Debug, Parser)]
#[command(name = "hookcraft", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Run a transform against every sample and report problems before sending.
    Check(check::CheckArgs),
}

/// Parses the arguments and runs the subcommand (or opens the app).
pub fn main() -> ExitCode {
    match Cli::try_parse() {
        Ok(Cli { command: Some(Command::Check(args)) }) => match check::run(&args) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("hookcraft check: {e:#}");
                ExitCode::from(1)
            }
        },
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            e.print().ok();
            ExitCode::from(2)
        }
    }
}
