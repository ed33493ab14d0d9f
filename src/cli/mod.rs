//! The command line: one file per subcommand. `hookcraft` with no subcommand opens the app.

mod bench;
mod cards;
pub mod check;
mod common;
pub mod receive;
mod run;
mod samples;
pub mod send;
pub mod sign;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Author, test and send Dodo Payments webhook transformations offline.
#[derive(Debug, Parser)]
#[command(name = "hookcraft", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run a transformation on one sample and print the transformed request.
    Run(run::RunArgs),
    /// Run a transformation on every sample and report problems before sending.
    Check(check::CheckArgs),
    /// Run a transformation on a sample and send what it returns.
    Send(send::SendArgs),
    /// Listen on 127.0.0.1 and print every request as it arrives.
    Receive(receive::ReceiveArgs),
    /// Print the Standard Webhooks signature of a message.
    Sign(sign::SignArgs),
    /// Check a Standard Webhooks signature (exit 0 when it matches).
    Verify(sign::VerifyArgs),
    /// List the sample payloads (one per Dodo event type, plus variants).
    Samples(samples::SamplesArgs),
    /// List the 14 integration cards with their credentials and templates.
    Cards(cards::CardsArgs),
    /// Measure the engine: one run, and one transform over the whole sample library.
    Bench(bench::BenchArgs),
}

/// Parses the arguments and runs the subcommand (or opens the app).
pub fn main() -> ExitCode {
    quiet_on_broken_pipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            e.print().ok();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        None => open_app(),
        Some(Command::Run(args)) => run::run(&args),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Send(args)) => send::run(&args),
        Some(Command::Receive(args)) => receive::run(&args),
        Some(Command::Sign(args)) => sign::run(&args),
        Some(Command::Verify(args)) => sign::run_verify(&args),
        Some(Command::Samples(args)) => samples::samples(&args),
        Some(Command::Cards(args)) => cards::cards(&args),
        Some(Command::Bench(args)) => bench::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("hookcraft: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn open_app() -> anyhow::Result<ExitCode> {
    crate::app::run_app().map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

/// `hookcraft samples | head` closes stdout early; end quietly instead of panicking.
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}
