// Starts a private aws-emulator process for one test file and talks to its admin API.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EKSClient } from '@aws-sdk/client-eks';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';

const suiteDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Emulators still running when this test process ends (crash, timeout, Ctrl-C) must not outlive it.
const running = new Set();
process.once('exit', () => { for (const p of running) p.kill('SIGKILL'); });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => { for (const p of running) p.kill('SIGKILL'); process.exit(128 + (signal === 'SIGINT' ? 2 : 15)); });
}

export const ACCOUNT = '123456789012';
export const REGION = 'us-west-2';
export const REGION2 = 'us-east-1';
export const CLUSTER = 'demo';
export const CLUSTER_VERSION = '1.31';
export const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export const roleArn = (name, path = '/') => `arn:aws:iam::${ACCOUNT}:role${path}${name}`;

export const trustPolicy = (service) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
});

export const accountTrustPolicy = () => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
});

// Seed every file starts from: one cluster per region and a few roles (one with a string trust policy).
export function defaultSeed() {
  return {
    accountId: ACCOUNT,
    clusters: [
      { name: CLUSTER, region: REGION, version: CLUSTER_VERSION },
      { name: 'east', region: REGION2, version: '1.30' },
    ],
    roles: [
      { name: 'pod-role', assumeRolePolicyDocument: trustPolicy('pods.eks.amazonaws.com') },
      { name: 'target-role', assumeRolePolicyDocument: accountTrustPolicy() },
      { name: 'cluster-role', assumeRolePolicyDocument: trustPolicy('eks.amazonaws.com') },
      {
        name: 'string-trust-role',
        path: '/svc/',
        assumeRolePolicyDocument: JSON.stringify(accountTrustPolicy()),
      },
    ],
  };
}

export function emulatorBinary() {
  const bin = resolve(suiteDir, process.env.AWS_EMULATOR_BIN ?? '../../out/emulator/aws-emulator');
  if (!existsSync(bin)) {
    throw new Error(`aws-emulator not found at ${bin}: run \`make emulator\` or set AWS_EMULATOR_BIN`);
  }
  return bin;
}

/**
 * Starts the emulator on a free loopback port.
 * options: seed (object, written to a temp file), stateFile, addonTransition (seconds), extraArgs, dir (reuse a
 * temp folder, e.g. for a restart with the same state file).
 */
export async function startEmulator(options = {}) {
  const bin = emulatorBinary();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'emu-conf-'));
  const seedPath = join(dir, 'seed.json');
  writeFileSync(seedPath, JSON.stringify(options.seed ?? defaultSeed(), null, 2));
  const args = ['--listen', '127.0.0.1:0', '--seed', seedPath,
    '--addon-transition', String(options.addonTransition ?? 1)];
  if (options.stateFile) args.push('--state', options.stateFile);
  args.push(...(options.extraArgs ?? []));

  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (d) => { stderr = (stderr + d).slice(-20000); });

  const baseUrl = await new Promise((resolveUrl, reject) => {
    let out = '';
    let settled = false;
    const settle = (error, url) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      proc.off('exit', earlyExit);
      if (!error) return resolveUrl(url);
      proc.kill('SIGKILL');
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
      reject(new Error(`${error}\nstderr:\n${stderr}`));
    };
    const earlyExit = (code, sig) => settle(`emulator exited early (code ${code}, signal ${sig})`);
    const timer = setTimeout(() => settle('emulator printed no base URL within 20 s'), 20000);
    proc.once('exit', earlyExit);
    proc.once('error', (e) => settle(`cannot start emulator: ${e.message}`));
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (d) => {
      if (settled) return;
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out.slice(0, nl));
      settle(m ? undefined : `first stdout line has no base URL: ${JSON.stringify(out.slice(0, nl))}`, m?.[0]);
    });
  });
  // Keep draining stdout so the child never blocks on a full pipe.
  proc.stdout.resume();
  const emulator = new Emulator(proc, baseUrl, dir, seedPath, () => stderr);
  proc.once('exit', (code, signal) => {
    if (!emulator.stopping) {
      process.stderr.write(`aws-emulator ${baseUrl} exited unexpectedly (code ${code}, signal ${signal}); stderr:\n${stderr}\n`);
    }
  });
  return emulator;
}

export class Emulator {
  #clients = [];

  stopping = false;

  constructor(proc, baseUrl, dir, seedPath, stderr) {
    this.proc = proc;
    this.baseUrl = baseUrl;
    this.port = Number(new URL(baseUrl).port);
    this.dir = dir;
    this.seedPath = seedPath;
    this.stderr = stderr;
  }

  /** Client options: region, credentials, maxAttempts (default 1 so errors surface unretried), rest passed on. */
  #config(opts) {
    const { region = REGION, credentials = CREDENTIALS, maxAttempts = 1, ...rest } = opts;
    // A copy per client: the SDK writes bookkeeping fields onto the credentials object.
    return { endpoint: this.baseUrl, region, credentials: { ...credentials }, maxAttempts, ...rest };
  }

  #track(client) { this.#clients.push(client); return client; }
  eks(opts = {}) { return this.#track(new EKSClient(this.#config(opts))); }
  iam(opts = {}) { return this.#track(new IAMClient(this.#config(opts))); }
  sts(opts = {}) { return this.#track(new STSClient(this.#config(opts))); }

  async admin(method, path, body) {
    const res = await fetch(`${this.baseUrl}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    return { status: res.status, text, json };
  }

  async calls() { return (await this.#ok('GET', 'calls', undefined, 200)).json ?? {}; }
  async resetCalls() { await this.#ok('DELETE', 'calls', undefined, 204); }
  async reset() { await this.#ok('POST', 'reset', undefined, 204); }
  async addFault(rule) { return (await this.#ok('POST', 'faults', rule, 201)).json.id; }
  /** The fault rules, each with its id; accepts a bare array or {"faults": [...]}. */
  async faults() {
    const { json } = await this.#ok('GET', 'faults', undefined, 200);
    if (Array.isArray(json)) return json;
    if (Array.isArray(json?.faults)) return json.faults;
    throw new Error(`GET /_emulator/faults: expected a list, got ${JSON.stringify(json)}`);
  }
  async clearFaults() { await this.#ok('DELETE', 'faults', undefined, 204); }
  async deleteFault(id) { await this.#ok('DELETE', `faults/${encodeURIComponent(id)}`, undefined, 204); }

  async #ok(method, path, body, status) {
    const res = await this.admin(method, path, body);
    if (res.status !== status) {
      throw new Error(`admin ${method} /_emulator/${path}: expected ${status}, got ${res.status} ${res.text}`);
    }
    return res;
  }

  /** Ends the process; SIGKILL simulates a crash. Resolves once it has exited. */
  async stop(signal = 'SIGTERM') {
    for (const c of this.#clients.splice(0)) c.destroy();
    this.stopping = true;
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.kill(signal);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  async dispose() {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
