//! `hookcraft samples`: what the sample library holds.

use std::process::ExitCode;

use crate::samples::Library;

use super::common::print_json;

/// Arguments of `hookcraft samples`.
#[derive(Debug, clap::Args)]
pub struct SamplesArgs {
    /// Print one JSON object instead of a list.
    #[arg(long)]
    pub json: bool,
}

/// Lists every sample, grouped by event family.
pub fn samples(args: &SamplesArgs) -> anyhow::Result<ExitCode> {
    let library = Library::builtin();
    if args.json {
        let list: Vec<_> = library
            .iter()
            .map(|s| {
                serde_json::json!({
                    "name": s.name,
                    "event_type": s.event_type,
                    "group": s.group,
                    "variant": s.variant.label(),
                })
            })
            .collect();
        print_json(&serde_json::json!({ "samples": list }));
        return Ok(ExitCode::SUCCESS);
    }
    for (group, samples) in library.groups() {
        println!("{group}");
        for sample in samples {
            println!("  {:<48} {}", sample.name, sample.variant.label());
        }
    }
    println!("{} samples", library.len());
    Ok(ExitCode::SUCCESS)
}
