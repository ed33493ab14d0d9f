//! A small JavaScript scanner for the lints and the error explainer: tokens with positions,
//! property chains (`webhook.payload.data.customer?.email`), aliases
//! (`const p = webhook.payload.data`), `/ 100` and comparisons with string literals.
//!
//! It is not a parser: it reads the token stream, which is enough for the patterns the
//! Dodo examples and hand-written transforms use, and it never fails (odd code just yields
//! fewer matches).

use std::collections::HashMap;

/// One token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    /// An identifier or keyword.
    Ident(String),
    /// A string literal's value (quotes removed, escapes kept as written).
    Str(String),
    /// A number literal as written.
    Num(String),
    /// Punctuation: `.`, `?.`, `===`, `(`, ...
    Punct(String),
}

/// A token with its 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub line: u32,
    pub column: u32,
}

/// Tokenises `code`, skipping comments and template-literal text (the code inside `${}` is
/// tokenised).
pub(crate) fn tokenize(code: &str) -> Vec<Token> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let (mut line, mut col) = (1u32, 1u32);
    // Brace depth at which each open template's `${` started.
    let mut templates: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let advance = |i: &mut usize, line: &mut u32, col: &mut u32, chars: &[char]| {
        if chars.get(*i) == Some(&'\n') {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
        *i += 1;
    };
    while let Some(&c) = chars.get(i) {
        let (tl, tc) = (line, col);
        if c.is_whitespace() {
            advance(&mut i, &mut line, &mut col, &chars);
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while chars.get(i).is_some_and(|&c| c != '\n') {
                advance(&mut i, &mut line, &mut col, &chars);
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            advance(&mut i, &mut line, &mut col, &chars);
            advance(&mut i, &mut line, &mut col, &chars);
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                advance(&mut i, &mut line, &mut col, &chars);
            }
            advance(&mut i, &mut line, &mut col, &chars);
            advance(&mut i, &mut line, &mut col, &chars);
        } else if c == '"' || c == '\'' {
            advance(&mut i, &mut line, &mut col, &chars);
            let mut s = String::new();
            while let Some(&d) = chars.get(i) {
                if d == c || d == '\n' {
                    break;
                }
                if d == '\\' {
                    s.push(d);
                    advance(&mut i, &mut line, &mut col, &chars);
                    if let Some(&e) = chars.get(i) {
                        s.push(e);
                    }
                } else {
                    s.push(d);
                }
                advance(&mut i, &mut line, &mut col, &chars);
            }
            advance(&mut i, &mut line, &mut col, &chars);
            out.push(Token {
                tok: Tok::Str(s),
                line: tl,
                column: tc,
            });
        } else if c == '`' || (c == '}' && templates.last() == Some(&depth)) {
            // Template text: skip to the closing backtick or the next `${`.
            if c == '}' {
                templates.pop();
            }
            advance(&mut i, &mut line, &mut col, &chars);
            while let Some(&d) = chars.get(i) {
                if d == '\\' {
                    advance(&mut i, &mut line, &mut col, &chars);
                } else if d == '`' {
                    advance(&mut i, &mut line, &mut col, &chars);
                    break;
                } else if d == '$' && chars.get(i + 1) == Some(&'{') {
                    advance(&mut i, &mut line, &mut col, &chars);
                    advance(&mut i, &mut line, &mut col, &chars);
                    templates.push(depth);
                    break;
                }
                advance(&mut i, &mut line, &mut col, &chars);
            }
            out.push(Token {
                tok: Tok::Str(String::new()),
                line: tl,
                column: tc,
            });
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let mut s = String::new();
            while chars
                .get(i)
                .is_some_and(|&d| d.is_alphanumeric() || d == '_' || d == '$')
            {
                s.push(chars[i]);
                advance(&mut i, &mut line, &mut col, &chars);
            }
            out.push(Token {
                tok: Tok::Ident(s),
                line: tl,
                column: tc,
            });
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let mut s = String::new();
            while chars
                .get(i)
                .is_some_and(|&d| d.is_ascii_alphanumeric() || d == '.' || d == '_')
            {
                s.push(chars[i]);
                advance(&mut i, &mut line, &mut col, &chars);
            }
            out.push(Token {
                tok: Tok::Num(s),
                line: tl,
                column: tc,
            });
        } else {
            let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
            let op = [
                "===", "!==", ">>>", "...", "?.", "==", "!=", "=>", "&&", "||", "??", "<=", ">=",
            ]
            .iter()
            .find(|op| rest.starts_with(**op))
            .map_or_else(|| c.to_string(), |op| (*op).to_owned());
            // `?.5` is a conditional with a number, not optional chaining.
            let op = if op == "?." && chars.get(i + 2).is_some_and(char::is_ascii_digit) {
                "?".to_owned()
            } else {
                op
            };
            match op.as_str() {
                "{" => depth += 1,
                "}" => depth = depth.saturating_sub(1),
                _ => {}
            }
            for _ in 0..op.chars().count() {
                advance(&mut i, &mut line, &mut col, &chars);
            }
            out.push(Token {
                tok: Tok::Punct(op),
                line: tl,
                column: tc,
            });
        }
    }
    out
}

fn is_punct(t: Option<&Token>, p: &str) -> bool {
    matches!(t, Some(Token { tok: Tok::Punct(q), .. }) if q == p)
}

/// One property access in a chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Access {
    /// The property name.
    pub name: String,
    /// Reached with `?.` (or `?.[`).
    pub optional: bool,
}

/// A chain such as `p.customer?.email` as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Chain {
    /// The first identifier (`p`).
    pub root: String,
    /// The accesses after it.
    pub accesses: Vec<Access>,
    /// Where the root is.
    pub line: u32,
    /// Where the root is.
    pub column: u32,
    /// Index of the root token.
    pub start: usize,
    /// Index just past the last token of the chain.
    pub end: usize,
}

/// Every maximal chain `ident(.name|?.name|["str"])+` in `tokens`.
pub(crate) fn chains(tokens: &[Token]) -> Vec<Chain> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Tok::Ident(root) = &tokens[i].tok else {
            i += 1;
            continue;
        };
        // Skip property names that are part of a longer chain or an object key.
        if i > 0 && (is_punct(tokens.get(i - 1), ".") || is_punct(tokens.get(i - 1), "?.")) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        let mut accesses = Vec::new();
        loop {
            let optional = is_punct(tokens.get(j), "?.");
            if is_punct(tokens.get(j), ".") || optional {
                if let Some(Token {
                    tok: Tok::Ident(name),
                    ..
                }) = tokens.get(j + 1)
                {
                    accesses.push(Access {
                        name: name.clone(),
                        optional,
                    });
                    j += 2;
                    continue;
                }
                if optional
                    && is_punct(tokens.get(j + 1), "[")
                    && let (
                        Some(Token {
                            tok: Tok::Str(name),
                            ..
                        }),
                        true,
                    ) = (tokens.get(j + 2), is_punct(tokens.get(j + 3), "]"))
                {
                    accesses.push(Access {
                        name: name.clone(),
                        optional: true,
                    });
                    j += 4;
                    continue;
                }
            } else if is_punct(tokens.get(j), "[")
                && let (
                    Some(Token {
                        tok: Tok::Str(name),
                        ..
                    }),
                    true,
                ) = (tokens.get(j + 1), is_punct(tokens.get(j + 2), "]"))
            {
                accesses.push(Access {
                    name: name.clone(),
                    optional: false,
                });
                j += 3;
                continue;
            }
            break;
        }
        if !accesses.is_empty() {
            out.push(Chain {
                root: root.clone(),
                accesses,
                line: tokens[start].line,
                column: tokens[start].column,
                start,
                end: j,
            });
        }
        i = j.max(i + 1);
    }
    out
}

/// `true` when the chain is the target of `=` (a write, not a read).
pub(crate) fn is_assignment_target(tokens: &[Token], chain: &Chain) -> bool {
    is_punct(tokens.get(chain.end), "=")
}

/// The handler's parameter name (`webhook` unless the code says otherwise).
pub(crate) fn handler_param(tokens: &[Token]) -> String {
    for (i, t) in tokens.iter().enumerate() {
        if t.tok == Tok::Ident("handler".into())
            && is_punct(tokens.get(i + 1), "(")
            && let Some(Token {
                tok: Tok::Ident(p), ..
            }) = tokens.get(i + 2)
        {
            return p.clone();
        }
    }
    "webhook".to_owned()
}

/// Variables bound to a part of the input: name -> path from the `webhook` object
/// (`["payload", "data"]` for `const p = webhook.payload.data`). Also reads simple
/// destructuring such as `const { data } = webhook.payload`.
pub(crate) fn aliases(tokens: &[Token]) -> HashMap<String, Vec<String>> {
    let param = handler_param(tokens);
    let all_chains = chains(tokens);
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    map.insert(param.clone(), Vec::new());
    for (i, t) in tokens.iter().enumerate() {
        let Tok::Ident(kw) = &t.tok else { continue };
        if !matches!(kw.as_str(), "const" | "let" | "var") {
            continue;
        }
        match tokens.get(i + 1) {
            Some(Token {
                tok: Tok::Ident(name),
                ..
            }) if is_punct(tokens.get(i + 2), "=") => {
                let Some(chain) = all_chains.iter().find(|c| c.start == i + 3) else {
                    if let Some(Token {
                        tok: Tok::Ident(src),
                        ..
                    }) = tokens.get(i + 3)
                        && let Some(base) = map.get(src).cloned()
                    {
                        map.insert(name.clone(), base);
                    }
                    continue;
                };
                if let Some(path) = resolve_with(&map, chain) {
                    map.insert(name.clone(), path);
                }
            }
            Some(t) if t.tok == Tok::Punct("{".into()) => {
                // const { a, b: c } = chain
                let mut j = i + 2;
                let mut names = Vec::new();
                while let Some(tok) = tokens.get(j) {
                    match &tok.tok {
                        Tok::Punct(p) if p == "}" => break,
                        Tok::Ident(key) => {
                            if is_punct(tokens.get(j + 1), ":")
                                && let Some(Token {
                                    tok: Tok::Ident(local),
                                    ..
                                }) = tokens.get(j + 2)
                            {
                                names.push((key.clone(), local.clone()));
                                j += 3;
                                continue;
                            }
                            names.push((key.clone(), key.clone()));
                        }
                        _ => {}
                    }
                    j += 1;
                }
                if !is_punct(tokens.get(j + 1), "=") {
                    continue;
                }
                let src = tokens.get(j + 2);
                let base = match all_chains.iter().find(|c| c.start == j + 2) {
                    Some(chain) => resolve_with(&map, chain),
                    None => match src {
                        Some(Token {
                            tok: Tok::Ident(s), ..
                        }) => map.get(s).cloned(),
                        _ => None,
                    },
                };
                if let Some(base) = base {
                    for (key, local) in names {
                        let mut p = base.clone();
                        p.push(key);
                        map.insert(local, p);
                    }
                }
            }
            _ => {}
        }
    }
    map
}

fn resolve_with(map: &HashMap<String, Vec<String>>, chain: &Chain) -> Option<Vec<String>> {
    let mut base = map.get(&chain.root)?.clone();
    base.extend(chain.accesses.iter().map(|a| a.name.clone()));
    Some(base)
}

/// The path from the `webhook` object that `chain` reads, with each segment's `?.` flag
/// (the alias part counts as non-optional). `None` when the root is not the handler's
/// parameter or an alias of part of it.
pub(crate) fn resolve(map: &HashMap<String, Vec<String>>, chain: &Chain) -> Option<Vec<Access>> {
    let base = map.get(&chain.root)?;
    let mut out: Vec<Access> = base
        .iter()
        .map(|n| Access {
            name: n.clone(),
            optional: false,
        })
        .collect();
    out.extend(chain.accesses.iter().cloned());
    Some(out)
}

/// Lines holding a division by exactly 100 (`/ 100`, `/100`, `/ 100.0`).
pub(crate) fn divisions_by_100(tokens: &[Token]) -> Vec<u32> {
    let mut lines = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.tok == Tok::Punct("/".into())
            && let Some(Token {
                tok: Tok::Num(n), ..
            }) = tokens.get(i + 1)
            && n.parse::<f64>()
                .is_ok_and(|v| (v - 100.0).abs() < f64::EPSILON)
            && !lines.contains(&t.line)
        {
            lines.push(t.line);
        }
    }
    lines
}

/// A comparison of a chain with a string literal: `x.dispute_status === "won"`, either
/// order, `==`, `!=`, `!==`, or `case "won":` inside `switch (x.dispute_status)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Comparison {
    /// The chain compared.
    pub chain: Chain,
    /// The literal.
    pub literal: String,
    /// Where the literal is.
    pub line: u32,
}

/// Every comparison of a chain with a string literal.
pub(crate) fn comparisons(tokens: &[Token]) -> Vec<Comparison> {
    let all = chains(tokens);
    let ops = ["===", "==", "!==", "!="];
    let mut out = Vec::new();
    for chain in &all {
        // chain OP "lit"
        if let Some(Token {
            tok: Tok::Punct(op),
            ..
        }) = tokens.get(chain.end)
            && ops.contains(&op.as_str())
            && let Some(Token {
                tok: Tok::Str(lit),
                line,
                ..
            }) = tokens.get(chain.end + 1)
        {
            out.push(Comparison {
                chain: chain.clone(),
                literal: lit.clone(),
                line: *line,
            });
        }
        // "lit" OP chain
        if chain.start >= 2
            && let Some(Token {
                tok: Tok::Punct(op),
                ..
            }) = tokens.get(chain.start - 1)
            && ops.contains(&op.as_str())
            && let Some(Token {
                tok: Tok::Str(lit),
                line,
                ..
            }) = tokens.get(chain.start - 2)
        {
            out.push(Comparison {
                chain: chain.clone(),
                literal: lit.clone(),
                line: *line,
            });
        }
        // switch (chain) { case "lit": ... }
        if chain.start >= 2
            && is_punct(tokens.get(chain.start - 1), "(")
            && tokens
                .get(chain.start - 2)
                .is_some_and(|t| t.tok == Tok::Ident("switch".into()))
            && is_punct(tokens.get(chain.end), ")")
            && is_punct(tokens.get(chain.end + 1), "{")
        {
            let mut depth = 0i32;
            let mut j = chain.end + 1;
            while let Some(t) = tokens.get(j) {
                match &t.tok {
                    Tok::Punct(p) if p == "{" => depth += 1,
                    Tok::Punct(p) if p == "}" => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    Tok::Ident(k) if k == "case" && depth == 1 => {
                        if let Some(Token {
                            tok: Tok::Str(lit),
                            line,
                            ..
                        }) = tokens.get(j + 1)
                        {
                            out.push(Comparison {
                                chain: chain.clone(),
                                literal: lit.clone(),
                                line: *line,
                            });
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
    }
    out
}

/// String literals that look like URLs, with their lines.
pub(crate) fn url_literals(tokens: &[Token]) -> Vec<(String, u32)> {
    tokens
        .iter()
        .filter_map(|t| match &t.tok {
            Tok::Str(s) if s.starts_with("https://") || s.starts_with("http://") => {
                Some((s.clone(), t.line))
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests may unwrap (common brief); the lint guards user data.
mod tests {
    use super::*;

    const CODE: &str = r#"function handler(webhook) {
  // a comment with webhook.payload.x / 100
  const p = webhook.payload.data;
  const { customer: c } = p;
  const amount = (p.total_amount / 100).toFixed(2);
  const msg = `Paid ${p.customer?.name} ${amount}`;
  if (p.dispute_status === "won" || "lost" == webhook.payload.data.dispute_status) {}
  switch (webhook.eventType) { case "payment.succeeded": break; case 'x': break; }
  webhook.url = "https://api.segment.io/v1/track";
  return c.phone;
}"#;

    #[test]
    fn tokens_skip_comments_and_template_text() {
        let toks = tokenize(CODE);
        assert!(!toks.iter().any(|t| t.tok == Tok::Ident("comment".into())));
        assert!(!toks.iter().any(|t| t.tok == Tok::Ident("Paid".into())));
        // Code inside ${} is tokenised.
        let name = toks
            .iter()
            .find(|t| t.tok == Tok::Ident("name".into()))
            .unwrap();
        assert_eq!(name.line, 6);
    }

    #[test]
    fn chains_and_aliases() {
        let toks = tokenize(CODE);
        let map = aliases(&toks);
        assert_eq!(map["p"], ["payload", "data"]);
        assert_eq!(map["c"], ["payload", "data", "customer"]);
        let all = chains(&toks);
        let name_chain = all.iter().find(|c| c.line == 6 && c.root == "p").unwrap();
        let path = resolve(&map, name_chain).unwrap();
        let names: Vec<&str> = path.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["payload", "data", "customer", "name"]);
        assert!(path[3].optional && !path[2].optional);
        let phone = all.iter().find(|c| c.root == "c").unwrap();
        assert_eq!(phone.line, 10);
        let url = all.iter().find(|c| c.line == 9).unwrap();
        assert!(is_assignment_target(&toks, url));
    }

    #[test]
    fn divisions_and_comparisons() {
        let toks = tokenize(CODE);
        assert_eq!(divisions_by_100(&toks), [5]);
        assert_eq!(divisions_by_100(&tokenize("a / 1000; b/100.0")), [1]);
        let cmps = comparisons(&toks);
        let lits: Vec<(&str, u32)> = cmps.iter().map(|c| (c.literal.as_str(), c.line)).collect();
        assert_eq!(
            lits,
            [("won", 7), ("lost", 7), ("payment.succeeded", 8), ("x", 8)]
        );
        assert_eq!(
            url_literals(&toks),
            [("https://api.segment.io/v1/track".to_owned(), 9)]
        );
    }

    #[test]
    fn handler_param_name() {
        assert_eq!(
            handler_param(&tokenize("function handler(w) { return w; }")),
            "w"
        );
        let map = aliases(&tokenize(
            "function handler(w) { const d = w.payload.data; }",
        ));
        assert_eq!(map["d"], ["payload", "data"]);
    }
}
