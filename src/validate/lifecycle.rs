//! Checks of `[lifecycle]` and the knowledge needs in `practice.*`: no date in the future, and the phases in order —
//! «anbefalt» needs an assessment and comes after it, «formidlet» and «trukket» need «anbefalt» and come after it,
//! «fulgt opp» comes after the assessment, and a practice is not both «anbefalt» and «ikke anbefalt».

use crate::diagnostic::{Code, Finding, KeyPath, Severity};
use crate::load::source::SourceFile;
use crate::model::{PartialDate, Practice};

/// Whether `a` lies certainly before `b`, compared at the precision both give (2019 is not before 2019-05).
pub fn certainly_before(a: PartialDate, b: PartialDate) -> bool {
    if a.year != b.year {
        return a.year < b.year;
    }
    match (a.month, b.month) {
        (Some(x), Some(y)) if x != y => x < y,
        (Some(_), Some(_)) => matches!((a.day, b.day), (Some(x), Some(y)) if x < y),
        _ => false,
    }
}

/// Check the lifecycle of `practice`, whose consensus assessment (if any) is dated `assessed` (`Some(None)`: an
/// assessment without a date).
pub fn check_lifecycle(
    source: &SourceFile,
    practice: &Practice,
    assessed: Option<Option<PartialDate>>,
    today: PartialDate,
    out: &mut Vec<Finding>,
) {
    let root = KeyPath::root();
    for (i, need) in practice.knowledge_needs.iter().enumerate() {
        if let Some(date) = need.date.filter(|d| certainly_before(today, *d)) {
            out.push(future(source, root.key("knowledge_needs").index(i).key("date"), date));
        }
    }
    let Some(lifecycle) = &practice.lifecycle else {
        return;
    };
    let at = root.key("lifecycle");
    let order = |path: KeyPath, message: String| source.finding(Severity::Error, Code::PhaseOrder, path, message);
    let mut dated: Vec<(KeyPath, PartialDate)> = Vec::new();
    if let Some(r) = &lifecycle.recommended {
        dated.push((at.key("recommended").key("date"), r.date));
    }
    for (i, d) in lifecycle.disseminated.iter().enumerate() {
        dated.push((at.key("disseminated").index(i).key("date"), d.date));
    }
    for (i, f) in lifecycle.followed_up.iter().enumerate() {
        dated.push((at.key("followed_up").index(i).key("date"), f.date));
    }
    if let Some(w) = &lifecycle.withdrawn {
        dated.push((at.key("withdrawn").key("date"), w.date));
    }
    if let Some(n) = &lifecycle.not_recommended {
        dated.push((at.key("not_recommended").key("date"), n.date));
    }
    for (path, date) in &dated {
        if certainly_before(today, *date) {
            out.push(future(source, path.clone(), *date));
        } else if let Some(Some(assessed)) = assessed {
            if certainly_before(*date, assessed) {
                out.push(order(
                    path.clone(),
                    format!("{path} ({date}) lies before the assessment ({assessed}): the phases come in order"),
                ));
            }
        }
    }
    if assessed.is_none() {
        for (key, what) in [
            ("recommended", lifecycle.recommended.is_some()),
            ("not_recommended", lifecycle.not_recommended.is_some()),
            ("followed_up", !lifecycle.followed_up.is_empty()),
        ] {
            if what {
                out.push(order(
                    at.key(key),
                    format!("lifecycle.{key} is given, but the practice has no assessment (phase 3 comes first)"),
                ));
            }
        }
    }
    match &lifecycle.recommended {
        Some(recommended) => {
            for (path, date) in dated.iter().filter(|(p, _)| {
                let p = p.to_string();
                p.starts_with("lifecycle.disseminated") || p.starts_with("lifecycle.withdrawn")
            }) {
                if certainly_before(*date, recommended.date) {
                    out.push(order(
                        path.clone(),
                        format!(
                            "{path} ({date}) lies before the recommendation ({}): the phases come in order",
                            recommended.date
                        ),
                    ));
                }
            }
            if lifecycle.not_recommended.is_some() {
                out.push(order(
                    at.key("not_recommended"),
                    "a practice cannot be both «anbefalt» (lifecycle.recommended) and «ikke anbefalt»; a \
                     recommendation taken back is lifecycle.withdrawn"
                        .to_string(),
                ));
            }
        }
        None => {
            for (key, given) in [
                ("disseminated", !lifecycle.disseminated.is_empty()),
                ("withdrawn", lifecycle.withdrawn.is_some()),
            ] {
                if given {
                    out.push(order(
                        at.key(key),
                        format!(
                            "lifecycle.{key} is given, but lifecycle.recommended is not (a recommendation comes first)"
                        ),
                    ));
                }
            }
        }
    }
    if let Some(recommended) = &lifecycle.recommended {
        if recommended.by.trim().is_empty() {
            out.push(source.finding(
                Severity::Error,
                Code::Empty,
                at.key("recommended").key("by"),
                "lifecycle.recommended.by is empty: who recommended the practice?",
            ));
        }
    }
    for (key, closed) in [
        ("withdrawn", &lifecycle.withdrawn),
        ("not_recommended", &lifecycle.not_recommended),
    ] {
        if closed.as_ref().is_some_and(|c| c.reason.trim().is_empty()) {
            out.push(source.finding(
                Severity::Error,
                Code::Empty,
                at.key(key).key("reason"),
                format!("lifecycle.{key}.reason is empty: the reason is what others learn from"),
            ));
        }
    }
}

fn future(source: &SourceFile, path: KeyPath, date: PartialDate) -> Finding {
    source.finding(
        Severity::Error,
        Code::InvalidValue,
        path.clone(),
        format!("{path} ({date}) lies in the future"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn before_is_decided_at_the_common_precision() {
        assert!(certainly_before(date("2018"), date("2019-01-01")));
        assert!(!certainly_before(date("2019"), date("2019-05")));
        assert!(!certainly_before(date("2019-05"), date("2019")));
        assert!(certainly_before(date("2019-04"), date("2019-05-01")));
        assert!(certainly_before(date("2019-05-01"), date("2019-05-02")));
        assert!(!certainly_before(date("2019-05-02"), date("2019-05-02")));
    }
}
