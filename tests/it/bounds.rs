//! Grade bounds of an unfinished assessment: `score --format json` gives `total_min`, `total_max` and
//! `class_decided`, and they are exactly the extremes over every completion of the open questions (brute force).

use practice::model::{Answer, Criteria, Library};
use practice::scoring::bounds::bounds;
use practice::scoring::{score, AnswerState};

/// The extremes of the total and the set of classes over every completion of the open questions.
fn brute_force(criteria: &Criteria, assessment: &practice::model::Assessment) -> (f64, f64, Vec<Option<String>>) {
    let scored = score(criteria, assessment);
    let open: Vec<(String, Vec<String>)> = scored
        .questions
        .iter()
        .filter(|q| matches!(q.answer, AnswerState::Missing))
        .map(|q| {
            let mut keys: Vec<String> = q.question.scale.options.iter().map(|o| o.key.clone()).collect();
            if q.question.allows_not_applicable {
                keys.extend(criteria.not_applicable_key().map(str::to_string));
            }
            (q.id.to_string(), keys)
        })
        .collect();
    let (mut low, mut high, mut classes) = (f64::MAX, f64::MIN, Vec::new());
    let combinations: usize = open.iter().map(|(_, k)| k.len()).product();
    for mut n in 0..combinations {
        let mut trial = assessment.clone();
        for (id, keys) in &open {
            trial.answers.insert(id.clone(), Answer::key(&keys[n % keys.len()]));
            n /= keys.len();
        }
        let result = score(criteria, &trial);
        let total = result.total.unwrap();
        low = low.min(total);
        high = high.max(total);
        let class = result.band.map(|b| b.key.clone());
        if !classes.contains(&class) {
            classes.push(class);
        }
    }
    (low, high, classes)
}

#[test]
fn the_bounds_are_the_extremes_over_every_completion() {
    let criteria = Criteria::load(&testkit::repo().join("criteria.toml")).unwrap();
    let library = Library::load(&testkit::repo().join("practices"), &testkit::checks(&criteria)).unwrap();
    let mut incomplete = library
        .practices
        .iter()
        .filter_map(|p| p.assessment.as_ref())
        .map(|a| a.value.clone())
        .filter(|a| !score(&criteria, a).complete)
        .collect::<Vec<_>>();
    assert_eq!(incomplete.len(), 1, "the bundled library has one incomplete assessment");
    // A second case with more open questions, «ikke relevant» allowed among them.
    let mut wider = incomplete[0].clone();
    for id in ["1", "5a", "7b", "12", "20"] {
        wider.answers.remove(id);
    }
    incomplete.push(wider);
    for assessment in &incomplete {
        let found = bounds(&criteria, assessment);
        let (low, high, classes) = brute_force(&criteria, assessment);
        assert_eq!(found.total_min, Some(low));
        assert_eq!(found.total_max, Some(high));
        let decided = (classes.len() == 1).then(|| classes[0].clone()).flatten();
        assert_eq!(found.decided_class, decided, "{classes:?}");
    }
    // A complete assessment is its own bound.
    let complete = library
        .practices
        .iter()
        .find(|p| p.slug == "sprakpraksis-grimstad")
        .unwrap();
    let own = bounds(&criteria, &complete.assessment.as_ref().unwrap().value);
    assert_eq!(
        (own.total_min, own.total_max, own.decided_class.as_deref()),
        (Some(0.7902777777777777), Some(0.7902777777777777), Some("god"))
    );
}

#[test]
fn score_json_and_table_show_the_bounds() {
    let lib = testkit::Lib::new().bundled(&["jobbsentralen-nav-asker", "sprakpraksis-grimstad"]);
    let json = lib.run(&["score", "--format", "json"]).json();
    let by_slug = |slug: &str| {
        json["practices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["slug"] == slug)
            .unwrap()
            .clone()
    };
    let open = by_slug("jobbsentralen-nav-asker");
    assert!(open["total_min"].as_f64().unwrap() < open["total"].as_f64().unwrap());
    assert!(open["total_max"].as_f64().unwrap() > open["total"].as_f64().unwrap());
    assert_eq!(open["class_decided"], false);
    let done = by_slug("sprakpraksis-grimstad");
    assert_eq!(
        (&done["total_min"], &done["total_max"], &done["class_decided"]),
        (&done["total"], &done["total"], &serde_json::json!(true))
    );
    let table = lib.run(&["score"]).stdout;
    assert!(table.contains("| incomplete (43–56%)"), "{table}");
}

/// The sheet and the site's page of an incomplete assessment say where its total can still end (issue 14 §6).
#[test]
fn the_sheet_and_the_site_show_the_reachable_range() {
    let lib = testkit::Lib::new().bundled(&["jobbsentralen-nav-asker"]);
    lib.run(&["render", "--quiet"]);
    let sheet = lib.read("anbefalinger/jobbsentralen-nav-asker.md");
    let line = sheet
        .lines()
        .find(|l| l.starts_with("Ufullstendig vurdering – "))
        .unwrap_or_else(|| panic!("{sheet}"));
    assert_eq!(
        line,
        "Ufullstendig vurdering – Foreløpig samlet score: 50 % (kan ende mellom 43 og 56 %)"
    );
    lib.run(&["site", "--quiet"]);
    let page = lib.read("site/praksis/jobbsentralen-nav-asker.html");
    assert!(
        page.contains("Foreløpig samlet score: kan ende mellom 43 og 56 %."),
        "{page}"
    );
}
