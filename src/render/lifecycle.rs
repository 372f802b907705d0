//! The lifecycle on the sheet: after the assessment, what was recommended, disseminated, followed up, withdrawn or
//! not recommended, and who is responsible for each phase. A withdrawn or not-recommended practice gets a notice at
//! the top of its sheet: it is learning, not a recommendation.

use crate::model::labels::{fill, Labels};
use crate::model::lifecycle::{Decision, Lifecycle, State};
use crate::model::Practice;
use crate::render::escape::{cell, inline, link};
use crate::render::markdown::{table_header, table_row};

/// What the sheet shows of a practice's `[lifecycle]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LifecycleModel {
    /// The state's key (`recommended`, `withdrawn`, …), when any step is given.
    pub state: Option<&'static str>,
    /// The state's label.
    pub state_label: Option<String>,
    /// The notice of a withdrawn or not-recommended practice (filled in).
    pub learning: Option<String>,
    /// The steps in the order of the model.
    pub steps: Vec<Step>,
    /// (phase label, role) for each phase with a role.
    pub roles: Vec<(String, String)>,
}

/// One step of the lifecycle table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// When.
    pub date: String,
    /// The step's label.
    pub step: String,
    /// What happened (plain text).
    pub text: String,
    /// A link to the material (dissemination), shown as a link on its channel.
    pub link: Option<(String, String)>,
}

/// The label of a lifecycle state.
pub fn state_label(state: State, labels: &Labels) -> &str {
    crate::model::labels::lifecycle_state_label(labels, state)
}

fn decision_label(decision: Decision, labels: &Labels) -> &str {
    match decision {
        Decision::Develop => &labels.decision_develop,
        Decision::Reassess => &labels.decision_reassess,
        Decision::Withdraw => &labels.decision_withdraw,
    }
}

fn joined(parts: &[Option<&str>]) -> String {
    parts
        .iter()
        .flatten()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" – ")
}

/// The model of `practice`'s lifecycle; `None` when it has none (or an empty one).
pub fn model(practice: &Practice, labels: &Labels) -> Option<LifecycleModel> {
    let lifecycle: &Lifecycle = practice.lifecycle.as_ref()?;
    let state = lifecycle.state();
    let mut steps = Vec::new();
    if let Some(r) = &lifecycle.recommended {
        let by = format!("{} {}", labels.lifecycle_by, r.by.trim());
        steps.push(Step {
            date: r.date.to_string(),
            step: labels.lifecycle_recommended.clone(),
            text: joined(&[Some(&by), r.approval.as_deref()]),
            link: None,
        });
    }
    for d in &lifecycle.disseminated {
        let link = d
            .link
            .as_deref()
            .filter(|l| !l.trim().is_empty())
            .map(|l| (d.channel.trim().to_string(), l.trim().to_string()));
        let channel = if link.is_some() { None } else { Some(d.channel.as_str()) };
        steps.push(Step {
            date: d.date.to_string(),
            step: labels.lifecycle_disseminated.clone(),
            text: joined(&[channel, d.audience.as_deref()]),
            link,
        });
    }
    for f in &lifecycle.followed_up {
        let decision = format!("{}: {}", labels.decision, decision_label(f.decision, labels));
        let needs = f.knowledge_needs.join("; ");
        steps.push(Step {
            date: f.date.to_string(),
            step: labels.lifecycle_followed_up.clone(),
            text: joined(&[Some(&f.learnt), Some(&needs), Some(&decision)]),
            link: None,
        });
    }
    for (closed, label) in [
        (&lifecycle.withdrawn, &labels.lifecycle_withdrawn),
        (&lifecycle.not_recommended, &labels.lifecycle_not_recommended),
    ] {
        if let Some(c) = closed {
            steps.push(Step {
                date: c.date.to_string(),
                step: label.clone(),
                text: c.reason.trim().to_string(),
                link: None,
            });
        }
    }
    let roles: Vec<(String, String)> = lifecycle
        .roles
        .given()
        .into_iter()
        .map(|(phase, role)| {
            let label = match phase {
                "nominated" => &labels.phase_nominated,
                "mapped" => &labels.phase_mapped,
                "assessed" => &labels.phase_assessed,
                "recommended" => &labels.phase_recommended,
                "disseminated" => &labels.phase_disseminated,
                _ => &labels.phase_followed_up,
            };
            (label.clone(), role.trim().to_string())
        })
        .collect();
    if steps.is_empty() && roles.is_empty() {
        return None;
    }
    let learning = state.filter(|s| s.is_learning()).map(|s| {
        let reason = match s {
            State::Withdrawn => lifecycle.withdrawn.as_ref(),
            _ => lifecycle.not_recommended.as_ref(),
        }
        .map(|c| c.reason.trim())
        .unwrap_or_default();
        fill(
            &labels.lifecycle_learning_note,
            &[("state", state_label(s, labels)), ("reason", reason)],
        )
    });
    Some(LifecycleModel {
        state: state.map(State::key),
        state_label: state.map(|s| state_label(s, labels).to_string()),
        learning,
        steps,
        roles,
    })
}

/// The notice at the top of a withdrawn or not-recommended practice's sheet (Markdown), if any.
pub fn notice(model: Option<&LifecycleModel>) -> Option<String> {
    let learning = model?.learning.as_deref()?;
    Some(format!("> **{}**", inline(learning)))
}

/// The lifecycle section (Markdown): a heading, the state, the steps as a table, the roles per phase.
pub fn section(w: &mut String, model: &LifecycleModel, labels: &Labels) {
    w.push_str(&format!("\n## {}\n", inline(&labels.lifecycle)));
    if let Some(state) = &model.state_label {
        w.push_str(&format!("\n**{}:** {}\n", inline(&labels.status), inline(state)));
    }
    if !model.steps.is_empty() {
        w.push('\n');
        table_header(
            w,
            &[&labels.lifecycle_date, &labels.lifecycle_step, &labels.lifecycle_detail],
            &[false, false, false],
        );
        for step in &model.steps {
            let mut detail = match &step.link {
                Some((title, url)) => link(title, Some(url)).replace('|', "\\|"),
                None => String::new(),
            };
            if !step.text.is_empty() {
                if !detail.is_empty() {
                    detail.push_str(" – ");
                }
                detail.push_str(&cell(&step.text));
            }
            table_row(w, &[cell(&step.date), cell(&step.step), detail]);
        }
    }
    if !model.roles.is_empty() {
        w.push_str(&format!("\n### {}\n\n", inline(&labels.lifecycle_roles)));
        for (phase, role) in &model.roles {
            w.push_str(&format!("- **{}:** {}\n", inline(phase), inline(role)));
        }
    }
}
