//! What each message needs (its variables), found by walking the Fluent
//! AST, and the cross-language consistency check built on it.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::FluentResource;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::{Lang, Locales};

/// Facts about one message, gathered at load time.
#[derive(Debug, Clone)]
pub(super) struct MessageInfo {
    pub(super) file: String,
    pub(super) vars: BTreeSet<String>,
    pub(super) empty: bool,
}

/// Collects the messages of one resource.
pub(super) fn collect(resource: &FluentResource, file: &str) -> Vec<(String, MessageInfo)> {
    resource
        .entries()
        .filter_map(|entry| match entry {
            Entry::Message(m) => Some(m),
            _ => None,
        })
        .map(|m| {
            let mut vars = BTreeSet::new();
            let patterns = m.value.iter().chain(m.attributes.iter().map(|a| &a.value));
            for p in patterns {
                pattern_vars(p, &mut vars);
            }
            let empty = m.value.as_ref().is_none_or(pattern_is_blank) && m.attributes.is_empty();
            let info = MessageInfo {
                file: file.to_owned(),
                vars,
                empty,
            };
            (m.id.name.to_owned(), info)
        })
        .collect()
}

fn pattern_vars(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
        Expression::Inline(i) => inline_vars(i, out),
    }
}

fn inline_vars(i: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
            for a in &arguments.named {
                inline_vars(&a.value, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

fn pattern_is_blank(p: &Pattern<&str>) -> bool {
    p.elements.iter().all(|el| match el {
        PatternElement::TextElement { value } => value.trim().is_empty(),
        PatternElement::Placeable {
            expression: Expression::Inline(InlineExpression::StringLiteral { value }),
        } => value.trim().is_empty(),
        PatternElement::Placeable { .. } => false,
    })
}

/// Lists every inconsistency between the languages: messages missing in a
/// language, messages whose variables differ, and empty messages. An empty
/// list means the locales are consistent.
pub fn check_parity(locales: &Locales) -> Vec<String> {
    let mut problems = Vec::new();
    let all_keys: BTreeSet<&str> = Lang::ALL
        .iter()
        .flat_map(|l| locales.info(*l).keys().map(String::as_str))
        .collect();
    let reference = locales.info(Lang::Id);
    for key in all_keys {
        for lang in Lang::ALL {
            let infos: &BTreeMap<String, MessageInfo> = locales.info(*lang);
            let Some(info) = infos.get(key) else {
                problems.push(format!("{key}: missing in {lang}"));
                continue;
            };
            if info.empty {
                problems.push(format!("{key}: empty in {lang} ({})", info.file));
            }
            if let Some(base) = reference.get(key).filter(|_| *lang != Lang::Id)
                && base.vars != info.vars
            {
                problems.push(format!(
                    "{key}: variables differ, id {:?} ({}) vs {lang} {:?} ({})",
                    base.vars, base.file, info.vars, info.file
                ));
            }
        }
    }
    problems
}
