//! Plain data, no I/O: the criteria model, the practice files (description, evidence, assessment), the loaded library,
//! dates, labels and the file names of a practice folder.

pub mod assessment;
pub mod criteria;
pub mod date;
pub mod evidence;
pub mod format;
pub mod labels;
pub mod library;
pub mod lifecycle;
pub mod number;
pub mod practice;
pub mod toml_text;
mod unique_keys;

pub use assessment::{Answer, Assessment, UNDECIDED};
pub use criteria::Criteria;
pub use date::PartialDate;
pub use evidence::{Evidence, EvidenceRow};
pub use format::Format;
pub use labels::Labels;
pub use library::{
    is_valid_slug, Keep, Library, Loaded, Phase, PracticeEntry, ASSESSMENT_FILE, ASSESSORS_DIR, EVIDENCE_FILE,
    PRACTICE_FILE, SCORE_FILE,
};
pub use lifecycle::{KnowledgeNeed, Lifecycle};
pub use practice::{Contact, Practice, Reference, Related, Story};
pub(crate) use unique_keys::unique_keys;
