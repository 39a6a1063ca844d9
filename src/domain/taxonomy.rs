//! Simfoni-PPA categories and the legal forms of UU 12/2022 (TPKS) and
//! UU 23/2004 (PKDRT) that reports are mapped to behind the scenes.

code_enum! {
    /// Simfoni-PPA type of violence.
    pub enum ViolenceType (kind = "violence type", key = "violence-type") {
        /// Physical violence.
        Fisik => "fisik",
        /// Psychological violence.
        Psikis => "psikis",
        /// Sexual violence.
        Seksual => "seksual",
        /// Exploitation (economic or sexual).
        Eksploitasi => "eksploitasi",
        /// Trafficking in persons (TPPO).
        Trafficking => "trafficking",
        /// Neglect.
        Penelantaran => "penelantaran",
        /// Anything else.
        Lainnya => "lainnya",
    }
}

code_enum! {
    /// Simfoni-PPA place of the incident, plus `online` which some units record.
    pub enum Place (kind = "place", key = "place") {
        /// The household.
        RumahTangga => "rumah_tangga",
        /// A workplace.
        TempatKerja => "tempat_kerja",
        /// A school.
        Sekolah => "sekolah",
        /// A short-course or training institution.
        LembagaPendidikanKilat => "lembaga_pendidikan_kilat",
        /// A public facility.
        FasilitasUmum => "fasilitas_umum",
        /// Social media or the internet.
        Online => "online",
        /// Anywhere else.
        Lainnya => "lainnya",
    }
}

code_enum! {
    /// Relation of the perpetrator to the victim (Simfoni-PPA).
    pub enum Relation (kind = "relation", key = "relation") {
        /// Parent.
        OrangTua => "orang_tua",
        /// Other family member or relative.
        Keluarga => "keluarga",
        /// Husband or wife.
        SuamiIstri => "suami_istri",
        /// Ex-husband, ex-wife or ex-partner (not in Simfoni's list).
        MantanPasangan => "mantan_pasangan",
        /// Boyfriend, girlfriend or friend.
        PacarTeman => "pacar_teman",
        /// Someone she got to know online (not in Simfoni's list).
        KenalanOnline => "kenalan_online",
        /// Neighbour.
        Tetangga => "tetangga",
        /// Teacher.
        Guru => "guru",
        /// Employer.
        Majikan => "majikan",
        /// A recruiter or agency: agen, calo, sponsor, PT, LPK (not in
        /// Simfoni's list; the trafficking task force needs it apart).
        Perekrut => "perekrut",
        /// Co-worker.
        RekanKerja => "rekan_kerja",
        /// Someone else.
        Lainnya => "lainnya",
        /// Not known.
        TidakDiketahui => "tidak_diketahui",
    }
}

impl Relation {
    /// Whether the relation falls inside "lingkup rumah tangga" of UU 23/2004
    /// art. 2, so PKDRT forms apply. Domestic workers also fall under it, but
    /// that cannot be told from the relation alone, so `Majikan` is excluded.
    pub fn is_household(self) -> bool {
        matches!(self, Self::OrangTua | Self::Keluarga | Self::SuamiIstri)
    }

    /// The Simfoni-PPA category this relation is counted under. The three
    /// relations Simfoni lacks are mapped to the nearest: an ex-partner and
    /// someone met online to "pacar/teman" (a relationship, not family), a
    /// recruiter to "lainnya".
    pub fn simfoni(self) -> Self {
        match self {
            Self::MantanPasangan | Self::KenalanOnline => Self::PacarTeman,
            Self::Perekrut => Self::Lainnya,
            other => other,
        }
    }

    /// Whether the perpetrator recruited or placed her (agen, calo,
    /// sponsor, PT, LPK): then the recruiter's details are asked.
    pub fn is_recruiter(self) -> bool {
        self == Self::Perekrut
    }
}

impl Place {
    /// Fluent id of the plain-language button asking for this place
    /// (`place-ask-<code>`); [`Place::label_key`] is the console's word.
    pub fn question_label_key(self) -> String {
        format!("place-ask-{}", self.as_str())
    }
}

code_enum! {
    /// Simfoni-PPA victim age band.
    pub enum AgeBand (kind = "age band", key = "age-band") {
        /// 0–5 years.
        A0_5 => "a0_5",
        /// 6–12 years.
        A6_12 => "a6_12",
        /// 13–17 years.
        A13_17 => "a13_17",
        /// 18–24 years.
        A18_24 => "a18_24",
        /// 25–44 years.
        A25_44 => "a25_44",
        /// 45–59 years.
        A45_59 => "a45_59",
        /// 60 years or older.
        A60Plus => "a60_plus",
    }
}

impl AgeBand {
    /// Whether the band is under 18, i.e. a child under UU 35/2014.
    pub fn is_child(self) -> bool {
        matches!(self, Self::A0_5 | Self::A6_12 | Self::A13_17)
    }

    /// The band an age in whole years falls into.
    pub fn from_age(years: u8) -> Self {
        match years {
            0..=5 => Self::A0_5,
            6..=12 => Self::A6_12,
            13..=17 => Self::A13_17,
            18..=24 => Self::A18_24,
            25..=44 => Self::A25_44,
            45..=59 => Self::A45_59,
            _ => Self::A60Plus,
        }
    }
}

code_enum! {
    /// Sex of the victim or of the perpetrator.
    pub enum Sex (kind = "sex", key = "sex") {
        /// Female.
        Perempuan => "perempuan",
        /// Male.
        LakiLaki => "laki_laki",
        /// Not said (she would rather not say, or does not know).
        TidakDisebut => "tidak_disebut",
    }
}

code_enum! {
    /// The nine forms of sexual violence of UU 12/2022 (TPKS) art. 4(1).
    pub enum TpksForm (kind = "TPKS form", key = "tpks-form") {
        /// Pelecehan seksual nonfisik.
        PelecehanNonfisik => "pelecehan_seksual_nonfisik",
        /// Pelecehan seksual fisik.
        PelecehanFisik => "pelecehan_seksual_fisik",
        /// Pemaksaan kontrasepsi.
        PemaksaanKontrasepsi => "pemaksaan_kontrasepsi",
        /// Pemaksaan sterilisasi.
        PemaksaanSterilisasi => "pemaksaan_sterilisasi",
        /// Pemaksaan perkawinan.
        PemaksaanPerkawinan => "pemaksaan_perkawinan",
        /// Penyiksaan seksual.
        PenyiksaanSeksual => "penyiksaan_seksual",
        /// Eksploitasi seksual.
        EksploitasiSeksual => "eksploitasi_seksual",
        /// Perbudakan seksual.
        PerbudakanSeksual => "perbudakan_seksual",
        /// Kekerasan seksual berbasis elektronik.
        BerbasisElektronik => "kekerasan_seksual_berbasis_elektronik",
    }
}

code_enum! {
    /// The four forms of domestic violence of UU 23/2004 (PKDRT) art. 5.
    pub enum PkdrtForm (kind = "PKDRT form", key = "pkdrt-form") {
        /// Kekerasan fisik.
        Fisik => "fisik",
        /// Kekerasan psikis.
        Psikis => "psikis",
        /// Kekerasan seksual.
        Seksual => "seksual",
        /// Penelantaran rumah tangga.
        Penelantaran => "penelantaran",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_for_every_enum() {
        fn check<T>(all: &[T], code: fn(&T) -> &'static str, parse: fn(&str) -> Option<T>)
        where
            T: PartialEq + std::fmt::Debug,
        {
            for v in all {
                assert_eq!(parse(code(v)).as_ref(), Some(v));
            }
        }
        check(
            ViolenceType::ALL,
            |v| v.as_str(),
            |s| ViolenceType::parse(s).ok(),
        );
        check(Place::ALL, |v| v.as_str(), |s| Place::parse(s).ok());
        check(Relation::ALL, |v| v.as_str(), |s| Relation::parse(s).ok());
        check(AgeBand::ALL, |v| v.as_str(), |s| AgeBand::parse(s).ok());
        check(Sex::ALL, |v| v.as_str(), |s| Sex::parse(s).ok());
        check(TpksForm::ALL, |v| v.as_str(), |s| TpksForm::parse(s).ok());
        check(PkdrtForm::ALL, |v| v.as_str(), |s| PkdrtForm::parse(s).ok());
    }

    #[test]
    fn counts_match_the_law_and_simfoni() {
        assert_eq!(ViolenceType::ALL.len(), 7);
        assert_eq!(TpksForm::ALL.len(), 9);
        assert_eq!(PkdrtForm::ALL.len(), 4);
        assert_eq!(Relation::ALL.len(), 13);
        let simfoni: std::collections::BTreeSet<_> =
            Relation::ALL.iter().map(|r| r.simfoni()).collect();
        assert_eq!(simfoni.len(), 10, "Simfoni-PPA has ten relations");
        assert_eq!(AgeBand::ALL.len(), 7);
    }

    #[test]
    fn unknown_code_is_rejected_with_kind() {
        let err = Place::parse("Rumah_Tangga").unwrap_err();
        assert_eq!(err.to_string(), "unknown place code \"Rumah_Tangga\"");
    }

    #[test]
    fn serde_uses_codes() {
        let json = serde_json::to_string(&Place::RumahTangga).unwrap();
        assert_eq!(json, "\"rumah_tangga\"");
        let back: AgeBand = serde_json::from_str("\"a60_plus\"").unwrap();
        assert_eq!(back, AgeBand::A60Plus);
        assert!(serde_json::from_str::<Sex>("\"wanita\"").is_err());
    }

    #[test]
    fn label_keys_follow_the_scheme() {
        assert_eq!(ViolenceType::Fisik.label_key(), "violence-type-fisik");
        assert_eq!(AgeBand::A13_17.label_key(), "age-band-a13_17");
        assert_eq!(
            TpksForm::BerbasisElektronik.label_key(),
            "tpks-form-kekerasan_seksual_berbasis_elektronik"
        );
    }

    #[test]
    fn children_are_under_eighteen() {
        let children: Vec<_> = AgeBand::ALL.iter().filter(|a| a.is_child()).collect();
        assert_eq!(
            children,
            [&AgeBand::A0_5, &AgeBand::A6_12, &AgeBand::A13_17]
        );
        assert_eq!(AgeBand::from_age(17), AgeBand::A13_17);
        assert_eq!(AgeBand::from_age(18), AgeBand::A18_24);
        assert_eq!(AgeBand::from_age(0), AgeBand::A0_5);
        assert_eq!(AgeBand::from_age(200), AgeBand::A60Plus);
    }

    #[test]
    fn household_relations() {
        assert!(Relation::SuamiIstri.is_household());
        assert!(!Relation::PacarTeman.is_household());
        assert!(!Relation::TidakDiketahui.is_household());
    }
}
