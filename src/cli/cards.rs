//! `hookcraft cards`: the 14 integration cards.

use std::process::ExitCode;

use crate::catalogue::{self, AuthStyle};

use super::common::print_json;

/// Arguments of `hookcraft cards`.
#[derive(Debug, clap::Args)]
pub struct CardsArgs {
    /// Print one JSON object instead of a list.
    #[arg(long)]
    pub json: bool,
}

fn auth_words(auth: &AuthStyle) -> String {
    match auth {
        AuthStyle::UrlOnly => "URL only".to_owned(),
        AuthStyle::Basic { username, password } => match password {
            Some(password) => format!("HTTP Basic ({username}:{password})"),
            None => format!("HTTP Basic ({username}:)"),
        },
        AuthStyle::Bearer { token } => format!("Bearer ({token})"),
        AuthStyle::StandardWebhooks { secret } => format!("Standard Webhooks signature ({secret})"),
    }
}

/// Lists the 14 integration cards.
pub fn cards(args: &CardsArgs) -> anyhow::Result<ExitCode> {
    let cards = catalogue::cards();
    if args.json {
        let list: Vec<_> = cards
            .iter()
            .map(|card| {
                serde_json::json!({
                    "id": card.id,
                    "name": card.name,
                    "subtitle": card.subtitle,
                    "auth": auth_words(&card.auth),
                    "default_url": card.default_url,
                    "credentials": card.credentials.iter().map(|c| serde_json::json!({
                        "name": c.name, "label": c.label, "secret": c.secret,
                    })).collect::<Vec<_>>(),
                    "templates": card.templates.iter().map(|t| serde_json::json!({
                        "id": t.id, "name": t.name,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        print_json(&serde_json::json!({ "cards": list }));
        return Ok(ExitCode::SUCCESS);
    }
    for card in cards {
        println!(
            "{:<11} {:<11} {}",
            card.id,
            card.name,
            auth_words(&card.auth)
        );
        if let Some(url) = card.default_url {
            println!("            {url}");
        }
        for template in card.templates {
            println!("            template {:<24} {}", template.id, template.name);
        }
    }
    Ok(ExitCode::SUCCESS)
}
