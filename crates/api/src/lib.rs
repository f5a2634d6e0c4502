//! The operation table. Every backend operation is declared once, in [`ops`]: its
//! name, whether it reads or writes, its input fields, its output, and what it makes
//! stale (the lists the UI must refresh after it). From that one declaration come the
//! app's IPC (one Tauri command, [`call`]), the typed TypeScript client
//! ([`typescript::client`], generated into `ui/src/ipc/generated/ops.ts`), the command
//! line's `ops` and `call`, and the test server the UI journeys run against.
//!
//! Adding an operation: write the core function, add one line to [`ops`], use it in
//! the UI. See `docs/decisions.md`.

pub mod error;
pub mod paths;
mod table;
pub mod typescript;

pub use error::{ErrorKind, IpcError};
pub use table::{call, file_bytes, ops, Access, OpInfo, Stale};
