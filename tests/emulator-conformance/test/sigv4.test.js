// SigV4 checking on all three services: unknown key, wrong secret, skewed clock, extra keys from --credentials.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ListClustersCommand, ListPodIdentityAssociationsCommand } from '@aws-sdk/client-eks';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startEmulator, ACCOUNT, CLUSTER } from '../lib/emulator.js';
import { rejectsAws } from '../lib/util.js';
import { signedRequest } from '../lib/signed-request.js';

const emu = await startEmulator({ extraArgs: ['--credentials', 'test:test', '--credentials', 'AKIDALTERNATE:alt/secret+key'] });
after(() => emu.dispose());

const unknownKey = { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'test' };
const wrongSecret = { accessKeyId: 'test', secretAccessKey: 'not-the-secret' };
const calls = {
  eks: (opts) => emu.eks(opts).send(new ListClustersCommand({})),
  iam: (opts) => emu.iam(opts).send(new GetRoleCommand({ RoleName: 'pod-role' })),
  sts: (opts) => emu.sts(opts).send(new GetCallerIdentityCommand({})),
};
const errors = {
  eks: { unknown: 'UnrecognizedClientException', signature: 'InvalidSignatureException' },
  iam: { unknown: 'InvalidClientTokenId', signature: 'SignatureDoesNotMatch' },
  sts: { unknown: 'InvalidClientTokenId', signature: 'SignatureDoesNotMatch' },
};

for (const service of ['eks', 'iam', 'sts']) {
  test(`${service}: valid signature is accepted`, async () => {
    const r = await calls[service]({});
    assert.equal(r.$metadata.httpStatusCode, 200);
  });

  test(`${service}: unknown access key -> 403 ${errors[service].unknown}`, async () => {
    await rejectsAws(calls[service]({ credentials: unknownKey }), { name: errors[service].unknown, status: 403 });
  });

  test(`${service}: wrong secret -> 403 ${errors[service].signature}`, async () => {
    await rejectsAws(calls[service]({ credentials: wrongSecret }), { name: errors[service].signature, status: 403 });
  });

  test(`${service}: request time 20 minutes off -> 403`, async () => {
    for (const offset of [-20 * 60_000, 20 * 60_000]) {
      await rejectsAws(calls[service]({ systemClockOffset: offset }), { status: 403 });
    }
  });

  test(`${service}: request time 5 minutes off is still accepted`, async () => {
    const r = await calls[service]({ systemClockOffset: -5 * 60_000 });
    assert.equal(r.$metadata.httpStatusCode, 200);
  });
}

test('a second key from --credentials works', async () => {
  const credentials = { accessKeyId: 'AKIDALTERNATE', secretAccessKey: 'alt/secret+key' };
  const who = await emu.sts({ credentials }).send(new GetCallerIdentityCommand({}));
  assert.equal(who.Account, ACCOUNT);
  await calls.eks({ credentials });
});

test('a body changed after signing -> 403 InvalidSignatureException (the payload is hashed)', async () => {
  const body = JSON.stringify({ namespace: 'default', serviceAccount: 'signed', roleArn: `arn:aws:iam::${ACCOUNT}:role/pod-role` });
  const request = {
    service: 'eks', method: 'POST', path: `/clusters/${CLUSTER}/pod-identity-associations`,
    headers: { 'content-type': 'application/json' }, body, sendBody: body.replace('signed', 'forged'),
  };
  const res = await signedRequest(emu.baseUrl, { ...request, contentSha256Header: false });
  assert.equal(res.status, 403, res.text);
  assert.match(res.headers['x-amzn-errortype'] ?? res.json?.__type ?? '', /InvalidSignatureException/);
  // With x-amz-content-sha256 naming the original body, the forged body must not get through either.
  const withHeader = await signedRequest(emu.baseUrl, request);
  assert.ok(withHeader.status === 403 || withHeader.status === 400, `${withHeader.status} ${withHeader.text}`);
  const { associations } = await emu.eks().send(new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER, namespace: 'default' }));
  assert.deepEqual(associations, [], 'nothing was created');
});

test('unsigned request to an EKS route -> 4xx, AWS-shaped', async () => {
  const res = await fetch(`${emu.baseUrl}/clusters`);
  assert.ok(res.status === 403 || res.status === 400, `status ${res.status}`);
  assert.ok(res.headers.get('x-amzn-requestid') || res.headers.get('x-amzn-errortype') || (await res.text()).length > 0);
});
