//! The statistics as CSV, in the shape of Simfoni-PPA's recording categories.
//!
//! Only aggregate counts from [`Stats`] are written: the type carries no
//! story text, and every label comes from the caller's Fluent lookup, so an
//! export can be shared with the PPA unit without exposing a reporter.
//! Output is RFC 4180 (CRLF, quoted where needed) and guarded against
//! formula injection, since it will be opened in a spreadsheet.

use crate::domain::region::RegionCode;
use crate::domain::report::Status;
use crate::domain::taxonomy::{AgeBand, Sex, ViolenceType};
use crate::domain::urgency::Urgency;
use crate::store::{Counts, Stats};

/// Fluent key for an empty code: the reporter did not say.
pub const KEY_UNKNOWN: &str = "stats-unknown";
/// Fluent key for the label of the total row.
pub const KEY_TOTAL: &str = "stats-total";
/// Fluent key for reports that happened abroad (shared with the bot).
pub const KEY_ABROAD: &str = "location-abroad";

/// Which dimension a section counts, deciding how its codes become keys.
#[derive(Clone, Copy)]
enum Dim {
    Month,
    Type,
    Province,
    Regency,
    AgeBand,
    Sex,
    Urgency,
    Status,
}

/// The Fluent key naming `code` in `dim`; `None` when the code has no key
/// (a month, or a code this build does not know), so the code itself is
/// shown rather than a made-up text.
fn label_key(dim: Dim, code: &str) -> Option<String> {
    if code.is_empty() {
        return Some(KEY_UNKNOWN.to_owned());
    }
    let key = match dim {
        Dim::Month => None,
        Dim::Type => ViolenceType::parse(code).ok().map(ViolenceType::label_key),
        Dim::Province | Dim::Regency if code == "abroad" => Some(KEY_ABROAD),
        Dim::Province | Dim::Regency => return RegionCode::parse(code).ok().map(|r| r.label_key()),
        Dim::AgeBand => AgeBand::parse(code).ok().map(AgeBand::label_key),
        Dim::Sex => Sex::parse(code).ok().map(Sex::label_key),
        Dim::Urgency => Urgency::parse(code).ok().map(Urgency::label_key),
        Dim::Status => Status::parse(code).ok().map(Status::label_key),
    };
    key.map(str::to_owned)
}

/// A spreadsheet would run a cell starting with one of these as a formula
/// (OWASP "CSV injection"); a leading `'` makes it plain text.
fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// RFC 4180 field: quoted only when it holds a comma, quote, CR or LF, with
/// inner quotes doubled.
fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

fn push_row(out: &mut String, section: &str, code: &str, label: &str, count: i64) {
    for cell in [section, code, label] {
        out.push_str(&quote(&defuse(cell)));
        out.push(',');
    }
    // Counts are formatted by us and never negative, so they need no guard.
    out.push_str(&count.to_string());
    out.push_str("\r\n");
}

/// The statistics as CSV rows `kategori,kode,label,jumlah`: a header, one row
/// per code in each dimension (month, violence type, province,
/// kabupaten/kota, age band, sex, urgency, status), then a `total` row with
/// the number of reports.
///
/// `kategori` is a stable section code (`bulan`, `jenis_kekerasan`,
/// `provinsi`, `kabupaten_kota`, `kelompok_umur`, `jenis_kelamin`,
/// `urgensi`, `status`, `total`) so spreadsheets built on the export keep working in either
/// language. A report can have several violence types, so the
/// `jenis_kekerasan` rows may add up to more than the total.
///
/// `label` maps a Fluent key to text; see [`KEY_UNKNOWN`], [`KEY_TOTAL`],
/// [`KEY_ABROAD`] and the domain enums' `label_key()` for the keys asked
/// for. Unknown codes and months are labelled with the code itself.
pub fn simfoni_csv(stats: &Stats, label: &dyn Fn(&str) -> String) -> String {
    let sections: [(&str, Dim, &Counts); 8] = [
        ("bulan", Dim::Month, &stats.by_month),
        ("jenis_kekerasan", Dim::Type, &stats.by_type),
        ("provinsi", Dim::Province, &stats.by_province),
        ("kabupaten_kota", Dim::Regency, &stats.by_regency),
        ("kelompok_umur", Dim::AgeBand, &stats.by_age_band),
        ("jenis_kelamin", Dim::Sex, &stats.by_sex),
        ("urgensi", Dim::Urgency, &stats.by_urgency),
        ("status", Dim::Status, &stats.by_status),
    ];
    let mut out = String::from("kategori,kode,label,jumlah\r\n");
    for (section, dim, counts) in sections {
        for (code, count) in &counts.0 {
            let text = label_key(dim, code).map_or_else(|| code.clone(), |k| label(&k));
            push_row(&mut out, section, code, &text, *count);
        }
    }
    push_row(&mut out, "total", "", &label(KEY_TOTAL), stats.total);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(items: &[(&str, i64)]) -> Counts {
        Counts(items.iter().map(|(c, n)| (c.to_string(), *n)).collect())
    }

    fn tag(key: &str) -> String {
        format!("L[{key}]")
    }

    fn sample() -> Stats {
        Stats {
            total: 5,
            by_month: counts(&[("2025-01", 2), ("2025-02", 3)]),
            by_type: counts(&[("fisik", 3), ("trafficking", 4)]),
            by_province: counts(&[("64", 3), ("abroad", 1), ("", 1)]),
            by_regency: counts(&[("64", 1), ("64.72", 2), ("abroad", 1), ("", 1)]),
            by_age_band: counts(&[("a13_17", 2), ("", 3)]),
            by_sex: counts(&[("perempuan", 5)]),
            by_urgency: counts(&[("urgent", 1), ("normal", 4)]),
            by_status: counts(&[("baru", 2), ("selesai", 3)]),
            response_ms: vec![1000],
            close_ms: vec![2000],
        }
    }

    fn lines(csv: &str) -> Vec<&str> {
        csv.strip_suffix("\r\n").unwrap().split("\r\n").collect()
    }

    #[test]
    fn every_dimension_gets_labelled_rows_and_a_total() {
        let csv = simfoni_csv(&sample(), &tag);
        let rows = lines(&csv);
        assert_eq!(rows[0], "kategori,kode,label,jumlah");
        assert!(rows.contains(&"bulan,2025-01,2025-01,2"));
        assert!(rows.contains(&"jenis_kekerasan,trafficking,L[violence-type-trafficking],4"));
        assert!(rows.contains(&"provinsi,64,L[region-64],3"));
        assert!(rows.contains(&"provinsi,abroad,L[location-abroad],1"));
        assert!(rows.contains(&"provinsi,,L[stats-unknown],1"));
        assert!(rows.contains(&"kabupaten_kota,64.72,L[region-64-72],2"));
        assert!(rows.contains(&"kabupaten_kota,64,L[region-64],1"));
        assert!(rows.contains(&"kelompok_umur,a13_17,L[age-band-a13_17],2"));
        assert!(rows.contains(&"jenis_kelamin,perempuan,L[sex-perempuan],5"));
        assert!(rows.contains(&"urgensi,urgent,L[urgency-urgent],1"));
        assert!(rows.contains(&"status,selesai,L[status-selesai],3"));
        assert_eq!(*rows.last().unwrap(), "total,,L[stats-total],5");
        // Header, 18 data rows, total.
        assert_eq!(rows.len(), 20);
    }

    #[test]
    fn the_total_row_comes_from_the_report_count_even_when_empty() {
        assert_eq!(
            simfoni_csv(&Stats::default(), &tag),
            "kategori,kode,label,jumlah\r\ntotal,,L[stats-total],0\r\n"
        );
    }

    #[test]
    fn fields_are_quoted_per_rfc_4180() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
        assert_eq!(quote("cr\r"), "\"cr\r\"");
        let stats = Stats {
            by_sex: counts(&[("perempuan", 1)]),
            ..Stats::default()
        };
        let csv = simfoni_csv(&stats, &|_| "Perempuan, \"dewasa\"".to_owned());
        assert!(csv.contains("jenis_kelamin,perempuan,\"Perempuan, \"\"dewasa\"\"\",1\r\n"));
    }

    #[test]
    fn formula_like_cells_are_defused() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(defuse(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(defuse("Jawa"), "Jawa");
        // An unknown code from the database, shown as its own label.
        let stats = Stats {
            by_type: counts(&[("=HYPERLINK(\"http://x\")", 1)]),
            ..Stats::default()
        };
        let csv = simfoni_csv(&stats, &tag);
        let cell = "\"'=HYPERLINK(\"\"http://x\"\")\"";
        assert!(csv.contains(&format!("jenis_kekerasan,{cell},{cell},1\r\n")));
        // A label text from a locale is guarded too.
        let csv = simfoni_csv(&Stats::default(), &|_| "-total".to_owned());
        assert!(csv.ends_with("total,,'-total,0\r\n"));
    }

    #[test]
    fn only_section_codes_data_codes_and_labels_appear() {
        let stats = sample();
        let csv = simfoni_csv(&stats, &tag);
        let known: Vec<&str> = [
            &stats.by_month,
            &stats.by_type,
            &stats.by_province,
            &stats.by_regency,
            &stats.by_age_band,
            &stats.by_sex,
            &stats.by_urgency,
            &stats.by_status,
        ]
        .iter()
        .flat_map(|c| c.0.iter().map(|(code, _)| code.as_str()))
        .collect();
        for row in lines(&csv).into_iter().skip(1) {
            let cells: Vec<&str> = row.split(',').collect();
            assert_eq!(cells.len(), 4, "{row}");
            let (section, code, text, count) = (cells[0], cells[1], cells[2], cells[3]);
            assert!(
                [
                    "bulan",
                    "jenis_kekerasan",
                    "provinsi",
                    "kabupaten_kota",
                    "kelompok_umur",
                    "jenis_kelamin",
                    "urgensi",
                    "status",
                    "total"
                ]
                .contains(&section)
            );
            assert!(code.is_empty() || known.contains(&code), "{row}");
            assert!(
                text == code || (text.starts_with("L[") && text.ends_with(']')),
                "{row}"
            );
            assert!(count.parse::<i64>().is_ok(), "{row}");
        }
        // Timing figures are not part of this export.
        assert!(!csv.contains("1000") && !csv.contains("2000"));
    }
}
