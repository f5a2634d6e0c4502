//! Reading one file the user chose (a survey export, a transcript, a Joplin JEX):
//! a regular file, within a size limit checked before a byte is read, with errors that
//! say what went wrong in words. Every reader of a chosen file goes through here.

use crate::store::error::DomainError;

/// The file's name and its bytes; `what` names the kind of file in messages ("a survey
/// export"), `max` is the most it may hold, and `too_large` says so in the words of its
/// reader, given the file's size.
pub fn read_chosen(
    path: &std::path::Path,
    what: &str,
    max: usize,
    too_large: impl FnOnce(u64) -> DomainError,
) -> Result<(String, Vec<u8>), DomainError> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        DomainError::invalid(
            "file",
            match e.kind() {
                std::io::ErrorKind::NotFound => format!("{shown} does not exist"),
                std::io::ErrorKind::PermissionDenied => {
                    format!("{shown} cannot be read (permission denied)")
                }
                _ => format!("{shown} cannot be read: {e}"),
            },
        )
    })?;
    if meta.is_dir() {
        return Err(DomainError::invalid(
            "file",
            format!("{shown} is a folder, not {what}"),
        ));
    }
    if !meta.is_file() {
        return Err(DomainError::invalid(
            "file",
            format!("{shown} is not a regular file"),
        ));
    }
    if meta.len() > max as u64 {
        return Err(too_large(meta.len()));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| DomainError::invalid("file", format!("{shown} cannot be read: {e}")))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(shown);
    Ok((name, bytes))
}

/// The refusal of a file past `max` bytes, in the words most readers use: "the file is
/// 1.2 GiB; Groundwork reads `things` of up to 256 MiB".
pub fn too_large(things: &'static str, max: usize) -> impl FnOnce(u64) -> DomainError {
    move |len| {
        DomainError::invalid(
            "file",
            format!(
                "the file is {}; Groundwork reads {things} of up to {} MiB",
                crate::store::wording::size_beside(len as usize, max),
                max / (1024 * 1024)
            ),
        )
    }
}
