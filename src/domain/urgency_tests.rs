use super::*;

fn input() -> UrgencyInput {
    UrgencyInput::default()
}

#[test]
fn urgency_is_ordered() {
    assert!(Urgency::Normal < Urgency::High);
    assert!(Urgency::High < Urgency::Urgent);
}

#[test]
fn nothing_known_is_normal() {
    let a = assess(&input());
    assert_eq!(a.urgency, Urgency::Normal);
    assert!(a.reasons.is_empty());
}

#[test]
fn safe_or_skipped_does_not_raise() {
    for safe_now in [Some(true), None] {
        let a = assess(&UrgencyInput {
            safe_now,
            ..input()
        });
        assert_eq!(a.urgency, Urgency::Normal);
    }
}

#[test]
fn not_safe_now_is_urgent() {
    let a = assess(&UrgencyInput {
        safe_now: Some(false),
        ..input()
    });
    assert_eq!(a.urgency, Urgency::Urgent);
    assert_eq!(a.reasons, [UrgencyReason::NotSafeNow]);
}

#[test]
fn child_harmed_is_urgent() {
    for b in [
        Behaviour::HurtPhysically,
        Behaviour::SexualTouchForced,
        Behaviour::SexualOnline,
        Behaviour::ForcedLabour,
        Behaviour::ForcedMarriage,
    ] {
        let a = assess(&UrgencyInput {
            age_band: Some(AgeBand::A13_17),
            behaviours: vec![b],
            ..input()
        });
        assert_eq!(a.urgency, Urgency::Urgent, "{b}");
        assert_eq!(a.reasons[0], UrgencyReason::ChildAtRisk);
    }
}

#[test]
fn child_otherwise_is_high() {
    let a = assess(&UrgencyInput {
        age_band: Some(AgeBand::A6_12),
        behaviours: vec![Behaviour::Neglected],
        ..input()
    });
    assert_eq!(a.urgency, Urgency::High);
    assert_eq!(a.reasons, [UrgencyReason::ChildVictim]);
}

#[test]
fn child_answer_counts_only_without_age_band() {
    let by_answer = UrgencyInput {
        victim_is_child: Some(true),
        ..input()
    };
    assert_eq!(assess(&by_answer).urgency, Urgency::High);
    let band_wins = UrgencyInput {
        age_band: Some(AgeBand::A25_44),
        ..by_answer
    };
    assert_eq!(assess(&band_wins).urgency, Urgency::Normal);
}

#[test]
fn adult_harm_alone_is_normal() {
    let a = assess(&UrgencyInput {
        age_band: Some(AgeBand::A25_44),
        behaviours: vec![Behaviour::HurtPhysically, Behaviour::ThreatenedControlled],
        ..input()
    });
    assert_eq!(a.urgency, Urgency::Normal);
}

#[test]
fn trafficking_like_behaviour_is_high() {
    let a = assess(&UrgencyInput {
        behaviours: vec![Behaviour::JobDeception],
        ..input()
    });
    assert_eq!(a.urgency, Urgency::High);
    assert_eq!(a.reasons, [UrgencyReason::TraffickingLike]);
}

#[test]
fn every_urgent_tier_indicator_is_urgent() {
    for i in TraffickingIndicator::ALL
        .iter()
        .filter(|i| i.tier() == IndicatorTier::Urgent)
    {
        let a = assess(&UrgencyInput {
            indicators: vec![*i],
            ..input()
        });
        assert_eq!(a.urgency, Urgency::Urgent, "{i}");
    }
}

#[test]
fn every_high_tier_indicator_is_high() {
    for i in TraffickingIndicator::ALL
        .iter()
        .filter(|i| i.tier() == IndicatorTier::High)
    {
        let a = assess(&UrgencyInput {
            indicators: vec![*i],
            ..input()
        });
        assert_eq!(a.urgency, Urgency::High, "{i}");
    }
}

#[test]
fn context_indicators_stay_normal_but_are_recorded() {
    let a = assess(&UrgencyInput {
        indicators: vec![TraffickingIndicator::SocialMediaJobOffer],
        ..input()
    });
    assert_eq!(a.urgency, Urgency::Normal);
    assert_eq!(
        a.reasons,
        [UrgencyReason::Indicator(
            TraffickingIndicator::SocialMediaJobOffer
        )]
    );
}

#[test]
fn tiers_match_product_brief() {
    let count = |t| {
        TraffickingIndicator::ALL
            .iter()
            .filter(|i| i.tier() == t)
            .count()
    };
    assert_eq!(count(IndicatorTier::Urgent), 4);
    assert_eq!(count(IndicatorTier::High), 7);
    assert_eq!(count(IndicatorTier::Context), 3);
}

#[test]
fn reasons_are_sorted_most_urgent_first_and_deduplicated() {
    let a = assess(&UrgencyInput {
        safe_now: Some(false),
        indicators: vec![
            TraffickingIndicator::FearOfAuthorities,
            TraffickingIndicator::DocumentsHeld,
            TraffickingIndicator::LockedIn,
            TraffickingIndicator::DocumentsHeld,
        ],
        ..input()
    });
    assert_eq!(
        a.reasons,
        [
            UrgencyReason::NotSafeNow,
            UrgencyReason::Indicator(TraffickingIndicator::LockedIn),
            UrgencyReason::Indicator(TraffickingIndicator::DocumentsHeld),
            UrgencyReason::Indicator(TraffickingIndicator::FearOfAuthorities),
        ]
    );
    assert_eq!(a.urgency, Urgency::Urgent);
}

#[test]
fn keys_follow_the_scheme() {
    for i in TraffickingIndicator::ALL {
        assert_eq!(
            i.question_key(),
            format!("indicator-question-{}", i.as_str())
        );
        assert_eq!(i.label_key(), format!("indicator-{}", i.as_str()));
    }
    let r = UrgencyReason::Indicator(TraffickingIndicator::DebtBondage);
    assert_eq!(r.label_key(), "indicator-debt_bondage");
}

#[test]
fn reasons_serialize_as_snake_case() {
    let json = serde_json::to_string(&[
        UrgencyReason::NotSafeNow,
        UrgencyReason::Indicator(TraffickingIndicator::LockedIn),
    ])
    .unwrap();
    assert_eq!(json, r#"["not_safe_now",{"indicator":"locked_in"}]"#);
    let back: Vec<UrgencyReason> = serde_json::from_str(&json).unwrap();
    assert_eq!(back.len(), 2);
}

#[test]
fn the_short_message_of_the_fast_lane_is_urgent_and_says_why() {
    let a = assess(&UrgencyInput {
        short_message: true,
        ..input()
    });
    assert_eq!(a.urgency, Urgency::Urgent);
    assert_eq!(a.reasons, [UrgencyReason::ShortMessage]);
    let old: UrgencyInput = serde_json::from_str(
        r#"{"safe_now":null,"age_band":null,"victim_is_child":null,"behaviours":[],"indicators":[]}"#,
    )
    .unwrap();
    assert!(!old.short_message, "older inputs read as no short message");
}
