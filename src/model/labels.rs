//! The words of the rendered sheets and index, taken from `[labels]` in the criteria file, with Norwegian defaults
//! for files that have none. Every key is listed in [`Labels::KEYS`]; `criteria.toml` in this repository sets them
//! all, so another organisation can copy the table and translate it.
//!
//! Some labels hold placeholders in braces (`{total}`), filled in by [`fill`].

use crate::model::criteria::Criteria;

macro_rules! labels {
    ($( $(#[$doc:meta])* $key:ident => $default:literal, )*) => {
        /// All labels, resolved against one criteria file.
        #[derive(Clone, Debug)]
        pub struct Labels {
            $( $(#[$doc])* pub $key: String, )*
        }

        impl Labels {
            /// Every key with its default text, in the order of the sheet.
            pub const KEYS: &'static [(&'static str, &'static str)] = &[ $( (stringify!($key), $default), )* ];

            /// Every key with its resolved text, in the order of [`Labels::KEYS`].
            pub fn pairs(&self) -> Vec<(&'static str, &str)> {
                vec![ $( (stringify!($key), self.$key.as_str()), )* ]
            }

            /// Every label at its default text (a criteria file without `[labels]`).
            pub fn defaults() -> Labels {
                Labels {
                    $( $key: $default.to_string(), )*
                }
            }

            /// Resolve every label: the criteria file's text, or the default.
            pub fn from_criteria(criteria: &Criteria) -> Labels {
                Labels {
                    $( $key: criteria.label(stringify!($key), $default).to_string(), )*
                }
            }
        }
    };
}

labels! {
    // Facts about the practice.
    /// The practice's name (in the list of what a nomination lacks).
    name => "Navn",
    /// The short description (in the list of what a nomination lacks).
    summary => "Kort beskrivelse",
    /// The facet tags (in the list of what a nomination lacks).
    tags => "Kategorier",
    /// Municipality or organisation that owns the practice.
    municipality => "Kommune",
    /// The unit that runs it.
    organisation => "Organisasjon",
    /// Region.
    region => "Region",
    /// When it started.
    started => "Startet",
    /// Free-text status of the practice.
    status => "Status",
    /// The practice this one is a variant of.
    variant_of => "Variant av",
    /// A practice that says it is a variant of this one (`variant_of`), on the parent's sheet.
    variants => "Variant",
    /// Heading of the facts table's first column (a fact).
    fact => "Opplysning",
    /// Heading of the facts table (inside the folded dossier).
    facts => "Opplysninger",
    /// Heading of the facts table's second column (its value).
    value => "Verdi",
    // Classification.
    /// Section: the class on the lovende–god scale.
    classification => "Gradering",
    /// The total score.
    score => "Samlet score",
    /// Note for a total in the judgement zone. Placeholders: {from}, {to}.
    judgement_zone_note => "Samlet score ligger i skjønnssonen ({from}–{to} %): klassen må avgjøres ved faglig skjønn.",
    /// Label before the sentences that say which rule decided the class.
    class_reason => "Hvorfor denne klassen",
    /// The total reaches the band given. Placeholders: {total}, {band}, {min}.
    class_reason_reached => "Samlet score {total} når grensen for «{band}» ({min}).",
    /// The band given has conditions and they hold. Placeholders: {band}, {rules}.
    class_reason_rules_met => "Vilkårene for «{band}» er oppfylt: {rules}.",
    /// The total is below the next band. Placeholders: {total}, {band}, {min}.
    class_reason_below => "Samlet score {total} er under grensen for «{band}» ({min}).",
    /// The total reaches the next band, but a condition fails (the failures follow as a list). Placeholders:
    /// {total}, {band}, {min}.
    class_reason_rules_failed => "Samlet score {total} når grensen for «{band}» ({min}), men ikke alle vilkårene for klassen er oppfylt:",
    /// A floor «more than» that fails. Placeholders: {criterion}, {limit}, {score}.
    class_reason_floor_above => "{criterion} må ha mer enn {limit}, men har {score}",
    /// A floor «at least» that fails. Placeholders: {criterion}, {limit}, {score}.
    class_reason_floor_min => "{criterion} må ha minst {limit}, men har {score}",
    /// A floor on a criterion without a sub-score. Placeholder: {criterion}.
    class_reason_floor_none => "{criterion} må ha en delscore, men ingen av spørsmålene er relevante",
    /// A floor «more than» that holds. Placeholders: {criterion}, {limit}, {score}.
    class_reason_floor_met_above => "{criterion} over {limit} ({score})",
    /// A floor «at least» that holds. Placeholders: {criterion}, {limit}, {score}.
    class_reason_floor_met_min => "{criterion} minst {limit} ({score})",
    /// A gate that fails. Placeholders: {question}, {answers}, {answer}.
    class_reason_gate => "spørsmål {question} må ha svaret {answers}, men har {answer}",
    /// A gate that holds. Placeholders: {question}, {answer}.
    class_reason_gate_met => "spørsmål {question} har svaret {answer}",
    /// An evidence requirement that fails. Placeholders: {min}, {kinds}, {found}.
    class_reason_evidence => "kunnskapsgrunnlaget må ha minst {min} rad(er) av typen {kinds}, men har {found}",
    /// An evidence requirement that holds. Placeholders: {min}, {kinds}.
    class_reason_evidence_met => "minst {min} rad(er) av typen {kinds} i kunnskapsgrunnlaget",
    /// The threshold is a facet value's. Placeholders: {band}, {facet}, {value}, {min}.
    class_reason_threshold => "Grensen for «{band}» er {min} for praksiser med {facet} «{value}».",
    /// Joins alternatives (answers, kinds).
    class_reason_or => "eller",
    /// A gate's question has no valid answer.
    class_reason_no_answer => "ikke noe gyldig svar",
    /// The range of the total with «ikke relevant» counted as the worst and the best answer. Placeholders:
    /// {worst}, {best}, {count}.
    na_range => "Med de {count} «ikke relevant»-svarene regnet som dårligste og beste svar ville samlet score vært fra {worst} til {best}.",
    /// Short marker for a class that needs expert judgement (index).
    judgement_short => "skjønn",
    /// The class of a total in the judgement zone, at the top of a sheet: a proposal, not a verdict. Placeholder:
    /// {band}.
    class_proposal => "Forslag til klasse: {band}",
    /// Before the criteria below the level their class requires. Placeholder: {band}.
    band_shortfall_intro => "Beskrivelsen av «{band}» gjelder ikke fullt ut: disse kriteriene ligger under nivået klassen forutsetter.",
    /// One criterion below the level its class requires. Placeholders: {criterion}, {score}, {floor}.
    band_shortfall => "{criterion}: {score} – under {floor}",
    /// The same, with the criterion's `shortfall` note. Placeholders: {criterion}, {score}, {floor}, {note}.
    band_shortfall_note => "{criterion}: {score} – {note} (under {floor})",
    /// A practice without an assessment.
    not_assessed => "Ikke vurdert",
    /// Explanation for a practice without an assessment.
    not_assessed_note => "Praksisen er ikke vurdert ennå, og har derfor ingen score.",
    /// What is missing before the next phase.
    next_phase_missing => "Dette mangler før neste fase",
    /// A template field or nomination key that is not filled in. Placeholder: {field}.
    missing_field => "«{field}» er ikke fylt ut",
    /// No evidence file yet.
    missing_evidence => "Kunnskapsgrunnlaget (fase 2) er ikke kartlagt",
    /// No evidence rows of a kind. Placeholder: {kind}.
    missing_evidence_kind => "Ingen kunnskap av typen «{kind}» er kartlagt",
    /// No assessment yet.
    missing_assessment => "Praksisen er ikke vurdert mot kriteriene (fase 3)",
    /// An incomplete assessment.
    incomplete => "Ufullstendig vurdering",
    /// Explanation for an incomplete assessment. Placeholder: {missing} (number of questions).
    incomplete_note => "Vurderingen er ikke ferdig: {missing} spørsmål mangler svar. Delscorene er regnet ut fra de besvarte spørsmålene, og det er ikke gitt noen klasse.",
    /// The total of an incomplete assessment.
    provisional_score => "Foreløpig samlet score",
    /// The totals an incomplete assessment can still end at. Placeholders: {from}, {to} (whole percent).
    reachable_range => "kan ende mellom {from} og {to} %",
    /// An incomplete assessment whose class every completion gives alike. Placeholder: {band}.
    class_decided => "klassen blir {band} uansett de manglende svarene",
    /// Short marker for the total of an incomplete assessment (index).
    provisional_short => "foreløpig",
    /// Questions without a (valid) answer.
    missing_answers => "Spørsmål som mangler svar",
    /// An answer that is not an option of the question's scale. Placeholder: {answer}.
    invalid_answer => "ugyldig svar «{answer}»",
    // Sub-scores.
    /// Section: sub-scores per criterion.
    sub_scores => "Delscorer",
    /// Column: criterion.
    criterion => "Kriterium",
    /// Column: sub-score.
    sub_score => "Delscore",
    /// Column: points.
    points => "Poeng",
    /// Points of a maximum. Placeholders: {points}, {max}.
    points_of => "{points} av {max}",
    /// Column: number of questions answered «ikke relevant».
    not_applicable_count => "Ikke relevante spørsmål",
    /// Column: number of questions without an answer.
    missing_count => "Mangler svar",
    /// A sub-score that is undefined because no question applies.
    no_sub_score => "ingen relevante spørsmål",
    /// Alternative text of the chart, and the SVG's title. Placeholder: {name}.
    chart_title => "Delscorer for {name}",
    // Justification and improvements.
    /// Section: justification.
    justification => "Begrunnelse",
    /// Section: what would raise the score.
    improvements => "Hva kan heve scoren",
    /// Introduction to the improvements.
    improvements_intro => "Forslagene bygger på svarene som ikke er det beste alternativet, ordnet etter kriterium.",
    /// When every answer is the best option.
    no_improvements => "Alle besvarte spørsmål har fått beste svar.",
    /// A question, by id. Placeholder: {id}.
    question_ref => "spørsmål {id}",
    // The description.
    /// Section: the description template's fields.
    description => "Beskrivelse av praksisen",
    // Evidence.
    /// Section: the knowledge the assessment rests on.
    evidence => "Kunnskapsgrunnlag",
    /// Introduction to the evidence tables.
    evidence_intro => "Vurderingen bygger på denne kunnskapen, ordnet etter type kunnskap.",
    /// Column: evidence row id.
    evidence_id => "Id",
    /// Column: the question a row answers.
    evidence_question => "Problemstilling",
    /// Column: the finding.
    evidence_finding => "Funn",
    /// Column: the source.
    evidence_source => "Kilde",
    /// Column: the answers that cite the row.
    evidence_cited_by => "Brukt i svar på",
    /// Prefix of an evidence row's caveat.
    evidence_note => "Merknad",
    /// When there is no evidence file.
    no_evidence => "Kunnskapsgrunnlaget er ikke kartlagt.",
    // Resources.
    /// Section: good stories.
    stories => "Gode historier",
    /// Section: useful links.
    links => "Nyttige lenker",
    /// Section: further knowledge needs.
    knowledge_needs => "Ytterligere kunnskapsbehov",
    /// Section: related practices.
    related => "Relaterte praksiser",
    /// A related practice that is not in the knowledge base.
    not_in_library => "ikke i kunnskapsbasen",
    /// Section: sources.
    sources => "Kilder",
    /// Section: contacts.
    contacts => "Kontakt",
    /// Contact role `praksis`.
    contact_praksis => "Kontakt for praksisen",
    /// Contact role `nominasjon`.
    contact_nominasjon => "Nominert av",
    /// Contact without a known role.
    contact_other => "Kontakt",
    /// E-mail.
    email => "E-post",
    /// Phone.
    phone => "Telefon",
    // About the assessment.
    /// Section: about the assessment.
    about_assessment => "Om vurderingen",
    /// The criteria set (id, version).
    criteria_set => "Kriteriesett",
    /// Version.
    version => "versjon",
    /// Who assessed.
    assessors => "Vurdert av",
    /// When.
    assessment_date => "Dato for vurderingen",
    /// Free-text status of the assessment.
    assessment_status => "Status for vurderingen",
    /// Whether the assessment is an illustration.
    illustration => "Illustrasjon",
    /// Notice on a sheet whose assessment is an illustration.
    illustration_note => "Denne vurderingen er laget som en illustrasjon av modellen. Den er ikke en publisert vurdering av praksisen.",
    /// Short marker for an illustration (index).
    illustration_short => "illustrasjon",
    /// An assessment made against another criteria version. Placeholders: {assessed}, {current}.
    stale_criteria => "Vurderingen ble gjort mot {assessed}; scorene her er regnet ut mot {current}.",
    /// Yes.
    yes => "Ja",
    /// No.
    no => "Nei",
    // Phases.
    /// The phase a practice is in.
    phase => "Fase",
    /// Phase 1.
    phase_nominated => "Nominert",
    /// Phase 2.
    phase_mapped => "Kartlagt",
    /// Phase 3.
    phase_assessed => "Vurdert",
    // The lifecycle.
    /// The lifecycle after the assessment (section of the sheet).
    /// Title of `practice needs`.
    needs_title => "Hva kunnskapsbasen etterspør",
    /// `practice needs`: the questions most often answered with an option that earns nothing.
    needs_frequent_no => "Spørsmål som oftest besvares «nei» (svar uten poeng)",
    lifecycle => "Livsløp",
    /// Column of the lifecycle table: the date.
    lifecycle_date => "Dato",
    /// Column of the lifecycle table: the step.
    lifecycle_step => "Steg",
    /// Column of the lifecycle table: what happened.
    lifecycle_detail => "Detaljer",
    /// «Anbefalt»: recommended and published.
    lifecycle_recommended => "Anbefalt",
    /// «Formidlet»: disseminated.
    lifecycle_disseminated => "Formidlet",
    /// «Fulgt opp»: followed up.
    lifecycle_followed_up => "Fulgt opp",
    /// «Trukket»: a recommendation withdrawn.
    lifecycle_withdrawn => "Trukket",
    /// «Ikke anbefalt»: assessed and not recommended.
    lifecycle_not_recommended => "Ikke anbefalt",
    /// Notice on the sheet of a withdrawn or not recommended practice. Placeholders: {state}, {reason}.
    lifecycle_learning_note => "{state}: praksisen er ikke anbefalt, men står i kunnskapsbasen som læring. Begrunnelse: {reason}",
    /// Who recommended it.
    lifecycle_by => "av",
    /// A follow-up's decision: develop further.
    decision_develop => "videreutvikle",
    /// A follow-up's decision: assess again.
    decision_reassess => "vurdere på nytt",
    /// A follow-up's decision: withdraw.
    decision_withdraw => "trekke anbefalingen",
    /// What a follow-up decided.
    decision => "Beslutning",
    /// Who is responsible for each phase.
    lifecycle_roles => "Ansvar per fase",
    /// Phase 4: recommended.
    phase_recommended => "Anbefalt",
    /// Phase 5: disseminated.
    phase_disseminated => "Formidlet",
    /// Phase 5: followed up.
    phase_followed_up => "Fulgt opp",
    // The index.
    /// Title of the index page.
    index_title => "Kunnskapsbase: god praksis",
    /// Introduction of the index. Placeholders: {count}, {title}, {id}, {version}.
    index_intro => "{count} praksiser, vurdert etter «{title}» ({id}, versjon {version}). Sortert etter samlet score.",
    /// Section: counts.
    overview => "Oversikt",
    /// Column: class.
    class => "Klasse",
    /// Column: number of practices.
    count => "Antall",
    /// Section: all practices.
    all_practices => "Alle praksiser",
    /// Column: practice.
    practice => "Praksis",
    /// Above the index's table: the order of the compact sub-scores. Placeholder: {criteria}.
    index_sub_scores_legend => "Delscorer i prosent, i denne rekkefølgen: {criteria}.",
    /// A facet value nobody uses.
    no_tagged => "Ingen praksiser er merket med dette ennå.",
    // The static website (`practice site`); app.js reads the `site_*` keys it needs from data/index.js.
    /// Label of the search field.
    site_search => "Søk",
    /// Hint under the search field.
    site_search_hint => "Navn, kommune, beskrivelse eller kategori",
    /// Label of the sort menu.
    site_sort => "Sorter etter",
    /// Sort by total.
    site_sort_score => "Samlet score",
    /// Sort by name.
    site_sort_name => "Navn",
    /// Sort by assessment date.
    site_sort_date => "Dato for vurderingen",
    /// Class menu: no class chosen.
    site_any_class => "Alle klasser",
    /// Phase menu: no phase chosen.
    site_any_phase => "Alle faser",
    /// Illustration menu: both.
    site_illustration_any => "Med og uten illustrasjoner",
    /// Illustration menu: illustrations only.
    site_illustration_only => "Bare illustrasjoner",
    /// Illustration menu: no illustrations.
    site_illustration_none => "Uten illustrasjoner",
    /// Legend of the score range.
    site_score_range => "Samlet score (prosent)",
    /// Lower end of the score range.
    site_score_min => "Fra",
    /// Upper end of the score range.
    site_score_max => "Til",
    /// How many practices are shown. Placeholders: {shown}, {count}.
    site_shown => "Viser {shown} av {count} praksiser",
    /// When no practice matches.
    site_none_shown => "Ingen praksiser passer til filtrene.",
    /// The button that clears every filter.
    site_reset => "Nullstill filtre",
    /// Heading of the filter panel.
    site_filters => "Filtrer",
    /// Heading of the result list.
    site_results => "Praksiser",
    /// Number of practices, before the script runs. Placeholder: {count}.
    site_count => "{count} praksiser",
    /// Skip link to the result list.
    site_skip => "Hopp til praksisene",
    /// Link back to the index from a practice page.
    site_back => "Alle praksiser",
    /// The page at an old slug of a practice. Placeholder: {name} (a link to its page).
    site_moved => "Praksisen har fått ny adresse: {name}",
    /// Footer of every page.
    site_footer => "Laget med practice site fra filene i kunnskapsbasen.",
    /// Summary line of the full dossier on a practice page.
    site_dossier => "Hele vurderingen: beskrivelse, svar og kilder",
    /// Answers that are not the best option (dossier).
    site_answers => "Svar som ikke er beste alternativ",
    /// Column: the answer given.
    site_answer => "Svar",
    /// Column: the answer's note.
    site_note => "Merknad",
    /// Column: the question.
    site_question => "Spørsmål",
    /// Heading of the judgement-zone notice.
    site_zone_heading => "Forslag til klasse",
    /// After the judgement-zone note: the class is a proposal. Placeholder: {band}.
    site_zone_proposal => "«{band}» er et forslag til vurdererne, ikke en avgjørelse.",
    /// Title of the page about the assessments.
    site_about => "Om vurderingene",
    /// Justification per criterion (dossier).
    site_criterion_justifications => "Begrunnelse per kriterium",
    // The page «Om vurderingene» (`practice site`, about.html).
    /// Heading: what the percentage means.
    about_page_what_heading => "Hva prosenten betyr",
    /// How the score is computed. Placeholders: {title}, {id}, {version}.
    about_page_what => "Hver praksis er vurdert mot kriteriesettet «{title}» ({id}, versjon {version}). Vurdererne svarer på faste spørsmål under hvert kriterium, og svarene gir poeng. Delscoren for et kriterium er poengene praksisen fikk, delt på det største mulige; den samlede scoren er snittet av delscorene, vektet slik kriteriesettet sier.",
    /// What the percentage measures; {emphasis} is the `about_page_emphasis` text, in bold. Placeholder: {emphasis}.
    about_page_what_not => "Prosenten forteller hvor godt praksisen er {emphasis}: om målene er klare, om resultatene er undersøkt, om kostnadene er kjent og om andre kan ta praksisen i bruk. Den er ikke et mål på hvor stor virkning praksisen har for deltakerne. En praksis med lav score kan virke godt, men mangle dokumentasjon; en høy score betyr at det finnes et godt grunnlag å bygge på.",
    /// The words in bold in `about_page_what_not`.
    about_page_emphasis => "dokumentert og beskrevet",
    /// Heading: the classes.
    about_page_bands_heading => "Klassene",
    /// A class's range, lower end. Placeholder: {min}.
    about_page_band_from => "samlet score fra {min} %",
    /// A class's range, upper end (after `about_page_band_from` and a space). Placeholder: {max}.
    about_page_band_below => "og under {max} %",
    /// An incomplete assessment has no class.
    about_page_incomplete => "En praksis der ikke alle spørsmål er besvart, får ingen klasse. Siden viser da en foreløpig samlet score, regnet ut fra de besvarte spørsmålene.",
    /// Heading: the judgement zone.
    about_page_zone_heading => "Skjønnssonen",
    /// The judgement zone. Placeholders: {from}, {to}, {marker} (the `judgement_short` text).
    about_page_zone => "Når den samlede scoren ligger mellom {from} og {to} %, er tallet alene for usikkert til å avgjøre klassen. Klassen som vises, er da bare et forslag: vurdererne må bestemme den ved faglig skjønn. Slike praksiser er merket «{marker}».",
    /// Heading: what the illustration marker means. Placeholder: {marker} (the `illustration_short` text).
    about_page_illustration_heading => "Hva «{marker}» betyr",
    /// What an illustration is. Placeholder: {marker}.
    about_page_illustration => "Noen vurderinger er laget for å vise hvordan modellen brukes, ut fra det som står i offentlige kilder. De er ikke gjort av et vurderingspanel og er ikke en publisert vurdering av praksisen. Slike vurderinger er merket «{marker}» i listen og har en egen merknad på praksisens side.",
    // The criteria as a Markdown page (`practice criteria --format markdown`).
    /// A criterion's heading. Placeholders: {label}, {weight}.
    criteria_page_heading => "{label} (vekt {weight})",
    /// Column: the question id.
    criteria_page_id => "Id",
    /// Column: the question.
    criteria_page_question => "Spørsmål",
    /// Column: the scale.
    criteria_page_scale => "Skala",
    /// Column: the question's weight.
    criteria_page_weight => "Vekt",
    /// Column: the hint.
    criteria_page_hint => "Hint",
    /// After a reversed question.
    criteria_page_reversed => "omvendt: «ja» senker scoren",
    /// Heading: the scales.
    criteria_page_scales => "Skalaer",
    /// Heading: the classes.
    criteria_page_classes => "Klasser",
    /// A class and its lower limit. Placeholders: {band}, {min}.
    criteria_page_band => "{band}: fra {min} %",
    /// Before a class's conditions.
    criteria_page_conditions => "vilkår",
    /// The judgement zone. Placeholders: {from}, {to}.
    criteria_page_zone => "Skjønnssone: {from}–{to} % (klassen avgjøres ved faglig skjønn).",
    // The assessment workbook (`practice form export`).
    /// Workbook: the question sheet's name (at most 31 characters, no `[]:*?/\\`).
    form_questions_sheet => "Vurdering",
    /// Workbook: the evidence sheet's name.
    form_evidence_sheet => "Kunnskapsgrunnlag",
    /// Workbook: the instruction sheet's name.
    form_instructions_sheet => "Veiledning",
    /// Workbook: title row of the question sheet. Placeholder: {name}.
    form_title => "Vurdering av {name}",
    /// Workbook: second row. Placeholders: {id}, {version}.
    form_criteria_line => "Kriteriesett: {id}, versjon {version}",
    /// Workbook: label of the assessor cell.
    form_assessor => "Vurdert av",
    /// Workbook column: the question id.
    form_id => "Id",
    /// Workbook column: the criterion.
    form_criterion => "Kriterium",
    /// Workbook column: the question.
    form_question => "Spørsmål",
    /// Workbook column: the hint.
    form_hint => "Råd",
    /// Workbook column: the answer.
    form_answer => "Svar",
    /// Workbook column: the note.
    form_note => "Merknad",
    /// Workbook column: the evidence ids.
    form_evidence_ids => "Kunnskapsgrunnlag (id-er)",
    /// Evidence sheet column: id.
    form_evidence_id => "Id",
    /// Evidence sheet column: kind.
    form_evidence_kind => "Type kunnskap",
    /// Evidence sheet column: the question studied.
    form_evidence_question => "Problemstilling",
    /// Evidence sheet column: finding.
    form_evidence_finding => "Funn",
    /// Evidence sheet column: source.
    form_evidence_source => "Kilde",
    /// Evidence sheet, when there is no evidence.
    form_no_evidence => "Kunnskapsgrunnlaget er ikke kartlagt.",
    /// Title of the drop-down's error dialog (at most 32 characters).
    form_invalid_answer_title => "Ugyldig svar",
    /// Text of the drop-down's error dialog (at most 255 characters).
    form_invalid_answer_message => "Velg et av alternativene i listen.",
    /// The instruction sheet: paragraphs separated by a blank line; the first is its heading.
    form_instructions => "Slik fyller du ut vurderingen\n\nArket «Vurdering» har én rad per spørsmål. Fyll ut kolonnene Svar, Merknad og Kunnskapsgrunnlag; de andre cellene er låst.\n\nVelg svaret fra nedtrekkslisten i Svar-cellen. La cellen stå tom hvis spørsmålet ikke er vurdert ennå. «?» betyr at svaret ikke er avgjort.\n\nMerknad er fritekst: hvorfor svaret ble valgt.\n\nI Kunnskapsgrunnlag skriver du id-ene til radene i arket «Kunnskapsgrunnlag» som svaret bygger på, skilt med komma (for eksempel: e1, e3).\n\nSkriv navnet ditt i cellen «Vurdert av» øverst hvis det er din egen vurdering.\n\nIkke slett, flytt eller kopier rader, og ikke endre id-ene: radene leses inn etter id-en i kolonne A.\n\nLagre som .xlsx og les inn filen igjen med «practice form import».",
    // Spreadsheets (`--format xlsx`).
    /// Column: the practice's folder name.
    slug => "Kortnavn",
    /// Column: the total score.
    total => "Samlet",
    /// Column: whether every question is answered.
    complete => "Fullstendig",
    /// Sheet name of `practice score --format xlsx`.
    score_sheet => "Score",
    /// Sheet name of `practice list --format xlsx`.
    list_sheet => "Praksiser",
}

/// Replace `{name}` placeholders in a label.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The label of a lifecycle state (`[labels]`: `lifecycle_recommended`, …).
pub fn lifecycle_state_label(labels: &Labels, state: crate::model::lifecycle::State) -> &str {
    use crate::model::lifecycle::State;
    match state {
        State::Recommended => &labels.lifecycle_recommended,
        State::Disseminated => &labels.lifecycle_disseminated,
        State::FollowedUp => &labels.lifecycle_followed_up,
        State::Withdrawn => &labels.lifecycle_withdrawn,
        State::NotRecommended => &labels.lifecycle_not_recommended,
    }
}
/// The label of a phase.
pub fn phase_label(labels: &Labels, phase: crate::model::Phase) -> &str {
    match phase {
        crate::model::Phase::Nominated => &labels.phase_nominated,
        crate::model::Phase::Mapped => &labels.phase_mapped,
        crate::model::Phase::Assessed => &labels.phase_assessed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unique() {
        let mut seen = HashSet::new();
        for (key, _) in Labels::KEYS {
            assert!(seen.insert(key), "{key} twice");
        }
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(fill("{points} av {max}", &[("points", "2"), ("max", "3")]), "2 av 3");
        assert_eq!(fill("uten", &[("x", "1")]), "uten");
    }
}
