//! Checks of a criteria file, and loading one: a criteria file is only used once it is checked.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diagnostic::{Code, Finding, KeyPath, Severity};
use crate::load::source::{Format, SourceFile};
use crate::model::criteria::*;
use crate::model::number::{self, Ratio};

/// The keys of the site's URL fragment (`index.html#q=…&class=…`), which a facet key may not take.
pub const SITE_STATE_KEYS: [&str; 7] = ["q", "class", "min", "max", "phase", "sort", "illustration"];

impl Criteria {
    /// Read and check a criteria file.
    pub fn load(path: &Path) -> Result<Criteria, Vec<Finding>> {
        let source = SourceFile::read(path).map_err(|f| vec![f])?;
        Criteria::from_source(&source)
    }

    /// Parse and check criteria from TOML text (named `criteria.toml` in findings): for tests, fuzzing and tools
    /// that hold the text already.
    pub fn from_toml_str(text: &str) -> Result<Criteria, Vec<Finding>> {
        let source = SourceFile::from_text(Path::new("criteria.toml"), Format::Toml, text.to_string());
        Criteria::from_source(&source)
    }

    /// Parse and check criteria from a source file. All problems are returned at once.
    pub fn from_source(source: &SourceFile) -> Result<Criteria, Vec<Finding>> {
        let mut criteria: Criteria = source.parse().map_err(|f| vec![f])?;
        let findings = criteria.check(source);
        if findings.iter().any(Finding::is_error) {
            return Err(findings);
        }
        criteria.warnings = findings;
        criteria.build_index();
        Ok(criteria)
    }

    /// Every check of the criteria, in file order; each part below is one named check.
    fn check(&self, source: &SourceFile) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut err = |path: KeyPath, code: Code, message: String| {
            out.push(source.finding(Severity::Error, code, path, message));
        };
        self.check_identity(&mut err);
        self.check_scales(&mut err);
        let question_ids = self.check_criteria_and_questions(&mut err);
        self.check_replaces(&question_ids, &mut err);
        self.check_nomination(&mut err);
        self.check_question_fields(&mut err);
        self.check_classification(&mut err);
        self.check_class_rules(&mut err);
        self.check_question_evidence_kinds(&mut err);
        self.check_unique_keys(&mut err);
        for (path, message) in self.not_scored() {
            out.push(source.finding(Severity::Warning, Code::NotScored, path, message));
        }
        out
    }

    /// Criteria that can earn no points (every question has weight 0): they are not scored, and validation says
    /// so (a warning). Criterion weights that add up to 0 are an error ([`Criteria::check_criteria_and_questions`]).
    fn not_scored(&self) -> Vec<(KeyPath, String)> {
        let mut out = Vec::new();
        for (ci, criterion) in self.criteria.iter().enumerate() {
            let scored = walk_questions(&criterion.questions, KeyPath::root())
                .iter()
                .any(|(q, _)| q.weight > 0.0);
            if !criterion.questions.is_empty() && !scored {
                out.push((
                    KeyPath::root().key("criteria").index(ci),
                    format!(
                        "criterion `{}` can earn no points (every question has weight 0): it is not scored, has no sub-score and does not count in the total",
                        criterion.id
                    ),
                ));
            }
        }
        out
    }

    /// `id` and `version` are set; the «not applicable» key is not empty.
    fn check_identity(&self, err: &mut impl FnMut(KeyPath, Code, String)) {
        let root = KeyPath::root();
        for (key, value) in [("id", &self.id), ("version", &self.version)] {
            if value.trim().is_empty() {
                err(root.key(key), Code::Empty, format!("`{key}` must not be empty"));
            }
        }
        for (i, old) in self.replaces.iter().enumerate() {
            if old == &self.id {
                err(
                    root.key("replaces").index(i),
                    Code::ReplacesCycle,
                    format!("the criteria replace their own id `{old}`"),
                );
            }
        }
        if let Some(na) = &self.not_applicable {
            if na.key.trim().is_empty() {
                err(
                    root.key("not_applicable").key("key"),
                    Code::Empty,
                    "the «not applicable» key must not be empty".into(),
                );
            }
        }
    }

    /// Each scale has options with unique keys and points that differ (0–1,000,000, at most 6 decimals), none
    /// clashing with «not applicable»; a scale that allows «not applicable» needs the `[not_applicable]` table.
    fn check_scales(&self, err: &mut impl FnMut(KeyPath, Code, String)) {
        let root = KeyPath::root();
        for (key, scale) in &self.scales {
            let path = root.key("scales").key(key.clone());
            if scale.options.is_empty() {
                err(
                    path.key("options"),
                    Code::EmptyScale,
                    format!("scale `{key}` has no options"),
                );
            }
            let mut seen = HashSet::new();
            for (i, option) in scale.options.iter().enumerate() {
                let option_path = path.key("options").index(i);
                if !seen.insert(option.key.as_str()) {
                    err(
                        option_path.key("key"),
                        Code::DuplicateId,
                        format!("option `{}` appears twice in scale `{key}`", option.key),
                    );
                }
                if let Some(problem) = number_problem(option.points) {
                    err(
                        option_path.key("points"),
                        Code::InvalidNumber,
                        format!("points of option `{}` must be {problem}", option.key),
                    );
                }
                if self.not_applicable.as_ref().is_some_and(|na| na.key == option.key) {
                    err(
                        option_path.key("key"),
                        Code::DuplicateId,
                        format!("option `{}` clashes with the «not applicable» key", option.key),
                    );
                }
            }
            if scale.not_applicable && self.not_applicable.is_none() {
                err(
                    path.key("not_applicable"),
                    Code::MissingKey,
                    format!("scale `{key}` allows «not applicable», but the file has no [not_applicable] table"),
                );
            }
            if scale.options.len() > 1
                && scale.max_points() - scale.min_points() <= 0.0
                && scale.options.iter().all(|o| o.points.is_finite())
            {
                err(
                    path.key("options"),
                    Code::InvalidScale,
                    format!("all options of scale `{key}` give the same points, so answers cannot change a score"),
                );
            }
        }
    }

    /// There are criteria; criterion and question ids are unique; weights are valid and the criterion weights do
    /// not add up to 0; every question has a known scale; sub-questions go one level deep. Returns each question id with the key path where it is defined.
    fn check_criteria_and_questions(&self, err: &mut impl FnMut(KeyPath, Code, String)) -> HashMap<&str, String> {
        let root = KeyPath::root();
        if self.criteria.is_empty() {
            err(
                root.key("criteria"),
                Code::MissingKey,
                "the file defines no criteria".into(),
            );
        }
        let weights: f64 = self.criteria.iter().map(|c| c.weight).sum();
        if !self.criteria.is_empty() && weights == 0.0 {
            err(
                root.key("criteria"),
                Code::InvalidNumber,
                "the criterion weights add up to 0, so no total can be computed: give at least one criterion a weight above 0"
                    .into(),
            );
        }
        let mut criterion_ids = HashSet::new();
        let mut question_ids: HashMap<&str, String> = HashMap::new();
        for (ci, criterion) in self.criteria.iter().enumerate() {
            let path = root.key("criteria").index(ci);
            if !criterion_ids.insert(criterion.id.as_str()) {
                err(
                    path.key("id"),
                    Code::DuplicateId,
                    format!("criterion id `{}` appears twice", criterion.id),
                );
            }
            check_weight(criterion.weight, path.key("weight"), &mut *err);
            if let Some(scale) = &criterion.scale {
                self.check_scale_ref(scale, path.key("scale"), &mut *err);
            }
            let mut stack: Vec<(&Question, KeyPath, bool)> = criterion
                .questions
                .iter()
                .enumerate()
                .rev()
                .map(|(qi, q)| (q, path.key("questions").index(qi), false))
                .collect();
            if criterion.questions.is_empty() {
                err(
                    path.key("questions"),
                    Code::MissingKey,
                    format!("criterion `{}` has no questions", criterion.id),
                );
            }
            while let Some((question, qpath, is_sub)) = stack.pop() {
                if question.id.trim().is_empty() {
                    err(qpath.key("id"), Code::Empty, "question id must not be empty".into());
                } else if let Some(first) = question_ids.insert(question.id.as_str(), qpath.to_string()) {
                    err(
                        qpath.key("id"),
                        Code::DuplicateId,
                        format!("question id `{}` appears twice (first at {first})", question.id),
                    );
                }
                check_weight(question.weight, qpath.key("weight"), &mut *err);
                match question.scale.as_ref().or(criterion.scale.as_ref()) {
                    Some(scale) => {
                        if question.scale.is_some() {
                            self.check_scale_ref(scale, qpath.key("scale"), &mut *err);
                        }
                    }
                    None => err(
                        qpath.clone(),
                        Code::MissingKey,
                        format!("question `{}` has no scale, and its criterion sets none", question.id),
                    ),
                }
                if question.not_applicable == Some(true) && self.not_applicable.is_none() {
                    err(
                        qpath.key("not_applicable"),
                        Code::MissingKey,
                        format!(
                            "question `{}` allows «not applicable», but the file has no [not_applicable] table",
                            question.id
                        ),
                    );
                }
                if is_sub && !question.sub.is_empty() {
                    err(
                        qpath.key("sub"),
                        Code::TooDeep,
                        format!(
                            "sub-question `{}` has sub-questions of its own; only one level is allowed",
                            question.id
                        ),
                    );
                }
                for (si, sub) in question.sub.iter().enumerate().rev() {
                    stack.push((sub, qpath.key("sub").index(si), true));
                }
            }
        }
        question_ids
    }

    /// `replaces` must not name a current id, two questions must not replace the same id, and chains of
    /// `replaces` must not form a cycle.
    fn check_replaces(&self, question_ids: &HashMap<&str, String>, err: &mut impl FnMut(KeyPath, Code, String)) {
        let root = KeyPath::root();
        let mut replaced: HashMap<&str, &str> = HashMap::new();
        for (ci, criterion) in self.criteria.iter().enumerate() {
            for (question, qpath) in
                walk_questions(&criterion.questions, root.key("criteria").index(ci).key("questions"))
            {
                let Some(old) = question.replaces.as_deref() else {
                    continue;
                };
                if old == question.id {
                    err(
                        qpath.key("replaces"),
                        Code::ReplacesCycle,
                        format!("question `{}` replaces itself", question.id),
                    );
                } else if let Some(other) = replaced.insert(old, question.id.as_str()) {
                    err(
                        qpath.key("replaces"),
                        Code::DuplicateId,
                        format!("`{old}` is replaced by both `{other}` and `{}`", question.id),
                    );
                }
            }
        }
        for (ci, criterion) in self.criteria.iter().enumerate() {
            for (question, qpath) in
                walk_questions(&criterion.questions, root.key("criteria").index(ci).key("questions"))
            {
                let Some(old) = question.replaces.as_deref() else {
                    continue;
                };
                if old == question.id {
                    // Reported above as replacing itself.
                    continue;
                }
                // Follow the chain old → whoever replaces old's own id …; coming back to this question is a cycle.
                let mut seen = HashSet::from([question.id.as_str()]);
                let mut current = old;
                while question_ids.contains_key(current) {
                    if !seen.insert(current) {
                        err(
                            qpath.key("replaces"),
                            Code::ReplacesCycle,
                            format!(
                                "`replaces` of question `{}` forms a cycle through `{current}`",
                                question.id
                            ),
                        );
                        break;
                    }
                    match find_question(&self.criteria, current).and_then(|q| q.replaces.as_deref()) {
                        Some(next) => current = next,
                        None => {
                            err(
                                qpath.key("replaces"),
                                Code::ReplacesCurrent,
                                format!(
                                    "question `{}` replaces `{old}`, which is still a question in this file",
                                    question.id
                                ),
                            );
                            break;
                        }
                    }
                }
            }
        }
    }

    /// Nomination rules name top-level keys of practice files.
    fn check_nomination(&self, err: &mut impl FnMut(KeyPath, Code, String)) {
        let root = KeyPath::root();
        for (i, key) in self.nomination.required.iter().enumerate() {
            if !crate::model::Practice::TOP_LEVEL_KEYS.contains(&key.as_str()) {
                let hint =
                    crate::diagnostic::suggest::closest(key, crate::model::Practice::TOP_LEVEL_KEYS.iter().copied())
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                err(
                    root.key("nomination").key("required").index(i),
                    Code::UnknownKey,
                    format!("`{key}` is not a key of practice files{hint}"),
                );
            }
        }
    }

    /// `fields` of a question name keys of the description template, or `name` / `summary`.
    fn check_question_fields(&self, err: &mut impl FnMut(KeyPath, Code, String)) {
        let root = KeyPath::root();
        let known = || {
            let template = self.template.iter().map(|f| f.key.as_str());
            template.chain(Question::TOP_LEVEL_FIELDS.iter().copied())
        };
        for (ci, criterion) in self.criteria.iter().enumerate() {
            for (question, qpath) in
                walk_questions(&criterion.questions, root.key("criteria").index(ci).key("questions"))
            {
                for (i, key) in question.fields.iter().enumerate() {
                    if !known().any(|k| k == key) {
                        let hint = crate::diagnostic::suggest::closest(key, known())
                            .map(|s| format!(" (did you mean `{s}`?)"))
                            .unwrap_or_default();
                        err(
                            qpath.key("fields").index(i),
                            Code::UnknownKey,
                            format!(
                                "question `{}`: `{key}` is neither a key of the description template nor `name` or \
                                 `summary`{hint}",
                                question.id
                            ),
                        );
                    }
                }
            }
        }
    }

    /// Bands: at least one, unique keys, `min` within 0–1, starting at 0 and ascending; the judgement zone within
    /// 0 ≤ from ≤ to ≤ 1.
    fn check_classification(&self, err: &mut impl FnMut(KeyPath, Code, String)) {
        let root = KeyPath::root();
        let bands = &self.classification.bands;
        let bands_path = root.key("classification").key("bands");
        if bands.is_empty() {
            err(
                bands_path.clone(),
                Code::MissingKey,
                "classification needs at least one band".into(),
            );
        }
        let mut band_keys = HashSet::new();
        for (i, band) in bands.iter().enumerate() {
            if !band_keys.insert(band.key.as_str()) {
                err(
                    bands_path.index(i).key("key"),
                    Code::DuplicateId,
                    format!("band `{}` appears twice", band.key),
                );
            }
            if !(0.0..=1.0).contains(&band.min) {
                err(
                    bands_path.index(i).key("min"),
                    Code::InvalidNumber,
                    format!("band `{}` starts at {}, outside 0–1", band.key, band.min),
                );
            }
            if i == 0 && band.min != 0.0 {
                err(
                    bands_path.index(i).key("min"),
                    Code::InvalidNumber,
                    "the first band must start at 0, so every total has a class".into(),
                );
            }
            // Cumulative levels may share a threshold: their conditions tell them apart.
            let cumulative = self.classification.cumulative;
            if i > 0 && (band.min < bands[i - 1].min || (!cumulative && band.min == bands[i - 1].min)) {
                err(
                    bands_path.index(i).key("min"),
                    Code::InvalidNumber,
                    if cumulative {
                        "cumulative bands must be listed in non-descending order of `min`".into()
                    } else {
                        "bands must be listed in ascending order of `min`".into()
                    },
                );
            }
        }
        if let Some(zone) = self.classification.judgement_zone {
            if !(zone.from.is_finite()
                && zone.to.is_finite()
                && 0.0 <= zone.from
                && zone.from <= zone.to
                && zone.to <= 1.0)
            {
                err(
                    root.key("classification").key("judgement_zone"),
                    Code::InvalidNumber,
                    "the judgement zone must satisfy 0 ≤ from ≤ to ≤ 1".into(),
                );
            }
        }
    }

    /// The rules of classification beyond the total: every floor names a criterion and has exactly one of `min`
    /// and `above` (0–1); every gate names a question and passes only answers it can have; every evidence
    /// requirement names declared kinds and asks for at least one row; every facet threshold names a declared
    /// facet and a band other than the first, and keeps the bands ascending; the first band has no condition, so
    /// every complete assessment has a class.
    fn check_class_rules(&self, err: &mut impl FnMut(KeyPath, Code, String)) {
        let bands_path = KeyPath::root().key("classification").key("bands");
        let bands = &self.classification.bands;
        for (bi, band) in bands.iter().enumerate() {
            let path = bands_path.index(bi);
            if bi == 0 && band.has_rules() {
                err(
                    path.clone(),
                    Code::InvalidRule,
                    format!(
                        "the first band `{}` must not have floors, gates or evidence requirements: every complete assessment gets at least the first band",
                        band.key
                    ),
                );
            }
            for (i, floor) in band.floors.iter().enumerate() {
                let fpath = path.key("floors").index(i);
                if self.criterion(&floor.criterion).is_none() {
                    let hint = crate::diagnostic::suggest::closest(
                        &floor.criterion,
                        self.criteria.iter().map(|c| c.id.as_str()),
                    )
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                    err(
                        fpath.key("criterion"),
                        Code::InvalidRule,
                        format!(
                            "band `{}`: floor on unknown criterion `{}`{hint}",
                            band.key, floor.criterion
                        ),
                    );
                }
                match (floor.min, floor.above) {
                    (Some(_), Some(_)) | (None, None) => err(
                        fpath.clone(),
                        Code::InvalidRule,
                        format!(
                            "band `{}`: a floor on `{}` needs exactly one of `min` (at least) and `above` (more than)",
                            band.key, floor.criterion
                        ),
                    ),
                    (Some(value), None) | (None, Some(value)) => {
                        if !(0.0..=1.0).contains(&value) {
                            let key = if floor.min.is_some() { "min" } else { "above" };
                            err(
                                fpath.key(key),
                                Code::InvalidNumber,
                                format!(
                                    "band `{}`: the floor on `{}` is {value}, outside 0–1",
                                    band.key, floor.criterion
                                ),
                            );
                        }
                    }
                }
            }
            for (i, gate) in band.gates.iter().enumerate() {
                self.check_gate(
                    gate,
                    path.key("gates").index(i),
                    &format!("band `{}`", band.key),
                    &mut *err,
                );
            }
            for (i, requirement) in band.evidence.iter().enumerate() {
                let epath = path.key("evidence").index(i);
                if requirement.kinds.is_empty() {
                    err(
                        epath.key("kinds"),
                        Code::InvalidRule,
                        format!("band `{}`: an evidence requirement names no kind", band.key),
                    );
                }
                for (ki, kind) in requirement.kinds.iter().enumerate() {
                    if !self.evidence_kinds.iter().any(|k| &k.key == kind) {
                        err(
                            epath.key("kinds").index(ki),
                            Code::InvalidRule,
                            format!("band `{}`: `{kind}` is not a declared evidence kind", band.key),
                        );
                    }
                }
                if requirement.min == 0 {
                    err(
                        epath.key("min"),
                        Code::InvalidRule,
                        format!("band `{}`: an evidence requirement of 0 rows is always met", band.key),
                    );
                }
            }
        }
        for (si, stage) in self.stages.iter().enumerate() {
            for (i, gate) in stage.gates.iter().enumerate() {
                let gpath = KeyPath::root().key("stages").index(si).key("gates").index(i);
                self.check_gate(gate, gpath, &format!("stage `{}`", stage.key), &mut *err);
            }
        }
        let tpath = KeyPath::root().key("classification").key("thresholds");
        let mut seen = HashSet::new();
        for (i, t) in self.classification.thresholds.iter().enumerate() {
            let path = tpath.index(i);
            if self.facet(&t.facet).is_none() {
                let hint = crate::diagnostic::suggest::closest(&t.facet, self.facets.iter().map(|f| f.key.as_str()))
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                err(
                    path.key("facet"),
                    Code::InvalidRule,
                    format!("`{}` is not a declared facet{hint}", t.facet),
                );
            }
            match bands.iter().position(|b| b.key == t.band) {
                None => err(
                    path.key("band"),
                    Code::InvalidRule,
                    format!("`{}` is not a band", t.band),
                ),
                Some(0) => err(
                    path.key("band"),
                    Code::InvalidRule,
                    format!("`{}` is the first band, which always starts at 0", t.band),
                ),
                Some(bi) => {
                    let below = bands[bi - 1].min;
                    let above = bands.get(bi + 1).map(|b| b.min);
                    if !(t.min > below && above.is_none_or(|a| t.min < a) && t.min <= 1.0) {
                        err(
                            path.key("min"),
                            Code::InvalidNumber,
                            format!(
                                "the threshold of `{}` for {} «{}» is {}: it must lie above the band below ({below}){} and within 0–1",
                                t.band,
                                t.facet,
                                t.value,
                                t.min,
                                above.map(|a| format!(" and below the band above ({a})")).unwrap_or_default()
                            ),
                        );
                    }
                }
            }
            if !seen.insert((t.facet.as_str(), t.value.as_str(), t.band.as_str())) {
                err(
                    path.clone(),
                    Code::DuplicateId,
                    format!(
                        "a threshold of `{}` for {} «{}» is given twice",
                        t.band, t.facet, t.value
                    ),
                );
            }
        }
    }

    /// A gate names a question and passes only answers it can have.
    fn check_gate(&self, gate: &Gate, gpath: KeyPath, owner: &str, err: &mut impl FnMut(KeyPath, Code, String)) {
        let Some(question) = self.question_for_rules(&gate.question) else {
            err(
                gpath.key("question"),
                Code::InvalidRule,
                format!("{owner}: gate on unknown question `{}`", gate.question),
            );
            return;
        };
        if gate.answers.is_empty() {
            err(
                gpath.key("answers"),
                Code::InvalidRule,
                format!("{owner}: the gate on question `{}` lets no answer pass", gate.question),
            );
        }
        for (ai, answer) in gate.answers.iter().enumerate() {
            let is_na = self.not_applicable_key() == Some(answer.as_str()) && question.1;
            if !is_na && question.0.option(answer).is_none() {
                let options: Vec<&str> = question.0.options.iter().map(|o| o.key.as_str()).collect();
                err(
                    gpath.key("answers").index(ai),
                    Code::InvalidRule,
                    format!(
                        "{owner}: `{answer}` is not an answer question `{}` can have ({})",
                        gate.question,
                        options.join(", ")
                    ),
                );
            }
        }
    }

    /// A question's scale and whether it allows «not applicable», looked up before the index is built.
    fn question_for_rules(&self, id: &str) -> Option<(&Scale, bool)> {
        for criterion in &self.criteria {
            for (question, _) in walk_questions(&criterion.questions, KeyPath::root()) {
                if question.id == id {
                    let scale = question.scale.as_ref().or(criterion.scale.as_ref())?;
                    let scale = self.scales.get(scale)?;
                    return Some((scale, question.not_applicable.unwrap_or(scale.not_applicable)));
                }
            }
        }
        None
    }

    /// A question's `evidence_kinds` name declared evidence kinds.
    fn check_question_evidence_kinds(&self, err: &mut impl FnMut(KeyPath, Code, String)) {
        for (ci, criterion) in self.criteria.iter().enumerate() {
            for (question, qpath) in walk_questions(
                &criterion.questions,
                KeyPath::root().key("criteria").index(ci).key("questions"),
            ) {
                for (i, kind) in question.evidence_kinds.iter().enumerate() {
                    if !self.evidence_kinds.iter().any(|k| &k.key == kind) {
                        let hint = crate::diagnostic::suggest::closest(
                            kind,
                            self.evidence_kinds.iter().map(|k| k.key.as_str()),
                        )
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                        err(
                            qpath.key("evidence_kinds").index(i),
                            Code::UnknownKind,
                            format!(
                                "question `{}`: `{kind}` is not a declared evidence kind{hint}",
                                question.id
                            ),
                        );
                    }
                }
            }
        }
    }

    /// Unique keys in the template, evidence kinds, facets, stages and each stage's options; every stage has
    /// options.
    fn check_unique_keys(&self, err: &mut impl FnMut(KeyPath, Code, String)) {
        let root = KeyPath::root();
        unique_keys(
            self.template.iter().map(|f| f.key.as_str()),
            root.key("template"),
            &mut *err,
        );
        unique_keys(
            self.evidence_kinds.iter().map(|k| k.key.as_str()),
            root.key("evidence_kinds"),
            &mut *err,
        );
        unique_keys(
            self.facets.iter().map(|f| f.key.as_str()),
            root.key("facets"),
            &mut *err,
        );
        // The site keeps its view in the URL fragment: a facet key may not be one of the fragment's own keys.
        for (i, facet) in self.facets.iter().enumerate() {
            if SITE_STATE_KEYS.contains(&facet.key.as_str()) {
                err(
                    root.key("facets").index(i).key("key"),
                    Code::InvalidValue,
                    format!(
                        "the facet key `{}` is one of the site's own link keys ({}): choose another key",
                        facet.key,
                        SITE_STATE_KEYS.join(", ")
                    ),
                );
            }
        }
        // A facet's vocabulary: every value and synonym names one value (compared as tags are, ignoring case).
        for (i, facet) in self.facets.iter().enumerate() {
            let mut seen = HashSet::new();
            for (v, value) in facet.values.iter().enumerate() {
                let path = root.key("facets").index(i).key("values").index(v);
                let words = std::iter::once((path.key("value"), &value.value)).chain(
                    value
                        .synonyms
                        .iter()
                        .enumerate()
                        .map(|(s, word)| (path.key("synonyms").index(s), word)),
                );
                for (path, word) in words {
                    if word.trim().is_empty() {
                        err(
                            path,
                            Code::Empty,
                            format!("an empty value in the vocabulary of facet `{}`", facet.key),
                        );
                    } else if !seen.insert(word.trim().to_lowercase()) {
                        err(
                            path,
                            Code::DuplicateId,
                            format!("«{word}» appears twice in the vocabulary of facet `{}`", facet.key),
                        );
                    }
                }
            }
        }
        unique_keys(
            self.stages.iter().map(|s| s.key.as_str()),
            root.key("stages"),
            &mut *err,
        );
        for (i, stage) in self.stages.iter().enumerate() {
            if stage.options.is_empty() {
                err(
                    root.key("stages").index(i).key("options"),
                    Code::EmptyScale,
                    format!("stage `{}` has no options", stage.key),
                );
            }
            unique_keys(
                stage.options.iter().map(|o| o.key.as_str()),
                root.key("stages").index(i).key("options"),
                &mut *err,
            );
        }
    }

    fn check_scale_ref(&self, scale: &str, path: KeyPath, err: &mut impl FnMut(KeyPath, Code, String)) {
        if !self.scales.contains_key(scale) {
            let hint = crate::diagnostic::suggest::closest(scale, self.scales.keys().map(String::as_str))
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            err(path, Code::UnknownScale, format!("unknown scale `{scale}`{hint}"));
        }
    }
}

fn walk_questions(questions: &[Question], path: KeyPath) -> Vec<(&Question, KeyPath)> {
    let mut out = Vec::new();
    for (qi, question) in questions.iter().enumerate() {
        out.push((question, path.index(qi)));
        for (si, sub) in question.sub.iter().enumerate() {
            out.push((sub, path.index(qi).key("sub").index(si)));
        }
    }
    out
}

fn check_weight(weight: f64, path: KeyPath, err: &mut impl FnMut(KeyPath, Code, String)) {
    if let Some(problem) = number_problem(weight) {
        err(path, Code::InvalidNumber, format!("weight must be {problem}"));
    }
}

/// What is wrong with a point value or weight, if anything. Both must be decimals from 0 to
/// [`number::MAX_MAGNITUDE`] with at most [`number::MAX_DECIMALS`] decimals: scoring computes with them exactly
/// ([`crate::model::number`]), and the bound keeps every sum finite (1e308 + 1e308 is infinity, and ∞/∞ a NaN
/// total). Points are not negative: a question where «ja» is bad is written `reverse = true`.
fn number_problem(value: f64) -> Option<String> {
    let range = format!("a finite number from 0 to {}", number::MAX_MAGNITUDE);
    if !value.is_finite() || !(0.0..=number::MAX_MAGNITUDE).contains(&value) {
        return Some(format!("{range}, not {value}"));
    }
    if Ratio::decimals(value).is_none_or(|d| d > number::MAX_DECIMALS) {
        return Some(format!(
            "{range} with at most {} decimals, not {value}",
            number::MAX_DECIMALS
        ));
    }
    None
}

fn unique_keys<'a>(keys: impl Iterator<Item = &'a str>, path: KeyPath, err: &mut impl FnMut(KeyPath, Code, String)) {
    let mut seen = HashSet::new();
    for (i, key) in keys.enumerate() {
        if !seen.insert(key) {
            err(
                path.index(i).key("key"),
                Code::DuplicateId,
                format!("key `{key}` appears twice"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small valid criteria file; each test breaks one thing.
    const VALID: &str = r#"
id = "t"
version = "1"
title = "Test"
[not_applicable]
key = "na"
label = "N/A"
[scales.yn]
not_applicable = true
options = [{ key = "ja", label = "Ja", points = 1 }, { key = "nei", label = "Nei", points = 0 }]
[classification]
judgement_zone = { from = 0.4, to = 0.6 }
bands = [{ key = "lovende", label = "L", min = 0.0 }, { key = "god", label = "G", min = 0.5 }]
[[criteria]]
id = "a"
label = "A"
scale = "yn"
[[criteria.questions]]
id = "1"
text = "Én"
[[criteria.questions]]
id = "2"
text = "To"
"#;

    /// The codes of the findings of `text`, in order; empty when it loads.
    fn codes(text: &str) -> Vec<Code> {
        match Criteria::from_toml_str(text) {
            Ok(_) => Vec::new(),
            Err(findings) => findings.iter().map(|f| f.code).collect(),
        }
    }

    #[test]
    fn the_valid_file_loads() {
        assert_eq!(codes(VALID), Vec::<Code>::new());
    }

    #[test]
    fn identity_must_not_be_empty() {
        assert_eq!(
            codes(&VALID.replace("version = \"1\"", "version = \" \"")),
            [Code::Empty]
        );
    }

    #[test]
    fn scales_need_distinct_options_that_differ_in_points() {
        let same_points = VALID.replace("label = \"Nei\", points = 0", "label = \"Nei\", points = 1");
        assert_eq!(codes(&same_points), [Code::InvalidScale]);
        let twice = VALID.replace("{ key = \"nei\"", "{ key = \"ja\"");
        assert_eq!(codes(&twice), [Code::DuplicateId]);
        let clash = VALID.replace("{ key = \"nei\"", "{ key = \"na\"");
        assert_eq!(codes(&clash), [Code::DuplicateId]);
    }

    #[test]
    fn questions_need_unique_ids_and_a_known_scale() {
        assert_eq!(codes(&VALID.replace("id = \"2\"", "id = \"1\"")), [Code::DuplicateId]);
        // A facet's vocabulary names each value once, synonyms included.
        let vocabulary = format!(
            "{VALID}\n[[facets]]\nkey = \"g\"\nlabel = \"G\"\nvalues = [{{ value = \"Ungdom\", synonyms = [\"Unge\"] }}, {{ value = \"unge\" }}, {{ value = \" \" }}]\n"
        );
        assert_eq!(codes(&vocabulary), [Code::DuplicateId, Code::Empty]);
        // A facet key may not be one of the site's link keys.
        let reserved = format!("{VALID}\n[[facets]]\nkey = \"sort\"\nlabel = \"Sortering\"\n");
        assert_eq!(codes(&reserved), [Code::InvalidValue]);
        assert_eq!(
            codes(&VALID.replace("scale = \"yn\"", "scale = \"yes\"")),
            [Code::UnknownScale]
        );
    }

    #[test]
    fn weights_must_be_positive_numbers() {
        let negative = VALID.replace("text = \"To\"", "text = \"To\"\nweight = -1");
        assert_eq!(codes(&negative), [Code::InvalidNumber]);
    }

    #[test]
    fn bands_start_at_zero_and_ascend() {
        assert_eq!(codes(&VALID.replace("min = 0.0", "min = 0.1")), [Code::InvalidNumber]);
        assert_eq!(codes(&VALID.replace("min = 0.5", "min = 0.0")), [Code::InvalidNumber]);
        let zone = VALID.replace("from = 0.4, to = 0.6", "from = 0.7, to = 0.6");
        assert_eq!(codes(&zone), [Code::InvalidNumber]);
    }

    #[test]
    fn replaces_must_not_name_a_current_question_or_cycle() {
        let current = VALID.replace("text = \"To\"", "text = \"To\"\nreplaces = \"1\"");
        assert_eq!(codes(&current), [Code::ReplacesCurrent]);
        let itself = VALID.replace("text = \"To\"", "text = \"To\"\nreplaces = \"2\"");
        assert_eq!(codes(&itself), [Code::ReplacesCycle]);
    }

    #[test]
    fn stages_need_options_with_unique_keys() {
        let empty = format!("{VALID}\n[[stages]]\nkey = \"s\"\nlabel = \"S\"\noptions = []\n");
        assert_eq!(codes(&empty), [Code::EmptyScale]);
    }

    #[test]
    fn question_fields_must_name_template_keys() {
        let with_template = VALID.replace(
            "[[criteria]]",
            "[[template]]\nkey = \"need\"\nlabel = \"Behov\"\n[[criteria]]",
        );
        let good = with_template.replace("text = \"To\"", "text = \"To\"\nfields = [\"need\", \"summary\"]");
        let criteria = Criteria::from_toml_str(&good).unwrap_or_else(|f| panic!("{f:#?}"));
        assert_eq!(criteria.question("2").unwrap().question.fields, ["need", "summary"]);
        let bad = with_template.replace("text = \"To\"", "text = \"To\"\nfields = [\"need\", \"neeed\"]");
        let findings = Criteria::from_toml_str(&bad).unwrap_err();
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].code, Code::UnknownKey);
        let message = findings[0].to_string();
        assert!(
            message.contains("`neeed` is neither a key of the description template"),
            "{message}"
        );
        assert!(message.contains("did you mean `need`"), "{message}");
        assert!(message.contains("criteria[0].questions[1].fields[1]"), "{message}");
    }

    #[test]
    fn stage_gates_name_a_question_and_its_answers() {
        let stage = |gate: &str| {
            format!("{VALID}\n[[stages]]\nkey = \"s\"\nlabel = \"S\"\noptions = [{{ key = \"inn\", label = \"Inn\" }}]\ngates = [{gate}]\n")
        };
        assert_eq!(
            located(&stage("{ question = \"1\", answers = [\"ja\", \"na\"] }")),
            Vec::<String>::new()
        );
        let line = VALID.lines().count() + 6;
        assert_eq!(
            located(&stage("{ question = \"9\", answers = [\"ja\"] }")),
            [format!("invalid-rule stages[0].gates[0].question {line}")]
        );
        assert_eq!(
            located(&stage("{ question = \"1\", answers = [\"kanskje\"] }")),
            [format!("invalid-rule stages[0].gates[0].answers[0] {line}")]
        );
    }

    #[test]
    fn nomination_rules_name_practice_keys() {
        let unknown = format!("{VALID}\n[nomination]\nrequired = [\"nmae\"]\n");
        assert_eq!(codes(&unknown), [Code::UnknownKey]);
    }

    /// A criteria file whose bands are tables, with `rules` after the «god» band (the file's lines 10–17 are the
    /// bands).
    fn with_rules(rules: &str) -> String {
        format!(
            r#"id = "t"
version = "1"
title = "Test"
[not_applicable]
key = "na"
label = "N/A"
[scales.yn]
not_applicable = true
options = [{{ key = "ja", label = "Ja", points = 1 }}, {{ key = "nei", label = "Nei", points = 0 }}]
[[classification.bands]]
key = "lovende"
label = "L"
min = 0.0
[[classification.bands]]
key = "god"
label = "G"
min = 0.5
{rules}
[[criteria]]
id = "a"
label = "A"
scale = "yn"
[[criteria.questions]]
id = "1"
text = "Én"
"#
        )
    }

    /// Findings as `code key.path line`, for the rule checks.
    fn located(text: &str) -> Vec<String> {
        match Criteria::from_toml_str(text) {
            Ok(_) => Vec::new(),
            Err(findings) => findings
                .iter()
                .map(|f| {
                    format!(
                        "{} {} {}",
                        f.code,
                        f.key_path.as_ref().map(|p| p.to_string()).unwrap_or_default(),
                        f.location.map_or(0, |l| l.line)
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn class_rules_load_when_they_name_what_exists() {
        let text = format!(
            "{}\n[[evidence_kinds]]\nkey = \"forskning\"\nlabel = \"F\"\n[[facets]]\nkey = \"field\"\nlabel = \"Felt\"\n",
            with_rules(
                "[[classification.bands.floors]]\ncriterion = \"a\"\nabove = 0.25\n\
                 [[classification.bands.gates]]\nquestion = \"1\"\nanswers = [\"ja\", \"na\"]\n\
                 [[classification.bands.evidence]]\nkinds = [\"forskning\"]\n\
                 [[classification.thresholds]]\nfacet = \"field\"\nvalue = \"X\"\nband = \"god\"\nmin = 0.55\n"
            )
        );
        assert_eq!(located(&text), Vec::<String>::new());
    }

    #[test]
    fn class_rules_name_the_key_path_and_line_of_what_is_wrong() {
        let text = with_rules(
            "[[classification.bands.floors]]\ncriterion = \"b\"\nabove = 0.25\n\
             [[classification.bands.floors]]\ncriterion = \"a\"\nmin = 0.2\nabove = 0.25\n\
             [[classification.bands.gates]]\nquestion = \"1\"\nanswers = [\"kanskje\"]\n\
             [[classification.bands.gates]]\nquestion = \"9\"\nanswers = [\"ja\"]\n\
             [[classification.bands.evidence]]\nkinds = [\"forskning\"]\n\
             [[classification.thresholds]]\nfacet = \"felt\"\nvalue = \"X\"\nband = \"lovende\"\nmin = 0.55\n",
        );
        assert_eq!(
            located(&text),
            [
                "invalid-rule classification.bands[1].floors[0].criterion 19",
                "invalid-rule classification.bands[1].floors[1] 21",
                "invalid-rule classification.bands[1].gates[0].answers[0] 27",
                "invalid-rule classification.bands[1].gates[1].question 29",
                "invalid-rule classification.bands[1].evidence[0].kinds[0] 32",
                "invalid-rule classification.thresholds[0].facet 34",
                "invalid-rule classification.thresholds[0].band 36",
            ]
        );
    }

    #[test]
    fn the_first_band_has_no_conditions_and_thresholds_keep_bands_in_order() {
        let first = with_rules("").replace(
            "min = 0.0\n",
            "min = 0.0\ngates = [{ question = \"1\", answers = [\"ja\"] }]\n",
        );
        assert_eq!(located(&first), ["invalid-rule classification.bands[0] 10"]);
        let text = format!(
            "{}\n[[facets]]\nkey = \"field\"\nlabel = \"Felt\"\n",
            with_rules("[[classification.thresholds]]\nfacet = \"field\"\nvalue = \"X\"\nband = \"god\"\nmin = 0.0\n")
        );
        assert_eq!(located(&text), ["invalid-number classification.thresholds[0].min 22"]);
    }

    const BASE: &str = r#"
        id = "t"
        version = "1"
        title = "t"
        [scales.s]
        options = [{ key = "ja", label = "Ja", points = 1 }, { key = "nei", label = "Nei", points = 0 }]
        [classification]
        bands = [{ key = "b", label = "B", min = 0.0 }]
        [[criteria]]
        id = "a"
        label = "A"
        weight = 1
        scale = "s"
        [[criteria.questions]]
        id = "1"
        text = "q"
        weight = 1
    "#;

    fn messages(text: &str) -> Vec<String> {
        match Criteria::from_toml_str(text) {
            Ok(c) => c
                .warnings
                .iter()
                .map(|f| format!("warning {}: {}", f.code, f.message))
                .collect(),
            Err(findings) => findings.iter().map(|f| format!("{}: {}", f.code, f.message)).collect(),
        }
    }

    #[test]
    fn the_base_file_is_clean() {
        assert_eq!(messages(BASE), Vec::<String>::new());
    }

    #[test]
    fn criterion_weights_adding_up_to_zero_are_rejected() {
        let m = messages(&BASE.replace("weight = 1\n        scale", "weight = 0\n        scale"));
        assert!(m.iter().any(|m| m.contains("add up to 0")), "{m:?}");
    }

    #[test]
    fn negative_points_are_rejected() {
        let m = messages(&BASE.replace("points = 0 }", "points = -1 }"));
        assert!(
            m.iter()
                .any(|m| m.starts_with("invalid-number: points of option `nei`")),
            "{m:?}"
        );
    }

    #[test]
    fn huge_weights_and_points_are_rejected() {
        for text in [
            BASE.replace("weight = 1\n        scale", "weight = 1e308\n        scale"),
            BASE.replace(
                "text = \"q\"\n        weight = 1",
                "text = \"q\"\n        weight = 1e308",
            ),
            BASE.replace("points = 1 }", "points = 1e308 }"),
        ] {
            let m = messages(&text);
            assert!(
                m.iter().any(|m| m.contains("a finite number from 0 to 1000000")),
                "{m:?}"
            );
        }
    }

    #[test]
    fn numbers_with_too_many_decimals_are_rejected() {
        let m = messages(&BASE.replace("points = 1 }", "points = 0.1234567 }"));
        assert!(m.iter().any(|m| m.contains("at most 6 decimals")), "{m:?}");
        assert_eq!(
            messages(&BASE.replace("points = 1 }", "points = 0.123456 }")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_criterion_that_can_earn_nothing_is_stated_as_not_scored() {
        let text = format!(
            "{BASE}\n[[criteria]]\nid = \"b\"\nlabel = \"B\"\nscale = \"s\"\n[[criteria.questions]]\nid = \"2\"\ntext = \"q\"\nweight = 0\n"
        );
        let m = messages(&text);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].starts_with("warning not-scored: criterion `b` can earn no points"),
            "{m:?}"
        );
    }

    #[test]
    fn replaces_lists_earlier_ids() {
        let text = BASE.replace("title = \"t\"", "title = \"t\"\nreplaces = [\"old\"]");
        let c = Criteria::from_toml_str(&text).unwrap();
        assert!(c.accepts(Some("old")) && c.accepts(Some("t")) && c.accepts(None));
        assert!(!c.accepts(Some("other")));
        let m = messages(&BASE.replace("title = \"t\"", "title = \"t\"\nreplaces = [\"t\"]"));
        assert!(m.iter().any(|m| m.contains("replace their own id")), "{m:?}");
    }
}
