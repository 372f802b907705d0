//! The lifecycle after «vurdert»: `[lifecycle]` in `practice.toml` is checked (unknown keys, dates, phases in
//! order), shown on the sheet (a withdrawn practice as learning, never as recommended) and filterable in `list`.

use testkit::Lib;

const GRIMSTAD: &str = "practices/sprakpraksis-grimstad/practice.toml";

const FOLLOWED_UP: &str = r#"
[lifecycle.roles]
assessed = "IMDi, fagavdelingen"
disseminated = "IMDis kommunikasjonsseksjon"

[lifecycle.recommended]
date = 2019-05-02
by = "IMDi"
approval = "IMDi anbefaler"

[[lifecycle.disseminated]]
date = 2019-06-10
channel = "Nettsiden"
audience = "Kommuner"
link = "https://example.org/grimstad"

[[lifecycle.followed_up]]
date = 2021-09-01
learnt = "Flere deltakere fikk sommerjobb."
knowledge_needs = ["Varighet av arbeidsforholdet"]
decision = "develop"
"#;

/// The bundled Grimstad practice (whose assessment has no date) with `lifecycle` appended to its description.
fn grimstad_with(lifecycle: &str) -> Lib {
    let lib = Lib::new();
    testkit::copy_dir(&testkit::repo().join("practices"), &lib.join("practices"));
    let text = lib.read(GRIMSTAD);
    lib.write(GRIMSTAD, format!("{text}{lifecycle}"));
    lib
}

/// The sheet's section from `## {heading}` to the next `## ` or the dossier.
fn section<'a>(sheet: &'a str, heading: &str) -> &'a str {
    let start = sheet
        .find(&format!("\n## {heading}\n"))
        .unwrap_or_else(|| panic!("no {heading}:\n{sheet}"));
    let rest = &sheet[start + 1..];
    let end = ["\n## ", "\n<details>"]
        .iter()
        .filter_map(|stop| rest[3..].find(stop))
        .min()
        .map_or(rest.len(), |e| e + 4);
    &rest[..end]
}

#[test]
fn a_followed_up_practice_shows_its_lifecycle_on_the_sheet() {
    let lib = grimstad_with(FOLLOWED_UP);
    lib.run(&["validate"]).code(0);
    lib.run(&["render", "--quiet"]).code(0);
    let sheet = lib.read("anbefalinger/sprakpraksis-grimstad.md");
    assert_eq!(
        section(&sheet, "Livsløp"),
        "## Livsløp

**Status:** Fulgt opp

| Dato | Steg | Detaljer |
| --- | --- | --- |
| 2019-05-02 | Anbefalt | av IMDi – IMDi anbefaler |
| 2019-06-10 | Formidlet | [Nettsiden](https://example.org/grimstad) – Kommuner |
| 2021-09-01 | Fulgt opp | Flere deltakere fikk sommerjobb. – Varighet av arbeidsforholdet – Beslutning: videreutvikle |

### Ansvar per fase

- **Vurdert:** IMDi, fagavdelingen
- **Formidlet:** IMDis kommunikasjonsseksjon

"
    );
    assert!(!sheet.contains("står i kunnskapsbasen som læring"));
}

#[test]
fn a_withdrawn_practice_is_shown_as_learning() {
    let lib = grimstad_with(&format!(
        "{FOLLOWED_UP}\n[lifecycle.withdrawn]\ndate = 2023-01-15\nreason = \"Arbeidsgiveren trakk seg.\"\n"
    ));
    lib.run(&["validate"]).code(0);
    lib.run(&["render", "--quiet"]).code(0);
    let sheet = lib.read("anbefalinger/sprakpraksis-grimstad.md");
    let notice = "> **Trukket: praksisen er ikke anbefalt, men står i kunnskapsbasen som læring. Begrunnelse: \
                  Arbeidsgiveren trakk seg.**";
    let first_section = sheet.find("\n## ").unwrap();
    assert!(sheet[..first_section].contains(notice), "{sheet}");
    assert!(section(&sheet, "Livsløp").starts_with("## Livsløp\n\n**Status:** Trukket\n"));
}

#[test]
fn list_filters_by_lifecycle_state() {
    let lib = grimstad_with(FOLLOWED_UP);
    let slugs = |state: &str| -> Vec<String> {
        let json = lib
            .run(&["list", "--lifecycle", state, "--format", "json"])
            .code(0)
            .json();
        json["practices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| format!("{} {}", p["slug"].as_str().unwrap(), p["lifecycle"]))
            .collect()
    };
    assert_eq!(slugs("followed-up"), ["sprakpraksis-grimstad \"followed-up\""]);
    assert_eq!(slugs("Fulgt opp"), ["sprakpraksis-grimstad \"followed-up\""]);
    let none = slugs("none");
    assert_eq!(none.len(), 12, "{none:?}");
    assert!(none
        .iter()
        .all(|s| s.ends_with(" null") && !s.starts_with("sprakpraksis-grimstad")));
    assert!(slugs("withdrawn").is_empty());
    let run = lib.run(&["list", "--lifecycle", "publisert"]).code(2);
    assert!(
        run.stderr
            .contains("unknown lifecycle state `publisert`; valid states: recommended (Anbefalt)"),
        "{}",
        run.stderr
    );
}

/// `validate --message-format short` lines of the practice's own file.
fn findings(lib: &Lib) -> Vec<String> {
    let run = lib.run(&["validate", "--message-format", "short"]);
    run.stdout
        .lines()
        .chain(run.stderr.lines())
        .filter(|l| l.contains("sprakpraksis-grimstad/practice.toml"))
        .map(|l| l.split_once("practice.toml:").map_or(l, |(_, rest)| rest).to_string())
        .collect()
}

#[test]
fn phases_out_of_order_unknown_keys_and_future_dates_are_findings() {
    let lib = grimstad_with(
        r#"
[lifecycle.recommended]
date = 2019-05-02
by = "IMDi"
approvd = "IMDi anbefaler"

[[lifecycle.disseminated]]
date = 2019-04-01
channel = "Nettsiden"

[[lifecycle.followed_up]]
date = 2030-01-01
learnt = "x"
decision = "reassess"

[lifecycle.not_recommended]
date = 2020
reason = "Begge deler"
"#,
    );
    let found = findings(&lib);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(
        found
            .iter()
            .any(|l| l.contains("lifecycle.recommended.approvd: unknown key `approvd`")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|l| l
                .contains("lifecycle.disseminated[0].date (2019-04-01) lies before the recommendation (2019-05-02)")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|l| l.contains("lifecycle.followed_up[0].date (2030-01-01) lies in the future")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|l| l.contains("cannot be both «anbefalt»")),
        "{found:#?}"
    );
}

#[test]
fn a_follow_up_needs_an_assessment_and_dissemination_a_recommendation() {
    let lib = Lib::new().practice(
        "ny",
        &[(
            "practice.toml",
            &format!(
                "{}\n[[lifecycle.disseminated]]\ndate = 2019\nchannel = \"Nettsiden\"\n\n[[lifecycle.followed_up]]\ndate = 2020\nlearnt = \"Lite\"\ndecision = \"withdraw\"\n",
                testkit::practice_toml("Ny")
            ),
        )],
    );
    let run = lib.run(&["validate", "--message-format", "short"]).code(1);
    let errors: Vec<&str> = run
        .stdout
        .lines()
        .chain(run.stderr.lines())
        .map(str::trim)
        .filter(|l| l.starts_with("error"))
        .map(|l| l.split_once(": lifecycle.").map_or(l, |(_, rest)| rest))
        .collect();
    assert_eq!(
        errors,
        [
            "disseminated: lifecycle.disseminated is given, but lifecycle.recommended is not (a recommendation comes first)",
            "followed_up: lifecycle.followed_up is given, but the practice has no assessment (phase 3 comes first)"
        ],
        "{}",
        run.all()
    );
}

/// The site's practice page shows the same: the learning notice first, then the «Livsløp» section with the state,
/// every step and the roles.
#[test]
fn the_site_page_shows_the_lifecycle_and_a_withdrawn_practice_as_learning() {
    let lib = grimstad_with(&format!(
        "{FOLLOWED_UP}\n[lifecycle.withdrawn]\ndate = 2023-01-15\nreason = \"Arbeidsgiveren trakk seg.\"\n"
    ));
    lib.run(&["site", "--quiet"]).code(0);
    let page = scraper::Html::parse_document(&lib.read("site/praksis/sprakpraksis-grimstad.html"));
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let text = |element: scraper::ElementRef| element.text().collect::<String>();
    let notice: Vec<String> = page.select(&select(".notice-learning")).map(text).collect();
    assert_eq!(
        notice,
        ["Trukket: praksisen er ikke anbefalt, men står i kunnskapsbasen som læring. Begrunnelse: Arbeidsgiveren trakk seg."]
    );
    let section = page
        .select(&select("section[aria-labelledby=h-lifecycle]"))
        .next()
        .expect("a lifecycle section");
    assert_eq!(text(section.select(&select("h2")).next().unwrap()), "Livsløp");
    assert_eq!(text(section.select(&select("p")).next().unwrap()), "Status: Trukket");
    let steps: Vec<String> = section.select(&select("ul:first-of-type > li")).map(text).collect();
    assert_eq!(steps.len(), 4, "{steps:?}");
    assert!(steps[0].starts_with("2019-05-02 – "), "{steps:?}");
    let roles: Vec<String> = section.select(&select("h3 + ul > li")).map(text).collect();
    assert_eq!(roles.len(), 2, "{roles:?}");
}
