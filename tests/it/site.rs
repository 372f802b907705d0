//! `practice site`: structure tests of the generated website, without a browser (tests/browser/ has those).
//! The HTML parses, every card has its slug, nothing loads from another host, no inline script or style, user
//! text cannot become markup or a `javascript:` link, `data/index.js` is JSON behind one assignment, the output
//! is deterministic and a second build rewrites nothing.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use scraper::{Html, Selector};
use tempfile::TempDir;

fn manifest() -> PathBuf {
    testkit::repo()
}

/// The bundled library.
fn library() -> PathBuf {
    manifest().join("practices")
}

fn practice() -> Command {
    testkit::command()
}

/// Build the site of `root` (with the repository's criteria) into `out`; returns (exit code, stdout, stderr).
fn site(root: &Path, out: &Path, extra: &[&str]) -> (i32, String, String) {
    let output = practice()
        .arg("--criteria")
        .arg(manifest().join("criteria.toml"))
        .arg("--root")
        .arg(root)
        .arg("site")
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn html_files(dir: &Path) -> Vec<(PathBuf, String)> {
    files(dir)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// `data/index.js` as JSON: the marker line and the assignment stripped.
fn index_data(out: &Path) -> serde_json::Value {
    let js = fs::read_to_string(out.join("data/index.js")).unwrap();
    let body = js
        .lines()
        .find(|l| l.starts_with("window.PRACTICE_INDEX = "))
        .expect("the assignment");
    let json = body
        .trim_start_matches("window.PRACTICE_INDEX = ")
        .trim_end_matches(';');
    serde_json::from_str(json).expect("index.js holds JSON")
}

/// The structural rules every page keeps: it parses without errors, carries the CSP, loads nothing from another
/// host, and has no inline script, style or event handler.
fn assert_page_rules(path: &Path, text: &str) {
    let doc = Html::parse_document(text);
    assert!(
        doc.errors.is_empty(),
        "{}: parse errors {:?}",
        path.display(),
        doc.errors
    );
    let csp = doc
        .select(&sel("meta[http-equiv=Content-Security-Policy]"))
        .next()
        .unwrap_or_else(|| panic!("{}: no CSP", path.display()));
    assert_eq!(
        csp.value().attr("content"),
        Some("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'")
    );
    for el in doc.select(&sel("script, link, img, iframe, object, embed, source")) {
        let v = el.value();
        for attr in ["src", "href", "srcset", "data"] {
            if let Some(url) = v.attr(attr) {
                assert!(
                    !url.contains(':') && !url.starts_with("//"),
                    "{}: <{}> loads {url}",
                    path.display(),
                    v.name()
                );
            }
        }
        if v.name() == "script" {
            assert!(el.inner_html().trim().is_empty(), "{}: inline script", path.display());
        }
    }
    assert_eq!(doc.select(&sel("style")).count(), 0, "{}: <style>", path.display());
    for el in doc.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            assert!(!name.starts_with("on"), "{}: {name}= attribute", path.display());
            assert_ne!(name, "style", "{}: style= attribute", path.display());
            if name == "href" {
                let lower = value.to_ascii_lowercase();
                assert!(
                    !lower.contains(':') || ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)),
                    "{}: href={value}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_bundled_library_gives_a_well_formed_site() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("site");
    let (code, stdout, stderr) = site(&library(), &out, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");

    let pages = html_files(&out);
    assert!(pages.len() > 3, "{pages:?}");
    for (path, text) in &pages {
        assert_page_rules(path, text);
    }

    let data = index_data(&out);
    let practices = data["practices"].as_array().unwrap();
    let index = Html::parse_document(&fs::read_to_string(out.join("index.html")).unwrap());
    let cards: Vec<String> = index
        .select(&sel("#results li.card"))
        .map(|c| {
            c.value()
                .attr("data-slug")
                .expect("every card has data-slug")
                .to_string()
        })
        .collect();
    let slugs: Vec<&str> = practices.iter().map(|p| p["slug"].as_str().unwrap()).collect();
    assert_eq!(cards, slugs, "cards and index.js in the same order");
    for slug in &slugs {
        assert!(out.join(format!("praksis/{slug}.html")).is_file(), "{slug}");
    }
    // Score order: totals descending, none last.
    let totals: Vec<i64> = practices.iter().map(|p| p["total"].as_i64().unwrap_or(-1)).collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");

    // Grimstad's numbers, as integer percentages.
    let grimstad = practices.iter().find(|p| p["slug"] == "sprakpraksis-grimstad").unwrap();
    assert_eq!(grimstad["total"], 79);
    assert_eq!(grimstad["sub"], serde_json::json!([69, 80, 100, 67]));
    assert_eq!(grimstad["class"], "god");
    // Facet indices point into the facet's values.
    for p in practices {
        for (key, ix) in p["facets"].as_object().unwrap() {
            let facet = data["facets"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["key"] == *key)
                .unwrap();
            let n = facet["values"].as_array().unwrap().len() as u64;
            assert!(ix.as_array().unwrap().iter().all(|i| i.as_u64().unwrap() < n));
        }
    }
    // Folded, prefix-searchable terms with delta-encoded postings.
    let terms = data["terms"].as_object().unwrap();
    let grimstad_ix = slugs.iter().position(|s| *s == "sprakpraksis-grimstad").unwrap() as u64;
    let decode = |deltas: &serde_json::Value| {
        let mut at = 0;
        deltas
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                at += d.as_u64().unwrap();
                at
            })
            .collect::<Vec<u64>>()
    };
    assert!(decode(&terms["sprakpraksis"]).contains(&grimstad_ix));
    assert!(!terms.contains_key("språkpraksis"), "terms are folded");
    assert!(terms.values().all(|d| decode(d).windows(2).all(|w| w[0] < w[1])));

    // The about page and the practice page's sheet.
    assert!(out.join("om-vurderingene.html").is_file());
    let sheet = Html::parse_document(&fs::read_to_string(out.join("praksis/sprakpraksis-grimstad.html")).unwrap());
    assert_eq!(sheet.select(&sel(".sheet .grade .score")).count(), 5);
    assert_eq!(sheet.select(&sel("details.dossier")).count(), 1);
    assert_eq!(
        sheet.select(&sel(".grade li")).count(),
        0,
        "no criterion below the band's level"
    );
    // Øygarden has Økonomi/ressurser at 25 %: «Lovende praksis», and the page names the failed condition of «God
    // praksis» (the class reason).
    let oygarden = Html::parse_document(&fs::read_to_string(out.join("praksis/oygarden-modellen.html")).unwrap());
    let below: Vec<String> = oygarden
        .select(&sel(".grade li"))
        .map(|li| li.text().collect::<String>())
        .collect();
    assert_eq!(below, ["Økonomi/ressurser må ha mer enn 25 %, men har 25 %"]);
    assert_eq!(
        sheet.select(&sel("h1")).next().unwrap().text().collect::<String>(),
        "Språkpraksis i Grimstad"
    );
}

#[test]
fn the_build_is_deterministic_and_a_second_build_rewrites_nothing() {
    let dir = TempDir::new().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert_eq!(site(&library(), &a, &[]).0, 0);
    assert_eq!(site(&library(), &b, &[]).0, 0);
    assert_eq!(files(&a), files(&b), "two builds, identical bytes");
    let before: BTreeMap<PathBuf, std::time::SystemTime> = files(&a)
        .keys()
        .map(|p| (p.clone(), fs::metadata(a.join(p)).unwrap().modified().unwrap()))
        .collect();
    let (code, stdout, _) = site(&library(), &a, &[]);
    assert_eq!(code, 0);
    assert!(stdout.contains(" 0 created, 0 updated"), "{stdout}");
    for (p, t) in before {
        assert_eq!(
            fs::metadata(a.join(&p)).unwrap().modified().unwrap(),
            t,
            "{} rewritten",
            p.display()
        );
    }
}

/// A library of one practice with hostile text in every field the site shows.
fn hostile_library() -> TempDir {
    let dir = TempDir::new().unwrap();
    let from = manifest().join("tests/fixtures/render/library/sprakpraksis-grimstad");
    let to = dir.path().join("practices/farlig");
    fs::create_dir_all(&to).unwrap();
    for name in ["assessment.toml", "evidence.toml"] {
        fs::copy(from.join(name), to.join(name)).unwrap();
    }
    let text = fs::read_to_string(from.join("practice.toml")).unwrap();
    let text = text
        .replace(
            "name = \"Språkpraksis i Grimstad\"",
            "name = \"<script>alert(1)</script> \\\"quoted\\\" & <img src=x onerror=alert(2)>\"",
        )
        .replace(
            "municipality = \"Grimstad kommune\"",
            "municipality = \"\\\"><b onmouseover=alert(3)>\"",
        )
        .replace(
            "url = \"https://www.imdi.no/case/sprakpraksis-i-grimstad\"",
            "url = \"javascript:alert(4)\"",
        )
        .replace("Språkopplæring", "<style>body{}</style>");
    fs::write(to.join("practice.toml"), text).unwrap();
    dir
}

#[test]
fn hostile_text_stays_text() {
    let lib = hostile_library();
    let out = lib.path().join("site");
    let (code, stdout, stderr) = site(&lib.path().join("practices"), &out, &[]);
    assert!(code == 0 || code == 1, "{stdout}{stderr}");
    for (path, text) in html_files(&out) {
        assert_page_rules(&path, &text);
        let doc = Html::parse_document(&text);
        assert_eq!(doc.select(&sel("b, img, style")).count(), 0, "{}", path.display());
        // Scripts: only the two the index loads, none on a practice page.
        let scripts: Vec<_> = doc
            .select(&sel("script"))
            .map(|s| s.value().attr("src").unwrap_or("").to_string())
            .collect();
        assert!(
            scripts.iter().all(|s| s == "data/index.js" || s == "assets/app.js"),
            "{scripts:?}"
        );
        assert!(!text.to_ascii_lowercase().contains("javascript:"), "{}", path.display());
    }
    let page = fs::read_to_string(out.join("praksis/farlig.html")).unwrap();
    let doc = Html::parse_document(&page);
    let h1: String = doc.select(&sel("h1")).next().unwrap().text().collect();
    assert_eq!(
        h1,
        "<script>alert(1)</script> \"quoted\" & <img src=x onerror=alert(2)>"
    );
    // The JSON keeps the name as data.
    let data = index_data(&out);
    assert_eq!(data["practices"][0]["name"], h1.as_str());
}

#[test]
fn a_hand_written_file_is_never_overwritten_and_prune_removes_only_generated_pages() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("site");
    fs::create_dir_all(out.join("praksis")).unwrap();
    fs::write(out.join("index.html"), "<!DOCTYPE html><title>mine</title>").unwrap();
    let (code, _, stderr) = site(&library(), &out, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("did not write"), "{stderr}");
    assert_eq!(
        fs::read_to_string(out.join("index.html")).unwrap(),
        "<!DOCTYPE html><title>mine</title>"
    );
    assert!(!out.join("data/index.js").exists(), "nothing written");

    fs::remove_file(out.join("index.html")).unwrap();
    assert_eq!(site(&library(), &out, &[]).0, 0);
    // A page of a practice that left the library (a copy of a generated page), and a hand-written one.
    let generated = fs::read_to_string(out.join("praksis/sprakpraksis-grimstad.html")).unwrap();
    fs::write(out.join("praksis/gone.html"), generated).unwrap();
    fs::write(out.join("praksis/notes.html"), "<!DOCTYPE html><p>mine</p>").unwrap();
    let (code, _, stderr) = site(&library(), &out, &[]);
    assert_eq!(code, 0);
    assert!(
        stderr.contains("gone.html") && !stderr.contains("notes.html"),
        "{stderr}"
    );
    let (code, stdout, _) = site(&library(), &out, &["--prune"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("deleted") && stdout.contains("gone.html"), "{stdout}");
    assert!(!out.join("praksis/gone.html").exists());
    assert!(out.join("praksis/notes.html").exists());
}

#[test]
fn an_old_slug_gets_a_redirect_page_and_links_by_it_resolve() {
    let lib = testkit::Lib::new()
        .practice(
            "ny",
            &[(
                "practice.toml",
                &format!("aliases = [\"gammel\"]\n{}", testkit::practice_toml("Ny praksis")),
            )],
        )
        .practice(
            "lenker",
            &[(
                "practice.toml",
                &format!("{}\n[[related]]\nslug = \"gammel\"\n", testkit::practice_toml("Lenker")),
            )],
        );
    let out = lib.join("nett");
    let (code, stdout, stderr) = site(&lib.join("practices"), &out, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");

    let page = fs::read_to_string(out.join("praksis/gammel.html")).unwrap();
    assert_page_rules(Path::new("praksis/gammel.html"), &page);
    let doc = Html::parse_document(&page);
    let refresh = doc.select(&sel("meta[http-equiv=refresh]")).next().unwrap();
    assert_eq!(refresh.value().attr("content"), Some("0; url=ny.html"));
    let links: Vec<&str> = doc
        .select(&sel("main a"))
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(links, ["ny.html"]);
    assert!(out.join("praksis/ny.html").is_file());
    // The related link by the old slug goes to the practice's page.
    let lenker = Html::parse_document(&fs::read_to_string(out.join("praksis/lenker.html")).unwrap());
    let hrefs: Vec<&str> = lenker
        .select(&sel("a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"ny.html") && !hrefs.contains(&"gammel.html"),
        "{hrefs:?}"
    );

    // The redirect is the site's own file: a second build leaves it, and once the alias is gone it is stale.
    let (_, stdout, _) = site(&lib.join("practices"), &out, &[]);
    assert!(stdout.contains(" 0 created, 0 updated"), "{stdout}");
    lib.write("practices/ny/practice.toml", testkit::practice_toml("Ny praksis"));
    let (_, _, stderr) = site(&lib.join("practices"), &out, &["--prune"]);
    assert!(!out.join("praksis/gammel.html").exists(), "{stderr}");
}

/// The about page and `criteria --format markdown` take their words from `[labels]`: a criteria file that sets one
/// key changes exactly that text and nothing else.
#[test]
fn the_about_page_and_the_criteria_page_take_their_words_from_the_labels() {
    let plain = testkit::Lib::new().bundled(&["sprakpraksis-grimstad"]);
    let criteria = testkit::bundled_criteria_text();
    let own = testkit::Lib::new().bundled(&["sprakpraksis-grimstad"]).criteria(
        &criteria
            .replace(
                "about_page_bands_heading = \"Klassene\"",
                "about_page_bands_heading = \"Classes\"",
            )
            .replace("criteria_page_weight = \"Vekt\"", "criteria_page_weight = \"Weight\""),
    );
    assert_ne!(criteria, own.read("criteria.toml"), "the bundled file sets both keys");
    let markdown = |lib: &testkit::Lib| lib.run(&["criteria", "--format", "markdown"]).code(0).stdout;
    assert_eq!(
        markdown(&own),
        markdown(&plain).replace(
            "| Id | Spørsmål | Skala | Vekt | Hint |",
            "| Id | Spørsmål | Skala | Weight | Hint |"
        )
    );
    let about = |lib: &testkit::Lib| {
        lib.run(&["site", "-q", "--out", "site"]);
        lib.read("site/om-vurderingene.html")
    };
    assert_eq!(
        about(&own),
        about(&plain).replace("<h2 id=\"h-bands\">Klassene</h2>", "<h2 id=\"h-bands\">Classes</h2>")
    );
}
