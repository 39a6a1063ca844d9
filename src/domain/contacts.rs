//! Help lines and services shown to reporters. The defaults come from
//! PRODUCT.md and must be verified before a deployment; deployments
//! normally load their own list from config.

use serde::{Deserialize, Serialize};

use super::region::RegionCode;

/// A service the reporter can call or write to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Stable id, e.g. "sapa129".
    pub id: String,
    /// Name shown to the reporter.
    pub name: String,
    /// Number to call, as displayed.
    #[serde(default)]
    pub phone: Option<String>,
    /// WhatsApp number, as displayed.
    #[serde(default)]
    pub whatsapp: Option<String>,
    /// Shown first, and when she is not safe.
    #[serde(default)]
    pub emergency: bool,
    /// Regions served; empty means everywhere.
    #[serde(default)]
    pub regions: Vec<RegionCode>,
}

impl Contact {
    /// Whether the contact serves `region`. Nationwide contacts serve
    /// everyone; a regional one serves its region and the regencies inside
    /// it, and nobody whose region is unknown.
    pub fn serves(&self, region: Option<&RegionCode>) -> bool {
        if self.regions.is_empty() {
            return true;
        }
        region.is_some_and(|r| self.regions.iter().any(|own| own.contains(r)))
    }

    /// `https://wa.me/<number>` link for the WhatsApp number, converting the
    /// Indonesian trunk prefix 0 to the country code 62.
    pub fn whatsapp_link(&self) -> Option<String> {
        let digits: String = self
            .whatsapp
            .as_deref()?
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let international = match digits.strip_prefix('0') {
            Some(rest) => format!("62{rest}"),
            None => digits,
        };
        (!international.is_empty()).then(|| format!("https://wa.me/{international}"))
    }
}

fn contact(
    id: &str,
    name: &str,
    phone: Option<&str>,
    whatsapp: Option<&str>,
    emergency: bool,
    regions: &[&str],
) -> Contact {
    Contact {
        id: id.to_owned(),
        name: name.to_owned(),
        phone: phone.map(str::to_owned),
        whatsapp: whatsapp.map(str::to_owned),
        emergency,
        regions: regions
            .iter()
            .map(|r| RegionCode::parse(r).expect("built-in region codes are valid"))
            .collect(),
    }
}

/// The contacts listed in PRODUCT.md, emergency ones first.
pub fn default_contacts() -> Vec<Contact> {
    vec![
        contact(
            "sapa129",
            "SAPA 129",
            Some("129"),
            Some("08111-129-129"),
            true,
            &[],
        ),
        contact("polisi", "Polisi", Some("110"), None, true, &[]),
        contact("darurat", "Darurat", Some("112"), None, true, &[]),
        contact(
            "lpsk",
            "LPSK",
            Some("148"),
            Some("0857-700-10048"),
            false,
            &[],
        ),
        contact("bp2mi", "BP2MI", Some("0800-1000"), None, false, &[]),
        contact(
            "komnas_perempuan",
            "Komnas Perempuan",
            Some("(021) 3903963"),
            None,
            false,
            &[],
        ),
        contact(
            "uptd_ppa_samarinda",
            "UPTD PPA Samarinda",
            None,
            Some("0823 2442 1313"),
            false,
            &["64.72"],
        ),
        contact(
            "uptd_ppa_balikpapan",
            "UPTD PPA Balikpapan",
            Some("0821 5285 8026"),
            None,
            false,
            &["64.71"],
        ),
    ]
}

/// The contacts to show at once when she is not safe: 110, 112, SAPA 129.
pub fn emergency_contacts() -> Vec<Contact> {
    default_contacts()
        .into_iter()
        .filter(|c| c.emergency)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_have_unique_ids_and_a_number() {
        let all = default_contacts();
        assert_eq!(all.len(), 8);
        let mut ids: Vec<_> = all.iter().map(|c| c.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
        assert!(
            all.iter()
                .all(|c| c.phone.is_some() || c.whatsapp.is_some())
        );
    }

    #[test]
    fn emergency_is_110_112_and_129() {
        let mut phones: Vec<_> = emergency_contacts()
            .into_iter()
            .filter_map(|c| c.phone)
            .collect();
        phones.sort();
        assert_eq!(phones, ["110", "112", "129"]);
    }

    #[test]
    fn regional_contacts_serve_their_region_only() {
        let all = default_contacts();
        let samarinda = all.iter().find(|c| c.id == "uptd_ppa_samarinda").unwrap();
        let here = RegionCode::parse("64.72").unwrap();
        let there = RegionCode::parse("64.71").unwrap();
        assert!(samarinda.serves(Some(&here)));
        assert!(!samarinda.serves(Some(&there)));
        assert!(!samarinda.serves(None));
        let sapa = &all[0];
        assert!(sapa.serves(None) && sapa.serves(Some(&there)));
    }

    #[test]
    fn province_wide_contact_serves_its_regencies() {
        let mut c = default_contacts().remove(0);
        c.regions = vec![RegionCode::parse("64").unwrap()];
        assert!(c.serves(Some(&RegionCode::parse("64.05").unwrap())));
        assert!(!c.serves(Some(&RegionCode::parse("65.01").unwrap())));
    }

    #[test]
    fn whatsapp_links() {
        let all = default_contacts();
        assert_eq!(
            all[0].whatsapp_link().as_deref(),
            Some("https://wa.me/628111129129")
        );
        assert_eq!(all[1].whatsapp_link(), None);
        let samarinda = all.iter().find(|c| c.id == "uptd_ppa_samarinda").unwrap();
        assert_eq!(
            samarinda.whatsapp_link().as_deref(),
            Some("https://wa.me/6282324421313")
        );
    }

    #[test]
    fn contacts_load_from_toml() {
        #[derive(serde::Deserialize)]
        struct Config {
            contacts: Vec<Contact>,
        }
        let cfg: Config = toml::from_str(
            r#"
            [[contacts]]
            id = "uptd"
            name = "UPTD PPA"
            whatsapp = "0800"
            regions = ["64.72"]
            "#,
        )
        .unwrap();
        assert!(!cfg.contacts[0].emergency);
        assert_eq!(cfg.contacts[0].regions[0].as_str(), "64.72");
    }
}
