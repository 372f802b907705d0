use super::*;
use crate::model::{Criteria, EvidenceRow};

const CRITERIA: &str = r#"
    id = "t"
    version = "1"
    title = "t"
    [not_applicable]
    key = "ikke-relevant"
    label = "Ikke relevant"
    [[template]]
    key = "need"
    label = "Behov"
    [scales.desc]
    not_applicable = true
    options = [{ key = "ja", label = "Godt", points = 1 }, { key = "noe", label = "Noe", points = 0.5 }, { key = "nei", label = "Ikke", points = 0 }]
    [scales.yn]
    options = [{ key = "ja", label = "Ja", points = 1 }, { key = "nei", label = "Nei", points = 0 }]
    [classification]
    bands = [{ key = "lovende", label = "Lovende", min = 0.0 }, { key = "god", label = "God", min = 0.5 }]
    [[criteria]]
    id = "a"
    label = "A"
    scale = "desc"
    [[criteria.questions]]
    id = "1"
    text = "Er behovet beskrevet?"
    hint = "Beskriv behovet."
    fields = ["need"]
    [[criteria.questions.sub]]
    id = "1a"
    text = "Er det godt nok?"
    [[criteria]]
    id = "b"
    label = "B"
    scale = "yn"
    [[criteria.questions]]
    id = "2"
    text = "Virker det?"
"#;

fn criteria() -> Criteria {
    Criteria::from_toml_str(CRITERIA).unwrap_or_else(|f| panic!("{f:#?}"))
}

fn view() -> PracticeView {
    PracticeView {
        title: "Testpraksis".into(),
        file: "assessment.toml".into(),
        fields: [("need".to_string(), "Mange trenger språkpraksis.".to_string())].into(),
        evidence: vec![EvidenceRow {
            id: "e1".into(),
            question: "Virker det?".into(),
            finding: "Ja.".into(),
            source: "Rapport".into(),
            kind: "praksis".into(),
            ..EvidenceRow::default()
        }],
    }
}

fn type_text(session: &mut Session<'_>, text: &str) -> Vec<Effect> {
    text.chars().map(|c| session.handle(Key::Char(c))).collect()
}

#[test]
fn a_whole_assessment_by_key_scores_and_saves_each_answer() {
    let criteria = criteria();
    let mut s = Session::new(&criteria, view(), Assessment::default());
    assert_eq!(s.current_id(), "1");
    assert_eq!(s.handle(Key::Char('1')), Effect::Save("1".into()));
    assert_eq!(s.current_id(), "1a", "an answer moves on to the next open question");
    assert_eq!(s.handle(Key::Char('2')), Effect::Save("1a".into()));
    assert_eq!(
        s.handle(Key::Char('n')),
        Effect::Save("2".into()),
        "`n` is unique on the yes/no scale"
    );
    assert!(s.open().is_empty());
    assert!(s.message().unwrap().contains("all 3 questions are answered"));
    let answers: Vec<(&str, &str)> = s
        .assessment()
        .answers
        .iter()
        .map(|(k, v)| (k.as_str(), v.answer.as_str()))
        .collect();
    assert_eq!(answers, [("1", "ja"), ("1a", "noe"), ("2", "nei")]);
    let screen = s.render(80, 24).join("\n");
    assert!(screen.contains("A 75 % · B 0 % · total 38 % (Lovende)"), "{screen}");
    assert_eq!(s.handle(Key::Esc), Effect::Quit);
}

#[test]
fn ambiguous_letters_need_digits_and_wrong_keys_say_what_to_press() {
    let criteria = criteria();
    let mut s = Session::new(&criteria, view(), Assessment::default());
    let choices = s.choices();
    assert_eq!(choices[0].0, vec!['1', 'j']);
    assert_eq!(choices[1].0, vec!['2'], "`n` starts both noe and nei");
    assert_eq!(choices[3].0, vec!['0', 'i']);
    assert_eq!(s.handle(Key::Char('n')), Effect::None);
    assert!(s
        .message()
        .unwrap()
        .contains("«n» is not an option here: press 1, j, 2, 3, 0, i"));
    assert!(s.assessment().answers.is_empty());
    assert_eq!(s.handle(Key::Char('i')), Effect::Save("1".into()));
    assert_eq!(s.answer("1").unwrap().answer, "ikke-relevant");
}

#[test]
fn not_applicable_only_where_the_scale_allows_it() {
    let criteria = criteria();
    let mut s = Session::new(&criteria, view(), Assessment::with_answers([("1", "ja"), ("1a", "ja")]));
    assert_eq!(s.current_id(), "2", "resumes at the first open question");
    assert_eq!(s.handle(Key::Char('0')), Effect::None);
    assert!(s.message().unwrap().contains("does not allow «Ikke relevant»"));
}

#[test]
fn notes_and_evidence_attach_to_the_answer_and_unknown_ids_are_refused() {
    let criteria = criteria();
    let mut s = Session::new(&criteria, view(), Assessment::default());
    assert_eq!(s.handle(Key::Char('#')), Effect::None);
    assert!(s.message().unwrap().contains("answer the question first"));
    s.handle(Key::Char('j'));
    s.handle(Key::Left);
    assert_eq!(s.current_id(), "1");
    s.handle(Key::Char('#'));
    type_text(&mut s, "Godt beskrevet");
    assert_eq!(s.handle(Key::Enter), Effect::Save("1".into()));
    assert_eq!(s.answer("1").unwrap().note.as_deref(), Some("Godt beskrevet"));
    s.handle(Key::Char('@'));
    type_text(&mut s, "e1 e9");
    assert_eq!(s.handle(Key::Enter), Effect::None);
    assert!(s.message().unwrap().contains("no evidence row `e9`: the rows are e1"));
    assert_eq!(s.mode(), &Mode::Evidence("e1 e9".into()));
    s.handle(Key::Backspace);
    s.handle(Key::Backspace);
    s.handle(Key::Char(','));
    type_text(&mut s, "e1");
    assert_eq!(s.handle(Key::Enter), Effect::Save("1".into()));
    assert_eq!(s.answer("1").unwrap().evidence, ["e1"]);
    assert_eq!(s.answer("1").unwrap().answer, "ja", "the answer itself is kept");
    // Esc in a text mode cancels without saving.
    s.handle(Key::Char('#'));
    type_text(&mut s, " mer");
    assert_eq!(s.handle(Key::Esc), Effect::None);
    assert_eq!(s.answer("1").unwrap().note.as_deref(), Some("Godt beskrevet"));
    assert_eq!(s.mode(), &Mode::Answer);
}

#[test]
fn skip_back_jump_and_clear() {
    let criteria = criteria();
    let mut s = Session::new(&criteria, view(), Assessment::default());
    s.handle(Key::Left);
    assert!(s.message().unwrap().contains("first question"));
    s.handle(Key::Enter);
    s.handle(Key::Right);
    assert_eq!(s.current_id(), "2");
    s.handle(Key::Right);
    assert!(s.message().unwrap().contains("last question"));
    s.handle(Key::Char('/'));
    type_text(&mut s, "1b");
    s.handle(Key::Enter);
    assert!(s.message().unwrap().contains("no question `1b` (did you mean 1a?)"));
    s.handle(Key::Backspace);
    type_text(&mut s, "a");
    assert_eq!(s.handle(Key::Enter), Effect::None);
    assert_eq!(s.current_id(), "1a");
    assert_eq!(s.handle(Key::Char('-')), Effect::None, "nothing to clear");
    s.handle(Key::Char('3'));
    s.handle(Key::Char('/'));
    type_text(&mut s, "1a");
    s.handle(Key::Enter);
    assert_eq!(s.handle(Key::Char('-')), Effect::Save("1a".into()));
    assert!(s.answer("1a").is_none());
    assert_eq!(s.handle(Key::Interrupt), Effect::Quit);
}

#[test]
fn undecided_answers_count_as_open() {
    let criteria = criteria();
    let s = Session::new(&criteria, view(), Assessment::with_answers([("1", "?"), ("1a", "ja")]));
    assert_eq!(s.current_id(), "1");
    assert_eq!(s.open(), ["1", "2"]);
}

#[test]
fn the_screen_fits_80_by_24_and_shows_the_fields_and_evidence() {
    let criteria = criteria();
    let mut view = view();
    view.fields.insert("need".into(), "Ord ".repeat(400));
    let s = Session::new(&criteria, view, Assessment::default());
    let lines = s.render(80, 24);
    assert!(lines.len() <= 24, "{}", lines.len());
    assert!(lines.iter().all(|l| l.chars().count() <= 80), "{lines:#?}");
    let screen = lines.join("\n");
    for text in [
        "Er behovet beskrevet?",
        "Hint: Beskriv behovet.",
        "Behov:",
        "> ",
        "Open (3): 1 1a 2",
    ] {
        if text == "> " {
            continue;
        }
        assert!(screen.contains(text), "{text}\n{screen}");
    }
    assert!(screen.contains("1 j  Godt"), "{screen}");
    assert!(screen.contains("e1 [praksis] Virker det? — Ja."), "{screen}");
    // Tiny terminals still get at most what they have.
    let small = s.render(40, 12);
    assert!(
        small.len() <= 12 && small.iter().all(|l| l.chars().count() <= 40),
        "{small:#?}"
    );
}

#[test]
fn wrap_breaks_on_words_and_indents_continuations() {
    assert_eq!(render::wrap("aa bb cc dd", 5, "  "), ["aa bb", "  cc", "  dd"]);
    assert_eq!(render::wrap("", 5, ""), Vec::<String>::new());
}
