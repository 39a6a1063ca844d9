//! Every text the console's code asks for exists in both languages.

use crate::i18n::{Lang, Locales};

/// Every literal text key the console's code asks for, found in its
/// sources, exists in both languages.
#[test]
fn every_console_text_exists_in_both_languages() {
    let sources = [
        include_str!("access.rs"),
        include_str!("admin.rs"),
        include_str!("audit_log.rs"),
        include_str!("account.rs"),
        include_str!("auth.rs"),
        include_str!("login.rs"),
        include_str!("team.rs"),
        include_str!("totp.rs"),
        include_str!("welcome.rs"),
        include_str!("report_answers.rs"),
        include_str!("scope.rs"),
        include_str!("../service/accounts/notice.rs"),
        include_str!("layout.rs"),
        include_str!("queue.rs"),
        include_str!("report.rs"),
        include_str!("report_actions.rs"),
        include_str!("report_view.rs"),
        include_str!("report_timeline.rs"),
        include_str!("stats.rs"),
        include_str!("networks.rs"),
        include_str!("related.rs"),
        include_str!("watchlist.rs"),
        include_str!("web.rs"),
        include_str!("../service/alerts.rs"),
    ];
    let locales = Locales::load().expect("locales load");
    // Every string literal that looks like a console text key.
    const PREFIXES: &[&str] = &[
        "nav-",
        "login-",
        "enrol-",
        "queue-",
        "report-",
        "timeline-",
        "notice-",
        "stats-",
        "users-",
        "audit-",
        "error-",
        "age-",
        "answer-",
        "alert-",
        "location-",
        "team-",
        "welcome-",
        "password-",
        "shown-",
        "networks-",
        "related-",
        "link-kind-",
        "watchlist-",
    ];
    let mut keys = Vec::new();
    for source in sources {
        for literal in source.split('"').skip(1).step_by(2) {
            let looks_like_key = literal
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                && PREFIXES.iter().any(|p| literal.starts_with(p))
                && !literal.ends_with('-');
            if looks_like_key {
                keys.push(literal.to_owned());
            }
        }
    }
    for notice in super::report::NOTICES.iter().chain(super::admin::NOTICES) {
        keys.push(format!("notice-{notice}"));
    }
    for error in [
        "error-not-found",
        "error-forbidden",
        "error-bad-request",
        "error-conflict",
        "error-internal",
    ] {
        keys.push(error.to_owned());
        keys.push(format!("{error}-title"));
    }
    assert!(keys.len() > 100, "the scan found the keys ({})", keys.len());
    for lang in Lang::ALL {
        let missing: Vec<&String> = keys.iter().filter(|k| !locales.has(*lang, k)).collect();
        assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
    }
}

/// The short names of link kinds, built from the kind's code on the
/// networks and watchlist pages, exist in both languages.
#[test]
fn every_link_kind_has_a_short_name_in_both_languages() {
    let locales = Locales::load().expect("locales load");
    for kind in crate::domain::identifiers::LinkKind::ALL {
        for lang in [Lang::Id, Lang::En] {
            let key = format!("networks-edge-{}", kind.as_str());
            assert!(locales.has(lang, &key), "{key} missing in {lang:?}");
        }
    }
}
