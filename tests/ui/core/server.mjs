// Starts the test server (tests/server: the operation table over real core) and talks
// to it from node: a workspace per journey, seeded and read through real operations.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The test server binary: $GW_TEST_SERVER, else the debug build in $CARGO_TARGET_DIR (or ./target). */
export function serverBinary(root) {
  return process.env.GW_TEST_SERVER || join(process.env.CARGO_TARGET_DIR || join(root, 'target'), 'debug', 'groundwork-test-server');
}

/** A refusal from core, as the UI would get it: `{kind, message}`. */
export class Refused extends Error {
  constructor(error) {
    super(`${error.kind}: ${error.message}`);
    this.kind = error.kind;
    this.error = error;
  }
}

async function post(url, body, method = 'POST') {
  const res = await fetch(url, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw new Refused(json ?? { kind: 'internal', message: `HTTP ${res.status}` });
  return json;
}

/** One journey's workspace on the server. */
export class ServerWorkspace {
  constructor(url, id, workspace) {
    this.url = url;
    this.id = id;
    this.workspace = workspace;
  }

  /** Runs an operation of the table on real core; a refusal throws `Refused`. */
  op(name, input = {}) {
    return post(`${this.url}/workspaces/${this.id}/op/${name}`, input);
  }

  /** Writes many sessions or observations at once (`what`: 'sessions' | 'observations'). */
  bulk(what, body) {
    return post(`${this.url}/workspaces/${this.id}/bulk/${what}`, body);
  }

  /**
   * A teammate's copy of this shared workspace, on its own file: it syncs, runs the
   * operation (`op`, `input`) and syncs again, as another laptop would.
   */
  teammate(op, input = {}) {
    return post(`${this.url}/workspaces/${this.id}/teammate`, { op, input });
  }

  /** Shares this workspace into a new bare repository beside it, as the shell would. */
  share() {
    return post(`${this.url}/workspaces/${this.id}/share`, {});
  }

  close() {
    return post(`${this.url}/workspaces/${this.id}`, undefined, 'DELETE').catch(() => {});
  }
}

/** Starts the server on a free port; resolves to { url, newWorkspace, stop }. */
export async function startServer(root) {
  const bin = serverBinary(root);
  if (!existsSync(bin)) {
    throw new Error(`the test server is missing: ${bin} (build it with: cargo build -p groundwork-test-server, or use tests/ui/run.sh)`);
  }
  const child = spawn(bin, ['--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the test server did not start within 20 s\n${log}`)), 20000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test server exited with code ${code}\n${log}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const newWorkspace = async () => {
    const made = await post(`${url}/workspaces`, {});
    return new ServerWorkspace(url, made.id, made.workspace);
  };
  const stop = () =>
    new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => {
        process.removeListener('exit', killOnExit);
        done();
      });
      child.kill('SIGTERM');
    });
  return { url, newWorkspace, stop };
}
