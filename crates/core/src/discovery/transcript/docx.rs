//! A Word document's text, paragraph by paragraph: a `.docx` is a zip holding
//! `word/document.xml`, whose `<w:p>` paragraphs hold `<w:t>` runs of text, `<w:br/>`
//! line breaks and `<w:tab/>` tabs. Teams and Meet write nothing fancier, so a small
//! scan of the tags reads them; everything else in the XML is skipped.

use super::TranscriptError;
use std::io::{Cursor, Read};

const DOCUMENT: &str = "word/document.xml";

/// The document's paragraphs, their line breaks kept as `\n`. `cap` bounds the
/// unpacked XML.
pub(super) fn document_paragraphs(bytes: &[u8], cap: u64) -> Result<Vec<String>, TranscriptError> {
    let xml = document_xml(bytes, cap)?;
    Ok(paragraphs(&xml))
}

fn document_xml(bytes: &[u8], cap: u64) -> Result<String, TranscriptError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| TranscriptError::BadArchive {
            reason: e.to_string(),
        })?;
    let entry = match archive.by_name(DOCUMENT) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Err(TranscriptError::NoDocument),
        Err(e) => {
            return Err(TranscriptError::BadArchive {
                reason: e.to_string(),
            })
        }
    };
    let too_large = || TranscriptError::DocumentTooLarge {
        max: if cap >= 1024 * 1024 {
            format!("{} MiB", cap / (1024 * 1024))
        } else {
            format!("{cap} bytes")
        },
    };
    if entry.size() > cap {
        return Err(too_large());
    }
    // The size in the header may lie: read one byte past the cap to know.
    let mut xml = Vec::new();
    entry
        .take(cap + 1)
        .read_to_end(&mut xml)
        .map_err(|e| TranscriptError::BadArchive {
            reason: e.to_string(),
        })?;
    if xml.len() as u64 > cap {
        return Err(too_large());
    }
    Ok(String::from_utf8_lossy(&xml).into_owned())
}

/// The text of each `<w:p>` paragraph, in order.
fn paragraphs(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_text = false;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        if in_text {
            if let Some(p) = current.as_mut() {
                unescape_into(&rest[..open], p);
            }
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let closing = tag.starts_with('/');
        let empty = tag.ends_with('/');
        match (name, closing) {
            ("w:p", false) => {
                if empty {
                    out.push(String::new());
                } else {
                    current = Some(String::new());
                }
            }
            ("w:p", true) => out.extend(current.take()),
            ("w:t", false) => in_text = !empty,
            ("w:t", true) => in_text = false,
            ("w:br" | "w:cr", false) => current.iter_mut().for_each(|p| p.push('\n')),
            ("w:tab", false) => current.iter_mut().for_each(|p| p.push('\t')),
            _ => {}
        }
    }
    out
}

/// Appends XML text with its entities read: the five named ones and numeric ones.
fn unescape_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let entity = &after[..semi];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zipped(name: &str, content: &[u8]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(name, options).expect("starts");
        zip.write_all(content).expect("writes");
        zip.finish().expect("finishes").into_inner()
    }

    #[test]
    fn transcript_docx_paragraphs_keep_breaks_tabs_and_entities() {
        let xml = r#"<?xml version="1.0"?><w:document><w:body>
            <w:p><w:r><w:t>Priya   0:03</w:t></w:r><w:r><w:br/><w:t xml:space="preserve">Fish &amp; chips</w:t><w:tab/><w:t>&#233;</w:t></w:r></w:p>
            <w:p/><w:p><w:pPr/><w:r><w:t>B</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            paragraphs(xml),
            vec!["Priya   0:03\nFish & chips\té", "", "B"]
        );
    }

    #[test]
    fn transcript_docx_whose_text_unpacks_past_the_cap_is_refused() {
        let big = vec![b'a'; 4096];
        let bytes = zipped(DOCUMENT, &big);
        assert!(bytes.len() < 1024, "it compresses well, as a zip bomb does");
        assert!(matches!(
            document_paragraphs(&bytes, 1024),
            Err(TranscriptError::DocumentTooLarge { .. })
        ));
        assert!(document_paragraphs(&bytes, 8192).is_ok());
        assert_eq!(
            document_paragraphs(&zipped("other.xml", b"x"), 1024),
            Err(TranscriptError::NoDocument)
        );
    }
}
