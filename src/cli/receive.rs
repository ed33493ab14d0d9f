//! `hookcraft receive`: a local webhook receiver that prints each request as it arrives.

use std::process::ExitCode;
use std::time::Duration;

use crate::send::receiver::{ReceivedRequest, Receiver, ReceiverConfig};

/// Listen on 127.0.0.1 and print every request (stop with Ctrl-C).
#[derive(Clone, Debug, clap::Args)]
pub struct ReceiveArgs {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// The status to answer with.
    #[arg(long, default_value_t = 200)]
    pub status: u16,
    /// Wait this long before answering, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub delay_ms: u64,
    /// Share of requests answered with --fail-status (0.0 to 1.0).
    #[arg(long, default_value_t = 0.0)]
    pub fail_rate: f64,
    /// The status of a simulated failure.
    #[arg(long, default_value_t = 500)]
    pub fail_status: u16,
    /// Exit after this many requests.
    #[arg(long, value_name = "N")]
    pub max_requests: Option<u64>,
    /// Print each request as one JSON line instead of raw HTTP.
    #[arg(long)]
    pub json: bool,
}

fn print_request(request: &ReceivedRequest, json: bool) {
    if json {
        let value = serde_json::json!({
            "seq": request.seq,
            "at": request.at,
            "method": request.method,
            "path": request.path,
            "http_version": request.http_version,
            "headers": request.headers,
            "body": request.body_text,
            "response_status": request.response_status,
        });
        println!("{value}");
    } else {
        println!(
            "--- #{} at {} -> answered {}",
            request.seq, request.at, request.response_status
        );
        println!("{}", request.raw);
    }
}

/// Runs `hookcraft receive`. Exit 2 on bad settings or a port in use.
pub fn run(args: &ReceiveArgs) -> anyhow::Result<ExitCode> {
    let config = ReceiverConfig {
        port: args.port,
        status: args.status,
        delay_ms: args.delay_ms,
        fail_rate: args.fail_rate,
        fail_status: args.fail_status,
    };
    let receiver = match Receiver::start(config) {
        Ok(receiver) => receiver,
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(2));
        }
    };
    println!("Listening on {} (Ctrl-C to stop)", receiver.url());
    let mut last_seq = 0;
    loop {
        receiver.wait_for(last_seq + 1, Duration::from_millis(200));
        for request in receiver.received_after(last_seq) {
            print_request(&request, args.json);
            last_seq = request.seq;
            if args.max_requests.is_some_and(|max| request.seq >= max) {
                // Let the last answer go out before the server stops.
                let patience = Duration::from_millis(args.delay_ms.saturating_add(5_000));
                receiver.wait_answered(request.seq, patience);
                receiver.stop();
                return Ok(ExitCode::SUCCESS);
            }
        }
    }
}
