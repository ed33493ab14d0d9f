//! The command line: one file per subcommand. `hookcraft` with no subcommand opens the app.

pub mod receive;
pub mod send;
pub mod sign;

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
    /// Run a transformation on a sample and send what it returns.
    Send(send::SendArgs),
    /// Listen on 127.0.0.1 and print every request.
    Receive(receive::ReceiveArgs),
    /// Print the Standard Webhooks signature of a message.
    Sign(sign::SignArgs),
    /// Check a Standard Webhooks signature.
    Verify(sign::VerifyArgs),
}

/// Parses the arguments and runs the subcommand (or opens the app).
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            e.print().ok();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match &cli.command {
        Some(Command::Send(args)) => send::run(args),
        Some(Command::Receive(args)) => receive::run(args),
        Some(Command::Sign(args)) => sign::run(args),
        Some(Command::Verify(args)) => sign::run_verify(args),
        None => Ok(ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
