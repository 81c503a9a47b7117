// Pod identity associations: Create/Describe/Update/Delete/List through the official SDK.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreatePodIdentityAssociationCommand as Create, DescribePodIdentityAssociationCommand as Describe,
  UpdatePodIdentityAssociationCommand as Update, DeletePodIdentityAssociationCommand as Delete,
  ListPodIdentityAssociationsCommand as List, ListTagsForResourceCommand, TagResourceCommand,
} from '@aws-sdk/client-eks';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { startEmulator, ACCOUNT, REGION, REGION2, CLUSTER, roleArn, trustPolicy } from '../lib/emulator.js';
import { ID_RE, rejectsAws, unique, assertDate, inParallel } from '../lib/util.js';

const emu = await startEmulator();
after(() => emu.dispose());
const eks = emu.eks();
const POD_ROLE = roleArn('pod-role');
const TARGET_ROLE = roleArn('target-role');
const ROLE_MISSING = /^Role provided in the request does not exist\.?$/;

const create = (extra = {}) => eks.send(new Create({
  clusterName: CLUSTER, namespace: 'default', serviceAccount: unique('sa'), roleArn: POD_ROLE, ...extra,
}));

test('create returns a complete association with AWS id, ARN and dates', async () => {
  const sa = unique('sa');
  const { association: a, $metadata } = await eks.send(new Create({
    clusterName: CLUSTER, namespace: 'apps', serviceAccount: sa, roleArn: POD_ROLE, tags: { team: 'blue' },
  }));
  assert.equal($metadata.httpStatusCode, 200);
  assert.ok($metadata.requestId, 'x-amzn-RequestId comes back');
  assert.match(a.associationId, ID_RE);
  assert.equal(a.associationArn,
    `arn:aws:eks:${REGION}:${ACCOUNT}:podidentityassociation/${CLUSTER}/${a.associationId}`);
  assert.equal(a.clusterName, CLUSTER);
  assert.equal(a.namespace, 'apps');
  assert.equal(a.serviceAccount, sa);
  assert.equal(a.roleArn, POD_ROLE);
  assert.deepEqual(a.tags, { team: 'blue' });
  assertDate(a.createdAt, 'createdAt');
  assertDate(a.modifiedAt, 'modifiedAt');
  assert.equal(a.ownerArn, undefined, 'user-created associations have no ownerArn');
  assert.equal(a.targetRoleArn, undefined);
  assert.equal(a.externalId, undefined, 'externalId only exists with a targetRoleArn');

  const { association: d } = await eks.send(new Describe({ clusterName: CLUSTER, associationId: a.associationId }));
  assert.deepEqual({ ...d, createdAt: d.createdAt.getTime(), modifiedAt: d.modifiedAt.getTime() },
    { ...a, createdAt: a.createdAt.getTime(), modifiedAt: a.modifiedAt.getTime() });
});

test('ids are unique across many creates', async () => {
  const ids = await inParallel(Array.from({ length: 20 }, (_, i) => i), 8,
    async () => (await create()).association.associationId);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, ID_RE);
});

test('duplicate (cluster, namespace, serviceAccount) -> 409 ResourceInUseException', async () => {
  const sa = unique('dup');
  await create({ serviceAccount: sa });
  await rejectsAws(create({ serviceAccount: sa }), { name: 'ResourceInUseException', status: 409 });
  // Same service account name in another namespace is a different key.
  const other = await create({ serviceAccount: sa, namespace: 'other' });
  assert.equal(other.association.namespace, 'other');
});

test('concurrent creates of one key: exactly one wins, the rest get 409', async () => {
  const sa = unique('race');
  const results = await Promise.allSettled(Array.from({ length: 10 }, () => create({ serviceAccount: sa })));
  const ok = results.filter((r) => r.status === 'fulfilled');
  const failed = results.filter((r) => r.status === 'rejected');
  assert.equal(ok.length, 1, `exactly one create must succeed, got ${ok.length}`);
  for (const f of failed) {
    assert.equal(f.reason.name, 'ResourceInUseException', f.reason.message);
    assert.equal(f.reason.$metadata.httpStatusCode, 409);
  }
  const { associations } = await eks.send(new List({ clusterName: CLUSTER, namespace: 'default', serviceAccount: sa }));
  assert.equal(associations.length, 1);
});

test('unknown cluster -> 404 ResourceNotFoundException on every operation', async () => {
  const nf = { name: 'ResourceNotFoundException', status: 404 };
  await rejectsAws(create({ clusterName: 'no-such-cluster' }), nf);
  await rejectsAws(eks.send(new List({ clusterName: 'no-such-cluster' })), nf);
  await rejectsAws(eks.send(new Describe({ clusterName: 'no-such-cluster', associationId: 'a-0123456789abcdefg' })), nf);
});

test('unknown association id -> 404 ResourceNotFoundException', async () => {
  const nf = { name: 'ResourceNotFoundException', status: 404 };
  const id = 'a-zzzzzzzzzzzzzzzzz';
  await rejectsAws(eks.send(new Describe({ clusterName: CLUSTER, associationId: id })), nf);
  await rejectsAws(eks.send(new Update({ clusterName: CLUSTER, associationId: id, roleArn: POD_ROLE })), nf);
  await rejectsAws(eks.send(new Delete({ clusterName: CLUSTER, associationId: id })), nf);
});

test('clusters are per region: the us-west-2 cluster is unknown in us-east-1', async () => {
  const east = emu.eks({ region: REGION2 });
  await rejectsAws(east.send(new Create({
    clusterName: CLUSTER, namespace: 'default', serviceAccount: 'x', roleArn: POD_ROLE,
  })), { name: 'ResourceNotFoundException', status: 404 });
  const { association } = await east.send(new Create({
    clusterName: 'east', namespace: 'default', serviceAccount: unique('sa'), roleArn: POD_ROLE,
  }));
  assert.equal(association.associationArn,
    `arn:aws:eks:${REGION2}:${ACCOUNT}:podidentityassociation/east/${association.associationId}`);
  await rejectsAws(eks.send(new Describe({ clusterName: 'east', associationId: association.associationId })),
    { name: 'ResourceNotFoundException', status: 404 });
});

test('role that does not exist -> InvalidParameterException with the AWS message', async () => {
  await rejectsAws(create({ roleArn: roleArn('no-such-role') }),
    { name: 'InvalidParameterException', status: 400, message: ROLE_MISSING });
  const { association } = await create();
  await rejectsAws(eks.send(new Update({
    clusterName: CLUSTER, associationId: association.associationId, roleArn: roleArn('no-such-role'),
  })), { name: 'InvalidParameterException', status: 400, message: ROLE_MISSING });
});

test('a role created through IAM is usable at once (no propagation fault set)', async () => {
  const name = unique('fresh');
  await emu.iam().send(new CreateRoleCommand({
    RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trustPolicy('pods.eks.amazonaws.com')),
  }));
  const { association } = await create({ roleArn: roleArn(name) });
  assert.equal(association.roleArn, roleArn(name));
});

test('missing required members -> 400', async () => {
  for (const missing of ['namespace', 'serviceAccount', 'roleArn']) {
    const input = { clusterName: CLUSTER, namespace: 'default', serviceAccount: unique('sa'), roleArn: POD_ROLE };
    delete input[missing];
    await rejectsAws(eks.send(new Create(input)),
      { name: ['InvalidParameterException', 'InvalidRequestException'], status: 400 });
  }
});

test('targetRoleArn issues an externalId; targetRoleArn "" clears both', async () => {
  const { association: a } = await create({ targetRoleArn: TARGET_ROLE });
  assert.equal(a.targetRoleArn, TARGET_ROLE);
  assert.equal(typeof a.externalId, 'string');
  assert.ok(a.externalId.length > 0, 'externalId must be non-empty');

  const { association: d } = await eks.send(new Describe({ clusterName: CLUSTER, associationId: a.associationId }));
  assert.equal(d.externalId, a.externalId, 'externalId is stable');

  const { association: cleared } = await eks.send(new Update({
    clusterName: CLUSTER, associationId: a.associationId, targetRoleArn: '',
  }));
  assert.ok(!cleared.targetRoleArn, `targetRoleArn should be cleared, got ${cleared.targetRoleArn}`);
  assert.ok(!cleared.externalId, `externalId should be cleared, got ${cleared.externalId}`);
  const { association: after } = await eks.send(new Describe({ clusterName: CLUSTER, associationId: a.associationId }));
  assert.ok(!after.targetRoleArn && !after.externalId);
  assert.equal(after.roleArn, POD_ROLE, 'clearing the target keeps the role');

  const { association: again } = await eks.send(new Update({
    clusterName: CLUSTER, associationId: a.associationId, targetRoleArn: TARGET_ROLE,
  }));
  assert.equal(again.targetRoleArn, TARGET_ROLE);
  assert.ok(again.externalId, 'setting a target again issues an externalId');
});

test('targetRoleArn that does not exist is rejected', async () => {
  await rejectsAws(create({ targetRoleArn: roleArn('no-such-target') }),
    { name: 'InvalidParameterException', status: 400 });
});

test('policy requires disableSessionTags: true', async () => {
  const policy = JSON.stringify({
    Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
  });
  await rejectsAws(create({ policy }), { name: ['InvalidParameterException', 'InvalidRequestException'], status: 400 });
  await rejectsAws(create({ policy, disableSessionTags: false }),
    { name: ['InvalidParameterException', 'InvalidRequestException'], status: 400 });
  const { association: a } = await create({ policy, disableSessionTags: true });
  assert.equal(a.disableSessionTags, true);
  assert.deepEqual(JSON.parse(a.policy), JSON.parse(policy));
  const { association: d } = await eks.send(new Describe({ clusterName: CLUSTER, associationId: a.associationId }));
  assert.deepEqual(JSON.parse(d.policy), JSON.parse(policy));
});

test('update changes role and disableSessionTags, bumps modifiedAt, keeps createdAt', async () => {
  const { association: a } = await create();
  await new Promise((r) => setTimeout(r, 1100));
  const { association: u } = await eks.send(new Update({
    clusterName: CLUSTER, associationId: a.associationId, roleArn: roleArn('target-role'), disableSessionTags: true,
  }));
  assert.equal(u.roleArn, roleArn('target-role'));
  assert.equal(u.disableSessionTags, true);
  assert.equal(u.associationId, a.associationId);
  assert.equal(u.createdAt.getTime(), a.createdAt.getTime());
  assert.ok(u.modifiedAt > a.modifiedAt, `modifiedAt ${u.modifiedAt.toISOString()} should move past ${a.modifiedAt.toISOString()}`);
  const { association: d } = await eks.send(new Describe({ clusterName: CLUSTER, associationId: a.associationId }));
  assert.equal(d.roleArn, roleArn('target-role'));
});

test('clientRequestToken makes a retried create idempotent', async () => {
  const token = unique('token');
  const sa = unique('idem');
  const first = await create({ serviceAccount: sa, clientRequestToken: token });
  const second = await create({ serviceAccount: sa, clientRequestToken: token });
  assert.equal(second.association.associationId, first.association.associationId);
  assert.equal(second.association.associationArn, first.association.associationArn);
  const { associations } = await eks.send(new List({ clusterName: CLUSTER, namespace: 'default', serviceAccount: sa }));
  assert.equal(associations.length, 1, 'one association created');
  // A different token for the same key is a real conflict.
  await rejectsAws(create({ serviceAccount: sa, clientRequestToken: unique('token') }),
    { name: 'ResourceInUseException', status: 409 });
});

test('the SDK fills clientRequestToken itself and a plain create still works', async () => {
  const { association } = await create();
  assert.match(association.associationId, ID_RE);
});

test('delete returns the association, then it is gone', async () => {
  const { association: a } = await create({ tags: { k: 'v' } });
  const { association: d } = await eks.send(new Delete({ clusterName: CLUSTER, associationId: a.associationId }));
  assert.equal(d.associationId, a.associationId);
  assert.equal(d.associationArn, a.associationArn);
  await rejectsAws(eks.send(new Describe({ clusterName: CLUSTER, associationId: a.associationId })),
    { name: 'ResourceNotFoundException', status: 404 });
  await rejectsAws(eks.send(new Delete({ clusterName: CLUSTER, associationId: a.associationId })),
    { name: 'ResourceNotFoundException', status: 404 });
  await rejectsAws(eks.send(new ListTagsForResourceCommand({ resourceArn: a.associationArn })),
    { name: 'NotFoundException', status: 404 });
  // The key is free again.
  const again = await create({ serviceAccount: a.serviceAccount });
  assert.notEqual(again.association.associationId, a.associationId);
});

test('a concurrent mix of creates, deletes, updates and tags leaves consistent state', async () => {
  const ns = unique('mix');
  const made = await inParallel(Array.from({ length: 60 }, (_, i) => i), 16,
    async (i) => (await create({ namespace: ns, serviceAccount: `sa-${i}` })).association);
  const doomed = made.filter((_, i) => i % 2 === 0);
  const kept = made.filter((_, i) => i % 2 === 1);
  await Promise.all([
    ...doomed.map((a) => eks.send(new Delete({ clusterName: CLUSTER, associationId: a.associationId }))),
    ...kept.map((a) => eks.send(new Update({ clusterName: CLUSTER, associationId: a.associationId, disableSessionTags: true }))),
    ...kept.map((a) => eks.send(new TagResourceCommand({ resourceArn: a.associationArn, tags: { batch: a.serviceAccount } }))),
  ]);
  const { associations } = await eks.send(new List({ clusterName: CLUSTER, namespace: ns, maxResults: 100 }));
  assert.deepEqual(associations.map((a) => a.associationId).sort(), kept.map((a) => a.associationId).sort());
  for (const a of kept) {
    const { association: d } = await eks.send(new Describe({ clusterName: CLUSTER, associationId: a.associationId }));
    assert.equal(d.disableSessionTags, true);
    assert.deepEqual(d.tags, { batch: a.serviceAccount });
  }
});

test('list returns summaries with the documented members', async () => {
  const ns = unique('ns');
  const { association: a } = await create({ namespace: ns });
  const { associations, nextToken } = await eks.send(new List({ clusterName: CLUSTER, namespace: ns }));
  assert.equal(nextToken, undefined);
  assert.deepEqual(associations, [{
    clusterName: CLUSTER, namespace: ns, serviceAccount: a.serviceAccount,
    associationArn: a.associationArn, associationId: a.associationId,
  }]);
});
