//! The `hookcraft` binary: no arguments open the desktop app; a subcommand runs the CLI.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    if args
        .next()
        .is_some_and(|a| a == hookcraft::engine::worker::WORKER_ARG)
    {
        return ExitCode::from(u8::try_from(hookcraft::engine::worker::main()).unwrap_or(1));
    }
    hookcraft::cli::main()
}
