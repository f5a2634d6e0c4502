//! Reading a survey export into a table: its header rows, its questions and its rows.

use super::*;

/// A file read into a header and rows, with how its numbers and dates are written.
pub(super) struct Table {
    pub(super) file_name: String,
    pub(super) encoding: TextEncoding,
    pub(super) delimiter: Delimiter,
    pub(super) header_rows: u32,
    pub(super) headers: Vec<String>,
    /// The top header of each column (the question of a SurveyMonkey sub-answer).
    pub(super) tops: Vec<String>,
    /// The sub-answer of each column; empty for a one-row header.
    pub(super) subs: Vec<String>,
    /// `(spreadsheet row, fields)` of each response.
    pub(super) rows: Vec<(u32, Vec<String>)>,
    pub(super) hash: String,
}

/// SurveyMonkey's answer-row words for "the one answer of this question".
pub(super) fn is_plain_answer(sub: &str) -> bool {
    matches!(
        sub.trim().to_lowercase().as_str(),
        "response" | "open-ended response" | "responses"
    )
}

pub(super) fn read_table(file_name: &str, bytes: &[u8]) -> Result<Table, DomainError> {
    let sheet = text_file::read(bytes)?;
    // Spreadsheet rows: a record is a row, blank ones included.
    let mut records: Vec<(u32, Record)> = sheet
        .records
        .into_iter()
        .enumerate()
        .map(|(i, r)| (i as u32 + 1, r))
        .filter(|(_, r)| !r.is_blank())
        .collect();
    let mut hasher = Sha256::new();
    for (_, r) in &records {
        for f in &r.fields {
            // Re-saved with other line ends, the same responses are the same.
            if f.contains('\r') {
                hasher.update(f.replace("\r\n", "\n").as_bytes());
            } else {
                hasher.update(f.as_bytes());
            }
            hasher.update([0x1F]);
        }
        hasher.update([0x1E]);
    }
    let hash = format!("{:x}", hasher.finalize());
    let (_, mut first) = records.remove(0);
    // Qualtrics: question ids, then the questions, then a row of import ids as JSON.
    let qualtrics = records.get(1).is_some_and(|(_, r)| {
        r.fields
            .iter()
            .filter(|f| f.trim_start().starts_with("{\"ImportId\""))
            .count()
            * 2
            >= r.fields.len()
    });
    if qualtrics {
        first = records.remove(0).1;
        records.remove(0);
    }
    let width = first.fields.len();
    // SurveyMonkey: a second header row naming each column's answer, under a first
    // whose multi-column questions leave the cells after the first blank.
    let second = records.first().map(|(_, r)| &r.fields);
    let two_rows = second.is_some_and(|s| {
        s.iter().any(|c| is_plain_answer(c))
            || (s.first().is_some_and(|c| c.trim().is_empty())
                && first.fields.first().is_some_and(|c| !c.trim().is_empty())
                && (1..width).any(|i| {
                    first.fields[i].trim().is_empty()
                        && s.get(i).is_some_and(|c| !c.trim().is_empty())
                }))
    });
    let subs: Vec<String> = if two_rows {
        let (_, r) = records.remove(0);
        (0..width)
            .map(|i| clean_line(r.fields.get(i).map_or("", String::as_str)))
            .collect()
    } else {
        vec![String::new(); width]
    };
    let mut tops = Vec::with_capacity(width);
    let mut carried = String::new();
    for (i, h) in first.fields.iter().enumerate() {
        let h = clean_line(h);
        if !h.is_empty() {
            carried = h.clone();
        } else if !two_rows || subs[i].is_empty() {
            carried = String::new();
        }
        tops.push(if h.is_empty() { carried.clone() } else { h });
    }
    let mut headers: Vec<String> = (0..width)
        .map(|i| {
            let (top, sub) = (&tops[i], &subs[i]);
            match (top.is_empty(), sub.is_empty() || is_plain_answer(sub)) {
                (true, true) => format!("Column {}", i + 1),
                (true, false) => sub.clone(),
                (false, true) => top.clone(),
                (false, false) => format!("{top} / {sub}"),
            }
        })
        .collect();
    // Two columns of one name (two "Comments") are told apart by their place.
    let mut seen: HashMap<String, u32> = HashMap::new();
    for h in headers.iter_mut() {
        let n = seen.entry(h.to_lowercase()).or_insert(0);
        *n += 1;
        if *n > 1 {
            *h = format!("{h} ({n})");
        }
    }
    Ok(Table {
        file_name: file_name.to_owned(),
        encoding: sheet.encoding,
        delimiter: sheet.delimiter,
        header_rows: if two_rows { 2 } else { 1 },
        headers,
        tops,
        subs,
        rows: records.into_iter().map(|(n, r)| (n, r.fields)).collect(),
        hash,
    })
}

impl Table {
    pub(super) fn cell<'r>(&self, row: &'r [String], col: usize) -> &'r str {
        row.get(col).map_or("", |s| s.trim())
    }

    /// The answers of a column a guess looks at: all of them in a small file, else
    /// about [`GUESS_ROWS`] rows spread over the whole file.
    pub(super) fn sample_values(&self, col: usize) -> Vec<&str> {
        let step = self.rows.len().div_ceil(GUESS_ROWS).max(1);
        self.rows
            .iter()
            .step_by(step)
            .map(|(_, r)| self.cell(r, col))
            .filter(|v| !v.is_empty())
            .collect()
    }

    pub(super) fn column_values(&self, col: usize) -> impl Iterator<Item = &str> + '_ {
        self.rows
            .iter()
            .map(move |(_, r)| self.cell(r, col))
            .filter(|v| !v.is_empty())
    }

    /// Whether `4,5` in this file is a decimal: commas as decimal marks outnumber dots.
    pub(super) fn decimal_comma(&self) -> bool {
        let (mut commas, mut dots) = (0, 0);
        for (_, r) in self.rows.iter().take(2000) {
            for v in r {
                let v = v.trim();
                if let Some((a, b)) = v.split_once([',', '.']) {
                    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
                    if digits(a.trim_start_matches('-')) && digits(b) && b.len() <= 3 {
                        if v.contains(',') {
                            commas += 1;
                        } else {
                            dots += 1;
                        }
                    }
                }
            }
        }
        commas > dots
    }

    /// Whether dates in this file put the day first: a first part above 12 says so, a
    /// second above 12 says not; otherwise a European file (semicolons, dots) does.
    pub(super) fn day_first(&self) -> bool {
        let mut dotted = false;
        for (_, r) in self.rows.iter().take(2000) {
            for v in r {
                if let Some((a, b, _, sep)) = numeric_date_parts(v.trim()) {
                    if a > 12 && b <= 12 {
                        return true;
                    }
                    if b > 12 && a <= 12 {
                        return false;
                    }
                    dotted |= sep == '.';
                }
            }
        }
        dotted || self.delimiter == Delimiter::Semicolon
    }
}
