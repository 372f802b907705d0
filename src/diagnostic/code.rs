//! The stable codes of findings: one variant per kind of problem, shown as `error[unknown-key]` and in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    BrokenLink,
    CriteriaMismatch,
    CriteriaVersion,
    DuplicateAnswer,
    DuplicateFile,
    DuplicateId,
    DuplicateKey,
    Empty,
    EmptyScale,
    Encoding,
    Incomplete,
    InvalidAnswer,
    InvalidNumber,
    InvalidScale,
    InvalidSlug,
    InvalidValue,
    Io,
    LinkOutside,
    MissingField,
    MissingFile,
    MissingKey,
    NoConsensus,
    NotAFile,
    NotApplicableForbidden,
    NotScored,
    PossibleDuplicate,
    RenamedQuestion,
    ReplacesCurrent,
    ReplacesCycle,
    Syntax,
    TooDeep,
    TooLarge,
    TooRecent,
    TooShort,
    Undecided,
    UnexpectedFile,
    UnknownEvidence,
    UnknownKey,
    UnknownKind,
    UnknownPractice,
    UnknownQuestion,
    UnknownScale,
    UnknownStage,
    UnsupportedFormat,
    UnsupportedYaml,
}
impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
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
            Code::Incomplete => "incomplete",
            Code::InvalidAnswer => "invalid-answer",
            Code::InvalidNumber => "invalid-number",
            Code::InvalidScale => "invalid-scale",
            Code::InvalidSlug => "invalid-slug",
            Code::InvalidValue => "invalid-value",
            Code::Io => "io",
            Code::LinkOutside => "link-outside",
            Code::MissingField => "missing-field",
            Code::MissingFile => "missing-file",
            Code::MissingKey => "missing-key",
            Code::NoConsensus => "no-consensus",
            Code::NotAFile => "not-a-file",
            Code::NotScored => "not-scored",
            Code::NotApplicableForbidden => "not-applicable-forbidden",
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
