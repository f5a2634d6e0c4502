//! Reading a survey export as it comes: its bytes decoded (UTF-8 with or without a
//! byte-order mark, UTF-16, or Windows-1252 from an old Excel), its delimiter found
//! (comma, semicolon, tab), and its records split as RFC 4180 says, with quoted fields
//! holding delimiters, doubled quotes and line breaks, and CRLF or LF line ends.
//!
//! Everything here is pure: bytes in, records or a [`FileError`] a person can act on
//! out. What the columns mean is [`crate::surveys::survey`]'s business.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

/// The largest file imported: far above any real survey export (a 100,000-row
/// export of 12 columns is about 15 MB), and small enough to hold in memory.
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

/// How the file's text was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    /// UTF-8 starting with a byte-order mark, as Excel's "CSV UTF-8" and many
    /// European exports write it.
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Western European single-byte text, as older Excel versions save CSV.
    Windows1252,
}

impl TextEncoding {
    /// Its name, as a person knows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 with byte-order mark",
            Self::Utf16Le => "UTF-16 (little-endian)",
            Self::Utf16Be => "UTF-16 (big-endian)",
            Self::Windows1252 => "Windows-1252 (Western European)",
        }
    }
}

/// What separates the fields of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    Comma,
    /// Excel in most European locales, where the comma is the decimal mark.
    Semicolon,
    Tab,
}

impl Delimiter {
    pub const ALL: [Delimiter; 3] = [Self::Comma, Self::Semicolon, Self::Tab];

    pub fn char(self) -> char {
        match self {
            Self::Comma => ',',
            Self::Semicolon => ';',
            Self::Tab => '\t',
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Comma => "comma",
            Self::Semicolon => "semicolon",
            Self::Tab => "tab",
        }
    }
}

/// Why a file could not be read as a survey export. Each says what to do.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FileError {
    #[error("the file is empty: export the survey's responses again")]
    Empty,
    #[error("the file holds only blank lines, no header and no responses")]
    Blank,
    #[error("this is an Excel workbook, not a CSV file: in Excel, Microsoft Forms or Google Sheets, save or download the responses as CSV and import that")]
    Workbook,
    #[error("this is not a text file (it holds binary data, perhaps a {what} renamed to .csv), so it cannot be a survey export")]
    Binary { what: &'static str },
    #[error("the file is {size}; Groundwork imports survey files of up to {max}. Split the export by date and import each part as a wave")]
    TooLarge { size: String, max: String },
    #[error("line {line}: a quoted answer opens here and is never closed, so the rest of the file would be one answer. The export is cut short or damaged: export it again")]
    UnterminatedQuote { line: u32 },
}

/// One record of the file: its fields, and the line it starts on (1 is the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: u32,
    pub fields: Vec<String>,
}

impl Record {
    /// Whether it is a blank line (a spreadsheet's empty row).
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// A file read: how it was encoded and delimited, and its records, blank lines
/// included (they are rows in a spreadsheet, and count in its row numbers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub encoding: TextEncoding,
    pub delimiter: Delimiter,
    pub records: Vec<Record>,
}

/// Reads a survey export's bytes into records.
pub fn read(bytes: &[u8]) -> Result<Sheet, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            size: crate::store::wording::size_beside(bytes.len(), MAX_FILE_BYTES),
            max: format!("{} MiB", MAX_FILE_BYTES / (1024 * 1024)),
        });
    }
    let (text, encoding) = decode(bytes)?;
    // Excel honours a first line `sep=;` naming the delimiter; so does this.
    let (text, named) = match text.split_once('\n') {
        Some((first, rest)) if first.trim_end_matches('\r').starts_with("sep=") => {
            let sep = first.trim_end_matches('\r')[4..].chars().next();
            let named = Delimiter::ALL.into_iter().find(|d| Some(d.char()) == sep);
            (rest, named)
        }
        _ => (text.as_str(), None),
    };
    let delimiter = named.unwrap_or_else(|| sniff(text));
    let records = parse(text, delimiter.char())?;
    if records.iter().all(Record::is_blank) {
        return Err(FileError::Blank);
    }
    Ok(Sheet {
        encoding,
        delimiter,
        records,
    })
}

/// The text of `bytes` and the encoding it was in.
pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = String::from_utf8_lossy(rest).into_owned();
        return checked_text(text, TextEncoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return checked_text(utf16(rest, false), TextEncoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return checked_text(utf16(rest, true), TextEncoding::Utf16Be);
    }
    if let Some(what) = binary_signature(bytes) {
        return Err(what);
    }
    // UTF-16 without a mark: ASCII text then has a zero byte in every other place.
    let head = &bytes[..bytes.len().min(4096)];
    let zeros = |odd: bool| {
        head.iter()
            .enumerate()
            .filter(|(i, b)| (i % 2 == 1) == odd && **b == 0)
            .count()
    };
    let pairs = head.len() / 2;
    if pairs >= 2 {
        if zeros(true) * 10 >= pairs * 9 && zeros(false) == 0 {
            return checked_text(utf16(bytes, false), TextEncoding::Utf16Le);
        }
        if zeros(false) * 10 >= pairs * 9 && zeros(true) == 0 {
            return checked_text(utf16(bytes, true), TextEncoding::Utf16Be);
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => checked_text(text.to_owned(), TextEncoding::Utf8),
        Err(_) => checked_text(windows_1252(bytes), TextEncoding::Windows1252),
    }
}

/// Refuses text that is not text: more than one character in a hundred a control
/// character no export writes (NUL included). A stray NUL in a text is kept, for the
/// reader to name the cell or line that holds it: one bad cell should not refuse a
/// file whose other rows read.
fn checked_text(text: String, encoding: TextEncoding) -> Result<(String, TextEncoding), FileError> {
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            controls += 1;
        }
    }
    if controls * 100 > total.max(1) {
        return Err(FileError::Binary {
            what: "program or image",
        });
    }
    Ok((text, encoding))
}

/// The kinds of binary file people rename to .csv, known by their first bytes.
fn binary_signature(bytes: &[u8]) -> Option<FileError> {
    const SIGNATURES: &[(&[u8], Option<&str>)] = &[
        // .xlsx (and any zip), old .xls (OLE compound file): Excel workbooks.
        (b"PK\x03\x04", None),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", None),
        (b"%PDF", Some("PDF")),
        (b"\x89PNG", Some("PNG image")),
        (b"\xFF\xD8\xFF", Some("JPEG image")),
        (b"GIF8", Some("GIF image")),
        (b"\x7FELF", Some("program")),
        (b"MZ", Some("Windows program")),
        (b"SQLite format 3\0", Some("database")),
        (b"\x1F\x8B", Some("gzip archive")),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| match what {
            None => FileError::Workbook,
            Some(what) => FileError::Binary { what },
        })
}

fn utf16(bytes: &[u8], big_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// Windows-1252: Latin-1, except 0x80–0x9F, which hold curly quotes, dashes, € and a
/// few letters; the five unassigned bytes become the replacement character.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{FFFD}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{FFFD}', 'Ž',
        '\u{FFFD}', '\u{FFFD}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
        '\u{FFFD}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// The delimiter of `text`: the one that splits its first lines into the same number
/// of fields (more than one), the most fields winning; a comma when nothing does.
fn sniff(text: &str) -> Delimiter {
    let mut best = (Delimiter::Comma, 0usize, false);
    for d in Delimiter::ALL {
        let counts = first_line_counts(text, d.char(), 6);
        let Some(&first) = counts.first() else {
            continue;
        };
        let steady = counts.iter().all(|&c| c == first);
        let better = match (steady, best.2) {
            (true, false) => first > 0,
            (false, true) => false,
            _ => first > best.1,
        };
        if first > 0 && better {
            best = (d, first, steady);
        }
    }
    best.0
}

/// How many times `delimiter` occurs outside quotes in each of the first `lines`
/// records of `text`.
fn first_line_counts(text: &str, delimiter: char, lines: usize) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut count = 0;
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                counts.push(count);
                count = 0;
                if counts.len() == lines {
                    return counts;
                }
            }
            c if c == delimiter && !quoted => count += 1,
            _ => {}
        }
    }
    if count > 0 || counts.is_empty() {
        counts.push(count);
    }
    counts
}

/// Splits `text` into records. A field is quoted when it starts with `"`; inside,
/// `""` is a quote and delimiters and line breaks are content. A quote inside an
/// unquoted field is kept as it is (exports do write `5" screen`).
pub fn parse(text: &str, delimiter: char) -> Result<Vec<Record>, FileError> {
    // Delimiters, quotes and line ends are ASCII, so the text is scanned as bytes and
    // every run between them is copied whole (UTF-8 never splits at an ASCII byte).
    let bytes = text.as_bytes();
    let delim = u8::try_from(delimiter).unwrap_or(b',');
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut line: u32 = 1;
    let mut record_line: u32 = 1;
    let mut i = 0;
    let n = bytes.len();
    let end_record = |fields: &mut Vec<String>, records: &mut Vec<Record>, at: u32| {
        records.push(Record {
            line: at,
            fields: std::mem::take(fields),
        });
    };
    loop {
        // One field, from `i`.
        let mut field = String::new();
        if i < n && bytes[i] == b'"' {
            let from = line;
            i += 1;
            loop {
                let run = bytes[i..].iter().position(|&b| b == b'"' || b == b'\n');
                match run {
                    None => return Err(FileError::UnterminatedQuote { line: from }),
                    Some(k) => {
                        field.push_str(&text[i..i + k]);
                        i += k;
                        if bytes[i] == b'\n' {
                            field.push('\n');
                            line += 1;
                            i += 1;
                        } else if i + 1 < n && bytes[i + 1] == b'"' {
                            field.push('"');
                            i += 2;
                        } else {
                            i += 1;
                            break;
                        }
                    }
                }
            }
        }
        // Unquoted text, or what follows a closing quote (kept, as spreadsheets do).
        let k = bytes[i..]
            .iter()
            .position(|&b| b == delim || b == b'\n' || b == b'\r')
            .unwrap_or(n - i);
        field.push_str(&text[i..i + k]);
        i += k;
        fields.push(field);
        if i >= n {
            break;
        }
        if bytes[i] == delim {
            i += 1;
        } else {
            // A line end: CRLF, LF or CR.
            if bytes[i] == b'\r' && i + 1 < n && bytes[i + 1] == b'\n' {
                i += 1;
            }
            i += 1;
            end_record(&mut fields, &mut records, record_line);
            line += 1;
            record_line = line;
            if i >= n {
                return Ok(records);
            }
        }
    }
    if fields.len() > 1 || fields.first().is_some_and(|f| !f.is_empty()) || text.ends_with('"') {
        end_record(&mut fields, &mut records, record_line);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str, d: char) -> Vec<Vec<String>> {
        parse(text, d)
            .expect("parses")
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn quoted_fields_hold_delimiters_doubled_quotes_and_line_breaks() {
        let text = "a,b,c\r\n\"x, y\",\"she said \"\"no\"\"\",\"line one\r\nline two\"\r\n1,2,3";
        assert_eq!(
            fields(text, ','),
            vec![
                vec!["a", "b", "c"],
                vec!["x, y", "she said \"no\"", "line one\r\nline two"],
                vec!["1", "2", "3"],
            ]
        );
        let records = parse(text, ',').expect("parses");
        assert_eq!(
            records[2].line, 4,
            "a record's line counts the breaks inside quotes"
        );
    }

    #[test]
    fn lf_cr_and_crlf_end_records_and_a_last_line_needs_no_break() {
        assert_eq!(
            fields("a\nb\rc\r\nd", ','),
            vec![vec!["a"], vec!["b"], vec!["c"], vec!["d"]]
        );
        assert_eq!(fields("a,\n", ','), vec![vec!["a", ""]]);
        assert_eq!(fields("\"\"", ','), vec![vec![""]]);
    }

    #[test]
    fn an_unterminated_quote_names_the_line_it_opens_on() {
        assert_eq!(
            parse("a,b\n1,\"never closed\n2,3\n", ','),
            Err(FileError::UnterminatedQuote { line: 2 })
        );
    }

    #[test]
    fn the_delimiter_is_the_one_that_splits_the_lines_alike() {
        assert_eq!(sniff("a;b;c\n1,5;2;3\n"), Delimiter::Semicolon);
        assert_eq!(sniff("a,b,c\n\"1;2\",2,3\n"), Delimiter::Comma);
        assert_eq!(sniff("a\tb\n1\t2\n"), Delimiter::Tab);
        assert_eq!(sniff("just one column\nyes\n"), Delimiter::Comma);
        let sheet = read(b"sep=;\nName;Score\nAna;4\n").expect("reads");
        assert_eq!(sheet.delimiter, Delimiter::Semicolon);
        assert_eq!(sheet.records[0].fields, vec!["Name", "Score"]);
    }

    #[test]
    fn encodings_are_told_apart_by_their_marks_and_bytes() {
        let utf8 = "Name,Answer\nJosé,Très bien\n";
        assert_eq!(
            decode(utf8.as_bytes()).expect("utf-8").1,
            TextEncoding::Utf8
        );
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(utf8.as_bytes());
        assert_eq!(
            decode(&bom).expect("bom"),
            (utf8.to_owned(), TextEncoding::Utf8Bom)
        );
        let mut le = b"\xFF\xFE".to_vec();
        le.extend(utf8.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode(&le).expect("le"),
            (utf8.to_owned(), TextEncoding::Utf16Le)
        );
        let be: Vec<u8> = utf8.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode(&be).expect("be"),
            (utf8.to_owned(), TextEncoding::Utf16Be)
        );
        // "Café – “good”" as Windows-1252.
        let cp1252 = b"Caf\xE9 \x96 \x93good\x94";
        assert_eq!(
            decode(cp1252).expect("1252"),
            ("Café – “good”".to_owned(), TextEncoding::Windows1252)
        );
    }

    #[test]
    fn binary_files_and_workbooks_are_refused_in_words() {
        assert_eq!(decode(b"PK\x03\x04rest"), Err(FileError::Workbook));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n"),
            Err(FileError::Binary { .. })
        ));
        assert!(matches!(
            decode(&[0u8, 1, 2, 3, 0, 200, 13, 0]),
            Err(FileError::Binary { .. })
        ));
        assert_eq!(decode(b""), Err(FileError::Empty));
        assert_eq!(read(b"\n\r\n  \n"), Err(FileError::Blank));
    }
}
