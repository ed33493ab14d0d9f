//! Anonymise a Dodo payload before sharing it: names, emails, phone numbers, street
//! addresses and card holder names become realistic, deterministic fakes (the same input
//! always gives the same fake); ids, amounts, dates and everything else are kept.

use serde_json::{Map, Value};

const FIRST: &[&str] = &[
    "Avery", "Jordan", "Riley", "Morgan", "Casey", "Quinn", "Harper", "Rowan", "Emerson", "Finley",
    "Hayden", "Kendall", "Logan", "Parker", "Reese", "Sawyer", "Skyler", "Taylor", "Elliot",
    "Marlow",
];
const LAST: &[&str] = &[
    "Adler",
    "Brooks",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Hoffman",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quintero",
    "Rossi",
    "Schmidt",
    "Tanaka",
];
const STREETS: &[&str] = &[
    "Maple", "Oak", "Cedar", "Willow", "Harbor", "Station", "Mill", "Orchard", "Lake", "Hill",
];
const SUFFIXES: &[&str] = &["Street", "Avenue", "Road", "Lane", "Way", "Drive"];

/// A copy of `value` with personal data replaced. Keys looked at (case-insensitive):
/// `email` (and `*_email`), `phone`/`phone_number`, `street`/`address_line*`,
/// `card_holder_name`, `customer_name`, `name` inside an object that describes a person
/// (it has an email, a phone or a `customer_id`, or sits under `customer`), and any e-mail
/// address inside other strings.
pub fn anonymise(value: &Value) -> Value {
    walk(value, None)
}

fn walk(value: &Value, parent_key: Option<&str>) -> Value {
    match value {
        Value::Object(map) => {
            let person = is_person(map, parent_key);
            let mut out = Map::new();
            for (k, v) in map {
                let key = k.to_ascii_lowercase();
                let replaced = match (v, field_kind(&key, person)) {
                    (Value::String(s), Some(kind)) if !s.is_empty() => {
                        Some(Value::String(fake(kind, s)))
                    }
                    _ => None,
                };
                out.insert(k.clone(), replaced.unwrap_or_else(|| walk(v, Some(&key))));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| walk(v, parent_key)).collect()),
        Value::String(s) if s.contains('@') => Value::String(replace_emails(s)),
        other => other.clone(),
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Name,
    Email,
    Phone,
    Street,
}

fn is_person(map: &Map<String, Value>, parent_key: Option<&str>) -> bool {
    parent_key.is_some_and(|k| k.contains("customer") || k == "user" || k == "contact")
        || map.contains_key("email")
        || map.contains_key("customer_id") && map.contains_key("name")
        || map.contains_key("phone_number")
}

fn field_kind(key: &str, person: bool) -> Option<Kind> {
    match key {
        "card_holder_name" | "customer_name" | "cardholder_name" | "full_name" | "first_name"
        | "last_name" => Some(Kind::Name),
        "name" if person => Some(Kind::Name),
        "phone" | "phone_number" | "mobile" => Some(Kind::Phone),
        "street" | "address" | "address_line1" | "address_line2" | "line1" | "line2" => {
            Some(Kind::Street)
        }
        k if k == "email" || k.ends_with("_email") => Some(Kind::Email),
        _ => None,
    }
}

/// FNV-1a: stable across runs and platforms (unlike `DefaultHasher`).
fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn pick<'a>(list: &[&'a str], h: u64) -> &'a str {
    // `list` is never empty (constant tables above).
    let len = list.len() as u64;
    list.get(usize::try_from(h % len).unwrap_or(0))
        .copied()
        .unwrap_or_default()
}

fn fake(kind: Kind, original: &str) -> String {
    let h = hash(original);
    match kind {
        Kind::Name => {
            let name = format!("{} {}", pick(FIRST, h), pick(LAST, h >> 16));
            if original.chars().any(char::is_alphabetic) && original == original.to_uppercase() {
                name.to_uppercase()
            } else {
                name
            }
        }
        Kind::Email => fake_email(original),
        Kind::Phone => format!("+1555{:07}", h % 10_000_000),
        Kind::Street => format!(
            "{} {} {}",
            1 + h % 998,
            pick(STREETS, h >> 12),
            pick(SUFFIXES, h >> 24)
        ),
    }
}

fn fake_email(original: &str) -> String {
    let h = hash(&original.to_ascii_lowercase());
    format!(
        "{}.{}{}@example.com",
        pick(FIRST, h).to_ascii_lowercase(),
        pick(LAST, h >> 16).to_ascii_lowercase(),
        h % 100
    )
}

/// Replaces every `x@y.z` token inside free text.
fn replace_emails(s: &str) -> String {
    let is_email_char = |c: char| c.is_ascii_alphanumeric() || "._%+-@".contains(c);
    let mut out = String::with_capacity(s.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        let looks = token.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty() && domain.contains('.') && !domain.contains('@')
        });
        if looks {
            out.push_str(&fake_email(token));
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for c in s.chars() {
        if is_email_char(c) {
            token.push(c);
        } else {
            flush(&mut token, &mut out);
            out.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use serde_json::json;

    use super::*;

    fn payment() -> Value {
        json!({
            "business_id": "bus_1",
            "type": "payment.succeeded",
            "data": {
                "payment_id": "pay_1",
                "total_amount": 1999,
                "card_holder_name": "ANN LEE",
                "customer": {"customer_id": "cus_1", "email": "ann@lee.io", "name": "Ann Lee", "phone_number": "+4915112345678"},
                "billing": {"country": "DE", "city": "Berlin", "street": "Unter den Linden 5", "zipcode": "10117"},
                "product_cart": [{"product_id": "pdt_1", "name": "Pro plan"}],
                "error_message": "contact ann@lee.io, please"
            }
        })
    }

    #[test]
    fn replaces_personal_data_and_keeps_the_rest() {
        let a = anonymise(&payment());
        let d = &a["data"];
        assert_ne!(d["customer"]["email"], "ann@lee.io");
        assert!(
            d["customer"]["email"]
                .as_str()
                .unwrap()
                .ends_with("@example.com")
        );
        assert_ne!(d["customer"]["name"], "Ann Lee");
        assert_ne!(d["customer"]["phone_number"], "+4915112345678");
        assert!(
            d["customer"]["phone_number"]
                .as_str()
                .unwrap()
                .starts_with("+1555")
        );
        assert_ne!(d["billing"]["street"], "Unter den Linden 5");
        let holder = d["card_holder_name"].as_str().unwrap();
        assert_ne!(holder, "ANN LEE");
        assert_eq!(holder, holder.to_uppercase());
        assert!(!d["error_message"].as_str().unwrap().contains("ann@lee.io"));
        // Kept: ids, amounts, country, product names.
        assert_eq!(d["payment_id"], "pay_1");
        assert_eq!(d["customer"]["customer_id"], "cus_1");
        assert_eq!(d["total_amount"], 1999);
        assert_eq!(d["billing"]["country"], "DE");
        assert_eq!(d["product_cart"][0]["name"], "Pro plan");
        assert_eq!(a["type"], "payment.succeeded");
    }

    #[test]
    fn deterministic() {
        assert_eq!(anonymise(&payment()), anonymise(&payment()));
        // The same email in two places gets the same fake.
        let a = anonymise(&payment());
        let fake = a["data"]["customer"]["email"].as_str().unwrap();
        assert!(a["data"]["error_message"].as_str().unwrap().contains(fake));
        // Different people get different fakes.
        let other = anonymise(&json!({"customer": {"email": "bob@x.io", "name": "Bob"}}));
        assert_ne!(other["customer"]["email"], a["data"]["customer"]["email"]);
    }
}
