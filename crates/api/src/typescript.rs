//! The TypeScript client, generated from the operation table into
//! `ui/src/ipc/generated/ops.ts`: operation names, argument names and types in
//! order, output types, and what each makes stale. A test in the app crate fails
//! when the committed file is stale.

use crate::table::{ops, Access, Stale};
use std::collections::BTreeSet;
pub use ts_rs::Config;

/// `create_session` → `createSession`.
pub fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The type names a TypeScript type expression refers to (`Array<Cycle>` → `Cycle`).
fn named_types(ts: &str, into: &mut BTreeSet<String>) {
    const BUILT_IN: [&str; 3] = ["Array", "Record", "Partial"];
    let mut word = String::new();
    for c in ts.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            if word.starts_with(|c: char| c.is_ascii_uppercase())
                && !BUILT_IN.contains(&word.as_str())
            {
                into.insert(word.clone());
            }
            word.clear();
        }
    }
}

/// The whole `ops.ts` module.
pub fn client() -> String {
    let cfg = Config::new();
    let mut types = BTreeSet::new();
    let mut functions = String::new();
    let mut stale = String::new();
    let mut shows = String::new();
    let mut names = Vec::new();
    for op in ops() {
        let inputs = (op.input)(&cfg);
        let output = (op.output)(&cfg);
        named_types(&output, &mut types);
        let params: Vec<String> = inputs
            .iter()
            .map(|(field, ty)| {
                named_types(ty, &mut types);
                format!("{}: {ty}", camel(field))
            })
            .collect();
        let args: Vec<String> = inputs.iter().map(|(field, _)| camel(field)).collect();
        let access = match op.access {
            Access::Read => "reads",
            Access::Write => "writes",
        };
        functions.push_str(&format!(
            "    /** {} ({access}) */\n    {}: ({}) => call<{output}>('{}', {{ {} }}),\n",
            op.doc.trim(),
            camel(op.name),
            params.join(", "),
            op.name,
            args.join(", ")
        ));
        let tags: Vec<String> = op
            .stale
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        stale.push_str(&format!("  {}: [{}],\n", op.name, tags.join(", ")));
        let shown: Vec<String> = op
            .shows
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        shows.push_str(&format!("  {}: [{}],\n", op.name, shown.join(", ")));
        names.push(format!("'{}'", op.name));
    }
    let lists: Vec<String> = Stale::ALL
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    let imports: Vec<String> = types.into_iter().collect();
    format!(
        "// Generated from crates/api/src/table.rs (the operation table). Do not edit.\n\
         import type {{ {} }} from './index';\n\n\
         /** A list the UI shows; a write names the lists it makes stale. */\n\
         export type Stale = {};\n\
         /** Every list, for when another process changed the workspace. */\n\
         export const ALL_STALE: readonly Stale[] = [{}];\n\n\
         /** Every operation's name. */\n\
         export type OpName =\n  | {};\n\n\
         /** What each operation makes stale (a write's changes; none for a read). */\n\
         export const STALE: Record<OpName, readonly Stale[]> = {{\n{}}};\n\n\
         /** What each read shows (none for a write): a view showing it reloads when they change. */\n\
         export const SHOWS: Record<OpName, readonly Stale[]> = {{\n{}}};\n\n\
         /** Runs one operation with its named input. */\n\
         export type Call = <T>(op: OpName, input: Record<string, unknown>) => Promise<T>;\n\n\
         /** One typed function per operation, its arguments in the table's order. */\n\
         export function operations(call: Call) {{\n  return {{\n{}  }};\n}}\n",
        imports.join(", "),
        lists.join(" | "),
        lists.join(", "),
        names.join("\n  | "),
        stale,
        shows,
        functions
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_camel_case() {
        assert_eq!(camel("create_session"), "createSession");
        assert_eq!(camel("tag_id"), "tagId");
        assert_eq!(camel("search"), "search");
    }

    #[test]
    fn the_client_has_one_typed_function_per_operation() {
        let ts = client();
        assert!(ts.contains("createSession: (session: NewSession) => call<Session>('create_session', { session }),"), "{ts}");
        assert!(ts.contains("tagObservations: (tagId: string, observationIds: Array<string>, add: boolean) => call<number>('tag_observations', { tagId, observationIds, add }),"), "{ts}");
        assert!(ts.contains("  save_notes: ['observations'],"));
        assert!(
            ts.contains("  list_solutions: ['solutions', 'pains'],"),
            "{ts}"
        );
        assert_eq!(ts.matches("=> call<").count(), ops().len());
    }
}
