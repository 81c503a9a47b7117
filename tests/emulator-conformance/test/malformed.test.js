// Malformed requests get AWS-shaped 4xx answers and the process keeps serving.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ListClustersCommand } from '@aws-sdk/client-eks';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { startEmulator, CLUSTER } from '../lib/emulator.js';
import { signedRequest, queryRequest } from '../lib/signed-request.js';

const emu = await startEmulator();
after(() => emu.dispose());
const json = { 'content-type': 'application/json' };
const createPath = `/clusters/${CLUSTER}/pod-identity-associations`;

// rest-json errors name their type in x-amzn-ErrorType (or __type) and carry a message.
function assertRestJsonError(res, status, type) {
  assert.ok(res.status >= 400 && res.status < 500, `expected a 4xx, got ${res.status} ${res.text.slice(0, 300)}`);
  if (status) assert.equal(res.status, status, res.text.slice(0, 300));
  const errType = (res.headers['x-amzn-errortype'] ?? res.json?.__type ?? res.json?.code ?? '').split(':')[0].split('#').pop();
  assert.ok(errType, `no error type in x-amzn-ErrorType or body: ${JSON.stringify(res.headers)} ${res.text.slice(0, 300)}`);
  if (type) assert.match(errType, type);
  assert.ok(res.json && typeof (res.json.message ?? res.json.Message) === 'string', `body must be JSON with a message: ${res.text.slice(0, 300)}`);
  assert.ok(res.headers['x-amzn-requestid'], 'x-amzn-RequestId header');
}

// query-protocol errors are <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>.
function assertQueryError(res, status, code) {
  assert.equal(res.status, status, res.text.slice(0, 300));
  assert.match(res.text, /<ErrorResponse[\s>]/);
  assert.match(res.text, new RegExp(`<Code>${code}</Code>`), res.text.slice(0, 300));
  assert.match(res.text, /<Message>[^<]+<\/Message>/);
  assert.match(res.text, /<RequestId>[^<]+<\/RequestId>/);
}

async function stillServing() {
  assert.equal((await emu.admin('GET', 'health')).status, 200);
  const { clusters } = await emu.eks().send(new ListClustersCommand({}));
  assert.ok(clusters.includes(CLUSTER));
}

test('bad JSON body -> 400', async () => {
  for (const body of ['{"namespace": "x", ', 'not json at all', '[1,2,3]', '{"namespace": 5, "serviceAccount": [], "roleArn": {}}']) {
    const res = await signedRequest(emu.baseUrl, { service: 'eks', method: 'POST', path: createPath, headers: json, body });
    assertRestJsonError(res, 400);
  }
  await stillServing();
});

test('unknown EKS route and wrong method -> 4xx', async () => {
  for (const [method, path] of [['GET', '/no/such/route'], ['PUT', '/clusters'], ['PATCH', createPath]]) {
    const res = await signedRequest(emu.baseUrl, { service: 'eks', method, path });
    assertRestJsonError(res);
  }
  await stillServing();
});

test('oversized body -> 4xx and the server keeps serving', async () => {
  const big = JSON.stringify({ namespace: 'x', serviceAccount: 'y', roleArn: 'z', pad: 'p'.repeat(40 * 1024 * 1024) });
  const res = await signedRequest(emu.baseUrl, { service: 'eks', method: 'POST', path: createPath, headers: json, body: big });
  assert.ok(res.status >= 400 && res.status < 500, `got ${res.status}`);
  await stillServing();
});

test('IAM: unknown Action -> 400 InvalidAction; missing parameter -> 400', async () => {
  const unknown = await queryRequest(emu.baseUrl, 'iam', { Action: 'FrobnicateRole', Version: '2010-05-08' });
  assertQueryError(unknown, 400, 'InvalidAction');
  const missing = await queryRequest(emu.baseUrl, 'iam', { Action: 'GetRole', Version: '2010-05-08' });
  assert.equal(missing.status, 400, missing.text);
  assert.match(missing.text, /<Code>(ValidationError|MissingParameter)<\/Code>/);
  await emu.iam().send(new GetRoleCommand({ RoleName: 'pod-role' }));
});

test('IAM: a body that is not a form -> 400', async () => {
  const res = await signedRequest(emu.baseUrl, {
    service: 'iam', method: 'POST', path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '%%%=&&&=%zz',
  });
  assert.equal(res.status, 400, res.text);
  assert.match(res.text, /<ErrorResponse[\s>]/);
  await stillServing();
});

test('STS: unknown Action -> 400 InvalidAction', async () => {
  const res = await queryRequest(emu.baseUrl, 'sts', { Action: 'GetSecretsPlease', Version: '2011-06-15' });
  assertQueryError(res, 400, 'InvalidAction');
});

test('unknown service in the credential scope -> 4xx', async () => {
  const res = await signedRequest(emu.baseUrl, { service: 's3', path: '/' });
  assert.ok(res.status >= 400 && res.status < 500, `got ${res.status} ${res.text.slice(0, 200)}`);
  await stillServing();
});

test('many malformed requests in parallel do not break the process', async () => {
  await Promise.all(Array.from({ length: 40 }, (_, i) => signedRequest(emu.baseUrl, {
    service: 'eks', method: 'POST', path: createPath, headers: json, body: `{"broken": ${i}`,
  })));
  await stillServing();
});
