//! Simple answers of the conversation that have no legal meaning.

code_enum! {
    /// Who is reporting.
    pub enum ReporterRole (kind = "reporter role", key = "reporter") {
        /// The victim herself.
        Myself => "myself",
        /// A witness, friend or family member.
        SomeoneElse => "someone_else",
    }
}

code_enum! {
    /// When it happened.
    pub enum WhenHappened (kind = "time of incident", key = "when") {
        /// Still going on.
        Ongoing => "ongoing",
        /// Today.
        Today => "today",
        /// This week.
        ThisWeek => "this_week",
        /// This month.
        ThisMonth => "this_month",
        /// Longer ago.
        LongerAgo => "longer_ago",
    }
}

code_enum! {
    /// What help the reporter wants; several may apply.
    pub enum HelpWanted (kind = "kind of help", key = "help") {
        /// A safe place or shelter.
        SafetyShelter => "safety_shelter",
        /// Medical care.
        Health => "health",
        /// Legal help.
        Legal => "legal",
        /// Counselling.
        Counselling => "counselling",
        /// Going home (e.g. back from abroad).
        GoingHome => "going_home",
        /// No help asked; she only wants it known.
        JustReporting => "just_reporting",
    }
}

code_enum! {
    /// How the task force may reach the reporter.
    pub enum ContactPreference (kind = "contact preference", key = "contact-pref") {
        /// Only through this bot.
        ThroughBot => "through_bot",
        /// A phone number she gives.
        Phone => "phone",
        /// Not at all.
        None => "none",
    }
}

code_enum! {
    /// How petugas may reach her on the number she gave.
    pub enum PhoneVia (kind = "phone contact way", key = "phone-via") {
        /// A WhatsApp message (can be read when it is safe).
        Whatsapp => "whatsapp",
        /// A call.
        Call => "call",
        /// Either.
        Either => "either",
    }
}

code_enum! {
    /// A time of day when a call or message is safe for her; several may
    /// apply.
    pub enum SafeTime (kind = "safe time", key = "safe-time") {
        /// 06–10.
        Morning => "morning",
        /// 10–14.
        Midday => "midday",
        /// 14–18.
        Afternoon => "afternoon",
        /// 18–22.
        Evening => "evening",
    }
}

impl ContactPreference {
    /// Whether case workers may reach out at all.
    pub fn allows_contact(self) -> bool {
        !matches!(self, Self::None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for v in ReporterRole::ALL {
            assert_eq!(ReporterRole::parse(v.as_str()).unwrap(), *v);
        }
        for v in WhenHappened::ALL {
            assert_eq!(WhenHappened::parse(v.as_str()).unwrap(), *v);
        }
        for v in HelpWanted::ALL {
            assert_eq!(HelpWanted::parse(v.as_str()).unwrap(), *v);
        }
        for v in ContactPreference::ALL {
            assert_eq!(ContactPreference::parse(v.as_str()).unwrap(), *v);
        }
        for v in PhoneVia::ALL {
            assert_eq!(PhoneVia::parse(v.as_str()).unwrap(), *v);
        }
        for v in SafeTime::ALL {
            assert_eq!(SafeTime::parse(v.as_str()).unwrap(), *v);
        }
    }

    #[test]
    fn keys_and_codes() {
        assert_eq!(ReporterRole::SomeoneElse.as_str(), "someone_else");
        assert_eq!(WhenHappened::ThisWeek.label_key(), "when-this_week");
        assert_eq!(ContactPreference::None.label_key(), "contact-pref-none");
    }

    #[test]
    fn contact_allowed_unless_none() {
        assert!(ContactPreference::ThroughBot.allows_contact());
        assert!(ContactPreference::Phone.allows_contact());
        assert!(!ContactPreference::None.allows_contact());
    }

    #[test]
    fn when_is_ordered_from_recent() {
        assert!(WhenHappened::Ongoing < WhenHappened::LongerAgo);
    }
}
