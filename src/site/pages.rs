//! The HTML pages: the index with one static card per practice, a page per practice, and «Om vurderingene».
//! Markup follows the selector contract in site-assets/README.md; all text goes through [`super::html`].

use std::fmt::Write as _;

use super::data::Record;
use super::html::{line, link, paragraphs, text};
use super::{ABOUT_FILE, CSP, MARKER};
use crate::model::criteria::Criteria;
use crate::model::labels::{fill, Labels};
use crate::render::model::{Grading, SheetModel};

/// The document head and the opening of `<body>`. `root` is the way back to the site's folder (`""` or `"../"`).
fn head(title: &str, root: &str, scripts: bool, body_class: Option<&str>) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n{MARKER}\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n{CSP}\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <link rel=\"stylesheet\" href=\"{root}assets/style.css\">\n",
        line(title)
    );
    if scripts {
        out.push_str("<script src=\"data/index.js\" defer></script>\n<script src=\"assets/app.js\" defer></script>\n");
    }
    out.push_str("</head>\n");
    match body_class {
        Some(class) => out.push_str(&format!("<body class=\"{class}\">\n")),
        None => out.push_str("<body>\n"),
    }
    out
}

fn footer(labels: &Labels, root: &str) -> String {
    format!(
        "<footer class=\"site-footer\"><p>{} · <a href=\"{root}{ABOUT_FILE}\">{}</a></p></footer>\n</body>\n</html>\n",
        line(&labels.site_footer),
        line(&labels.site_about)
    )
}

/// One bar: label, a fill of the percentage (none when undefined), the value.
fn bar(out: &mut String, class: &str, label: &str, value: Option<i64>) {
    let fill = value.map_or(String::new(), |v| {
        format!("<span class=\"fill p{}\"></span>", v.clamp(0, 100))
    });
    let shown = value.map_or("–".to_string(), |v| format!("{v} %"));
    let _ = write!(
        out,
        "<div class=\"{class}\"><span class=\"score-label\">{}</span><span class=\"bar\" aria-hidden=\"true\">{fill}</span><span class=\"score-value\">{shown}</span></div>",
        line(label)
    );
}

/// Total and one bar per criterion, inside `<div class="scores">`.
fn scores(out: &mut String, record: &Record, criteria: &Criteria, labels: &Labels) {
    out.push_str("<div class=\"scores\">");
    let total_label = if record.total.is_some() && !record.complete {
        &labels.provisional_score
    } else {
        &labels.score
    };
    bar(out, "score total", total_label, record.total);
    for (i, c) in criteria.criteria.iter().enumerate() {
        let value = record.sub.as_ref().and_then(|s| s.get(i).copied().flatten());
        bar(out, "score", &c.label, value);
    }
    out.push_str("</div>");
}

/// The class badge and the flags, as on the cards and the practice pages.
pub fn badges(record: &Record, criteria: &Criteria, labels: &Labels) -> String {
    let mut out = match &record.class {
        Some(key) => {
            let label = criteria
                .classification
                .bands
                .iter()
                .find(|b| &b.key == key)
                .map_or(key.as_str(), |b| b.label.as_str());
            format!("<span class=\"badge band band-{}\">{}</span>", text(key), line(label))
        }
        None if record.phase == "assessed" => {
            format!(
                "<span class=\"badge band band-incomplete\">{}</span>",
                line(&labels.incomplete)
            )
        }
        None => format!(
            "<span class=\"badge band band-none\">{}</span>",
            line(&labels.not_assessed)
        ),
    };
    if record.zone && record.class.is_some() {
        let _ = write!(
            out,
            " <span class=\"badge flag\">{}</span>",
            line(&labels.judgement_short)
        );
    }
    if record.illustration {
        let _ = write!(
            out,
            " <span class=\"badge flag flag-illustration\">{}</span>",
            line(&labels.illustration_short)
        );
    }
    out
}

fn meta_line(record: &Record) -> String {
    let parts: Vec<&str> = [Some(record.municipality.as_str()), record.region.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
    line(&parts.join(" · "))
}

/// One static card of the index.
pub fn card(record: &Record, summary: Option<&str>, tags: &[String], criteria: &Criteria, labels: &Labels) -> String {
    let slug = text(&record.slug);
    let mut out = format!(
        "<li class=\"card\" data-slug=\"{slug}\"><h3 class=\"card-title\"><a href=\"praksis/{slug}.html\">{}</a></h3>\
         <p class=\"card-meta\">{}</p><p class=\"badges\">{}</p><p class=\"card-summary\">{}</p>",
        line(&record.name),
        meta_line(record),
        badges(record, criteria, labels),
        summary.map(line).unwrap_or_default()
    );
    scores(&mut out, record, criteria, labels);
    let _ = write!(out, "<p class=\"card-tags\">{}</p></li>", line(&tags.join(" · ")));
    out
}

/// The index page around the cards (in score order).
pub fn index(labels: &Labels, intro: &str, count: usize, cards: &[String]) -> String {
    let mut out = head(&labels.index_title, "", true, None);
    let _ = write!(
        out,
        "<a class=\"skip\" href=\"#results-heading\">{}</a>\n<header class=\"site-header\">\n<h1>{}</h1>\n\
         <p class=\"intro\">{} <a href=\"{ABOUT_FILE}\">{}</a></p>\n</header>\n<main id=\"main\">\n<div class=\"layout\">\n\
         <section id=\"filter-panel\" class=\"filter-panel\" aria-labelledby=\"filters-heading\" hidden>\n\
         <h2 id=\"filters-heading\">{}</h2>\n<form id=\"filters\" class=\"filters\"></form>\n</section>\n\
         <section class=\"results-panel\" aria-labelledby=\"results-heading\">\n<h2 id=\"results-heading\" tabindex=\"-1\">{}</h2>\n\
         <p id=\"status\" class=\"status\" role=\"status\">{}</p>\n<ol id=\"results\" class=\"results\">\n",
        line(&labels.site_skip),
        line(&labels.index_title),
        line(intro),
        line(&labels.site_about),
        line(&labels.site_filters),
        line(&labels.site_results),
        line(&fill(&labels.site_count, &[("count", &count.to_string())])),
    );
    for card in cards {
        out.push_str(card);
        out.push('\n');
    }
    out.push_str("</ol>\n</section>\n</div>\n</main>\n");
    out.push_str(&footer(labels, ""));
    out
}

/// A `<section>` with a heading; `id` names the heading.
fn section(out: &mut String, id: &str, heading: &str, body: &str) {
    let _ = write!(
        out,
        "<section aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{}</h2>\n{body}</section>\n",
        line(heading)
    );
}

fn list<I: IntoIterator<Item = String>>(items: I) -> String {
    let mut out = String::from("<ul>\n");
    for item in items {
        let _ = writeln!(out, "<li>{item}</li>");
    }
    out.push_str("</ul>\n");
    out
}

/// The notices under the heading: illustration, incomplete, judgement zone.
fn notices(out: &mut String, model: &SheetModel, labels: &Labels) {
    if let Some(learning) = model.lifecycle.as_ref().and_then(|l| l.learning.as_deref()) {
        let _ = writeln!(
            out,
            "<div class=\"notice notice-learning\"><p><strong>{}</strong></p></div>",
            line(learning)
        );
    }
    if model.illustration {
        let _ = writeln!(
            out,
            "<div class=\"notice notice-illustration\"><p><strong>{}:</strong> {}</p></div>",
            line(&labels.illustration),
            line(&labels.illustration_note)
        );
    }
    match &model.grading {
        Grading::Incomplete {
            missing_count,
            reachable,
            decided,
            ..
        } => {
            let mut note = fill(&labels.incomplete_note, &[("missing", &missing_count.to_string())]);
            if let Some((from, to)) = reachable {
                let range = fill(
                    &labels.reachable_range,
                    &[("from", &from.to_string()), ("to", &to.to_string())],
                );
                note.push_str(&format!(" {}: {range}.", labels.provisional_score));
            }
            if let Some(band) = decided {
                note.push_str(&format!(" {}.", fill(&labels.class_decided, &[("band", band)])));
            }
            let _ = writeln!(
                out,
                "<div class=\"notice notice-incomplete\"><p><strong>{}:</strong> {}</p></div>",
                line(&labels.incomplete),
                line(&note)
            );
        }
        Grading::Classified {
            band,
            judgement_zone: Some((from, to)),
            ..
        } => {
            let note = fill(
                &labels.judgement_zone_note,
                &[("from", &from.to_string()), ("to", &to.to_string())],
            );
            let proposal = fill(&labels.site_zone_proposal, &[("band", band)]);
            let _ = writeln!(
                out,
                "<div class=\"notice notice-zone\"><p><strong>{}:</strong> {} {}</p></div>",
                line(&labels.site_zone_heading),
                line(&note),
                line(&proposal)
            );
        }
        _ => {}
    }
}

/// The lifecycle after the assessment: the state, each step (date, step, what happened, a link) and the roles per
/// phase, as the sheet's «Livsløp» section has them.
fn lifecycle_body(model: &crate::render::lifecycle::LifecycleModel, labels: &Labels) -> String {
    let mut out = String::new();
    if let Some(state) = &model.state_label {
        let _ = writeln!(out, "<p><strong>{}:</strong> {}</p>", line(&labels.status), line(state));
    }
    let steps = model.steps.iter().map(|step| {
        let mut item = format!(
            "<span class=\"kind\">{} – {}</span>",
            line(&step.date),
            line(&step.step)
        );
        if let Some((title, url)) = &step.link {
            let _ = write!(item, " {}", link(title, Some(url)));
        }
        if !step.text.is_empty() {
            let _ = write!(item, " {}", line(&step.text));
        }
        item
    });
    let steps: Vec<String> = steps.collect();
    if !steps.is_empty() {
        out.push_str(&list(steps));
    }
    if !model.roles.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>", line(&labels.lifecycle_roles));
        out.push_str(&list(model.roles.iter().map(|(phase, role)| {
            format!("<strong>{}:</strong> {}", line(phase), line(role))
        })));
    }
    out
}

/// The facts list of the summary: target group, contacts, links, categories.
fn facts(model: &SheetModel, criteria: &Criteria, labels: &Labels, tags: &[String]) -> String {
    let mut out = String::from("<dl class=\"facts\">\n");
    let mut row = |label: &str, value: String| {
        if !value.is_empty() {
            let _ = writeln!(out, "<dt>{}</dt><dd>{value}</dd>", line(label));
        }
    };
    if let Some(field) = criteria.template.iter().find(|f| f.key == "target_group") {
        if let Some(d) = model.description.iter().find(|d| d.label == field.label) {
            row(&d.label, line(&d.text));
        }
    }
    let mut roles: Vec<(&str, Vec<String>)> = Vec::new();
    for c in &model.contacts {
        let mut who = line(&c.name);
        if let Some(org) = &c.organisation {
            let _ = write!(who, " ({})", line(org));
        }
        if let Some(email) = &c.email {
            let _ = write!(who, ", {}", link(&email.title, email.url.as_deref()));
        }
        match roles.iter_mut().find(|(r, _)| *r == c.role) {
            Some((_, list)) => list.push(who),
            None => roles.push((&c.role, vec![who])),
        }
    }
    for (role, people) in roles {
        row(role, people.join("; "));
    }
    let links: Vec<String> = model.links.iter().map(|l| link(&l.title, l.url.as_deref())).collect();
    row(&labels.links, links.join(" · "));
    row(&labels.tags, line(&tags.join(" · ")));
    out.push_str("</dl>\n");
    out
}

/// One practice's page: the one-page sheet first, then the full dossier inside `<details>`.
pub fn practice(model: &SheetModel, record: &Record, tags: &[String], criteria: &Criteria, labels: &Labels) -> String {
    let mut out = head(
        &format!("{} – {}", model.name, labels.index_title),
        "../",
        false,
        Some("practice-page"),
    );
    let _ = write!(
        out,
        "<header class=\"site-header\">\n<p class=\"back\"><a href=\"../index.html\">{}</a></p>\n</header>\n\
         <main id=\"main\">\n<article class=\"sheet\" data-slug=\"{}\">\n<header class=\"sheet-head\">\n<h1>{}</h1>\n\
         <p class=\"sheet-meta\">{}</p>\n<p class=\"badges\">{}</p>\n</header>\n",
        line(&labels.site_back),
        text(&model.slug),
        line(&model.name),
        meta_line(record),
        badges(record, criteria, labels)
    );
    notices(&mut out, model, labels);

    let mut grade = String::new();
    scores(&mut grade, record, criteria, labels);
    grade.push('\n');
    class_reason(&mut grade, model, labels);
    match &model.grading {
        Grading::Classified {
            band_description: Some(d),
            ..
        } => grade.push_str(&paragraphs(d)),
        Grading::NotAssessed { .. } => grade.push_str(&paragraphs(&labels.not_assessed_note)),
        _ => {}
    }
    if let (Grading::Classified { band, .. }, false) = (&model.grading, model.shortfalls.is_empty()) {
        grade.push_str(&paragraphs(&fill(&labels.band_shortfall_intro, &[("band", band)])));
        grade.push_str(&list(
            model
                .shortfalls
                .iter()
                .map(|s| line(&crate::render::markdown::shortfall_text(s, labels))),
        ));
    }
    out.push_str("<section class=\"grade\" aria-labelledby=\"h-grade\">\n");
    let _ = write!(
        out,
        "<h2 id=\"h-grade\">{}</h2>\n{grade}</section>\n",
        line(&labels.classification)
    );

    let _ = write!(
        out,
        "<section class=\"summary\" aria-labelledby=\"h-summary\">\n<h2 id=\"h-summary\">{}</h2>\n{}{}</section>\n",
        line(&labels.summary),
        model.summary.as_deref().map(paragraphs).unwrap_or_default(),
        facts(model, criteria, labels, tags)
    );

    out.push_str("<div class=\"sheet-grid\">\n<div>\n");
    if let Some(j) = &model.justification {
        section(&mut out, "h-just", &labels.justification, &paragraphs(j));
    }
    if !model.knowledge_needs.is_empty() {
        section(
            &mut out,
            "h-needs",
            &labels.knowledge_needs,
            &list(model.knowledge_needs.iter().map(|n| line(n))),
        );
    }
    if let Some(lifecycle) = &model.lifecycle {
        section(
            &mut out,
            "h-lifecycle",
            &labels.lifecycle,
            &lifecycle_body(lifecycle, labels),
        );
    }
    if let Some(groups) = &model.evidence {
        let items = groups.iter().flat_map(|g| {
            g.rows.iter().map(move |r| {
                format!(
                    "<span class=\"kind\">{}:</span> {} ({})",
                    line(&g.kind),
                    line(&r.finding),
                    line(&r.id)
                )
            })
        });
        let items: Vec<String> = items.collect();
        if !items.is_empty() {
            section(
                &mut out,
                "h-evidence",
                &labels.evidence,
                &list(items).replacen("<ul>", "<ul class=\"evidence-list\">", 1),
            );
        }
    }
    out.push_str("</div>\n");
    if let Some(groups) = model.improvements.as_ref().filter(|g| !g.is_empty()) {
        let mut body = String::new();
        for g in groups {
            let _ = writeln!(body, "<h3>{}</h3>", line(&g.criterion));
            body.push_str(&list(
                g.items.iter().map(|i| format!("{} ({})", line(&i.hint), line(&i.id))),
            ));
        }
        section(&mut out, "h-hints", &labels.improvements, &body);
    }
    out.push_str("</div>\n");
    dossier(&mut out, model, labels);
    out.push_str("</article>\n</main>\n");
    out.push_str(&footer(labels, "../"));
    out
}

/// The full dossier: justification per criterion, the description, answers, stories, related practices, sources,
/// what is missing, and the facts of the assessment.
fn dossier(out: &mut String, model: &SheetModel, labels: &Labels) {
    let _ = writeln!(
        out,
        "<details class=\"dossier\">\n<summary>{}</summary>",
        line(&labels.site_dossier)
    );
    if !model.criterion_justifications.is_empty() {
        let mut body = String::new();
        for c in &model.criterion_justifications {
            let value = c.percent.map_or(String::new(), |p| format!(" – {p} %"));
            let _ = writeln!(body, "<h3>{}{value}</h3>", line(&c.label));
            body.push_str(&paragraphs(&c.text));
        }
        section(out, "h-crit", &labels.site_criterion_justifications, &body);
    }
    if !model.description.is_empty() {
        let mut body = String::new();
        for f in &model.description {
            let _ = writeln!(body, "<h3>{}</h3>", line(&f.label));
            body.push_str(&paragraphs(&f.text));
        }
        section(out, "h-desc", &labels.description, &body);
    }
    let answers: Vec<String> = model
        .improvements
        .iter()
        .flatten()
        .flat_map(|g| g.items.iter())
        .map(|i| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                line(&i.id),
                line(&i.answer),
                i.note.as_deref().map(line).unwrap_or_default()
            )
        })
        .collect();
    if !answers.is_empty() {
        let body = format!(
            "<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n{}\n</tbody>\n</table>\n",
            line(&labels.site_question),
            line(&labels.site_answer),
            line(&labels.site_note),
            answers.join("\n")
        );
        section(out, "h-answers", &labels.site_answers, &body);
    }
    missing(out, model, labels);
    if !model.stories.is_empty() {
        let mut body = String::new();
        for s in &model.stories {
            let _ = writeln!(body, "<h3>{}</h3>", line(&s.title));
            body.push_str(&paragraphs(&s.text));
        }
        section(out, "h-stories", &labels.stories, &body);
    }
    if !model.related.is_empty() {
        let items = model.related.iter().map(|r| {
            let name = match &r.sheet {
                Some((name, _)) => format!("<a href=\"{}.html\">{}</a>", text(&r.slug), line(name)),
                None => format!("{} ({})", line(&r.slug), line(&labels.not_in_library)),
            };
            match &r.relation {
                Some(rel) => format!("{name}: {}", line(rel)),
                None => name,
            }
        });
        section(out, "h-related", &labels.related, &list(items));
    }
    if !model.sources.is_empty() {
        section(
            out,
            "h-sources",
            &labels.sources,
            &list(model.sources.iter().map(|s| link(&s.title, s.url.as_deref()))),
        );
    }
    if let Some(about) = &model.about {
        let mut body = String::from("<dl class=\"facts\">\n");
        let mut row = |label: &str, value: String| {
            if !value.is_empty() {
                let _ = writeln!(body, "<dt>{}</dt><dd>{value}</dd>", line(label));
            }
        };
        row(&labels.criteria_set, line(&about.criteria));
        row(&labels.assessors, line(&about.assessors.join(", ")));
        row(
            &labels.assessment_date,
            about.date.as_deref().map(line).unwrap_or_default(),
        );
        row(
            &labels.assessment_status,
            about.status.as_deref().map(line).unwrap_or_default(),
        );
        let yes_no = if about.illustration { &labels.yes } else { &labels.no };
        row(&labels.illustration, line(yes_no));
        body.push_str("</dl>\n");
        if let Some(stale) = &about.stale {
            body.push_str(&paragraphs(stale));
        }
        section(out, "h-about", &labels.about_assessment, &body);
    }
    out.push_str("</details>\n");
}

/// What is missing: unanswered questions of an incomplete assessment, or what the next phase needs.
fn missing(out: &mut String, model: &SheetModel, labels: &Labels) {
    match &model.grading {
        Grading::Incomplete { missing, .. } if !missing.is_empty() => {
            let mut body = String::new();
            for g in missing {
                let _ = writeln!(body, "<h3>{}</h3>", line(&g.criterion));
                body.push_str(&list(g.questions.iter().map(|q| {
                    let invalid = q
                        .invalid_answer
                        .as_deref()
                        .map(|a| format!(" – {}", line(&fill(&labels.invalid_answer, &[("answer", a)]))))
                        .unwrap_or_default();
                    format!("{} ({}){invalid}", line(&q.text), line(&q.id))
                })));
            }
            section(out, "h-missing", &labels.missing_answers, &body);
        }
        Grading::NotAssessed { missing, .. } if !missing.is_empty() => {
            section(
                out,
                "h-missing",
                &labels.next_phase_missing,
                &list(missing.iter().map(|m| line(m))),
            );
        }
        _ => {}
    }
}

/// The head of a page at the site's root without scripts (the about page).
pub fn head_for_about(title: &str) -> String {
    head(title, "", false, Some("practice-page"))
}

/// The page at an old slug of a practice (`praksis/<alias>.html`): a meta refresh to its page (navigation, which
/// the Content-Security-Policy does not restrict) and a link for readers whose browser does not follow it.
pub fn redirect(labels: &Labels, slug: &str, name: &str) -> String {
    let target = format!("{}.html", text(slug));
    let mut out = format!(
        "<!DOCTYPE html>\n{MARKER}\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n{CSP}\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <link rel=\"canonical\" href=\"{target}\">\n<link rel=\"stylesheet\" href=\"../assets/style.css\">\n</head>\n<body>\n",
        line(name)
    );
    let _ = write!(
        out,
        "<main id=\"main\">\n<p>{}</p>\n</main>\n",
        fill(
            &line(&labels.site_moved),
            &[("name", &format!("<a href=\"{target}\">{}</a>", line(name)))]
        )
    );
    out.push_str("</body>\n</html>\n");
    out
}

/// The footer of a page at the site's root.
pub fn footer_for_about(labels: &Labels) -> String {
    footer(labels, "")
}

/// Which rule decided the class, and the «ikke relevant» range: a paragraph and a list under the scores.
fn class_reason(out: &mut String, model: &SheetModel, labels: &Labels) {
    let reason = &model.class_reason;
    if !reason.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"class-reason\"><strong>{}:</strong> {}</p>",
            line(&labels.class_reason),
            line(&reason.lead.join(" "))
        );
        if !reason.failed.is_empty() {
            out.push_str("<ul class=\"class-reason\">\n");
            for item in &reason.failed {
                let _ = writeln!(out, "<li>{}</li>", line(item));
            }
            out.push_str("</ul>\n");
        }
    }
    if let Some(range) = &model.na_range {
        let _ = writeln!(out, "<p class=\"na-range\">{}</p>", line(range));
    }
}
