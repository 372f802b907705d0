//! Drafting a consensus `assessment.toml` from a practice's independent assessments.
//!
//! Agreed answers are filled in. Where the assessors disagree, or only one of them answered, the answer is written
//! as [`UNDECIDED`] (`"?"`) with a note giving each assessor's answer, so `practice validate` reports it (code
//! `undecided`) until the consensus meeting has decided. Stage decisions are drafted the same way. The draft is only
//! text: writing it (never over an existing consensus) is the command's job.

use std::fmt::Write as _;

use crate::model::criteria::Criteria;
use crate::model::PracticeEntry;
use crate::model::UNDECIDED;
use crate::model::{Answer, PartialDate};

use super::current_answers;

/// A drafted consensus file and what it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The TOML text.
    pub text: String,
    /// Assessors named in the draft (union of the files' `assessors`, else the file names).
    pub assessors: Vec<String>,
    /// Questions and stages all assessors agreed on.
    pub agreed: usize,
    /// Ids of questions and stages written as undecided, in criteria order.
    pub undecided: Vec<String>,
    /// Questions no assessor answered (left out of the draft).
    pub unanswered: usize,
}

use crate::model::toml_text::{key, string};

fn comment(out: &mut String, text: &str) {
    out.push_str(&crate::model::toml_text::comment(text));
}

/// `forsker-a: noe («note»)`.
fn describe(assessor: &str, answer: &str, note: Option<&str>) -> String {
    match note.map(str::trim).filter(|n| !n.is_empty()) {
        Some(note) => format!("{assessor}: {answer} («{note}»)"),
        None => format!("{assessor}: {answer}"),
    }
}

/// The note for an undecided item: each assessor's answer, and who did not answer.
fn undecided_note(given: &[(&str, &str, Option<&str>)], silent: &[&str]) -> String {
    let answers: Vec<String> = given.iter().map(|(a, k, n)| describe(a, k, *n)).collect();
    let mut note = if given.len() == 1 {
        format!("Bare én har svart — {}", answers.join("; "))
    } else {
        format!("Uenige — {}", answers.join("; "))
    };
    if !silent.is_empty() {
        let _ = write!(note, ". Ikke svart: {}", silent.join(", "));
    }
    note
}

/// Draft the consensus of `entry`'s independent assessments against `criteria`, dated `today`.
/// Fails when the practice has fewer than two independent assessments.
pub fn draft(entry: &PracticeEntry, criteria: &Criteria, today: PartialDate) -> anyhow::Result<Draft> {
    if entry.assessors.len() < 2 {
        anyhow::bail!(
            "{} has {} in {}/assessments/; a consensus needs at least two",
            entry.slug,
            crate::model::number::count(
                entry.assessors.len(),
                "independent assessment",
                "independent assessments"
            ),
            entry.dir.display()
        );
    }
    let names: Vec<&str> = entry.assessors.iter().map(|(n, _)| n.as_str()).collect();
    let assessors = named_assessors(entry);
    let mut tally = Tally::default();
    let mut out = String::new();
    write_header(&mut out, entry, criteria, &names, &assessors, today);
    write_justifications(&mut out, entry, criteria);
    write_decisions(&mut out, entry, criteria, &names, &mut tally);
    write_answers(&mut out, entry, criteria, &names, &mut tally);
    Ok(Draft {
        text: out,
        assessors,
        agreed: tally.agreed,
        undecided: tally.undecided,
        unanswered: tally.unanswered,
    })
}

/// What the draft decided so far: agreed items, undecided ids in criteria order, questions nobody answered.
#[derive(Default)]
struct Tally {
    agreed: usize,
    undecided: Vec<String>,
    unanswered: usize,
}

/// The assessors the draft names: the union of the files' `assessors` lists, in order, and the file name for a
/// file that lists nobody.
fn named_assessors(entry: &PracticeEntry) -> Vec<String> {
    let mut assessors: Vec<String> = Vec::new();
    for (name, loaded) in &entry.assessors {
        let listed: Vec<&String> = loaded.value.assessors.iter().filter(|a| !a.trim().is_empty()).collect();
        if listed.is_empty() {
            if !assessors.iter().any(|a| a == name) {
                assessors.push(name.clone());
            }
        } else {
            for a in listed {
                if !assessors.contains(a) {
                    assessors.push(a.clone());
                }
            }
        }
    }
    assessors
}

/// The comment that explains the draft, and the top-level keys.
fn write_header(
    out: &mut String,
    entry: &PracticeEntry,
    criteria: &Criteria,
    names: &[&str],
    assessors: &[String],
    today: PartialDate,
) {
    comment(
        out,
        &format!(
            "Utkast til konsensusvurdering fra {} uavhengige vurderinger ({}),\n\
             laget med `practice agree --draft-consensus {}`.\n\
             Der vurdererne var enige, er svaret fylt inn. Der de var uenige, eller bare én svarte, står svaret\n\
             som \"{UNDECIDED}\" med hver vurderers svar i notatet. Avgjør dem i konsensusmøtet og skriv inn svaret:\n\
             `practice validate` melder fra om hvert svar som ennå ikke er avgjort.",
            names.len(),
            names.join(", "),
            entry.slug
        ),
    );
    out.push('\n');
    let _ = writeln!(out, "criteria = {}", string(&criteria.id));
    let _ = writeln!(out, "criteria_version = {}", string(&criteria.version));
    let _ = writeln!(
        out,
        "assessors = [{}]",
        assessors.iter().map(|a| string(a)).collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(out, "date = {today}");
    let _ = writeln!(out, "status = {}", string("utkast til konsensus"));
    if entry.assessors.iter().any(|(_, a)| a.value.illustration) {
        let _ = writeln!(out, "illustration = true");
    }
}

/// The assessors' own justifications, overall and per criterion, as comments to write the agreed ones from.
fn write_justifications(out: &mut String, entry: &PracticeEntry, criteria: &Criteria) {
    let justifications: Vec<(&str, &str)> = entry
        .assessors
        .iter()
        .filter_map(|(n, a)| a.value.justification.as_deref().map(|j| (n.as_str(), j)))
        .filter(|(_, j)| !j.trim().is_empty())
        .collect();
    if !justifications.is_empty() {
        out.push_str("\n# Samlet begrunnelse: skriv den felles begrunnelsen i `justification`. Vurderernes egne:\n");
        for (name, text) in &justifications {
            comment(out, &format!("{name}: {text}"));
        }
        out.push_str("# justification = \"\"\n");
    }
    let per_criterion: Vec<(&str, Vec<(&str, &str)>)> = criteria
        .criteria
        .iter()
        .map(|c| {
            let given = entry
                .assessors
                .iter()
                .filter_map(|(n, a)| a.value.justifications.get(&c.id).map(|j| (n.as_str(), j.as_str())))
                .filter(|(_, j)| !j.trim().is_empty())
                .collect();
            (c.id.as_str(), given)
        })
        .filter(|(_, given): &(&str, Vec<(&str, &str)>)| !given.is_empty())
        .collect();
    if !per_criterion.is_empty() {
        out.push_str("\n[justifications]\n# Vurderernes begrunnelser per kriterium; skriv den felles under hver.\n");
        for (id, given) in per_criterion {
            for (name, text) in given {
                comment(out, &format!("{name}: {text}"));
            }
            let _ = writeln!(out, "# {} = \"\"", key(id));
        }
    }
}

/// The assessors of `names` who gave nothing in `given`.
fn silent_among<'a, T>(names: &[&'a str], given: &[(&str, T)]) -> Vec<&'a str> {
    names
        .iter()
        .copied()
        .filter(|n| !given.iter().any(|(g, _)| g == n))
        .collect()
}

/// `[decisions]`: a stage decision all assessors gave alike is filled in; any other is undecided.
fn write_decisions(out: &mut String, entry: &PracticeEntry, criteria: &Criteria, names: &[&str], tally: &mut Tally) {
    let mut decisions = String::new();
    for stage in &criteria.stages {
        let given: Vec<(&str, &str)> = entry
            .assessors
            .iter()
            .filter_map(|(n, a)| a.value.decisions.get(&stage.key).map(|d| (n.as_str(), d.as_str())))
            .collect();
        if given.is_empty() {
            continue;
        }
        let silent = silent_among(names, &given);
        let all_same = given.windows(2).all(|w| w[0].1 == w[1].1);
        if given.len() >= 2 && all_same && silent.is_empty() {
            tally.agreed += 1;
            let _ = writeln!(decisions, "{} = {}", key(&stage.key), string(given[0].1));
        } else {
            tally.undecided.push(stage.key.clone());
            let described: Vec<(&str, &str, Option<&str>)> = given.iter().map(|(n, d)| (*n, *d, None)).collect();
            let _ = writeln!(
                decisions,
                "{} = {}   # {}",
                key(&stage.key),
                string(UNDECIDED),
                undecided_note(&described, &silent)
            );
        }
    }
    if !decisions.is_empty() {
        out.push_str("\n[decisions]\n");
        out.push_str(&decisions);
    }
}

/// `[answers]`, in criteria order: an answer all assessors gave alike is filled in (with their notes and evidence
/// merged), any other is undecided; a question nobody answered is left out.
fn write_answers(out: &mut String, entry: &PracticeEntry, criteria: &Criteria, names: &[&str], tally: &mut Tally) {
    let answers: Vec<(&str, std::collections::BTreeMap<String, &Answer>)> = entry
        .assessors
        .iter()
        .map(|(n, a)| (n.as_str(), current_answers(criteria, &a.value)))
        .collect();
    out.push_str("\n[answers]\n");
    for question in criteria.questions() {
        let id = &question.question.id;
        let given: Vec<(&str, &Answer)> = answers
            .iter()
            .filter_map(|(n, map)| map.get(id).map(|a| (*n, *a)))
            .collect();
        if given.is_empty() {
            tally.unanswered += 1;
            continue;
        }
        let silent = silent_among(names, &given);
        let all_same = given.windows(2).all(|w| w[0].1.answer == w[1].1.answer);
        if given.len() >= 2 && all_same && silent.is_empty() {
            tally.agreed += 1;
            let _ = writeln!(out, "{}", agreed_answer_line(id, &given));
        } else {
            tally.undecided.push(id.clone());
            let described: Vec<(&str, &str, Option<&str>)> = given
                .iter()
                .map(|(n, a)| (*n, a.answer.as_str(), a.note.as_deref()))
                .collect();
            let _ = writeln!(
                out,
                "{} = {{ answer = {}, note = {} }}",
                key(id),
                string(UNDECIDED),
                string(&undecided_note(&described, &silent))
            );
        }
    }
}

/// The line of an agreed answer: `id = "ja"`, or an inline table with the assessors' notes (one, when they wrote
/// the same) and the union of the evidence they cited.
fn agreed_answer_line(id: &str, given: &[(&str, &Answer)]) -> String {
    let notes: Vec<(&str, &str)> = given
        .iter()
        .filter_map(|(n, a)| a.note.as_deref().map(|t| (*n, t.trim())))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let note = match notes.as_slice() {
        [] => None,
        [(_, only)] => Some(only.to_string()),
        many if many.windows(2).all(|w| w[0].1 == w[1].1) => Some(many[0].1.to_string()),
        many => Some(
            many.iter()
                .map(|(n, t)| format!("{n}: {t}"))
                .collect::<Vec<_>>()
                .join(" "),
        ),
    };
    let mut evidence: Vec<&str> = Vec::new();
    for (_, a) in given {
        for e in &a.evidence {
            if !evidence.contains(&e.as_str()) {
                evidence.push(e);
            }
        }
    }
    let answer = &given[0].1.answer;
    if note.is_none() && evidence.is_empty() {
        return format!("{} = {}", key(id), string(answer));
    }
    let mut fields = vec![format!("answer = {}", string(answer))];
    if let Some(note) = note {
        fields.push(format!("note = {}", string(&note)));
    }
    if !evidence.is_empty() {
        fields.push(format!(
            "evidence = [{}]",
            evidence.iter().map(|e| string(e)).collect::<Vec<_>>().join(", ")
        ));
    }
    format!("{} = {{ {} }}", key(id), fields.join(", "))
}
