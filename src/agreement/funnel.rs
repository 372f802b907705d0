//! The selection funnel: how many practices went through each stage declared in the criteria (SØF: 203 projects →
//! screening → in-depth review → seven cases), the way a PRISMA flow diagram reports selection.
//!
//! A practice's decision at a stage is the consensus decision (`[decisions]` in `assessment.*`) when there is one;
//! otherwise the independent assessors' when at least two decided and all alike. Assessors who disagree are counted
//! as `disagreed`, one vote alone as `awaiting` (a second assessor is due), no vote as `pending`. A practice enters a
//! stage when it passed every earlier one; practices judged at a stage they never entered (SØF carried screening
//! disagreements into the in-depth review) are counted there as `also_judged`.

use serde::Serialize;

use crate::model::criteria::{Criteria, Stage};
use crate::model::{Library, PracticeEntry};

/// A practice's decision at one stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageDecision {
    /// Decided: the option's index, and whether the consensus file says so (else the assessors agreed).
    Decided {
        /// Index into the stage's options.
        option: usize,
        /// From `assessment.*`.
        consensus: bool,
    },
    /// The assessors disagree (or the consensus file still says `"?"`).
    Disagreed,
    /// Only one assessor has decided.
    Awaiting,
    /// Nobody has decided.
    Pending,
}

/// The decision of `entry` at `stage`.
pub fn decision(entry: &PracticeEntry, stage: &Stage) -> StageDecision {
    let index = |key: &str| stage.options.iter().position(|o| o.key == key);
    if let Some(consensus) = entry
        .assessment
        .as_ref()
        .and_then(|a| a.value.decisions.get(&stage.key))
    {
        return match index(consensus) {
            Some(option) => StageDecision::Decided {
                option,
                consensus: true,
            },
            None => StageDecision::Disagreed,
        };
    }
    let votes: Vec<usize> = entry
        .assessors
        .iter()
        .filter_map(|(_, a)| a.value.decisions.get(&stage.key))
        .filter_map(|d| index(d))
        .collect();
    match votes.as_slice() {
        [] => StageDecision::Pending,
        [_] => StageDecision::Awaiting,
        [first, rest @ ..] if rest.iter().all(|v| v == first) => StageDecision::Decided {
            option: *first,
            consensus: false,
        },
        _ => StageDecision::Disagreed,
    }
}

/// How many practices took one decision at a stage.
#[derive(Clone, Debug, Serialize)]
pub struct OutcomeCount {
    /// Option key.
    pub key: String,
    /// Option label.
    pub label: String,
    /// Whether it passes on to the next stage.
    pub advances: bool,
    /// Practices that entered the stage and got this decision.
    pub count: usize,
    /// Of those, decided in the consensus file (the rest: the assessors agreed).
    pub by_consensus: usize,
}

/// One stage of the funnel.
#[derive(Clone, Debug, Serialize)]
pub struct StageFlow {
    /// Stage key.
    pub key: String,
    /// Stage label.
    pub label: String,
    /// Practices that passed every earlier stage.
    pub entered: usize,
    /// Per decision, in the criteria's order.
    pub outcomes: Vec<OutcomeCount>,
    /// Entered, and the assessors disagree.
    pub disagreed: usize,
    /// Entered, and one assessor has decided.
    pub awaiting: usize,
    /// Entered, and nobody has decided.
    pub pending: usize,
    /// Practices with decisions here that did not enter the stage.
    pub also_judged: usize,
    /// Entered and passed on.
    pub passed: usize,
}

/// The whole funnel.
#[derive(Clone, Debug, Serialize)]
pub struct Funnel {
    /// Practices in the library (all nominated).
    pub nominated: usize,
    /// The stages, in the criteria's order.
    pub stages: Vec<StageFlow>,
    /// Practices that passed every stage.
    pub passed: usize,
    /// Of those, with a consensus assessment (`assessment.*`): the assessed cases.
    pub assessed: usize,
    /// Practices with a consensus assessment, whatever their stages say.
    pub assessed_total: usize,
}

/// Count the library's practices through the criteria's stages.
pub fn funnel(library: &Library, criteria: &Criteria) -> Funnel {
    let practices = &library.practices;
    let mut entered: Vec<usize> = (0..practices.len()).collect();
    let mut stages = Vec::new();
    for stage in &criteria.stages {
        let mut outcomes: Vec<OutcomeCount> = stage
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| OutcomeCount {
                key: o.key.clone(),
                label: o.label.clone(),
                advances: stage.advances(i),
                count: 0,
                by_consensus: 0,
            })
            .collect();
        let (mut disagreed, mut awaiting, mut pending) = (0, 0, 0);
        let mut next = Vec::new();
        for &index in &entered {
            match decision(&practices[index], stage) {
                StageDecision::Decided { option, consensus } => {
                    outcomes[option].count += 1;
                    outcomes[option].by_consensus += usize::from(consensus);
                    if stage.advances(option) {
                        next.push(index);
                    }
                }
                StageDecision::Disagreed => disagreed += 1,
                StageDecision::Awaiting => awaiting += 1,
                StageDecision::Pending => pending += 1,
            }
        }
        let mut inside = vec![false; practices.len()];
        for &index in &entered {
            inside[index] = true;
        }
        let also_judged = practices
            .iter()
            .zip(&inside)
            .filter(|(p, inside)| !**inside && decision(p, stage) != StageDecision::Pending)
            .count();
        stages.push(StageFlow {
            key: stage.key.clone(),
            label: stage.label.clone(),
            entered: entered.len(),
            outcomes,
            disagreed,
            awaiting,
            pending,
            also_judged,
            passed: next.len(),
        });
        entered = next;
    }
    Funnel {
        nominated: practices.len(),
        stages,
        passed: entered.len(),
        assessed: entered.iter().filter(|&&i| practices[i].assessment.is_some()).count(),
        assessed_total: practices.iter().filter(|e| e.assessment.is_some()).count(),
    }
}
