// @ts-check
// A real consult server for one test: the binary bin/consult in development mode on a fresh
// SQLite database in its own temporary folder, on a free port of 127.0.0.1.
import { execFile, spawn } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The binary under test: CONSULT_E2E_BINARY, else bin/consult (made by `make build`). */
export const binary = process.env.CONSULT_E2E_BINARY || path.join(repoRoot, 'bin', 'consult');

/**
 * A running server.
 * @typedef {object} Server
 * @property {string} baseURL  the site's address, e.g. http://127.0.0.1:41234 (no trailing slash)
 * @property {string} dataDir  CONSULT_DATA_DIR: uploads, the outbox (dataDir/outbox), the database
 * @property {string} logPath  the file holding the server's output (and that of `consult demo`)
 * @property {Record<string, string>} env  the environment the server runs with, for other commands
 * @property {() => string} log  the server's output so far
 * @property {() => Promise<void>} stop  stops the server and removes its folder (kept when
 *   CONSULT_E2E_KEEP=1)
 */

/** Servers not yet stopped and their folders: killed and removed if the test process ends first. */
const running = new Map();
function killAll() {
  for (const [child, dataDir] of running) {
    child.kill('SIGKILL');
    if (process.env.CONSULT_E2E_KEEP !== '1') rmSync(dataDir, { recursive: true, force: true });
  }
}
process.on('exit', killAll);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal); // the default action, now that this listener is gone
  });
}

/**
 * Starts bin/consult serve on a fresh database. `serve` migrates by itself in development.
 * @param {{demo?: boolean, readyTimeoutMs?: number}} [options] demo: load `consult demo` first
 * @returns {Promise<Server>}
 */
export async function startServer({ demo = false, readyTimeoutMs = 20_000 } = {}) {
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: run \`make build\` first (or \`make test-e2e\`)`);
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'consult-e2e-'));
  const logPath = path.join(dataDir, 'server.log');
  // A port picked free may be taken before the server binds it: try again on another one.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const env = serverEnv(dataDir, port);
    if (demo && attempt === 1) await runConsult(env, ['demo'], { logPath });
    const logStart = existsSync(logPath) ? readFileSync(logPath, 'utf8').length : 0;
    try {
      return await serve(env, dataDir, logPath, readyTimeoutMs);
    } catch (err) {
      if (attempt < 3 && /address already in use/.test(readFileSync(logPath, 'utf8').slice(logStart))) continue;
      await rm(dataDir, { recursive: true, force: true }).catch(() => {});
      throw err;
    }
  }
}

/**
 * Runs a consult subcommand (such as `users create`) against a server's database.
 * @param {Record<string, string>} env the server's environment (Server.env)
 * @param {string[]} args the subcommand and its flags
 * @param {{stdin?: string, logPath?: string}} [options] stdin: text for standard input;
 *   logPath: append the command's output to this file
 * @returns {Promise<string>} standard output
 */
export function runConsult(env, args, { stdin, logPath } = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(binary, args, { env, timeout: 60_000 }, (err, stdout, stderr) => {
      if (logPath) appendFileSync(logPath, `$ consult ${args.join(' ')}\n${stdout}${stderr}`);
      if (err) reject(new Error(`consult ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
    child.stdin?.end(stdin ?? '');
  });
}

/**
 * The server's environment: the caller's without any CONSULT_ variable (the Makefile exports
 * CONSULT_ADDR), plus a development configuration confined to dataDir.
 * @param {string} dataDir
 * @param {number} port
 * @returns {Record<string, string>}
 */
function serverEnv(dataDir, port) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('CONSULT_') && v !== undefined) env[k] = v;
  }
  return Object.assign(env, {
    CONSULT_ENV: 'development',
    CONSULT_ADDR: `127.0.0.1:${port}`,
    // The browser and the mailed links use this exact origin, so the CSRF origin check holds.
    CONSULT_BASE_URL: `http://127.0.0.1:${port}`,
    CONSULT_DATABASE_URL: `sqlite://${path.join(dataDir, 'consult.db')}`,
    CONSULT_DATA_DIR: dataDir,
    CONSULT_SHUTDOWN_TIMEOUT: '2s',
  });
}

/**
 * Starts `consult serve` and waits until /readyz answers 200.
 * @param {Record<string, string>} env
 * @param {string} dataDir
 * @param {string} logPath
 * @param {number} readyTimeoutMs
 * @returns {Promise<Server>}
 */
async function serve(env, dataDir, logPath, readyTimeoutMs) {
  const baseURL = env.CONSULT_BASE_URL;
  const out = openSync(logPath, 'a');
  const child = spawn(binary, ['serve'], { env, stdio: ['ignore', out, out] });
  closeSync(out);
  running.set(child, dataDir);
  /** @type {Promise<void>} */
  const exited = new Promise((resolve) => child.once('exit', () => resolve()));
  exited.then(() => running.delete(child));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    if (process.env.CONSULT_E2E_KEEP !== '1') await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`consult serve exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${readLog(logPath)}`);
    }
    if (await isReady(baseURL)) break;
    if (Date.now() > deadline) {
      const log = readLog(logPath);
      await stop();
      throw new Error(`consult serve was not ready within ${readyTimeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseURL, dataDir, logPath, env, log: () => readLog(logPath), stop };
}

/** @param {string} baseURL */
async function isReady(baseURL) {
  try {
    const res = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(1_000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** @returns {Promise<number>} a port of 127.0.0.1 that was free a moment ago */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** @param {string} logPath */
function readLog(logPath) {
  try {
    return readFileSync(logPath, 'utf8');
  } catch {
    return '(no server log)';
  }
}
