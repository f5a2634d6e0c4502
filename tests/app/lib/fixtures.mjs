// Files that are not Groundwork workspaces, made without any SQLite library.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function varint(n) {
  // SQLite varints for values < 2^14 are enough here.
  if (n < 0x80) return [n];
  if (n < 0x4000) return [0x80 | (n >> 7), n & 0x7f];
  throw new Error('varint too large for this fixture');
}

/** A SQLite record of text/integer/null values. */
function record(values) {
  const types = [];
  const body = [];
  for (const v of values) {
    if (v === null) types.push(0);
    else if (typeof v === 'number') {
      types.push(1);
      body.push(v & 0xff);
    } else {
      const bytes = Buffer.from(v, 'utf8');
      types.push(bytes.length * 2 + 13);
      body.push(...bytes);
    }
  }
  const typeBytes = types.flatMap(varint);
  const header = [...varint(typeBytes.length + 1), ...typeBytes];
  return [...header, ...body];
}

/** Writes a one-cell table-leaf b-tree page at `offset` in `page` (header at `hdr`). */
function leafWithOneCell(page, hdr, rowid, payload) {
  const cell = Buffer.from([...varint(payload.length), ...varint(rowid), ...payload]);
  const start = page.length - cell.length;
  cell.copy(page, start);
  page[hdr] = 0x0d; // leaf table b-tree page
  page.writeUInt16BE(0, hdr + 1); // first freeblock
  page.writeUInt16BE(1, hdr + 3); // one cell
  page.writeUInt16BE(start, hdr + 5); // cell content area
  page[hdr + 7] = 0; // fragmented bytes
  page.writeUInt16BE(start, hdr + 8); // cell pointer array
}

/**
 * A valid SQLite 3 database from "another program": one table `notes` with one row,
 * application_id 0. sqlite3 reads it (integrity_check ok); Groundwork must refuse it.
 */
export function foreignSqliteDatabase() {
  const pageSize = 4096;
  const sql = 'CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)';
  const page1 = Buffer.alloc(pageSize);
  page1.write('SQLite format 3\0', 0, 'latin1');
  page1.writeUInt16BE(pageSize, 16);
  page1[18] = 1; // file format write version (legacy journal)
  page1[19] = 1; // read version
  page1[20] = 0; // reserved bytes per page
  page1[21] = 64;
  page1[22] = 32;
  page1[23] = 32;
  page1.writeUInt32BE(1, 24); // change counter
  page1.writeUInt32BE(2, 28); // pages
  page1.writeUInt32BE(1, 40); // schema cookie
  page1.writeUInt32BE(4, 44); // schema format
  page1.writeUInt32BE(1, 56); // UTF-8
  page1.writeUInt32BE(1, 92); // version-valid-for
  page1.writeUInt32BE(3045001, 96);
  leafWithOneCell(page1, 100, 1, record(['table', 'notes', 'notes', 2, sql]));
  const page2 = Buffer.alloc(pageSize);
  leafWithOneCell(page2, 0, 1, record([null, 'a row that belongs to another program']));
  return Buffer.concat([page1, page2]);
}

/** Groundwork's application id ("GRND") and where SQLite keeps it and user_version. */
const GROUNDWORK_APPLICATION_ID = 0x47524e44;

/**
 * A file whose header says "Groundwork workspace, schema `version`": what a newer
 * Groundwork would have written. The app must refuse it from the header alone.
 */
export function groundworkFileOfSchema(version) {
  const db = foreignSqliteDatabase();
  db.writeUInt32BE(version, 60); // user_version
  db.writeUInt32BE(GROUNDWORK_APPLICATION_ID, 68);
  return db;
}

/** A Groundwork header over pages that are garbage: a damaged workspace. */
export function damagedGroundworkFile() {
  const db = groundworkFileOfSchema(1);
  db.fill(0xa5, 4096);
  return db;
}

export function sha256(buf) {
  return createHash('sha256').update(buf).digest('hex');
}

/** sha256 of a file, or of a folder's whole tree (names and contents). */
export function fingerprint(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return sha256(readFileSync(path));
  const h = createHash('sha256');
  for (const name of readdirSync(path).sort()) {
    h.update(`${name}\0${fingerprint(join(path, name))}\n`);
  }
  return `dir:${h.digest('hex')}`;
}

/** The names in a folder, sorted. */
export function listing(dir) {
  return readdirSync(dir).sort();
}
