//! The learning loop after «vurdert» (imdi-2018, phases 4–5): what `[lifecycle]` in `practice.*` holds —
//! «anbefalt» (recommended/published), «formidlet» (dissemination log), «fulgt opp» (follow-ups with a decision),
//! «trukket» (withdrawn) and «ikke anbefalt» (not recommended), with the role responsible for each phase — and the
//! knowledge needs with their date and status. Hand-written; checked by [`crate::validate`].

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::PartialDate;

/// `[lifecycle]` of a practice.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Lifecycle {
    /// Who is responsible for each phase.
    #[serde(default)]
    pub roles: Roles,
    /// «Anbefalt»: the recommendation was published.
    #[serde(default)]
    pub recommended: Option<Recommended>,
    /// «Formidlet»: the dissemination log, in the order written.
    #[serde(default)]
    pub disseminated: Vec<Dissemination>,
    /// «Fulgt opp»: follow-ups, in the order written.
    #[serde(default)]
    pub followed_up: Vec<FollowUp>,
    /// «Trukket»: a recommendation withdrawn.
    #[serde(default)]
    pub withdrawn: Option<Closed>,
    /// «Ikke anbefalt»: assessed and not recommended; the practice stays in the library as learning.
    #[serde(default)]
    pub not_recommended: Option<Closed>,
}

/// The role (a unit, an office) responsible for each phase of the model.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    /// Phase 1: nomination.
    #[serde(default)]
    pub nominated: Option<String>,
    /// Phase 2: mapping the evidence.
    #[serde(default)]
    pub mapped: Option<String>,
    /// Phase 3: assessment.
    #[serde(default)]
    pub assessed: Option<String>,
    /// Phase 4: recommendation.
    #[serde(default)]
    pub recommended: Option<String>,
    /// Phase 5: dissemination.
    #[serde(default)]
    pub disseminated: Option<String>,
    /// Phase 5: follow-up.
    #[serde(default)]
    pub followed_up: Option<String>,
}

impl Roles {
    /// (phase key, role) for every role given, in the order of the phases.
    pub fn given(&self) -> Vec<(&'static str, &str)> {
        [
            ("nominated", &self.nominated),
            ("mapped", &self.mapped),
            ("assessed", &self.assessed),
            ("recommended", &self.recommended),
            ("disseminated", &self.disseminated),
            ("followed_up", &self.followed_up),
        ]
        .into_iter()
        .filter_map(|(key, role)| Some((key, role.as_deref().filter(|r| !r.trim().is_empty())?)))
        .collect()
    }
}

/// «Anbefalt»: when, by whom, and the approval (IMDi's «IMDi anbefaler»).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Recommended {
    /// When it was published.
    pub date: PartialDate,
    /// Who recommended it.
    pub by: String,
    /// The approval, as worded by whoever gave it.
    #[serde(default)]
    pub approval: Option<String>,
}

/// One entry of the dissemination log.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Dissemination {
    /// When.
    pub date: PartialDate,
    /// Channel (a conference, a newsletter, the knowledge base).
    pub channel: String,
    /// Audience.
    #[serde(default)]
    pub audience: Option<String>,
    /// A link to the material.
    #[serde(default)]
    pub link: Option<String>,
}

/// One follow-up.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// When.
    pub date: PartialDate,
    /// What was learnt.
    pub learnt: String,
    /// New knowledge needs it found.
    #[serde(default)]
    pub knowledge_needs: Vec<String>,
    /// What was decided.
    pub decision: Decision,
}

/// The decision of a follow-up.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// Keep the recommendation and develop the practice further.
    #[default]
    Develop,
    /// Assess it again (puts the practice on `practice due`).
    Reassess,
    /// Withdraw the recommendation.
    Withdraw,
}

impl Decision {
    /// Stable key (`develop`, `reassess`, `withdraw`).
    pub fn key(self) -> &'static str {
        match self {
            Decision::Develop => "develop",
            Decision::Reassess => "reassess",
            Decision::Withdraw => "withdraw",
        }
    }
}

/// «Trukket» or «ikke anbefalt»: when and why.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Closed {
    /// When.
    pub date: PartialDate,
    /// Why.
    pub reason: String,
}

/// Where a practice is after its assessment, as its `[lifecycle]` shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// «Anbefalt».
    Recommended,
    /// «Formidlet».
    Disseminated,
    /// «Fulgt opp».
    FollowedUp,
    /// «Trukket»: kept as learning, never shown as recommended.
    Withdrawn,
    /// «Ikke anbefalt»: kept as learning, never shown as recommended.
    NotRecommended,
}

impl State {
    /// Every state, in order.
    pub const ALL: [State; 5] = [
        State::Recommended,
        State::Disseminated,
        State::FollowedUp,
        State::Withdrawn,
        State::NotRecommended,
    ];

    /// Stable key (`recommended`, `disseminated`, `followed-up`, `withdrawn`, `not-recommended`).
    pub fn key(self) -> &'static str {
        match self {
            State::Recommended => "recommended",
            State::Disseminated => "disseminated",
            State::FollowedUp => "followed-up",
            State::Withdrawn => "withdrawn",
            State::NotRecommended => "not-recommended",
        }
    }

    /// A withdrawn or not-recommended practice: learning, not a recommendation.
    pub fn is_learning(self) -> bool {
        matches!(self, State::Withdrawn | State::NotRecommended)
    }
}

impl Lifecycle {
    /// The state: «ikke anbefalt» or «trukket» when given, else the furthest step reached; `None` before
    /// «anbefalt».
    pub fn state(&self) -> Option<State> {
        if self.not_recommended.is_some() {
            Some(State::NotRecommended)
        } else if self.withdrawn.is_some() {
            Some(State::Withdrawn)
        } else if !self.followed_up.is_empty() {
            Some(State::FollowedUp)
        } else if !self.disseminated.is_empty() {
            Some(State::Disseminated)
        } else if self.recommended.is_some() {
            Some(State::Recommended)
        } else {
            None
        }
    }

    /// The latest follow-up (by date; the later-written one on a tie).
    pub fn latest_follow_up(&self) -> Option<&FollowUp> {
        self.followed_up.iter().rev().max_by_key(|f| f.date)
    }
}

/// Whether a knowledge need is still open.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum NeedStatus {
    /// Not yet met.
    #[default]
    Open,
    /// Met (the knowledge is there).
    Met,
}

/// A further knowledge need: a text, or a table `{ need = "…", date = 2024-01-15, status = "open" }`.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct KnowledgeNeed {
    /// What is needed.
    pub need: String,
    /// When it was noted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// Open or met (open when not given).
    pub status: NeedStatus,
}

impl From<&str> for KnowledgeNeed {
    fn from(need: &str) -> KnowledgeNeed {
        KnowledgeNeed {
            need: need.to_string(),
            ..KnowledgeNeed::default()
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NeedTable {
    need: String,
    #[serde(default)]
    date: Option<PartialDate>,
    #[serde(default)]
    status: NeedStatus,
}

impl<'de> Deserialize<'de> for KnowledgeNeed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NeedVisitor;
        impl<'de> Visitor<'de> for NeedVisitor {
            type Value = KnowledgeNeed;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text, or a table with `need`, `date` and `status` (open or met)")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<KnowledgeNeed, E> {
                Ok(KnowledgeNeed::from(value))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<KnowledgeNeed, A::Error> {
                let table = NeedTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(KnowledgeNeed {
                    need: table.need,
                    date: table.date,
                    status: table.status,
                })
            }
        }
        deserializer.deserialize_any(NeedVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_is_the_furthest_step_and_learning_wins() {
        let text = r#"
[recommended]
date = 2019-05-01
by = "IMDi"
approval = "IMDi anbefaler"

[[disseminated]]
date = 2019-06-01
channel = "Nettsiden"

[[followed_up]]
date = 2021-06-01
learnt = "Flere kom i arbeid."
decision = "reassess"
"#;
        let mut lifecycle: Lifecycle = toml::from_str(text).unwrap();
        assert_eq!(lifecycle.state(), Some(State::FollowedUp));
        assert_eq!(lifecycle.latest_follow_up().unwrap().decision, Decision::Reassess);
        lifecycle.withdrawn = Some(Closed {
            date: PartialDate::parse("2022").unwrap(),
            reason: "Virket ikke.".into(),
        });
        assert_eq!(lifecycle.state(), Some(State::Withdrawn));
        assert!(State::Withdrawn.is_learning() && !State::FollowedUp.is_learning());
        assert_eq!(Lifecycle::default().state(), None);
        assert!(toml::from_str::<Lifecycle>("[recommended]\ndate = 2019\nby = \"x\"\nwho = 1\n").is_err());
    }

    #[test]
    fn a_need_is_a_text_or_a_table() {
        #[derive(Deserialize)]
        struct Needs {
            needs: Vec<KnowledgeNeed>,
        }
        let needs: Needs = toml::from_str(
            "needs = [\"Effekt over tid\", { need = \"Kostnad\", date = 2024-01-15, status = \"met\" }]",
        )
        .unwrap();
        assert_eq!(needs.needs[0], KnowledgeNeed::from("Effekt over tid"));
        assert_eq!(needs.needs[1].status, NeedStatus::Met);
        assert_eq!(needs.needs[1].date, PartialDate::parse("2024-01-15"));
        assert!(toml::from_str::<Needs>("needs = [{ need = \"x\", status = \"kanskje\" }]").is_err());
    }
}
