//! Transcripts as Zoom, Teams, Meet, Otter and subtitle tools write them, read into
//! turns, with what is not speech set aside, and every way a file can be refused.

use groundwork_core::discovery::transcript::{preview, read_transcript};
use groundwork_core::{Transcript, TranscriptError, TranscriptFormat};
use std::io::{Cursor, Write};

fn read(name: &str, text: &str) -> Transcript {
    read_transcript(name, text.as_bytes()).expect("reads")
}

fn speakers(t: &Transcript) -> Vec<&str> {
    t.turns.iter().map(|t| t.speaker.as_str()).collect()
}

const ZOOM_VTT: &str = "WEBVTT

1
00:00:01.000 --> 00:00:04.500
Raman, Priya (Guest): Thanks for making time: it helps.

2
00:00:04.500 --> 00:00:06.000
Raman, Priya (Guest): Shall we start?

3
00:00:06.200 --> 00:00:09.000
李明: 好的, see https://example.com: here.

4
00:00:09.000 --> 00:00:12.345
Sam O'Neil: The deploy queue is slow.
";

#[test]
fn a_zoom_cloud_vtt_names_guests_with_commas_and_any_script() {
    let t = read("GMT20260101-100000_Recording.transcript.vtt", ZOOM_VTT);
    assert_eq!(t.format, TranscriptFormat::ZoomVtt);
    assert_eq!(
        speakers(&t),
        vec!["Raman, Priya (Guest)", "李明", "Sam O'Neil"]
    );
    assert_eq!(
        t.turns[0].text,
        "Thanks for making time: it helps. Shall we start?"
    );
    assert_eq!(
        (t.turns[0].start_ms, t.turns[0].end_ms),
        (Some(1000), Some(6000))
    );
    assert_eq!(t.turns[1].text, "好的, see https://example.com: here.");
    assert_eq!(t.duration_ms, Some(12_345));
}

#[test]
fn zoom_saved_captions_count_time_from_the_first_line_even_past_midnight() {
    let text = "[Priya Raman] 23:59:50\nHello, can you hear me?\n\n[Sam Lee] 23:59:58\nYes.\nLoud and clear.\n[Sam Lee] 00:00:04\nGo on.\n";
    let t = read("closed_caption.txt", text);
    assert_eq!(t.format, TranscriptFormat::ZoomTxt);
    assert_eq!(speakers(&t), vec!["Priya Raman", "Sam Lee"]);
    assert_eq!(t.turns[0].start_ms, Some(0));
    assert_eq!(t.turns[1].start_ms, Some(8_000));
    assert_eq!(t.turns[1].text, "Yes. Loud and clear. Go on.");
    assert_eq!(t.duration_ms, Some(14_000));
}

const TEAMS_VTT: &str = "WEBVTT

3f2a1b9c-7d4e-4a8b-9c1d-2e3f4a5b6c7d/12-0
0:0:1.000 --> 0:0:2.500
<v Priya Raman>We keep waiting on the</v>

3f2a1b9c-7d4e-4a8b-9c1d-2e3f4a5b6c7d/12-1
0:0:2.500 --> 0:0:3.900
<v Priya Raman>deploy queue.</v>

3f2a1b9c-7d4e-4a8b-9c1d-2e3f4a5b6c7d/13-0
0:6:43.330 --> 0:6:45.000
<v Sam Lee>Same here.</v> <v Priya Raman>Right.</v>

3f2a1b9c-7d4e-4a8b-9c1d-2e3f4a5b6c7d/14-0
0:6:45.000 --> 0:6:47.120
<v Sam Lee>Every single day
";

#[test]
fn a_teams_vtt_with_a_bom_guid_ids_unpadded_times_and_two_voices_in_a_cue_reads() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(TEAMS_VTT.as_bytes());
    let t = read_transcript("meeting.vtt", &bytes).expect("reads");
    assert_eq!(t.format, TranscriptFormat::TeamsVtt);
    assert_eq!(t.encoding_label, "UTF-8 with byte-order mark");
    assert_eq!(
        speakers(&t),
        vec!["Priya Raman", "Sam Lee", "Priya Raman", "Sam Lee"]
    );
    assert_eq!(t.turns[0].text, "We keep waiting on the deploy queue.");
    assert_eq!(t.turns[1].start_ms, Some(403_330));
    assert_eq!(
        t.turns[3].text, "Every single day",
        "the missing </v> is forgiven"
    );
    assert_eq!(t.duration_ms, Some(407_120));
}

#[test]
fn the_same_teams_vtt_as_utf16_reads_the_same() {
    let mut bytes = b"\xFF\xFE".to_vec();
    bytes.extend(TEAMS_VTT.encode_utf16().flat_map(u16::to_le_bytes));
    let t = read_transcript("meeting.vtt", &bytes).expect("reads");
    assert_eq!(t.encoding_label, "UTF-16 (little-endian)");
    assert_eq!(t.turns, read("meeting.vtt", TEAMS_VTT).turns);
}

/// A `.docx` holding `word/document.xml` with one `<w:p>` per paragraph, each line of
/// a paragraph a run, the lines separated by `<w:br/>`.
fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    for p in paragraphs {
        xml.push_str("<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr>");
        for (i, line) in p.split('\n').enumerate() {
            if i > 0 {
                xml.push_str("<w:r><w:br/></w:r>");
            }
            let escaped = line.replace('&', "&amp;").replace('<', "&lt;");
            xml.push_str(&format!(
                r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escaped}</w:t></w:r>"#
            ));
        }
        xml.push_str("</w:p>");
    }
    xml.push_str("<w:sectPr/></w:body></w:document>");
    zipped(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &xml),
    ])
}

fn zipped(files: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files {
        zip.start_file(*name, options).expect("starts");
        zip.write_all(content.as_bytes()).expect("writes");
    }
    zip.finish().expect("finishes").into_inner()
}

#[test]
fn a_teams_docx_has_a_paragraph_per_turn_and_leaves_out_transcription_starting() {
    let bytes = docx(&[
        "Platform coffee chat",
        "January 8, 2027, 10:00AM",
        "Priya Raman started transcription",
        "Priya Raman   0:03\nSo, tell me about deploys & rollbacks.",
        "Sam Lee   0:09\nThey take an hour.",
        "Sam Lee   1:02:10\nAnd they fail.",
        "Priya Raman stopped transcription",
    ]);
    let t = read_transcript("Platform coffee chat.docx", &bytes).expect("reads");
    assert_eq!(t.format, TranscriptFormat::TeamsDocx);
    assert_eq!(speakers(&t), vec!["Priya Raman", "Sam Lee"]);
    assert_eq!(t.turns[0].text, "So, tell me about deploys & rollbacks.");
    assert_eq!(t.turns[1].text, "They take an hour. And they fail.");
    assert_eq!(t.turns[1].start_ms, Some(9_000));
    assert_eq!(
        t.turns[1].line, 5,
        "a Word document's lines are its paragraphs"
    );
    assert_eq!(t.left_out[2].line, 3);
    let why: Vec<&str> = t.left_out.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        why,
        vec![
            "Platform coffee chat",
            "January 8, 2027, 10:00AM",
            "Priya Raman started transcription",
            "Priya Raman stopped transcription"
        ]
    );
}

const MEET_WITH_GEMINI: &str = "📝 Notes
Jan 8, 2027
Platform advisory group
Invited Priya Raman Sam Lee

Summary
Sam Lee: deploys are slow and the team wants faster rollbacks.

Details
Deploys: Sam explained the queue.

Suggested next steps
Priya Raman will look at the queue.

You should review Gemini's notes to make sure they're accurate. This editable transcript was computer generated and might contain errors.

📖 Transcript
Platform advisory group - Transcript
00:00:00

Priya Raman: Welcome, everyone.
Sam Lee: Thanks.
00:01:30

Sam Lee: Deploys take an hour.
They also fail on Fridays.
Transcription ended after 00:45:12

This editable transcript was computer generated and might contain errors. People can also change the text after it was created.
";

#[test]
fn a_meet_transcript_leaves_geminis_notes_and_the_notice_to_no_one() {
    let t = read("Platform advisory group - Transcript.txt", MEET_WITH_GEMINI);
    assert_eq!(t.format, TranscriptFormat::MeetTxt);
    assert_eq!(speakers(&t), vec!["Priya Raman", "Sam Lee"]);
    assert_eq!(
        t.turns[1].text,
        "Thanks. Deploys take an hour. They also fail on Fridays."
    );
    assert_eq!(t.turns[1].start_ms, Some(0));
    let said: String = t.turns.iter().map(|t| t.text.as_str()).collect();
    assert!(!said.contains("rollbacks") && !said.contains("look at the queue"));
    let why = |needle: &str| {
        t.left_out
            .iter()
            .find(|l| l.text.contains(needle))
            .map(|l| l.why.as_str())
            .unwrap_or("kept as speech")
    };
    assert_eq!(why("faster rollbacks"), "Gemini's summary, not speech");
    assert_eq!(
        why("will look at"),
        "Gemini's suggested next steps, not speech"
    );
    assert!(why("People can also change").contains("computer generated"));
    assert!(why("Transcription ended").contains("end of transcription"));
}

#[test]
fn a_meet_docx_reads_by_the_same_rules_as_its_text() {
    let paragraphs: Vec<&str> = MEET_WITH_GEMINI.lines().collect();
    let t = read_transcript("notes.docx", &docx(&paragraphs)).expect("reads");
    assert_eq!(t.format, TranscriptFormat::MeetDocx);
    assert_eq!(
        t.turns.iter().map(|t| &t.text).collect::<Vec<_>>(),
        read("notes.txt", MEET_WITH_GEMINI)
            .turns
            .iter()
            .map(|t| &t.text)
            .collect::<Vec<_>>()
    );
}

#[test]
fn an_otter_txt_keeps_unnamed_speakers_and_leaves_its_footer_out() {
    let text = "Speaker 1  0:00\nThanks for joining.\n\nUnknown Speaker  0:12\nSure, happy to.\n\nPriya Raman  1:02:03\nLast question: is the report computer generated?\n\nTranscribed by https://otter.ai\n";
    let t = read("chat.txt", text);
    assert_eq!(t.format, TranscriptFormat::OtterTxt);
    assert_eq!(
        speakers(&t),
        vec!["Speaker 1", "Unknown Speaker", "Priya Raman"]
    );
    assert_eq!(t.turns[2].start_ms, Some(3_723_000));
    assert!(
        t.turns[2].text.contains("computer generated"),
        "said, so kept"
    );
    assert_eq!(t.left_out.len(), 1);
    assert_eq!(t.left_out[0].line, 10);
    assert_eq!(t.left_out[0].why, "Otter's footer, not speech");
}

#[test]
fn an_srt_with_names_in_its_cues_reads_and_a_cue_without_one_goes_on() {
    let text = "1\r\n00:00:01,000 --> 00:00:02,000\r\nPriya: Hello.\r\n\r\n2\r\n00:00:02,500 --> 00:00:04,000\r\nHow are you?\r\n\r\n3\r\n00:00:04,000 --> 00:00:05,000\r\nSam: Fine.\r\n";
    let t = read("chat.srt", text);
    assert_eq!(t.format, TranscriptFormat::Srt);
    assert_eq!(speakers(&t), vec!["Priya", "Sam"]);
    assert_eq!(t.turns[0].text, "Hello. How are you?");
    let headless = "00:00:01.000 --> 00:00:02.000\nPriya: Hello.\n";
    assert_eq!(read("chat.vtt", headless).format, TranscriptFormat::Vtt);
}

#[test]
fn plain_name_and_text_lines_read_and_the_preview_shares_the_words() {
    let text = "Priya Raman: How long does a deploy take?\nSam Lee: An hour, and then it fails half the time.\nit is painful\nPriya Raman: Why?\n";
    let t = read("notes.txt", text);
    assert_eq!(t.format, TranscriptFormat::PlainText);
    assert_eq!(
        t.turns[1].text,
        "An hour, and then it fails half the time. it is painful"
    );
    assert_eq!(t.duration_ms, None);
    let p = preview(&t);
    assert_eq!(p.turns, 3);
    assert_eq!(p.format_label, "Plain text of “Name: text” lines");
    assert_eq!(p.speakers[0].label, "Sam Lee");
    assert_eq!((p.speakers[0].words, p.speakers[0].turns), (12, 1));
    assert_eq!((p.speakers[1].words, p.speakers[1].turns), (7, 2));
    assert!((p.speakers[0].share - 12.0 / 19.0).abs() < 1e-9);
}

#[test]
fn a_three_hour_teams_vtt_of_7500_cues_reads() {
    let mut text = String::from("WEBVTT\n\n");
    for i in 0..7500u64 {
        let (start, end) = (i * 1440, i * 1440 + 1400);
        let who = if (i / 3) % 2 == 0 {
            "Priya Raman"
        } else {
            "Sam Lee"
        };
        text.push_str(&format!(
            "3f2a1b9c-7d4e-4a8b-9c1d-2e3f4a5b6c7d/{i}-0\n{}:{}:{}.{:03} --> {}:{}:{}.{:03}\n<v {who}>word number {i}</v>\n\n",
            start / 3_600_000,
            start / 60_000 % 60,
            start / 1000 % 60,
            start % 1000,
            end / 3_600_000,
            end / 60_000 % 60,
            end / 1000 % 60,
            end % 1000,
        ));
    }
    let t = read("long.vtt", &text);
    assert_eq!(t.turns.len(), 2500);
    assert_eq!(t.duration_ms, Some(7499 * 1440 + 1400));
    assert_eq!(preview(&t).speakers.len(), 2);
}

#[test]
fn a_binary_an_image_renamed_vtt_and_an_empty_file_are_refused_in_words() {
    let png = read_transcript("chat.vtt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_eq!(png, Err(TranscriptError::NotText { what: "PNG image" }));
    let e = png.expect_err("refused").to_string();
    assert!(
        e.contains("not a text file") && e.contains("transcript"),
        "{e}"
    );
    assert!(matches!(
        read_transcript("chat.txt", &[0u8, 1, 2, 3, 0, 200, 13, 0, 7, 8]),
        Err(TranscriptError::NotText { .. })
    ));
    assert_eq!(
        read_transcript("chat.vtt", b""),
        Err(TranscriptError::Empty)
    );
    assert_eq!(
        read_transcript("chat.vtt", b"\n \r\n"),
        Err(TranscriptError::Empty)
    );
    assert_eq!(
        read_transcript("chat.vtt", b"WEBVTT\n\nNOTE nothing said\n"),
        Err(TranscriptError::Empty)
    );
}

#[test]
fn a_text_of_no_shape_is_not_a_transcript_and_says_which_shapes_are_read() {
    let e = read_transcript("essay.txt", b"A long essay.\nWith no speakers at all.\n")
        .expect_err("refused");
    assert_eq!(e, TranscriptError::NotATranscript);
    assert!(e.to_string().contains("WebVTT"));
}

#[test]
fn a_time_that_cannot_be_a_time_names_its_line() {
    let text = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA: hi\n\n2\n00:00:02.000 --> 00:99:03.000\nA: there\n";
    let e = read_transcript("chat.vtt", text.as_bytes()).expect_err("refused");
    assert_eq!(
        e,
        TranscriptError::BadTime {
            line: 8,
            text: "00:99:03.000".into()
        }
    );
    assert!(e.to_string().starts_with("line 8: "), "{e}");
    let zoom = "[A] 10:00:00\nfirst\n[B] 10:61:00\nsecond\n";
    assert_eq!(
        read_transcript("captions.txt", zoom.as_bytes()),
        Err(TranscriptError::BadTime {
            line: 3,
            text: "10:61:00".into()
        })
    );
    let meet = "Chat - Transcript\n00:00:00\nA: hi\n00:70:00\nB: hello\n";
    assert!(matches!(
        read_transcript("meet.txt", meet.as_bytes()),
        Err(TranscriptError::BadTime { line: 4, .. })
    ));
}

#[test]
fn times_that_run_backwards_name_the_line() {
    let text = "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\n<v A>one</v>\n\n00:00:01.000 --> 00:00:02.000\n<v A>two</v>\n";
    let e = read_transcript("chat.vtt", text.as_bytes()).expect_err("refused");
    assert!(
        matches!(e, TranscriptError::Backwards { line: 6, .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("line 6") && e.to_string().contains("backwards"));
    let otter = "A  0:10\nfirst\n\nB  0:05\nsecond\n";
    assert!(matches!(
        read_transcript("o.txt", otter.as_bytes()),
        Err(TranscriptError::Backwards { line: 4, .. })
    ));
}

#[test]
fn a_zip_without_a_document_is_refused_and_crosses_ipc_as_invalid_input() {
    let bytes = zipped(&[("xl/workbook.xml", "<workbook/>")]);
    let e = read_transcript("chat.docx", &bytes).expect_err("refused");
    assert_eq!(e, TranscriptError::NoDocument);
    let domain: groundwork_core::DomainError = e.into();
    assert!(matches!(
        domain,
        groundwork_core::DomainError::TranscriptFile { line: None, .. }
    ));
    assert!(domain.to_string().contains("word/document.xml"));
    let broken = b"PK\x03\x04 not really a zip".to_vec();
    assert!(matches!(
        read_transcript("chat.docx", &broken),
        Err(TranscriptError::BadArchive { .. })
    ));
}
