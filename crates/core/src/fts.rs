//! From what a person types to a safe FTS5 expression.
//!
//! What a person types is never handed to FTS5 as syntax. It is cut into words the
//! way the index's tokenizer cuts text (letters and digits), each word is quoted, and
//! every group matches as a prefix. Double quotes that pair up make a phrase. So
//! `NEAR(`, `AND`, a lone `*`, unbalanced parentheses, SQL or emoji are only words
//! or nothing, and never an FTS5 error.

/// Most words one search uses; the rest of a long paste is ignored (and said so).
pub const MAX_TERMS: usize = 16;
/// Longest word kept, in characters.
const MAX_TERM_CHARS: usize = 64;

/// A search expression for FTS5, built only from quoted words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FtsQuery {
    pub expr: String,
    /// The words searched for, for the UI to say what it looked for.
    pub terms: Vec<String>,
    /// Whether words beyond [`MAX_TERMS`] were dropped.
    pub truncated: bool,
}

/// Builds a safe FTS5 expression from what a person typed; `None` when it holds no word.
pub(crate) fn fts_query(input: &str) -> Option<FtsQuery> {
    // A long paste is read only as far as a search goes.
    let (input, cut) = match input.char_indices().nth(crate::limits::SEARCH_TEXT) {
        Some((at, _)) => (&input[..at], true),
        None => (input, false),
    };
    // Groups of words: a phrase (between paired quotes) or a single word.
    let mut groups: Vec<Vec<String>> = Vec::new();
    let quotes = input.matches('"').count();
    // An unpaired last quote is just a character.
    let paired_end = if quotes % 2 == 1 {
        input.rfind('"').unwrap_or(input.len())
    } else {
        input.len()
    };
    let mut in_phrase = false;
    let mut phrase: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut terms = 0usize;
    let mut truncated = cut;
    let mut flush_word = |word: &mut String,
                          phrase: &mut Vec<String>,
                          groups: &mut Vec<Vec<String>>,
                          in_phrase: bool| {
        if word.is_empty() {
            return;
        }
        let w: String = std::mem::take(word).chars().take(MAX_TERM_CHARS).collect();
        if terms >= MAX_TERMS {
            truncated = true;
            return;
        }
        terms += 1;
        if in_phrase {
            phrase.push(w);
        } else {
            groups.push(vec![w]);
        }
    };
    for (i, ch) in input.char_indices() {
        if ch == '"' && i < paired_end {
            flush_word(&mut word, &mut phrase, &mut groups, in_phrase);
            if in_phrase && !phrase.is_empty() {
                groups.push(std::mem::take(&mut phrase));
            }
            in_phrase = !in_phrase;
        } else if ch.is_alphanumeric() {
            word.push(ch);
        } else {
            flush_word(&mut word, &mut phrase, &mut groups, in_phrase);
        }
    }
    flush_word(&mut word, &mut phrase, &mut groups, in_phrase);
    if !phrase.is_empty() {
        groups.push(phrase);
    }
    if groups.is_empty() {
        return None;
    }
    let all_terms: Vec<String> = groups.iter().flatten().cloned().collect();
    // Every group matches as a prefix, so results appear while a word is half typed.
    let expr = groups
        .iter()
        .map(|g| format!("\"{}\"*", g.join(" ")))
        .collect::<Vec<_>>()
        .join(" AND ");
    Some(FtsQuery {
        expr,
        terms: all_terms,
        truncated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(s: &str) -> Option<String> {
        fts_query(s).map(|q| q.expr)
    }

    #[test]
    fn words_are_quoted_and_matched_as_prefixes() {
        assert_eq!(
            expr("flaky tests").as_deref(),
            Some("\"flaky\"* AND \"tests\"*")
        );
    }

    #[test]
    fn paired_quotes_make_a_phrase_and_an_unpaired_one_is_ignored() {
        assert_eq!(
            expr("\"deploy pipeline\" slow").as_deref(),
            Some("\"deploy pipeline\"* AND \"slow\"*")
        );
        assert_eq!(
            expr("say \"hello").as_deref(),
            Some("\"say\"* AND \"hello\"*")
        );
    }

    #[test]
    fn syntax_and_symbols_become_words_or_nothing() {
        assert_eq!(
            expr("NEAR(a b").as_deref(),
            Some("\"NEAR\"* AND \"a\"* AND \"b\"*")
        );
        assert_eq!(expr("*"), None);
        assert_eq!(expr("🚀🔥"), None);
        assert_eq!(expr("()"), None);
        assert_eq!(expr("OR").as_deref(), Some("\"OR\"*"));
    }

    #[test]
    fn a_long_paste_keeps_the_first_words_and_says_so() {
        let q = fts_query(&"word ".repeat(2000)).expect("words");
        assert_eq!(q.terms.len(), MAX_TERMS);
        assert!(q.truncated);
    }
}
