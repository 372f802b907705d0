//! The stable codes of findings: one variant per kind of problem, shown as `error[unknown-key]` and in JSON.
//!
//! The strings ([`Code::as_str`]) are a contract with scripts and CI: never change one. docs/FORMATS.md lists them
//! all, with their severity (a test keeps that list complete).

/// What kind of problem a finding reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// An alias (an old slug, `aliases`) is the slug of a practice in the library, the practice's own slug, or
    /// the alias of another practice too.
    AliasCollision,
    /// An answer gives the best option of a question that names the evidence kinds supporting it (`evidence_kinds`), but cites no
    /// evidence row of those kinds.
    AnswerWithoutEvidence,
    /// A file in a practice folder is a symbolic link whose target does not exist or loops.
    BrokenLink,
    /// An assessment names criteria (`criteria`) other than the current criteria file's id.
    CriteriaMismatch,
    /// An assessment was made against another version of the criteria, or does not say which (`criteria_version`).
    CriteriaVersion,
    /// An assessment answers both a renamed question and the question that replaces it.
    DuplicateAnswer,
    /// A folder holds two files of one kind (`practice.toml` and `practice.yaml`), or two files for one assessor.
    DuplicateFile,
    /// An id appears twice where ids must be unique: questions, criteria, options of a scale, bands, evidence rows.
    DuplicateId,
    /// A key is written twice in the same table or mapping.
    DuplicateKey,
    /// A value that must say something is empty: an id, a tag, a contact's name.
    Empty,
    /// A scale or a stage in the criteria has no options.
    EmptyScale,
    /// A file is not valid UTF-8, or contains a NUL byte.
    Encoding,
    /// An assessment passes a practice on at a stage whose gate its own answer to the gated question does not meet.
    GateNotMet,
    /// An assessment leaves questions unanswered, so it gets no class.
    Incomplete,
    /// An answer or a stage decision is not one of the options of its scale or stage.
    InvalidAnswer,
    /// A number in the criteria is out of range: points, weights, band limits, the judgement zone.
    InvalidNumber,
    /// A classification rule in the criteria is malformed: a floor, gate, evidence requirement or facet threshold that names
    /// an unknown criterion, question, kind, facet or band, or a floor without exactly one of `min` and `above`, or a
    /// condition on the first band.
    InvalidRule,
    /// Every option of a scale gives the same points, so answers cannot change a score.
    InvalidScale,
    /// A practice folder's name is not a slug (lower-case a–z, digits and `-`).
    InvalidSlug,
    /// A value has the wrong type or form for its key (a text where a number belongs, a date in the future).
    InvalidValue,
    /// A file could not be read (permissions, a vanished file).
    Io,
    /// A symbolic link in a practice folder points outside the library.
    LinkOutside,
    /// A field the description template requires is missing.
    MissingField,
    /// A practice folder has no `practice.toml` or `practice.yaml`.
    MissingFile,
    /// A required key is missing (a warning for keys that are only advised, such as `assessors`).
    MissingKey,
    /// Practices whose content (name, summary, description, municipality, tags) is so alike that one is probably a
    /// copy or a variant of another, and none says it is a `variant_of` another: one finding per cluster.
    NearDuplicate,
    /// A practice has independent assessments but no consensus `assessment.*`.
    NoConsensus,
    /// A name where a file is expected is a folder or a special file.
    NotAFile,
    /// A question that may not be marked «not applicable» is.
    NotApplicableForbidden,
    /// A question is answered «not applicable» while its note says the knowledge is missing (not investigated, no basis):
    /// unknown is not the same as irrelevant.
    NotApplicableUnknown,
    /// A tag is not a value (nor a synonym of one) of its facet's controlled vocabulary in the criteria.
    NotInVocabulary,
    /// A criterion can earn no points (every question has weight 0): it is not scored.
    NotScored,
    /// `variant_of` or `related` names a practice by an old slug (one of its `aliases`) rather than its slug.
    OldSlug,
    /// The lifecycle's phases are out of order: a step before the one it follows (disseminated before
    /// recommended, recommended before assessed), a step without the one it needs, or «anbefalt» and «ikke anbefalt»
    /// together.
    PhaseOrder,
    /// Another practice has the same name, and neither says it is a `variant_of` the other.
    PossibleDuplicate,
    /// An assessment answers a question under its old id; the answer counts for the question that replaces it.
    RenamedQuestion,
    /// A question `replaces` an id that is still a question in the criteria.
    ReplacesCurrent,
    /// The `replaces` links of questions form a cycle (or a question replaces itself).
    ReplacesCycle,
    /// A file is not valid TOML or YAML.
    Syntax,
    /// Tables and lists nest deeper than allowed, or a sub-question has sub-questions of its own.
    TooDeep,
    /// A file is larger than 1 MiB, or its YAML aliases expand beyond the limit.
    TooLarge,
    /// A practice has run for fewer years than the nomination rules ask.
    TooRecent,
    /// A description field is shorter than its minimum length (an error for required fields).
    TooShort,
    /// An evidence row is cited by no answer of the practice's consensus assessment.
    UncitedEvidence,
    /// A consensus still holds «?» (undecided) for an answer or a stage decision.
    Undecided,
    /// A file in a practice folder is not one the tool reads, so it is ignored.
    UnexpectedFile,
    /// An answer cites an evidence id that the practice's evidence file does not list.
    UnknownEvidence,
    /// A key the file format does not have (often a typo; the help suggests the nearest key).
    UnknownKey,
    /// An evidence row's `kind` is not one the criteria declare.
    UnknownKind,
    /// `variant_of` or `related` names a practice that is not in the library, or the practice itself.
    UnknownPractice,
    /// An assessment answers a question id the criteria do not have.
    UnknownQuestion,
    /// A question or stage in the criteria refers to a scale that is not declared.
    UnknownScale,
    /// An assessment decides a stage the criteria do not declare.
    UnknownStage,
    /// A file is not `.toml`, `.yaml` or `.yml`.
    UnsupportedFormat,
    /// A YAML file uses a feature the tool refuses, such as tags (`!!binary`).
    UnsupportedYaml,
}

impl Code {
    /// Every code, in alphabetical order.
    pub const ALL: [Code; 55] = [
        Code::AliasCollision,
        Code::AnswerWithoutEvidence,
        Code::BrokenLink,
        Code::CriteriaMismatch,
        Code::CriteriaVersion,
        Code::DuplicateAnswer,
        Code::DuplicateFile,
        Code::DuplicateId,
        Code::DuplicateKey,
        Code::Empty,
        Code::EmptyScale,
        Code::Encoding,
        Code::GateNotMet,
        Code::Incomplete,
        Code::InvalidAnswer,
        Code::InvalidNumber,
        Code::InvalidRule,
        Code::InvalidScale,
        Code::InvalidSlug,
        Code::InvalidValue,
        Code::Io,
        Code::LinkOutside,
        Code::MissingField,
        Code::MissingFile,
        Code::MissingKey,
        Code::NearDuplicate,
        Code::NoConsensus,
        Code::NotAFile,
        Code::NotApplicableForbidden,
        Code::NotApplicableUnknown,
        Code::NotInVocabulary,
        Code::NotScored,
        Code::OldSlug,
        Code::PhaseOrder,
        Code::PossibleDuplicate,
        Code::RenamedQuestion,
        Code::ReplacesCurrent,
        Code::ReplacesCycle,
        Code::Syntax,
        Code::TooDeep,
        Code::TooLarge,
        Code::TooRecent,
        Code::TooShort,
        Code::UncitedEvidence,
        Code::Undecided,
        Code::UnexpectedFile,
        Code::UnknownEvidence,
        Code::UnknownKey,
        Code::UnknownKind,
        Code::UnknownPractice,
        Code::UnknownQuestion,
        Code::UnknownScale,
        Code::UnknownStage,
        Code::UnsupportedFormat,
        Code::UnsupportedYaml,
    ];

    /// The stable text of the code: `unknown-key`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::AliasCollision => "alias-collision",
            Code::AnswerWithoutEvidence => "answer-without-evidence",
            Code::BrokenLink => "broken-link",
            Code::CriteriaMismatch => "criteria-mismatch",
            Code::CriteriaVersion => "criteria-version",
            Code::DuplicateAnswer => "duplicate-answer",
            Code::DuplicateFile => "duplicate-file",
            Code::DuplicateId => "duplicate-id",
            Code::DuplicateKey => "duplicate-key",
            Code::Empty => "empty",
            Code::EmptyScale => "empty-scale",
            Code::Encoding => "encoding",
            Code::GateNotMet => "gate-not-met",
            Code::Incomplete => "incomplete",
            Code::InvalidAnswer => "invalid-answer",
            Code::InvalidNumber => "invalid-number",
            Code::InvalidRule => "invalid-rule",
            Code::InvalidScale => "invalid-scale",
            Code::InvalidSlug => "invalid-slug",
            Code::InvalidValue => "invalid-value",
            Code::Io => "io",
            Code::LinkOutside => "link-outside",
            Code::MissingField => "missing-field",
            Code::MissingFile => "missing-file",
            Code::MissingKey => "missing-key",
            Code::NearDuplicate => "near-duplicate",
            Code::NoConsensus => "no-consensus",
            Code::NotAFile => "not-a-file",
            Code::NotApplicableUnknown => "not-applicable-unknown",
            Code::NotScored => "not-scored",
            Code::NotInVocabulary => "not-in-vocabulary",
            Code::NotApplicableForbidden => "not-applicable-forbidden",
            Code::OldSlug => "old-slug",
            Code::PhaseOrder => "phase-order",
            Code::PossibleDuplicate => "possible-duplicate",
            Code::RenamedQuestion => "renamed-question",
            Code::ReplacesCurrent => "replaces-current",
            Code::ReplacesCycle => "replaces-cycle",
            Code::Syntax => "syntax",
            Code::TooDeep => "too-deep",
            Code::TooLarge => "too-large",
            Code::TooRecent => "too-recent",
            Code::TooShort => "too-short",
            Code::Undecided => "undecided",
            Code::UnexpectedFile => "unexpected-file",
            Code::UncitedEvidence => "uncited-evidence",
            Code::UnknownEvidence => "unknown-evidence",
            Code::UnknownKey => "unknown-key",
            Code::UnknownKind => "unknown-kind",
            Code::UnknownPractice => "unknown-practice",
            Code::UnknownQuestion => "unknown-question",
            Code::UnknownScale => "unknown-scale",
            Code::UnknownStage => "unknown-stage",
            Code::UnsupportedFormat => "unsupported-format",
            Code::UnsupportedYaml => "unsupported-yaml",
        }
    }
}
impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
impl PartialEq<str> for Code {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}
impl PartialEq<&str> for Code {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_in_the_formats_document() {
        let formats = include_str!("../../docs/FORMATS.md");
        for code in Code::ALL {
            assert!(
                formats.contains(&format!("| `{code}` |")),
                "docs/FORMATS.md does not list `{code}`"
            );
        }
        let mut sorted = Code::ALL;
        sorted.sort();
        assert_eq!(sorted, Code::ALL);
    }
}
