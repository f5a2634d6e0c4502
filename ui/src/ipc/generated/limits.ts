// Generated from crates/core/src/limits.rs. Do not edit.
/** Every limit core enforces on typed text: characters, notes in UTF-8 bytes. */
export const LIMITS = {
  "cycleName": 120,
  "sessionTitle": 300,
  "notesBytes": 4194304,
  "sessionLinks": 100,
  "linkUrl": 4096,
  "linkLabel": 300,
  "observationText": 20000,
  "tags": 50,
  "name": 200,
  "short": 200,
  "answer": 10000,
  "peoplePerItem": 200,
  "tagName": 80,
  "ideaTitle": 300,
  "ideaDescription": 50000,
  "ideaEvidence": 1000,
  "painStatement": 1000,
  "reason": 2000,
  "painEvidence": 5000,
  "template": 20000,
  "searchText": 1000,
  "peopleQuery": 200,
  "bulk": 100000,
  "page": 1000
} as const;
