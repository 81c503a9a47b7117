// 5,000 pod identity associations per cluster, then ResourceLimitExceededException.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreatePodIdentityAssociationCommand as Create, ListPodIdentityAssociationsCommand as List,
} from '@aws-sdk/client-eks';
import { startEmulator, roleArn, trustPolicy } from '../lib/emulator.js';
import { rejectsAws, inParallel } from '../lib/util.js';
import { signedRequest } from '../lib/signed-request.js';
import http from 'node:http';

const LIMIT = 5000;
const emu = await startEmulator({
  seed: {
    accountId: '123456789012',
    clusters: [{ name: 'full', region: 'us-west-2', version: '1.31' }, { name: 'spare', region: 'us-west-2', version: '1.31' }],
    roles: [{ name: 'pod-role', assumeRolePolicyDocument: trustPolicy('pods.eks.amazonaws.com') }],
  },
});
after(() => emu.dispose());

// ~40 s alone; the generous timeout is for a 2-core machine shared with other builds (it hit 180 s there).
test(`the ${LIMIT + 1}th association in a cluster -> ResourceLimitExceededException`, { timeout: 600000 }, async () => {
  const eks = emu.eks();
  const role = roleArn('pod-role');
  const indexes = Array.from({ length: LIMIT }, (_, i) => i);
  // Raw signed requests for the bulk: the SDK's per-call overhead would dominate the suite's time budget.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  try {
    await inParallel(indexes, 8, async (i) => {
      const res = await signedRequest(emu.baseUrl, {
        service: 'eks', method: 'POST', path: '/clusters/full/pod-identity-associations', agent,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ namespace: `ns-${i % 50}`, serviceAccount: `sa-${i}`, roleArn: role }),
      });
      assert.equal(res.status, 200, `create #${i}: ${res.status} ${res.text}`);
    });
  } finally {
    agent.destroy();
  }
  await rejectsAws(eks.send(new Create({ clusterName: 'full', namespace: 'extra', serviceAccount: 'one-more', roleArn: role })),
    { name: 'ResourceLimitExceededException', status: 400 });
  // The limit is per cluster.
  const { association } = await eks.send(new Create({ clusterName: 'spare', namespace: 'extra', serviceAccount: 'one-more', roleArn: role }));
  assert.ok(association.associationId);
  const { associations } = await eks.send(new List({ clusterName: 'full', namespace: 'ns-7', maxResults: 100 }));
  assert.equal(associations.length, 100);
});
