// Assertion and polling helpers shared by the test files.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

export const ID_RE = /^a-[a-z0-9]{17}$/;

export const unique = (prefix) => `${prefix}-${randomBytes(4).toString('hex')}`;
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Awaits a call that must fail and checks what the SDK made of the error.
 * expected: { name: string | RegExp | string[], status: number, message: string | RegExp }
 */
export async function rejectsAws(promise, expected) {
  let err;
  try {
    const value = await promise;
    assert.fail(`expected ${describe(expected)} but the call succeeded: ${JSON.stringify(strip(value))}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    err = e;
  }
  const got = `${err.name} (HTTP ${err.$metadata?.httpStatusCode}): ${err.message}`;
  const { name, status, message } = expected;
  if (name instanceof RegExp) assert.match(err.name, name, `error name; got ${got}`);
  else if (Array.isArray(name)) assert.ok(name.includes(err.name), `expected one of ${name}; got ${got}`);
  else if (name) assert.equal(err.name, name, `error name; got ${got}`);
  if (status) assert.equal(err.$metadata?.httpStatusCode, status, `HTTP status; got ${got}`);
  assert.ok(err.$metadata, `not an AWS service error: ${got}`);
  assert.ok(err.$metadata.requestId, `AWS errors carry a request id; got ${got}`);
  assert.ok(typeof err.message === 'string' && err.message.length > 0 && err.message !== 'UnknownError',
    `AWS errors carry a message; got ${got}`);
  if (message instanceof RegExp) assert.match(err.message ?? '', message, `error message; got ${got}`);
  else if (message) assert.equal(err.message, message, `error message; got ${got}`);
  return err;
}

function describe({ name, status }) { return `${name} (HTTP ${status})`; }
function strip(v) { if (v && typeof v === 'object') { const { $metadata, ...rest } = v; return rest; } return v; }

/** Calls fn until check(result) is true; returns the last result or fails after timeoutMs. */
export async function poll(fn, check, { timeoutMs = 15000, intervalMs = 200, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (check(last)) return last;
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(strip(last))}`);
    }
    await sleep(intervalMs);
  }
}

export function assertDate(value, label) {
  assert.ok(value instanceof Date, `${label} should be parsed as a Date, got ${typeof value} ${value}`);
  assert.ok(!Number.isNaN(value.getTime()), `${label} is an invalid date`);
  assert.ok(Math.abs(Date.now() - value.getTime()) < 24 * 3600 * 1000, `${label} ${value.toISOString()} is not recent`);
}

/** Compares EKS-style version strings like v1.3.10-eksbuild.2 numerically. */
export function compareAddonVersions(a, b) {
  const nums = (v) => (v.match(/\d+/g) ?? []).map(Number);
  const x = nums(a); const y = nums(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Runs fn over items with at most `width` in flight. */
export async function inParallel(items, width, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}
