//! Drawing a [`Session`] as plain lines: title and running scores at the top, the question with its hint and
//! choices, the answer's note and evidence, the description fields and evidence rows the question concerns (as
//! much as fits), the open questions, a message, and the keys. Width is counted in characters.

use super::{Mode, Session};
use crate::scoring::{percent, score};

pub(super) fn render(session: &Session<'_>, width: usize, height: usize) -> Vec<String> {
    let criteria = session.criteria;
    let id = session.current_id();
    let q = criteria.question(id).expect("ids come from the criteria");
    let mut top = vec![fit(
        &format!(
            "{} · {} · {}/{} answered",
            session.view.title,
            session.view.file,
            session.ids.len() - session.open().len(),
            session.ids.len()
        ),
        width,
    )];
    top.extend(wrap(&score_line(session), width, ""));
    top.push("─".repeat(width));
    let criterion = &criteria.criteria[q.criterion];
    let place = match q.parent {
        Some(parent) => format!("{} · question {id} (under {parent})", criterion.label),
        None => format!("{} · question {id}", criterion.label),
    };
    top.push(fit(
        &format!("[{}/{}] {place}", session.current + 1, session.ids.len()),
        width,
    ));
    top.extend(wrap(&q.question.text, width, ""));
    if let Some(hint) = &q.question.hint {
        top.extend(wrap(&format!("Hint: {hint}"), width, "      ").into_iter().take(2));
    }
    let answer = session.answer(id);
    for (keys, key, label) in session.choices() {
        let mark = if answer.is_some_and(|a| a.answer == key) {
            ">"
        } else {
            " "
        };
        let keys: Vec<String> = keys.iter().map(char::to_string).collect();
        top.push(fit(&format!(" {mark} {:<4} {label}", keys.join(" ")), width));
    }
    if let Some(answer) = answer {
        if let Some(note) = &answer.note {
            top.push(fit(&format!("Note: {}", note.replace('\n', " ")), width));
        }
        if !answer.evidence.is_empty() {
            top.push(fit(&format!("Evidence: {}", answer.evidence.join(", ")), width));
        }
    }
    let mut bottom = Vec::new();
    let open = session.open();
    bottom.push(fit(
        &if open.is_empty() {
            "Open: none — every question is answered".to_string()
        } else {
            format!("Open ({}): {}", open.len(), open.join(" "))
        },
        width,
    ));
    match &session.mode {
        Mode::Answer => {}
        Mode::Note(text) => bottom.push(fit_end(&format!("Note (Enter saves, Esc cancels): {text}_"), width)),
        Mode::Evidence(text) => bottom.push(fit_end(
            &format!("Evidence ids (Enter saves, Esc cancels): {text}_"),
            width,
        )),
        Mode::Jump(text) => bottom.push(fit_end(&format!("Go to question (Enter, Esc cancels): {text}_"), width)),
    }
    if let Some(message) = session.message() {
        bottom.extend(wrap(&format!("! {message}"), width, "  ").into_iter().take(2));
    }
    bottom.extend(keys_help(width));
    let room = height.saturating_sub(top.len() + bottom.len() + 1);
    let mut middle = context_lines(session, width);
    if middle.len() > room {
        middle.truncate(room);
        if let Some(last) = middle.last_mut() {
            *last = fit(&format!("{last} …"), width);
        }
    }
    let mut lines = top;
    lines.push("─".repeat(width));
    lines.extend(middle);
    lines.extend(bottom);
    lines.truncate(height);
    lines
}

/// The running sub-scores and total, from the answers so far.
fn score_line(session: &Session<'_>) -> String {
    let result = score(session.criteria, &session.assessment);
    let mut parts: Vec<String> = result
        .criteria
        .iter()
        .map(|c| match c.score {
            Some(s) => format!("{} {} %", c.label, percent(s)),
            None => format!("{} –", c.label),
        })
        .collect();
    parts.push(match (result.total, result.complete, result.band) {
        (Some(total), true, Some(band)) => format!("total {} % ({})", percent(total), band.label),
        (Some(total), _, _) => format!("total {} % (provisional)", percent(total)),
        (None, _, _) => "total –".to_string(),
    });
    parts.join(" · ")
}

/// The description fields the question concerns, then the evidence rows (cited ones marked `*`).
fn context_lines(session: &Session<'_>, width: usize) -> Vec<String> {
    let criteria = session.criteria;
    let q = criteria
        .question(session.current_id())
        .expect("ids come from the criteria");
    let mut out = Vec::new();
    for key in &q.question.fields {
        let label = match criteria.template_field(key) {
            Some(field) => field.label.clone(),
            None => criteria.label(key, key).to_string(),
        };
        let text = session.view.fields.get(key).map(|t| t.trim()).filter(|t| !t.is_empty());
        out.push(fit(&format!("{label}:"), width));
        match text {
            Some(text) => out.extend(
                wrap(&text.split_whitespace().collect::<Vec<_>>().join(" "), width, "  ")
                    .into_iter()
                    .take(4)
                    .map(|l| fit(&format!("  {l}"), width)),
            ),
            None => out.push("  (not filled in)".to_string()),
        }
    }
    if !session.view.evidence.is_empty() {
        out.push(fit("Evidence rows (@ to cite):", width));
        let cited = session
            .answer(session.current_id())
            .map(|a| a.evidence.as_slice())
            .unwrap_or(&[]);
        for row in &session.view.evidence {
            let mark = if cited.contains(&row.id) { "*" } else { " " };
            out.push(fit(
                &format!(" {mark}{} [{}] {} — {}", row.id, row.kind, row.question, row.finding),
                width,
            ));
        }
    }
    out
}

fn keys_help(width: usize) -> Vec<String> {
    let lines = [
        "keys: 1-9/letter answer · 0 ikke relevant · # note · @ evidence · - clear",
        "      →/Enter next · ← back · / go to question · Esc quit (all is saved)",
    ];
    lines.iter().map(|l| fit(l, width)).collect()
}

/// `text` cut to `width` characters, ending in `…` when cut.
fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `text` cut from the front, so the end (where the cursor is) stays visible.
fn fit_end(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n <= width {
        return text.to_string();
    }
    let mut out = String::from("…");
    out.extend(text.chars().skip(n - width + 1));
    out
}

/// Word-wrap `text` to `width` characters; lines after the first start with `indent`. Words longer than a line are
/// cut.
pub(super) fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    let mut empty = true;
    for word in text.split_whitespace() {
        let wlen = word.chars().count();
        if !empty && len + 1 + wlen > width {
            lines.push(std::mem::replace(&mut line, indent.to_string()));
            len = indent.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += wlen;
        empty = false;
    }
    if !empty {
        lines.push(line);
    }
    lines.into_iter().map(|l| fit(&l, width)).collect()
}
