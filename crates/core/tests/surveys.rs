//! Survey waves on a real store: exports as Google Forms, Typeform, SurveyMonkey,
//! Microsoft Forms and old Excel write them, mapped before anything is written, the
//! mapping remembered for the next wave, errors naming the row and column, bad rows
//! skipped or the import stopped, duplicates noticed, and every failure leaving the
//! workspace exactly as it was. Respondents count in ask-load.

mod common;

use common::*;
use groundwork_core::*;
use proptest::prelude::*;

const DEVEX: &str = "Developer experience survey";

fn wave(survey: &str) -> WaveImport {
    WaveImport {
        survey: survey.into(),
        ..Default::default()
    }
}

fn import(
    w: &World,
    name: &str,
    bytes: &[u8],
    request: &WaveImport,
) -> Result<WaveImported, DomainError> {
    w.store
        .write(|tx| tx.import_survey_wave(name, bytes, request, &mut |_, _| true))
}

/// Previews, then imports with the preview's mapping: the one-step path a person takes
/// when the guesses are right.
fn import_guessed(
    w: &World,
    name: &str,
    bytes: &[u8],
    survey: &str,
) -> (SurveyPreview, WaveImported) {
    let preview = w
        .store
        .read(|db| db.preview_survey_import(name, bytes, Some(survey), None))
        .expect("preview");
    assert!(preview.blockers.is_empty(), "{:?}", preview.blockers);
    let done = import(
        w,
        name,
        bytes,
        &WaveImport {
            mapping: Some(preview.mapping()),
            ..wave(survey)
        },
    )
    .expect("import");
    (preview, done)
}

fn kinds(p: &SurveyPreview) -> Vec<(String, ColumnKind)> {
    p.columns
        .iter()
        .map(|c| (c.header.clone(), c.mapping.kind))
        .collect()
}

fn kind_of(p: &SurveyPreview, header: &str) -> ColumnKind {
    p.columns
        .iter()
        .find(|c| c.header == header)
        .unwrap_or_else(|| panic!("no column {header}: {:?}", kinds(p)))
        .mapping
        .kind
}

/// What a workspace holds, to prove a failed import changed none of it.
fn counts(w: &World) -> Vec<u32> {
    let sessions = w
        .store
        .read(|db| db.list_sessions(&SessionQuery::default()))
        .expect("sessions")
        .total;
    let people = w
        .store
        .read(|db| db.list_people(&PeopleQuery::default()))
        .expect("people")
        .len() as u32;
    let teams = w.store.read(|db| db.list_teams()).expect("teams").len() as u32;
    let surveys = w.store.read(|db| db.list_surveys()).expect("surveys");
    let waves = surveys.iter().map(|s| s.waves.len() as u32).sum();
    vec![sessions, people, teams, surveys.len() as u32, waves]
}

const GOOGLE_FORMS: &str = "Timestamp,Email Address,Which team are you on?,How satisfied are you with CI?,How likely are you to recommend the platform to a colleague?,Which tools do you use?,What is the one thing we should fix?\n\
2026/11/03 10:15:22 AM GMT+1,priya.raman@corp.example,Payments,4,9,\"GitHub Actions, Jenkins\",\"Flaky tests, \"\"red\"\" builds\nthat nobody trusts\"\n\
2026/11/03 11:02:40 AM GMT+1,tom.berg@corp.example,Search,2,3,Jenkins,Slow builds\n\
2026/11/04 9:30:00 AM GMT+1,ana.lima@corp.example,Payments,5,10,\"GitHub Actions, CircleCI\",\n";

#[test]
fn a_google_forms_export_is_guessed_right_and_imports_as_a_wave_of_a_survey_session() {
    let w = world();
    let preview = w
        .store
        .read(|db| {
            db.preview_survey_import(
                "DevEx (Responses).csv",
                GOOGLE_FORMS.as_bytes(),
                Some(DEVEX),
                None,
            )
        })
        .expect("preview");
    assert_eq!(preview.encoding, TextEncoding::Utf8);
    assert_eq!(preview.delimiter, Delimiter::Comma);
    assert_eq!((preview.header_rows, preview.rows), (1, 3));
    assert_eq!(
        kinds(&preview)
            .into_iter()
            .map(|(_, k)| k)
            .collect::<Vec<_>>(),
        vec![
            ColumnKind::SubmittedAt,
            ColumnKind::Respondent,
            ColumnKind::Team,
            ColumnKind::Csat,
            ColumnKind::Nps,
            ColumnKind::MultipleChoice,
            ColumnKind::FreeText
        ]
    );
    assert!(!preview.survey_known);
    assert_eq!(preview.problems, vec![]);
    // The preview shows the first rows with the types applied.
    let first = &preview.preview[0];
    assert_eq!(first.row, 2, "the header is row 1");
    assert_eq!(first.cells[0].value, "2026-11-03");
    assert_eq!(first.cells[5].value, "GitHub Actions; Jenkins");
    assert_eq!(
        first.cells[6].value,
        "Flaky tests, \"red\" builds\nthat nobody trusts"
    );

    let before = counts(&w);
    let done = import(
        &w,
        "DevEx (Responses).csv",
        GOOGLE_FORMS.as_bytes(),
        &WaveImport {
            mapping: Some(preview.mapping()),
            ..wave(DEVEX)
        },
    )
    .expect("import");
    assert_eq!(
        (done.responses, done.people_created, done.teams_created),
        (3, 3, 2)
    );
    assert_eq!(done.wave.label, "Wave 1");
    assert_eq!(
        done.wave.held_on.to_string(),
        "2026-11-04",
        "dated by its last response"
    );
    let after = counts(&w);
    assert_eq!(after[0], before[0] + 1, "one session");
    let session = w
        .store
        .read(|db| db.session(done.wave.session_id))
        .expect("session");
    assert_eq!(session.kind, SourceKind::UserSurvey);
    assert_eq!(session.title, format!("{DEVEX}: Wave 1"));

    // People are made from their emails, in their teams, and were asked for their time.
    let people = w
        .store
        .read(|db| db.list_people(&PeopleQuery::default()))
        .expect("people");
    let priya = people
        .iter()
        .find(|p| p.name == "Priya Raman")
        .expect("Priya");
    assert_eq!(priya.team_name, "Payments");
    assert_eq!(priya.ask_load, 1, "being surveyed is being asked");
    assert_eq!(
        priya.last_contact.map(|d| d.to_string()).as_deref(),
        Some("2026-11-04")
    );

    let survey = &w.store.read(|db| db.list_surveys()).expect("surveys")[0];
    assert_eq!(survey.name, DEVEX);
    assert_eq!(survey.waves.len(), 1);
    assert_eq!(survey.questions.len(), 4);
    let csat = survey
        .questions
        .iter()
        .find(|q| q.kind == ColumnKind::Csat)
        .expect("csat");
    assert_eq!(csat.scale.as_ref().map(|s| (s.min, s.max)), Some((1, 5)));
}

/// The people and teams of a workspace, by name, with their ask-load.
fn register(w: &World) -> (Vec<(String, u32)>, Vec<String>) {
    let mut people: Vec<(String, u32)> = w
        .store
        .read(|db| db.list_people(&PeopleQuery::default()))
        .expect("people")
        .into_iter()
        .map(|p| (p.name, p.ask_load))
        .collect();
    people.sort();
    let mut teams: Vec<String> = w
        .store
        .read(|db| db.list_teams())
        .expect("teams")
        .into_iter()
        .map(|t| t.name)
        .collect();
    teams.sort();
    (people, teams)
}

#[test]
fn the_preview_says_whom_an_import_would_add_to_people_and_the_register_changes_only_as_chosen() {
    for (choice, add_teams) in [
        (Respondents::Match, false),
        (Respondents::Anonymous, true),
        (Respondents::Add, true),
    ] {
        let w = world();
        let payments = w.team("Payments", "");
        w.person("Tom Berg", Some(payments), Relation::InternalUser);
        let preview = w
            .store
            .read(|db| {
                db.preview_survey_import("DevEx.csv", GOOGLE_FORMS.as_bytes(), Some(DEVEX), None)
            })
            .expect("preview");
        assert_eq!(
            preview.register,
            RegisterPreview {
                respondents: 3,
                known: 1,
                new_people: vec!["Priya Raman".into(), "Ana Lima".into()],
                new_people_count: 2,
                teams: 2,
                new_teams: vec!["Search".into()],
                new_teams_count: 1,
            },
            "Tom is known by name, Payments is a team already"
        );
        let done = import(
            &w,
            "DevEx.csv",
            GOOGLE_FORMS.as_bytes(),
            &WaveImport {
                mapping: Some(preview.mapping()),
                respondents: Some(choice),
                add_teams: Some(add_teams),
                ..wave(DEVEX)
            },
        )
        .expect("import");
        assert_eq!(done.responses, 3, "{choice:?}: every response is counted");
        let (people, teams) = register(&w);
        match choice {
            Respondents::Match => {
                assert_eq!(
                    people,
                    vec![("Tom Berg".into(), 1)],
                    "only Tom is linked, and asked"
                );
                assert_eq!(teams, vec!["Payments".to_owned()], "no team added");
                assert_eq!((done.people_created, done.responses_without_person), (0, 2));
            }
            Respondents::Anonymous => {
                assert_eq!(
                    people,
                    vec![("Tom Berg".into(), 0)],
                    "no one's ask-load changes"
                );
                assert_eq!(teams, vec!["Payments".to_owned(), "Search".to_owned()]);
                assert_eq!((done.people_created, done.responses_without_person), (0, 3));
            }
            Respondents::Add => {
                assert_eq!(
                    people,
                    vec![
                        ("Ana Lima".into(), 1),
                        ("Priya Raman".into(), 1),
                        ("Tom Berg".into(), 1)
                    ]
                );
                assert_eq!((done.people_created, done.responses_without_person), (2, 0));
            }
        }
        // The survey's figures count every response whatever the choice.
        let survey = &w.store.read(|db| db.list_surveys()).expect("surveys")[0];
        assert_eq!(survey.waves[0].responses, 3);
    }
}

#[test]
fn the_next_wave_imports_in_one_step_with_the_remembered_mapping_and_new_or_missing_columns_are_named(
) {
    let w = world();
    import_guessed(&w, "wave1.csv", GOOGLE_FORMS.as_bytes(), DEVEX);
    let wave2 = "Timestamp,Email Address,Which team are you on?,How satisfied are you with CI?,Which tools do you use?,What is the one thing we should fix?,Anything else?\n\
2027/02/03 10:15:22 AM GMT+1,priya.raman@corp.example,Payments,5,Jenkins,Nothing,Thanks!\n\
2027/02/04 10:15:22 AM GMT+1,sam.okafor@corp.example,Data,3,CircleCI,Docs,\n";
    let preview = w
        .store
        .read(|db| db.preview_survey_import("wave2.csv", wave2.as_bytes(), Some(DEVEX), None))
        .expect("preview");
    assert!(preview.survey_known);
    assert_eq!(preview.new_columns, vec!["Anything else?"]);
    assert_eq!(
        preview.missing_columns,
        vec!["How likely are you to recommend the platform to a colleague?"]
    );
    assert!(preview
        .columns
        .iter()
        .filter(|c| c.header != "Anything else?")
        .all(|c| c.remembered));
    // No mapping given: the remembered one; the new column stays out until mapped.
    let done = import(&w, "wave2.csv", wave2.as_bytes(), &wave(DEVEX)).expect("second wave");
    assert_eq!(done.wave.label, "Wave 2");
    assert_eq!(done.new_columns, vec!["Anything else?"]);
    assert_eq!(
        (done.people_created, done.people_matched),
        (1, 0),
        "Priya is found by her email"
    );
    let survey = &w.store.read(|db| db.list_surveys()).expect("surveys")[0];
    assert_eq!(survey.waves.len(), 2);
    assert_eq!(
        survey.questions.len(),
        4,
        "no question for the ignored column"
    );
    let priya = w
        .store
        .read(|db| db.list_people(&PeopleQuery::default()))
        .expect("people")
        .into_iter()
        .find(|p| p.name == "Priya Raman")
        .expect("Priya");
    assert_eq!(priya.ask_load, 2, "she was asked in both waves");
}

#[test]
fn a_first_wave_without_a_mapping_is_refused_naming_what_is_missing() {
    let w = world();
    let before = counts(&w);
    let err = import(&w, "x.csv", GOOGLE_FORMS.as_bytes(), &wave(DEVEX)).expect_err("no mapping");
    assert!(
        err.to_string().contains("no remembered mapping yet"),
        "{err}"
    );
    assert_eq!(counts(&w), before);
}

#[test]
fn a_typeform_export_maps_its_spread_choices_into_one_question() {
    let w = world();
    let typeform = "#,What's your team?,How would you rate our CI from 1 to 7?,GitHub Actions,Jenkins,Other,Any comments?,Start Date (UTC),Submit Date (UTC),Network ID\n\
a1b2c3,Payments,6,GitHub Actions,,,Great,2026-11-03 10:00:00,2026-11-03 10:05:00,4f2a\n\
d4e5f6,Search,3,,Jenkins,Bazel,Too slow,2026-11-03 11:00:00,2026-11-03 11:04:00,9b1c\n\
g7h8i9,Search,7,GitHub Actions,Jenkins,,,2026-11-04 08:00:00,2026-11-04 08:02:00,77aa\n";
    let mut preview = w
        .store
        .read(|db| {
            db.preview_survey_import("typeform.csv", typeform.as_bytes(), Some("CI pulse"), None)
        })
        .expect("preview");
    assert_eq!(kind_of(&preview, "#"), ColumnKind::Ignore);
    assert_eq!(kind_of(&preview, "What's your team?"), ColumnKind::Team);
    assert_eq!(
        kind_of(&preview, "How would you rate our CI from 1 to 7?"),
        ColumnKind::Likert
    );
    assert_eq!(
        kind_of(&preview, "GitHub Actions"),
        ColumnKind::MultipleChoice
    );
    assert_eq!(
        kind_of(&preview, "Submit Date (UTC)"),
        ColumnKind::SubmittedAt
    );
    assert_eq!(kind_of(&preview, "Start Date (UTC)"), ColumnKind::Ignore);
    assert_eq!(kind_of(&preview, "Network ID"), ColumnKind::Ignore);
    // The mapping step: the three tool columns answer one question.
    for c in preview
        .columns
        .iter_mut()
        .filter(|c| ["GitHub Actions", "Jenkins", "Other"].contains(&c.header.as_str()))
    {
        c.mapping.kind = ColumnKind::MultipleChoice;
        c.mapping.question = "Which CI tools do you use?".into();
    }
    let scale = preview.columns[2].mapping.scale.clone().expect("scale");
    assert_eq!((scale.min, scale.max), (1, 7));
    let done = import(
        &w,
        "typeform.csv",
        typeform.as_bytes(),
        &WaveImport {
            mapping: Some(preview.mapping()),
            ..wave("CI pulse")
        },
    )
    .expect("import");
    assert_eq!(done.responses, 3);
    assert_eq!(done.people_created, 0, "anonymous: no respondent column");
    let survey = &w.store.read(|db| db.list_surveys()).expect("surveys")[0];
    let tools: Vec<&SurveyQuestion> = survey
        .questions
        .iter()
        .filter(|q| q.kind == ColumnKind::MultipleChoice)
        .collect();
    assert_eq!(tools.len(), 1);
    assert_eq!(tools[0].title, "Which CI tools do you use?");
}

const SURVEYMONKEY: &str = "Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,What is your team?,How satisfied are you with the build system?,Which of these do you use?,,,,What should we improve?\r\n\
,,,,,,,,,Response,Response,GitHub Actions,Jenkins,CircleCI,Other (please specify),Open-Ended Response\r\n\
114206889261,431210221,11/03/2026 10:01:56 AM,11/03/2026 10:05:42 AM,10.0.0.1,priya.raman@corp.example,,,,Payments,Very satisfied,GitHub Actions,,CircleCI,,Faster caches\r\n\
114206889262,431210221,11/03/2026 11:01:56 AM,11/03/2026 11:07:42 AM,10.0.0.2,tom.berg@corp.example,,,,Search,Dissatisfied,,Jenkins,,Bazel,\"Builds fail, and nobody says why\"\r\n";

#[test]
fn a_surveymonkey_export_reads_its_two_header_rows_and_spread_multiple_choice() {
    let w = world();
    let preview = w
        .store
        .read(|db| db.preview_survey_import("sm.csv", SURVEYMONKEY.as_bytes(), Some(DEVEX), None))
        .expect("preview");
    assert_eq!(preview.header_rows, 2);
    assert_eq!(preview.rows, 2);
    assert_eq!(kind_of(&preview, "Respondent ID"), ColumnKind::Ignore);
    assert_eq!(kind_of(&preview, "Email Address"), ColumnKind::Respondent);
    assert_eq!(kind_of(&preview, "End Date"), ColumnKind::SubmittedAt);
    assert_eq!(kind_of(&preview, "What is your team?"), ColumnKind::Team);
    assert_eq!(
        kind_of(&preview, "How satisfied are you with the build system?"),
        ColumnKind::Csat
    );
    assert_eq!(
        kind_of(&preview, "Which of these do you use? / Jenkins"),
        ColumnKind::MultipleChoice
    );
    assert_eq!(
        kind_of(
            &preview,
            "Which of these do you use? / Other (please specify)"
        ),
        ColumnKind::FreeText
    );
    assert_eq!(
        kind_of(&preview, "What should we improve?"),
        ColumnKind::FreeText
    );
    let jenkins = preview
        .columns
        .iter()
        .find(|c| c.header.ends_with("/ Jenkins"))
        .expect("jenkins");
    assert_eq!(jenkins.mapping.question, "Which of these do you use?");
    assert_eq!(preview.preview[0].cells[10].value, "Very satisfied = 5");
    let (_, done) = import_guessed(&w, "sm.csv", SURVEYMONKEY.as_bytes(), DEVEX);
    assert_eq!(done.responses, 2);
    assert_eq!(done.wave.held_on.to_string(), "2026-11-03");
}

#[test]
fn a_european_microsoft_forms_export_reads_semicolons_a_bom_decimal_commas_and_day_first_dates() {
    let w = world();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        "ID;Start time;Completion time;Email;Name;Team;Satisfaction;Hours saved per week;Comments\r\n\
1;03.11.2026 09:58;03.11.2026 10:02;jose.nunez@corp.example;José Núñez;Zahlungen;4;4,5;Sehr gut\r\n\
2;13.11.2026 14:00;13.11.2026 14:03;lea.muller@corp.example;Lea Müller;Suche;2;0,5;\"Zu langsam; oft rot\"\r\n"
            .as_bytes(),
    );
    let preview = w
        .store
        .read(|db| db.preview_survey_import("forms.csv", &bytes, Some(DEVEX), None))
        .expect("preview");
    assert_eq!(preview.encoding, TextEncoding::Utf8Bom);
    assert_eq!(preview.delimiter, Delimiter::Semicolon);
    assert!(preview.day_first && preview.decimal_comma);
    assert_eq!(kind_of(&preview, "ID"), ColumnKind::Ignore);
    assert_eq!(
        kind_of(&preview, "Completion time"),
        ColumnKind::SubmittedAt
    );
    assert_eq!(kind_of(&preview, "Email"), ColumnKind::Respondent);
    assert_eq!(
        kind_of(&preview, "Hours saved per week"),
        ColumnKind::Number
    );
    assert_eq!(preview.preview[0].cells[7].value, "4.5");
    assert_eq!(preview.preview[1].cells[2].value, "2026-11-13");
    let (_, done) = import_guessed(&w, "forms.csv", &bytes, DEVEX);
    assert_eq!(done.wave.held_on.to_string(), "2026-11-13");
    let names: Vec<String> = w
        .store
        .read(|db| db.list_people(&PeopleQuery::default()))
        .expect("people")
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert!(
        names.contains(&"Jose Nunez".to_owned()) || names.contains(&"José Núñez".to_owned()),
        "{names:?}"
    );
}

#[test]
fn an_old_excel_export_in_windows_1252_and_a_utf16_tab_export_are_decoded_and_shown() {
    let w = world();
    // "Name,Team,Rating,Comment" with é and a curly apostrophe (0x92) as Windows-1252.
    let cp1252: &[u8] = b"Name,Team,Rating,Comment\r\nRen\xE9e Dupont,Paiements,5,It\x92s caf\xE9-fast\r\nMarc Roy,Recherche,3,ok\r\n";
    let preview = w
        .store
        .read(|db| db.preview_survey_import("old.csv", cp1252, Some("Old"), None))
        .expect("preview");
    assert_eq!(preview.encoding, TextEncoding::Windows1252);
    assert_eq!(preview.encoding_label, "Windows-1252 (Western European)");
    assert_eq!(preview.preview[0].cells[0].text, "Renée Dupont");
    assert_eq!(preview.preview[0].cells[3].text, "It’s café-fast");
    assert_eq!(kind_of(&preview, "Name"), ColumnKind::Respondent);

    let text = "Email\tHow likely are you to recommend us?\n\
a@corp.example\t10\n\
b@corp.example\t6\n";
    let mut utf16 = b"\xFF\xFE".to_vec();
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let preview = w
        .store
        .read(|db| db.preview_survey_import("unicode.txt", &utf16, Some("Old"), None))
        .expect("preview");
    assert_eq!(preview.encoding, TextEncoding::Utf16Le);
    assert_eq!(preview.delimiter, Delimiter::Tab);
    assert_eq!(
        kind_of(&preview, "How likely are you to recommend us?"),
        ColumnKind::Nps
    );
}

#[test]
fn a_bad_cell_is_named_by_row_and_column_and_the_import_stops_or_skips_the_row() {
    let w = world();
    let csv = "Email,Satisfaction,Comment\n\
priya.raman@corp.example,4,fine\n\
tom.berg@corp.example,five,meh\n\
ana.lima@corp.example,5,\"great\"\n";
    let mapping = SurveyMapping {
        columns: vec![
            ColumnMapping {
                header: "Email".into(),
                kind: ColumnKind::Respondent,
                question: String::new(),
                scale: None,
            },
            ColumnMapping {
                header: "Satisfaction".into(),
                kind: ColumnKind::Csat,
                question: String::new(),
                scale: Some(Scale {
                    min: 1,
                    max: 5,
                    labels: vec![],
                }),
            },
            ColumnMapping {
                header: "Comment".into(),
                kind: ColumnKind::FreeText,
                question: String::new(),
                scale: None,
            },
        ],
        day_first: None,
        decimal_comma: None,
    };
    let preview = w
        .store
        .read(|db| db.preview_survey_import("bad.csv", csv.as_bytes(), Some(DEVEX), Some(&mapping)))
        .expect("preview");
    assert_eq!(preview.bad_rows, 1);
    assert_eq!(
        preview.problems[0].to_string(),
        "row 3, column Satisfaction: “five” is not a number on a 1–5 scale"
    );
    assert_eq!(
        preview.preview[1].cells[1].error.as_deref(),
        Some("“five” is not a number on a 1–5 scale")
    );

    let before = counts(&w);
    let request = WaveImport {
        mapping: Some(mapping),
        ..wave(DEVEX)
    };
    let err = import(&w, "bad.csv", csv.as_bytes(), &request).expect_err("stops");
    assert_eq!(
        err.to_string(),
        "1 row cannot be imported, so nothing was: row 3, column Satisfaction: “five” is not a number on a 1–5 scale. Correct the file, or choose to skip bad rows"
    );
    assert_eq!(counts(&w), before, "nothing written");

    let done = import(
        &w,
        "bad.csv",
        csv.as_bytes(),
        &WaveImport {
            bad_rows: BadRows::Skip,
            ..request
        },
    )
    .expect("skips");
    assert_eq!(done.responses, 2);
    assert_eq!(done.skipped.len(), 1);
    assert_eq!(done.skipped[0].row, 3);
}

#[test]
fn the_same_responses_imported_twice_are_noticed_and_imported_again_only_when_asked() {
    let w = world();
    import_guessed(&w, "wave1.csv", GOOGLE_FORMS.as_bytes(), DEVEX);
    // The same responses re-saved with CRLF line ends are the same responses.
    let crlf = GOOGLE_FORMS.replace('\n', "\r\n");
    let preview = w
        .store
        .read(|db| db.preview_survey_import("again.csv", crlf.as_bytes(), Some(DEVEX), None))
        .expect("preview");
    assert_eq!(
        preview.duplicate_of.as_ref().map(|d| d.label.as_str()),
        Some("Wave 1")
    );
    let before = counts(&w);
    let err = import(&w, "again.csv", crlf.as_bytes(), &wave(DEVEX)).expect_err("duplicate");
    assert!(
        err.to_string()
            .contains("were imported already as Wave 1 of “Developer experience survey”"),
        "{err}"
    );
    assert_eq!(counts(&w), before);
    let done = import(
        &w,
        "again.csv",
        crlf.as_bytes(),
        &WaveImport {
            again: true,
            ..wave(DEVEX)
        },
    )
    .expect("again");
    assert_eq!(done.wave.label, "Wave 2");
}

#[test]
fn a_cancelled_import_leaves_the_workspace_as_it_was() {
    let w = world();
    let mut csv = String::from("Email,Score\n");
    for i in 0..5000 {
        csv.push_str(&format!("p{i}@corp.example,{}\n", i % 5 + 1));
    }
    let preview = w
        .store
        .read(|db| db.preview_survey_import("big.csv", csv.as_bytes(), Some(DEVEX), None))
        .expect("preview");
    let before = counts(&w);
    let mut calls = 0;
    let err = w
        .store
        .write(|tx| {
            tx.import_survey_wave(
                "big.csv",
                csv.as_bytes(),
                &WaveImport {
                    mapping: Some(preview.mapping()),
                    ..wave(DEVEX)
                },
                &mut |done, total| {
                    calls += 1;
                    assert!(done <= total);
                    done < total / 2 + 100
                },
            )
        })
        .expect_err("cancelled");
    assert!(matches!(err, DomainError::Cancelled), "{err}");
    assert!(calls > 1);
    assert_eq!(
        counts(&w),
        before,
        "people made before the cancel are gone too"
    );
}

#[test]
fn broken_files_get_an_error_a_person_can_act_on() {
    let w = world();
    let cases: &[(&[u8], &str)] = &[
        (b"", "the file is empty"),
        (
            b"Email,Score\nann@x.io,\"4\n",
            "line 2: a quoted answer opens here and is never closed",
        ),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "not a text file"),
        (
            b"PK\x03\x04\x14\0\x06\0",
            "this is an Excel workbook, not a CSV file",
        ),
        (b"\n\n\r\n", "only blank lines"),
    ];
    for (bytes, says) in cases {
        let err = w
            .store
            .read(|db| db.preview_survey_import("f.csv", bytes, Some(DEVEX), None))
            .expect_err("refused");
        assert!(err.to_string().contains(says), "{err} should say {says}");
        let err = import(&w, "f.csv", bytes, &wave(DEVEX)).expect_err("refused");
        assert!(err.to_string().contains(says), "{err} should say {says}");
    }
    // A header and no rows.
    let preview = w
        .store
        .read(|db| db.preview_survey_import("f.csv", b"Email,Score\n", Some(DEVEX), None))
        .expect("reads");
    assert_eq!(preview.rows, 0);
    assert!(preview.blockers.iter().any(|b| b.contains("no responses")));
    // A ragged row: more fields than the header.
    let preview = w
        .store
        .read(|db| {
            db.preview_survey_import(
                "f.csv",
                b"Email,Score\na@x.io,4\nb@x.io,3,extra,fields\n",
                Some(DEVEX),
                None,
            )
        })
        .expect("reads");
    assert_eq!(preview.bad_rows, 1);
    assert_eq!(
        preview.problems[0].to_string(),
        "row 3: it has 4 fields where the header has 2: an answer may hold the delimiter without quotes"
    );
    assert_eq!(counts(&w)[3], 0, "no survey was made by any of it");
}

#[test]
fn a_stray_nul_byte_is_a_bad_cell_named_by_row_and_column_while_a_binary_is_still_refused() {
    let w = world();
    let csv = "Email Address,How satisfied are you with CI?,What should we fix?\n\
               priya.raman@corp.example,4,Flaky tests\n\
               tom.berg@corp.example,2,Slow \0builds\n\
               ana.lima@corp.example,5,Docs\n";
    let preview = w
        .store
        .read(|db| db.preview_survey_import("pulse.csv", csv.as_bytes(), Some(DEVEX), None))
        .expect("the file reads; one cell is bad");
    assert_eq!((preview.rows, preview.bad_rows), (3, 1));
    assert_eq!(
        preview.problems[0].to_string(),
        "row 3, column What should we fix?: it holds a NUL byte, an invisible character that is not text; correct the cell or leave the row out"
    );
    // Stop names it; leaving the row out imports the others.
    let stopped = import(
        &w,
        "pulse.csv",
        csv.as_bytes(),
        &WaveImport {
            mapping: Some(preview.mapping()),
            ..wave(DEVEX)
        },
    )
    .expect_err("stops");
    assert!(
        stopped
            .to_string()
            .contains("row 3, column What should we fix?"),
        "{stopped}"
    );
    let done = import(
        &w,
        "pulse.csv",
        csv.as_bytes(),
        &WaveImport {
            mapping: Some(preview.mapping()),
            bad_rows: BadRows::Skip,
            ..wave(DEVEX)
        },
    )
    .expect("the rest imports");
    assert_eq!((done.responses, done.skipped.len()), (2, 1));

    // A file of binary data without a known signature is still not text.
    let binary: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 & 0x1F)
        .collect();
    let err = w
        .store
        .read(|db| db.preview_survey_import("data.csv", &binary, Some(DEVEX), None))
        .expect_err("refused");
    assert!(err.to_string().contains("not a text file"), "{err}");
}

#[test]
fn a_50_mb_export_is_read_and_checked() {
    let w = world();
    let mut csv = String::with_capacity(52 * 1024 * 1024);
    csv.push_str("Timestamp,Email,Team,Satisfaction,Recommend,Comment\n");
    let mut i = 0;
    while csv.len() < 50 * 1024 * 1024 {
        csv.push_str(&format!(
            "2026-11-{:02} 10:00:00,person{}@corp.example,Team {},{},{},\"A long comment about builds, caches and the queue, number {i}\"\n",
            i % 28 + 1,
            i % 5000,
            i % 40,
            i % 5 + 1,
            i % 11
        ));
        i += 1;
    }
    let preview = w
        .store
        .read(|db| db.preview_survey_import("big.csv", csv.as_bytes(), Some(DEVEX), None))
        .expect("preview");
    assert_eq!(preview.rows as usize, i);
    assert_eq!(preview.bad_rows, 0);
    assert_eq!(kind_of(&preview, "Recommend"), ColumnKind::Nps);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_give_a_result_or_a_clear_error_and_never_a_partial_write(
        bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..400),
            "[a-z0-9,;\"\t\r\n @.é]{0,300}".prop_map(String::into_bytes),
            "Email,Score,Comment\n([a-z]{1,6}@x\\.io,[0-9x]{0,2},\"?[a-z ,\n]{0,20}\"?\n){0,8}".prop_map(String::into_bytes),
        ]
    ) {
        let w = world();
        let before = counts(&w);
        let mapping = SurveyMapping {
            columns: vec![
                ColumnMapping { header: "Email".into(), kind: ColumnKind::Respondent, question: String::new(), scale: None },
                ColumnMapping { header: "Score".into(), kind: ColumnKind::Likert, question: String::new(), scale: None },
                ColumnMapping { header: "Comment".into(), kind: ColumnKind::FreeText, question: String::new(), scale: None },
            ],
            day_first: None,
            decimal_comma: None,
        };
        if let Err(e) = w.store.read(|db| db.preview_survey_import("p.csv", &bytes, Some(DEVEX), None)) {
            prop_assert!(!e.to_string().is_empty());
        }
        match import(&w, "p.csv", &bytes, &WaveImport { mapping: Some(mapping), ..wave(DEVEX) }) {
            Ok(done) => {
                prop_assert!(done.responses > 0);
                prop_assert_eq!(counts(&w)[4], 1);
            }
            Err(e) => {
                let message = e.to_string();
                prop_assert!(!message.is_empty() && !message.contains("panic"));
                prop_assert_eq!(counts(&w), before);
            }
        }
    }
}

#[test]
fn charts_show_each_question_across_waves_split_by_team_and_honest_about_small_samples() {
    let w = world();
    import_guessed(&w, "wave1.csv", GOOGLE_FORMS.as_bytes(), DEVEX);
    let wave2 = "Timestamp,Email Address,Which team are you on?,How satisfied are you with CI?,How likely are you to recommend the platform to a colleague?,Which tools do you use?,What is the one thing we should fix?\n\
2027/02/03 10:15:22 AM GMT+1,priya.raman@corp.example,Payments,5,10,Jenkins,Nothing\n\
2027/02/04 10:15:22 AM GMT+1,sam.okafor@corp.example,Data,3,,CircleCI,Docs\n";
    import(&w, "wave2.csv", wave2.as_bytes(), &wave(DEVEX)).expect("second wave");
    let survey = w
        .store
        .read(|db| db.list_surveys())
        .expect("surveys")
        .remove(0);
    let charts = w
        .store
        .read(|db| db.survey_charts(survey.id, Split::None))
        .expect("charts");
    assert_eq!(
        charts
            .waves
            .iter()
            .map(|w| w.label.as_str())
            .collect::<Vec<_>>(),
        ["Wave 1", "Wave 2"]
    );
    let nps = charts
        .questions
        .iter()
        .find(|q| q.question.kind == ColumnKind::Nps)
        .expect("nps");
    // Wave 1: 9, 3, 10 → 2 promoters, 1 detractor of 3: +33; wave 2: one 10 and a blank.
    assert_eq!(
        (nps.waves[0].n, nps.waves[1].n, nps.waves[1].blanks),
        (3, 1, 1)
    );
    assert!((nps.waves[0].nps.expect("nps").value - 100.0 / 3.0).abs() < 1e-6);
    assert_eq!(nps.waves[1].nps.expect("nps").value, 100.0);
    assert!(nps.waves[0].small_sample && nps.waves[0].nps.expect("nps").margin > 50.0);
    let csat = charts
        .questions
        .iter()
        .find(|q| q.question.kind == ColumnKind::Csat)
        .expect("csat");
    // 4, 2, 5: two of three satisfied.
    assert!((csat.waves[0].csat.expect("csat").value - 200.0 / 3.0).abs() < 1e-6);
    let tools = charts
        .questions
        .iter()
        .find(|q| q.question.kind == ColumnKind::MultipleChoice)
        .expect("tools");
    assert_eq!(tools.waves[0].distribution[0].label, "GitHub Actions");
    assert_eq!(tools.waves[0].distribution[0].count, 2);

    let by_team = w
        .store
        .read(|db| db.survey_charts(survey.id, Split::Team))
        .expect("charts");
    let csat = by_team
        .questions
        .iter()
        .find(|q| q.question.kind == ColumnKind::Csat)
        .expect("csat");
    let names: Vec<&str> = csat.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Data", "Payments", "Search"]);
    let payments = &csat.series[1];
    assert_eq!((payments.waves[0].n, payments.waves[1].n), (2, 1));
    assert_eq!(payments.waves[0].mean, Some(4.5));
}

/// The first survey, its free-text question and that question's answers.
fn free_text_answers(w: &World) -> (Survey, SurveyQuestion, Vec<TextAnswer>) {
    let survey = w
        .store
        .read(|db| db.list_surveys())
        .expect("surveys")
        .remove(0);
    let fix = survey
        .questions
        .iter()
        .find(|q| q.kind == ColumnKind::FreeText)
        .expect("free text")
        .clone();
    let answers = w
        .store
        .read(|db| db.survey_text_answers(survey.id, fix.number, None))
        .expect("answers");
    (survey, fix, answers)
}

#[test]
fn free_text_answers_become_observations_attributed_to_the_respondent_and_searchable() {
    let w = world();
    import_guessed(&w, "wave1.csv", GOOGLE_FORMS.as_bytes(), DEVEX);
    let (survey, fix, answers) = free_text_answers(&w);
    assert_eq!(answers.len(), 2, "a blank answer is not one");
    assert_eq!(
        answers[0].person.as_ref().map(|p| p.name.as_str()),
        Some("Priya Raman")
    );
    assert_eq!(answers[0].team, "Payments");
    let refs: Vec<AnswerRef> = answers
        .iter()
        .map(|a| AnswerRef {
            wave_id: a.wave_id,
            row: a.row,
            question: a.question,
        })
        .collect();
    let made = w
        .store
        .write(|tx| tx.answers_to_observations(&refs, ObservationKind::Quote))
        .expect("made");
    assert_eq!(made.len(), 2);
    assert_eq!(
        made[0].text,
        "Flaky tests, \"red\" builds\nthat nobody trusts"
    );
    assert_eq!(made[0].people[0].name, "Priya Raman");
    assert_eq!(made[0].source_kind, Some(SourceKind::UserSurvey));
    // Again: nothing new, and the answers say which observation they became.
    assert!(w
        .store
        .write(|tx| tx.answers_to_observations(&refs, ObservationKind::Quote))
        .expect("again")
        .is_empty());
    let answers = w
        .store
        .read(|db| db.survey_text_answers(survey.id, fix.number, None))
        .expect("answers");
    assert_eq!(answers[0].observation_id, Some(made[0].id));
    let found = w
        .store
        .read(|db| {
            db.search(&SearchQuery {
                text: "nobody trusts".into(),
                ..Default::default()
            })
        })
        .expect("search");
    assert!(
        found.hits.iter().any(|h| h.id == made[0].id),
        "searchable like any observation"
    );
    // A choice is not free text.
    let tools = survey
        .questions
        .iter()
        .find(|q| q.kind == ColumnKind::MultipleChoice)
        .expect("tools");
    let err = w
        .store
        .write(|tx| {
            tx.answers_to_observations(
                &[AnswerRef {
                    wave_id: answers[0].wave_id,
                    row: 2,
                    question: tools.number,
                }],
                ObservationKind::Quote,
            )
        })
        .expect_err("not free text");
    assert!(err.to_string().contains("no free-text answer"), "{err}");
}

#[test]
fn a_qualtrics_export_reads_its_question_row_under_the_ids_and_skips_the_import_ids() {
    let w = world();
    let qualtrics = r#"StartDate,EndDate,Status,IPAddress,Progress,Duration (in seconds),Finished,RecordedDate,ResponseId,RecipientEmail,Q1,Q2,Q3_1,Q3_2,Q4
Start Date,End Date,Response Type,IP Address,Progress,Duration (in seconds),Finished,Recorded Date,Response ID,Recipient Email,How likely are you to recommend the platform?,Which tools do you use?,How satisfied are you with - Speed,How satisfied are you with - Reliability,What should we fix first?
"{""ImportId"":""startDate"",""timeZone"":""America/Denver""}","{""ImportId"":""endDate"",""timeZone"":""America/Denver""}","{""ImportId"":""status""}","{""ImportId"":""ipAddress""}","{""ImportId"":""progress""}","{""ImportId"":""duration""}","{""ImportId"":""finished""}","{""ImportId"":""recordedDate"",""timeZone"":""America/Denver""}","{""ImportId"":""_recordId""}","{""ImportId"":""recipientEmail""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3_1""}","{""ImportId"":""QID3_2""}","{""ImportId"":""QID4_TEXT""}"
2026-11-03 10:00:00,2026-11-03 10:04:00,IP Address,10.0.0.1,100,240,True,2026-11-03 10:04:01,R_1a,priya.raman@corp.example,9,"GitHub Actions,Jenkins",Very satisfied,Satisfied,Caches
2026-11-03 11:00:00,2026-11-03 11:06:00,IP Address,10.0.0.2,100,360,True,2026-11-03 11:06:01,R_2b,tom.berg@corp.example,4,Jenkins,Dissatisfied,Very dissatisfied,"Red builds, every day"
2026-11-04 09:00:00,2026-11-04 09:02:00,IP Address,10.0.0.3,100,120,True,2026-11-04 09:02:01,R_3c,ana.lima@corp.example,10,"CircleCI,GitHub Actions",Satisfied,Very satisfied,
"#;
    let preview = w
        .store
        .read(|db| {
            db.preview_survey_import("qualtrics.csv", qualtrics.as_bytes(), Some(DEVEX), None)
        })
        .expect("preview");
    assert_eq!(
        preview.rows, 3,
        "the id row and the import-id row are not responses"
    );
    assert_eq!(preview.columns[0].header, "Start Date");
    for (header, kind) in [
        ("Start Date", ColumnKind::Ignore),
        ("End Date", ColumnKind::SubmittedAt),
        ("Response Type", ColumnKind::Ignore),
        ("Progress", ColumnKind::Ignore),
        ("Finished", ColumnKind::Ignore),
        ("Recorded Date", ColumnKind::Ignore),
        ("Response ID", ColumnKind::Ignore),
        ("Recipient Email", ColumnKind::Respondent),
        (
            "How likely are you to recommend the platform?",
            ColumnKind::Nps,
        ),
        ("Which tools do you use?", ColumnKind::MultipleChoice),
        ("How satisfied are you with - Speed", ColumnKind::Csat),
        ("What should we fix first?", ColumnKind::FreeText),
    ] {
        assert_eq!(kind_of(&preview, header), kind, "{header}");
    }
    let (_, done) = import_guessed(&w, "qualtrics.csv", qualtrics.as_bytes(), DEVEX);
    assert_eq!(done.responses, 3);
}

#[test]
fn a_surveymonkey_matrix_makes_a_question_a_row_and_microsoft_forms_choices_end_with_a_semicolon() {
    let w = world();
    let matrix = "Respondent ID,How satisfied are you with:,,What do you use?\n\
,Speed,Reliability,Response\n\
1,Very satisfied,Satisfied,GitHub Actions;Jenkins;\n\
2,Dissatisfied,Very dissatisfied,Jenkins;\n\
3,Satisfied,Very satisfied,CircleCI;\n";
    let preview = w
        .store
        .read(|db| db.preview_survey_import("matrix.csv", matrix.as_bytes(), Some(DEVEX), None))
        .expect("preview");
    assert_eq!(preview.header_rows, 2);
    assert_eq!(
        kind_of(&preview, "How satisfied are you with: / Speed"),
        ColumnKind::Csat
    );
    assert_eq!(
        kind_of(&preview, "How satisfied are you with: / Reliability"),
        ColumnKind::Csat
    );
    let speed = preview
        .columns
        .iter()
        .find(|c| c.header.ends_with("Speed"))
        .expect("speed");
    assert_eq!(
        speed.mapping.question, "",
        "a matrix row is its own question"
    );
    assert_eq!(
        kind_of(&preview, "What do you use?"),
        ColumnKind::MultipleChoice
    );
    assert_eq!(preview.preview[0].cells[3].value, "GitHub Actions; Jenkins");
    let (_, done) = import_guessed(&w, "matrix.csv", matrix.as_bytes(), DEVEX);
    assert_eq!(done.responses, 3);
}

#[test]
fn a_respondent_merged_into_another_person_keeps_their_answers_and_ask_load_and_undo_gives_them_back(
) {
    let w = world();
    let priya_kept = w.person("Priya R.", None, Relation::InternalUser);
    import_guessed(&w, "wave1.csv", GOOGLE_FORMS.as_bytes(), DEVEX);
    let people = w
        .store
        .read(|db| db.list_people(&PeopleQuery::default()))
        .expect("people");
    let from_survey = people
        .iter()
        .find(|p| p.name == "Priya Raman")
        .expect("made by the import")
        .id;
    let merge = w
        .store
        .write(|tx| tx.merge_people(priya_kept, from_survey))
        .expect("merge");
    let kept = w.store.read(|db| db.person(priya_kept)).expect("kept");
    assert_eq!(
        kept.summary.ask_load, 1,
        "the wave she answered counts for the person kept"
    );
    let (_, fix, answers) = free_text_answers(&w);
    assert_eq!(
        answers[0].person.as_ref().map(|p| p.id),
        Some(priya_kept),
        "the answer follows the merge"
    );
    let made = w
        .store
        .write(|tx| {
            tx.answers_to_observations(
                &[AnswerRef {
                    wave_id: answers[0].wave_id,
                    row: answers[0].row,
                    question: fix.number,
                }],
                ObservationKind::Quote,
            )
        })
        .expect("made");
    assert_eq!(made[0].people[0].id, priya_kept);
    // The next wave by the same email finds the person kept, not a new one.
    let wave2 = "Timestamp,Email Address,Which team are you on?,How satisfied are you with CI?,Which tools do you use?,What is the one thing we should fix?\n\
2026/11/20 10:15:22 AM GMT+1,priya.raman@corp.example,Payments,5,Jenkins,Nothing\n";
    let done = import(&w, "wave2.csv", wave2.as_bytes(), &wave(DEVEX)).expect("second wave");
    assert_eq!(done.people_created, 0, "no second Priya");
    assert_eq!(
        w.store
            .read(|db| db.person(priya_kept))
            .expect("kept")
            .summary
            .ask_load,
        2
    );
    w.store
        .write(|tx| tx.undo_merge(merge.merge_id))
        .expect("undo");
    assert_eq!(
        w.store
            .read(|db| db.person(priya_kept))
            .expect("kept")
            .summary
            .ask_load,
        1,
        "the wave imported after the merge stays hers"
    );
    assert_eq!(
        w.store
            .read(|db| db.person(from_survey))
            .expect("back")
            .summary
            .ask_load,
        1
    );
}
