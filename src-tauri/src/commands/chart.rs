//! Saving a survey chart as SVG or PNG. The page draws the chart (it already does, as
//! SVG) and rasterizes the PNG; the shell only checks the bytes are what their format
//! says and saves them where the user chose, as [`super::export::save_export`] does.
//! The page never names a path: its file name is a suggestion for the dialog.

use super::export::{save_where_chosen, SavedExport};
use super::CmdResult;
use crate::error::{ErrorKind, IpcError};
use serde::Deserialize;
use tauri::AppHandle;
use ts_rs::TS;

/// The largest chart file saved: far above any real chart (a 2x PNG of a large split
/// is well under 1 MB), low enough that a runaway page cannot fill a disk.
pub const MAX_CHART_BYTES: usize = 20 * 1024 * 1024;

/// How a chart is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ChartFormat {
    Svg,
    Png,
}

impl ChartFormat {
    fn extension(self) -> &'static str {
        match self {
            ChartFormat::Svg => "svg",
            ChartFormat::Png => "png",
        }
    }

    fn label(self) -> &'static str {
        match self {
            ChartFormat::Svg => "SVG image",
            ChartFormat::Png => "PNG image",
        }
    }
}

const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";

fn refused(reason: impl Into<String>) -> IpcError {
    IpcError::new(ErrorKind::InvalidInput, reason)
}

/// Refuses bytes that are not the format they claim to be (or are too many), so what
/// is saved as `chart.png` opens as a PNG.
pub fn check_chart(format: ChartFormat, bytes: &[u8]) -> Result<(), IpcError> {
    if bytes.len() > MAX_CHART_BYTES {
        return Err(refused(format!(
            "The chart is larger than {} MB; it was not saved",
            MAX_CHART_BYTES / (1024 * 1024)
        )));
    }
    let looks_right = match format {
        ChartFormat::Png => bytes.starts_with(PNG_MAGIC),
        ChartFormat::Svg => {
            let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let start = text
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(text.len());
            let text = &text[start..];
            std::str::from_utf8(bytes).is_ok()
                && (text.starts_with(b"<svg") || text.starts_with(b"<?xml"))
        }
    };
    if looks_right {
        Ok(())
    } else {
        Err(refused(format!(
            "The chart did not arrive as a {} image; it was not saved. Try again",
            format.extension().to_uppercase()
        )))
    }
}

/// The name the dialog suggests: the page's, with the format's extension.
fn chart_file_name(file_name: &str, format: ChartFormat) -> String {
    let ext = format.extension();
    let name = file_name.trim();
    let has_ext = name
        .rsplit_once('.')
        .is_some_and(|(stem, e)| !stem.is_empty() && e.eq_ignore_ascii_case(ext));
    if has_ext {
        name.to_owned()
    } else {
        format!("{name}.{ext}")
    }
}

/// Asks where to save a chart the page drew (`content`: its bytes in base64) and
/// writes it there whole (or not at all); `None` when the user cancels.
#[tauri::command]
pub async fn save_chart(
    app: AppHandle,
    file_name: String,
    format: ChartFormat,
    content: String,
) -> CmdResult<Option<SavedExport>> {
    // Base64 is 4 characters for 3 bytes: refuse a runaway before decoding it.
    if content.len() > MAX_CHART_BYTES / 3 * 4 + 4 {
        return Err(refused(format!(
            "The chart is larger than {} MB; it was not saved",
            MAX_CHART_BYTES / (1024 * 1024)
        )));
    }
    let bytes = groundwork_api::file_bytes(&content)?;
    check_chart(format, &bytes)?;
    let file_name = chart_file_name(&file_name, format);
    let title = format!("Save the chart as {}", format.extension().to_uppercase());
    let saved = save_where_chosen(
        &app,
        title,
        file_name,
        (format.label(), format.extension()),
        bytes,
    )
    .await?;
    Ok(saved.map(|(path, bytes)| SavedExport {
        path,
        bytes,
        citations: 0,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_and_png_are_taken_for_what_they_are() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"/>"#;
        assert!(check_chart(ChartFormat::Svg, svg).is_ok());
        assert!(check_chart(
            ChartFormat::Svg,
            b"\xEF\xBB\xBF\n <?xml version=\"1.0\"?><svg/>"
        )
        .is_ok());
        assert!(check_chart(ChartFormat::Png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_ok());
    }

    #[test]
    fn other_bytes_are_refused() {
        for (format, bytes) in [
            (ChartFormat::Svg, &b"<html><script>alert(1)</script>"[..]),
            (ChartFormat::Svg, b""),
            (ChartFormat::Svg, b"\x89PNG\r\n\x1a\n"),
            (ChartFormat::Svg, b"<svg \xff\xfe>"),
            (
                ChartFormat::Png,
                br#"<svg xmlns="http://www.w3.org/2000/svg"/>"#,
            ),
            (ChartFormat::Png, b"\x89PNG"),
            (ChartFormat::Png, b"MZ\x90\0"),
        ] {
            let e = check_chart(format, bytes).expect_err("refused");
            assert_eq!(e.kind, ErrorKind::InvalidInput, "{format:?} {bytes:?}");
        }
        let huge = [b"<svg".as_slice(), &vec![b' '; MAX_CHART_BYTES]].concat();
        assert!(check_chart(ChartFormat::Svg, &huge).is_err());
    }

    #[test]
    fn the_suggested_name_ends_with_the_format() {
        assert_eq!(chart_file_name("NPS", ChartFormat::Svg), "NPS.svg");
        assert_eq!(chart_file_name("NPS.PNG", ChartFormat::Png), "NPS.PNG");
        assert_eq!(chart_file_name("NPS.svg", ChartFormat::Png), "NPS.svg.png");
        assert_eq!(chart_file_name(".png", ChartFormat::Png), ".png.png");
    }
}
