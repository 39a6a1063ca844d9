//! Which contacts she is shown for where she is, in what order, and with
//! which of their numbers.
//!
//! In Indonesia the service nearest to her comes first (the UPTD PPA of
//! her kabupaten/kota, else of her province), then 129 / 110 / 112. Abroad
//! 110, 112 and the 129 call number do not work: she gets the embassy or
//! consulate of her country, then the services that answer from anywhere
//! in their `+62` form (the texts add a line saying so).

use super::contacts::{Contact, Scope};
use super::destination::Destination;
use super::region::RegionCode;

/// Where she is, as far as the contacts care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whereabouts {
    /// Not answered (yet).
    Unknown,
    /// In Indonesia, in this region if known.
    Indonesia(Option<RegionCode>),
    /// Abroad, in this country if it is one the data knows.
    Abroad(Option<Destination>),
}

/// One contact as she should use it from where she is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach<'c> {
    /// The contact.
    pub contact: &'c Contact,
    /// The number to call from where she is.
    pub phone: Option<&'c str>,
    /// Also shown when it is unknown whether she is abroad: the `+62` form.
    pub phone_abroad: Option<&'c str>,
    /// The `wa.me` link.
    pub whatsapp: Option<String>,
    /// The official page, when there is no number.
    pub web: Option<&'c str>,
}

impl<'c> Reach<'c> {
    fn new(contact: &'c Contact, from: &Whereabouts) -> Self {
        let (phone, phone_abroad) = match from {
            Whereabouts::Indonesia(_) => (contact.phone.as_deref(), None),
            Whereabouts::Abroad(_) => match contact.scope {
                // An embassy's own number is dialled as written.
                Scope::Abroad => (contact.phone.as_deref(), None),
                _ => (contact.phone_abroad.as_deref(), None),
            },
            Whereabouts::Unknown => (contact.phone.as_deref(), contact.phone_abroad.as_deref()),
        };
        let whatsapp = contact.whatsapp_link();
        let web = (phone.is_none() && whatsapp.is_none())
            .then_some(contact.web.as_deref())
            .flatten();
        Self {
            contact,
            phone,
            phone_abroad,
            whatsapp,
            web,
        }
    }

    /// Whether there is anything to give her.
    fn usable(&self) -> bool {
        self.phone.is_some() || self.whatsapp.is_some() || self.web.is_some()
    }
}

/// The contacts for `place`: only the urgent ones (local service and
/// emergency numbers) when `urgent_only`, else all that apply.
pub fn contacts_for<'c>(
    all: &'c [Contact],
    place: &Whereabouts,
    urgent_only: bool,
) -> Vec<Reach<'c>> {
    let pick = |f: &dyn Fn(&Contact) -> bool| -> Vec<Reach<'c>> {
        (all.iter())
            .filter(|c| f(c))
            .map(|c| Reach::new(c, place))
            .filter(Reach::usable)
            .collect()
    };
    let nationwide = |c: &Contact| c.regions.is_empty() && c.scope != Scope::Abroad;
    let mut out = Vec::new();
    match place {
        Whereabouts::Indonesia(region) => {
            out.extend(local(all, region.as_ref(), place));
            out.extend(pick(&|c| nationwide(c) && c.emergency));
            if !urgent_only {
                out.extend(pick(&|c| nationwide(c) && !c.emergency));
            }
        }
        Whereabouts::Unknown => {
            out.extend(pick(&|c| nationwide(c) && c.emergency));
            // She may be abroad: the services that answer from anywhere,
            // with their +62 number, even in the short list.
            out.extend(pick(&|c| {
                nationwide(c) && !c.emergency && (c.scope == Scope::Everywhere || !urgent_only)
            }));
        }
        Whereabouts::Abroad(country) => {
            let serves = |c: &Contact| match country {
                Some(d) => c.countries.contains(d),
                None => false,
            };
            out.extend(pick(&|c| c.scope == Scope::Abroad && serves(c)));
            out.extend(pick(&|c| {
                c.scope == Scope::Abroad && c.countries.is_empty()
            }));
            out.extend(pick(&|c| c.scope == Scope::Everywhere && c.emergency));
            out.extend(pick(&|c| c.scope == Scope::Everywhere && !c.emergency));
        }
    }
    out
}

/// The services of her regency if there are any to give, else of her
/// province.
fn local<'c>(
    all: &'c [Contact],
    region: Option<&RegionCode>,
    place: &Whereabouts,
) -> Vec<Reach<'c>> {
    let Some(region) = region else {
        return Vec::new();
    };
    let at = |code: &RegionCode| -> Vec<Reach<'c>> {
        (all.iter())
            .filter(|c| c.scope == Scope::Indonesia && c.regions.contains(code))
            .map(|c| Reach::new(c, place))
            .filter(Reach::usable)
            .collect()
    };
    let own = if region.is_province() {
        Vec::new()
    } else {
        at(region)
    };
    if own.is_empty() {
        at(&region.province())
    } else {
        own
    }
}

/// Whether numbers that work only in Indonesia were left out, so the
/// texts must say that 110 and 129 do not work from there.
pub fn indonesia_only_left_out(place: &Whereabouts) -> bool {
    matches!(place, Whereabouts::Abroad(_))
}

#[cfg(test)]
#[path = "help_tests.rs"]
mod tests;
