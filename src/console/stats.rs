//! Statistics from the clear metadata only (no decryption): counts by
//! month, type, province and kabupaten/kota, age band, sex, urgency and
//! status, charts drawn as
//! SVG on the server with the numbers under them, the median times to
//! first response and to close, and an audited CSV export.

use axum::Form;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use maud::{Markup, html};

use super::ConsoleState;
use super::access::audit;
use super::auth::{CsrfForm, Signed};
use super::charts::{bar_chart, duration_parts, median_ms, month_chart};
use super::export::simfoni_csv;
use super::layout::{Ui, page};
use super::web::ConsoleError;
use crate::domain::report::Status;
use crate::domain::role::Role;
use crate::domain::urgency::Urgency;
use crate::domain::{AgeBand, Sex, ViolenceType};
use crate::store::{Counts, LinkStats, Stats, StatsScope};

/// Admins see every region's figures; a koordinator their own regions'.
fn scope(who: &Signed) -> Result<StatsScope, ConsoleError> {
    // An account waiting for its second person sees no figures either.
    if !who.worker.trusted() {
        return Err(ConsoleError::NotFound);
    }
    match who.worker.role {
        Role::Admin => Ok(StatsScope::default()),
        Role::Koordinator => Ok(StatsScope {
            regions: who.worker.regions.clone(),
            ..Default::default()
        }),
        _ => Err(ConsoleError::NotFound),
    }
}

/// The label of a code in one dimension; unknown codes show as they are.
fn labelled(ui: &Ui, dim: &str, code: &str) -> String {
    if code.is_empty() {
        return ui.t("stats-unknown");
    }
    let key = match dim {
        "type" => ViolenceType::parse(code)
            .ok()
            .map(|v| v.label_key().to_owned()),
        "age" => AgeBand::parse(code).ok().map(|v| v.label_key().to_owned()),
        "sex" => Sex::parse(code).ok().map(|v| v.label_key().to_owned()),
        "urgency" => Urgency::parse(code).ok().map(|v| v.label_key().to_owned()),
        "status" => Status::parse(code).ok().map(|v| v.label_key().to_owned()),
        "region" => return ui.region(code),
        // A province's code here: she named the province only.
        "regency" if !code.contains('.') && code != "abroad" => {
            return ui.t_args("stats-province-only", &[("province", ui.region(code))]);
        }
        "regency" => return ui.region(code),
        _ => None,
    };
    key.map(|k| ui.t(&k)).unwrap_or_else(|| code.to_owned())
}

fn labelled_counts(ui: &Ui, dim: &str, counts: &Counts) -> Vec<(String, i64)> {
    counts
        .0
        .iter()
        .map(|(code, n)| (labelled(ui, dim, code), *n))
        .collect()
}

fn table(ui: &Ui, rows: &[(String, i64)]) -> Markup {
    html! {
        table.numbers {
            thead { tr { th { (ui.t("stats-category")) } th.num { (ui.t("stats-count")) } } }
            tbody { @for (label, n) in rows { tr { td { (label) } td.num { (n) } } } }
        }
    }
}

fn duration(ui: &Ui, ms: Option<i64>) -> String {
    match ms {
        None => ui.t("stats-no-data"),
        Some(ms) => {
            let (d, h, m) = duration_parts(ms);
            ui.t_args(
                "stats-duration",
                &[
                    ("days", d.to_string()),
                    ("hours", h.to_string()),
                    ("minutes", m.to_string()),
                ],
            )
        }
    }
}

/// A chart of linked reports or networks per month; until there is one,
/// a line saying so rather than an empty drawing.
fn link_chart(ui: &Ui, key: &str, months: &[(String, i64)]) -> Markup {
    html! {
        section.card.chart {
            h2 { (ui.t(key)) }
            @if months.iter().all(|(_, n)| *n == 0) {
                p.hint { (ui.t("stats-no-data")) }
            } @else {
                (month_chart(&ui.t(key), months))
                (table(ui, months))
            }
        }
    }
}

fn render(ui: &Ui, who: &Signed, stats: &Stats, links: &LinkStats) -> Markup {
    let dims: [(&str, &str, &Counts); 7] = [
        ("type", "stats-by-type", &stats.by_type),
        ("region", "stats-by-region", &stats.by_province),
        ("regency", "stats-by-regency", &stats.by_regency),
        ("age", "stats-by-age", &stats.by_age_band),
        ("sex", "stats-by-sex", &stats.by_sex),
        ("urgency", "stats-by-urgency", &stats.by_urgency),
        ("status", "stats-by-status", &stats.by_status),
    ];
    html! {
        section.card.summary {
            p { (ui.t_args("stats-total-reports", &[("n", stats.total.to_string())])) }
            p { (ui.t("stats-median-response")) ": " strong { (duration(ui, median_ms(&stats.response_ms))) } }
            p { (ui.t("stats-median-close")) ": " strong { (duration(ui, median_ms(&stats.close_ms))) } }
            form method="post" action="/stats.csv" {
                input type="hidden" name="csrf" value=(who.csrf);
                button type="submit" { (ui.t("stats-export")) }
                span.hint { " " (ui.t("stats-export-hint")) }
            }
        }
        section.card.chart {
            h2 { (ui.t("stats-by-month")) }
            (month_chart(&ui.t("stats-by-month"), &stats.by_month.0))
            (table(ui, &stats.by_month.0))
        }
        // Links are counted over every region: a network crosses them.
        div.grid {
            (link_chart(ui, "stats-linked-by-month", &links.linked_by_month.0))
            (link_chart(ui, "stats-clusters-by-month", &links.clusters_by_month.0))
        }
        div.grid {
            @for (dim, title, counts) in dims {
                @let rows = labelled_counts(ui, dim, counts);
                section.card.chart {
                    h2 { (ui.t(title)) }
                    (bar_chart(&ui.t(title), &rows))
                    (table(ui, &rows))
                }
            }
        }
        p.hint { (ui.t("stats-note")) }
    }
}

/// Rows in the order people read them (age bands youngest first, urgency
/// most urgent first, statuses along the workflow), not by code; "not
/// stated" last.
fn ordered(mut stats: Stats) -> Stats {
    fn by<T: Copy + PartialEq>(counts: &mut Counts, all: &[T], parse: fn(&str) -> Option<T>) {
        let rank = |code: &str| {
            parse(code)
                .and_then(|v| all.iter().position(|a| *a == v))
                .unwrap_or(usize::MAX)
        };
        counts.0.sort_by_key(|(code, _)| rank(code));
    }
    let urgency: Vec<Urgency> = Urgency::ALL.iter().rev().copied().collect();
    by(&mut stats.by_type, ViolenceType::ALL, |c| {
        ViolenceType::parse(c).ok()
    });
    by(&mut stats.by_age_band, AgeBand::ALL, |c| {
        AgeBand::parse(c).ok()
    });
    by(&mut stats.by_sex, Sex::ALL, |c| Sex::parse(c).ok());
    by(&mut stats.by_urgency, &urgency, |c| Urgency::parse(c).ok());
    by(&mut stats.by_status, Status::ALL, |c| Status::parse(c).ok());
    stats
}

/// The statistics page.
pub async fn show(
    State(state): State<ConsoleState>,
    who: Signed,
) -> Result<Response, ConsoleError> {
    let who = &who;
    let scope = scope(who)?;
    let stats = ordered(state.store.stats(&scope).await?);
    let links = state.store.link_stats().await?;
    let ui = &who.ui;
    Ok(page(
        ui,
        &ui.t("stats-title"),
        Some(&who.nav()),
        render(ui, who, &stats, &links),
    )
    .into_response())
}

/// The CSV export: aggregates only, and recorded in the audit log.
pub async fn csv(
    State(state): State<ConsoleState>,
    who: Signed,
    Form(form): Form<CsrfForm>,
) -> Result<Response, ConsoleError> {
    who.check(&form.csrf)?;
    let scope = scope(&who)?;
    let stats = ordered(state.store.stats(&scope).await?);
    let ui = who.ui.clone();
    let text = simfoni_csv(&stats, &|key: &str| ui.t(key));
    audit(
        &state,
        &who,
        crate::domain::audit::AuditAction::StatsExported,
        None,
        format!("{} reports counted", stats.total),
    )
    .await?;
    let mut response = text.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    let name = format!(
        "attachment; filename=\"suara-statistik-{}.csv\"",
        Utc::now().format("%Y-%m-%d")
    );
    if let Ok(v) = HeaderValue::from_str(&name) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_the_meaning_not_the_code() {
        let stats = ordered(Stats {
            by_age_band: Counts(vec![
                ("".into(), 1),
                ("a13_17".into(), 2),
                ("a6_12".into(), 3),
            ]),
            by_urgency: Counts(vec![
                ("high".into(), 1),
                ("normal".into(), 2),
                ("urgent".into(), 3),
            ]),
            ..Default::default()
        });
        let codes = |c: &Counts| c.0.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&stats.by_age_band), ["a6_12", "a13_17", ""]);
        assert_eq!(codes(&stats.by_urgency), ["urgent", "high", "normal"]);
    }
}
