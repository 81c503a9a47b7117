// Admin API: health, call counts, reset, and every fault rule kind as the SDK sees it.
import { test, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreatePodIdentityAssociationCommand, DescribePodIdentityAssociationCommand, ListPodIdentityAssociationsCommand,
  CreateAddonCommand, DescribeAddonCommand, UpdateAddonCommand, DeleteAddonCommand, DescribeClusterCommand,
  DescribeUpdateCommand, waitUntilAddonDeleted,
} from '@aws-sdk/client-eks';
import { CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startEmulator, CLUSTER, roleArn, trustPolicy } from '../lib/emulator.js';
import { rejectsAws, unique, poll, sleep } from '../lib/util.js';

const emu = await startEmulator({ addonTransition: 1 });
after(() => emu.dispose());
const eks = emu.eks();
const iam = emu.iam();
const ROLE_MISSING = /^Role provided in the request does not exist\.?$/;

beforeEach(async () => {
  await emu.clearFaults();
  await emu.resetCalls();
});

const createAssoc = (client = eks, extra = {}) => client.send(new CreatePodIdentityAssociationCommand({
  clusterName: CLUSTER, namespace: 'default', serviceAccount: unique('sa'), roleArn: roleArn('pod-role'), ...extra,
}));
const describeAssoc = (associationId, client = eks) =>
  client.send(new DescribePodIdentityAssociationCommand({ clusterName: CLUSTER, associationId }));
const describeAddon = async (addonName) =>
  (await eks.send(new DescribeAddonCommand({ clusterName: CLUSTER, addonName }))).addon;
const settle = (addonName, status) => poll(() => describeAddon(addonName), (a) => a.status === status,
  { what: `${addonName} ${status}` });
async function removeAddon(addonName) {
  await eks.send(new DeleteAddonCommand({ clusterName: CLUSTER, addonName }));
  await waitUntilAddonDeleted({ client: eks, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { clusterName: CLUSTER, addonName });
}

test('health answers 200 {"status":"ok"}', async () => {
  const res = await emu.admin('GET', 'health');
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { status: 'ok' });
});

test('calls counts every request per service:Operation, including failures; DELETE resets', async () => {
  assert.deepEqual(await emu.calls(), {});
  const { association } = await createAssoc();
  await createAssoc();
  await rejectsAws(createAssoc(eks, { clusterName: 'no-such-cluster' }), { status: 404 });
  await describeAssoc(association.associationId);
  await iam.send(new GetRoleCommand({ RoleName: 'pod-role' }));
  await emu.sts().send(new GetCallerIdentityCommand({}));
  assert.deepEqual(await emu.calls(), {
    'eks:CreatePodIdentityAssociation': 3,
    'eks:DescribePodIdentityAssociation': 1,
    'iam:GetRole': 1,
    'sts:GetCallerIdentity': 1,
  });
  await emu.resetCalls();
  assert.deepEqual(await emu.calls(), {});
});

test('reset empties resources, counts and faults, and re-applies the seed', async () => {
  const { association } = await createAssoc();
  const roleName = unique('temp');
  await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: JSON.stringify(trustPolicy('pods.eks.amazonaws.com')) }));
  await emu.addFault({ action: 'latency', service: 'sts', latencyMs: 10 });
  await emu.reset();
  assert.deepEqual(await emu.faults(), []);
  assert.deepEqual(await emu.calls(), {});
  await rejectsAws(describeAssoc(association.associationId), { name: 'ResourceNotFoundException', status: 404 });
  await rejectsAws(iam.send(new GetRoleCommand({ RoleName: roleName })), { name: /^NoSuchEntity/, status: 404 });
  // Seeded things are back.
  assert.equal((await eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster.status, 'ACTIVE');
  assert.equal((await iam.send(new GetRoleCommand({ RoleName: 'pod-role' }))).Role.RoleName, 'pod-role');
  const { associations } = await eks.send(new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER }));
  assert.deepEqual(associations, []);
});

test('faults: add returns f-ids, list, delete one, delete all', async () => {
  const a = await emu.addFault({ action: 'latency', service: 'eks', operation: 'ListClusters', latencyMs: 1 });
  const b = await emu.addFault({ action: 'throttle', service: 'iam', operation: 'GetRole', count: 5 });
  assert.match(a, /^f-\d+$/);
  assert.match(b, /^f-\d+$/);
  assert.notEqual(a, b);
  const listed = await emu.faults();
  assert.deepEqual(listed.map((f) => f.id).sort(), [a, b].sort());
  assert.equal(listed.find((f) => f.id === b).action, 'throttle');
  await emu.deleteFault(a);
  assert.deepEqual((await emu.faults()).map((f) => f.id), [b]);
  await emu.clearFaults();
  assert.deepEqual(await emu.faults(), []);
});

test('invalid fault rules are refused with 400', async () => {
  for (const rule of [{ action: 'explode' }, { action: 'throttle', count: -1 }, { action: 'error', status: 404 }]) {
    const res = await emu.admin('POST', 'faults', rule);
    assert.equal(res.status, 400, `${JSON.stringify(rule)} -> ${res.status} ${res.text}`);
  }
});

test('throttle (EKS): next 2 calls -> 429 ThrottlingException, then success; counted', async () => {
  await emu.addFault({ action: 'throttle', service: 'eks', operation: 'CreatePodIdentityAssociation', count: 2 });
  await rejectsAws(createAssoc(), { name: 'ThrottlingException', status: 429 });
  await rejectsAws(createAssoc(), { name: 'ThrottlingException', status: 429 });
  await createAssoc();
  assert.equal((await emu.calls())['eks:CreatePodIdentityAssociation'], 3);
});

test('throttle only hits the named operation', async () => {
  await emu.addFault({ action: 'throttle', service: 'eks', operation: 'DescribeCluster', count: 1 });
  await createAssoc();
  await rejectsAws(eks.send(new DescribeClusterCommand({ name: CLUSTER })), { name: 'ThrottlingException', status: 429 });
  await eks.send(new DescribeClusterCommand({ name: CLUSTER }));
});

test('throttle: the SDK retry policy gets through two throttles with maxAttempts 3', async () => {
  await emu.addFault({ action: 'throttle', service: 'eks', operation: 'CreatePodIdentityAssociation', count: 2 });
  const r = await createAssoc(emu.eks({ maxAttempts: 3 }));
  assert.equal(r.$metadata.attempts, 3);
  assert.equal((await emu.calls())['eks:CreatePodIdentityAssociation'], 3);
});

test('throttle (IAM/STS query protocol): 400 Throttling', async () => {
  await emu.addFault({ action: 'throttle', service: 'iam', operation: 'GetRole', count: 1 });
  await rejectsAws(iam.send(new GetRoleCommand({ RoleName: 'pod-role' })), { name: 'Throttling', status: 400 });
  await iam.send(new GetRoleCommand({ RoleName: 'pod-role' }));
  await emu.addFault({ action: 'throttle', service: 'sts', count: 1 });
  await rejectsAws(emu.sts().send(new GetCallerIdentityCommand({})), { name: 'Throttling', status: 400 });
});

test('throttle without count lasts until deleted; without service hits everything', async () => {
  const id = await emu.addFault({ action: 'throttle' });
  for (let i = 0; i < 3; i++) {
    await rejectsAws(eks.send(new DescribeClusterCommand({ name: CLUSTER })), { name: 'ThrottlingException', status: 429 });
  }
  await rejectsAws(iam.send(new GetRoleCommand({ RoleName: 'pod-role' })), { name: 'Throttling', status: 400 });
  await emu.deleteFault(id);
  await eks.send(new DescribeClusterCommand({ name: CLUSTER }));
});

test('error 503 / 500 (EKS): ServiceUnavailableException / ServerException', async () => {
  const { association } = await createAssoc();
  await emu.addFault({ action: 'error', service: 'eks', operation: 'DescribePodIdentityAssociation', count: 1, status: 503 });
  await rejectsAws(describeAssoc(association.associationId), { name: 'ServiceUnavailableException', status: 503 });
  await emu.addFault({ action: 'error', service: 'eks', operation: 'DescribePodIdentityAssociation', count: 1, status: 500 });
  await rejectsAws(describeAssoc(association.associationId), { name: 'ServerException', status: 500 });
  await describeAssoc(association.associationId);
  assert.equal((await emu.calls())['eks:DescribePodIdentityAssociation'], 3);
});

test('error 503 / 500 (IAM): ServiceUnavailable / InternalFailure', async () => {
  await emu.addFault({ action: 'error', service: 'iam', operation: 'GetRole', count: 1, status: 503 });
  await rejectsAws(iam.send(new GetRoleCommand({ RoleName: 'pod-role' })), { name: 'ServiceUnavailable', status: 503 });
  await emu.addFault({ action: 'error', service: 'iam', operation: 'GetRole', count: 1, status: 500 });
  await rejectsAws(iam.send(new GetRoleCommand({ RoleName: 'pod-role' })), { name: 'InternalFailure', status: 500 });
});

test('a faulted create changes nothing', async () => {
  const sa = unique('faulted');
  await emu.addFault({ action: 'error', service: 'eks', operation: 'CreatePodIdentityAssociation', count: 1, status: 500 });
  await rejectsAws(createAssoc(eks, { serviceAccount: sa }), { name: 'ServerException', status: 500 });
  const { associations } = await eks.send(new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER, namespace: 'default', serviceAccount: sa }));
  assert.deepEqual(associations, []);
});

test('latency: the next call takes at least latencyMs, later ones do not', async () => {
  const { association } = await createAssoc();
  await emu.addFault({ action: 'latency', service: 'eks', operation: 'DescribePodIdentityAssociation', count: 1, latencyMs: 1500 });
  let t = Date.now();
  await describeAssoc(association.associationId);
  const slow = Date.now() - t;
  assert.ok(slow >= 1480, `first call took ${slow} ms, expected >= 1500`);
  t = Date.now();
  await describeAssoc(association.associationId);
  const fast = Date.now() - t;
  assert.ok(fast < 1200, `second call took ${fast} ms, the rule had count 1`);
});

test('iam-propagation-delay: new roles are invisible to EKS for a while, visible to IAM at once', async () => {
  await emu.addFault({ action: 'iam-propagation-delay', seconds: 2 });
  const name = unique('slowrole');
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trustPolicy('pods.eks.amazonaws.com')) }));
  const t0 = Date.now();
  assert.equal((await iam.send(new GetRoleCommand({ RoleName: name }))).Role.RoleName, name);
  await rejectsAws(createAssoc(eks, { roleArn: roleArn(name) }),
    { name: 'InvalidParameterException', status: 400, message: ROLE_MISSING });
  // Roles that existed before the rule are unaffected.
  await createAssoc();
  await sleep(Math.max(0, 2300 - (Date.now() - t0)));
  const { association } = await createAssoc(eks, { roleArn: roleArn(name) });
  assert.equal(association.roleArn, roleArn(name));
});

test('iam-propagation-delay with roleName: that existing role disappears for EKS only', async () => {
  await emu.addFault({ action: 'iam-propagation-delay', seconds: 2, roleName: 'target-role' });
  const t0 = Date.now();
  await rejectsAws(createAssoc(eks, { roleArn: roleArn('target-role') }),
    { name: 'InvalidParameterException', status: 400, message: ROLE_MISSING });
  await iam.send(new GetRoleCommand({ RoleName: 'target-role' }));
  await createAssoc();
  await sleep(Math.max(0, 2300 - (Date.now() - t0)));
  await createAssoc(eks, { roleArn: roleArn('target-role') });
});

test('iam-propagation-delay also hides new roles from add-on pod identity checks', async () => {
  await emu.addFault({ action: 'iam-propagation-delay', seconds: 2 });
  const name = unique('addonrole');
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trustPolicy('pods.eks.amazonaws.com')) }));
  const t0 = Date.now();
  await rejectsAws(eks.send(new CreateAddonCommand({
    clusterName: CLUSTER, addonName: 'aws-ebs-csi-driver',
    podIdentityAssociations: [{ serviceAccount: 'ebs-csi-controller-sa', roleArn: roleArn(name) }],
  })), { name: 'InvalidParameterException', status: 400 });
  await sleep(Math.max(0, 2300 - (Date.now() - t0)));
  await eks.send(new CreateAddonCommand({
    clusterName: CLUSTER, addonName: 'aws-ebs-csi-driver',
    podIdentityAssociations: [{ serviceAccount: 'ebs-csi-controller-sa', roleArn: roleArn(name) }],
  }));
  await settle('aws-ebs-csi-driver', 'ACTIVE');
  await removeAddon('aws-ebs-csi-driver');
});

test('addon-outcome CREATE_FAILED with health issues', async () => {
  const issues = [{ code: 'InsufficientNumberOfReplicas', message: 'The add-on is unhealthy because it does not have the desired number of replicas.' }];
  await emu.addFault({ action: 'addon-outcome', addonName: 'eks-pod-identity-agent', outcome: 'CREATE_FAILED', healthIssues: issues, count: 1 });
  const { addon } = await eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'eks-pod-identity-agent' }));
  assert.equal(addon.status, 'CREATING');
  const failed = await settle('eks-pod-identity-agent', 'CREATE_FAILED');
  assert.equal(failed.health.issues.length, 1);
  assert.equal(failed.health.issues[0].code, issues[0].code);
  assert.equal(failed.health.issues[0].message, issues[0].message);
  await removeAddon('eks-pod-identity-agent');
  // count 1: the next create succeeds.
  await eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'eks-pod-identity-agent' }));
  const ok = await settle('eks-pod-identity-agent', 'ACTIVE');
  assert.deepEqual(ok.health?.issues ?? [], []);
  await removeAddon('eks-pod-identity-agent');
});

test('addon-outcome DEGRADED with health issues', async () => {
  await emu.addFault({ action: 'addon-outcome', addonName: 'coredns', outcome: 'DEGRADED',
    healthIssues: [{ code: 'InsufficientNumberOfReplicas', message: 'only 1 of 2 replicas' }], count: 1 });
  await eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'coredns' }));
  const degraded = await settle('coredns', 'DEGRADED');
  assert.deepEqual(degraded.health.issues.map((i) => [i.code, i.message]), [['InsufficientNumberOfReplicas', 'only 1 of 2 replicas']]);
  await removeAddon('coredns');
});

test('addon-outcome UPDATE_FAILED: the update fails', async () => {
  await eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'kube-proxy' }));
  await settle('kube-proxy', 'ACTIVE');
  await emu.addFault({ action: 'addon-outcome', addonName: 'kube-proxy', outcome: 'UPDATE_FAILED',
    healthIssues: [{ code: 'ConfigurationConflict', message: 'conflict' }], count: 1 });
  const { update } = await eks.send(new UpdateAddonCommand({ clusterName: CLUSTER, addonName: 'kube-proxy', resolveConflicts: 'OVERWRITE' }));
  const failed = await settle('kube-proxy', 'UPDATE_FAILED');
  assert.equal(failed.health.issues[0].code, 'ConfigurationConflict');
  const { update: u } = await eks.send(new DescribeUpdateCommand({ name: CLUSTER, updateId: update.id, addonName: 'kube-proxy' }));
  assert.equal(u.status, 'Failed');
  await removeAddon('kube-proxy');
});

test('addon-outcome DELETE_FAILED: the add-on stays, in DELETE_FAILED', async () => {
  await eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'coredns' }));
  await settle('coredns', 'ACTIVE');
  await emu.addFault({ action: 'addon-outcome', addonName: 'coredns', outcome: 'DELETE_FAILED',
    healthIssues: [{ code: 'AdmissionRequestDenied', message: 'denied' }], count: 1 });
  await eks.send(new DeleteAddonCommand({ clusterName: CLUSTER, addonName: 'coredns' }));
  const failed = await settle('coredns', 'DELETE_FAILED');
  assert.equal(failed.health.issues[0].code, 'AdmissionRequestDenied');
  await removeAddon('coredns');
});

test('addon-slow: the next transition takes the given seconds', async () => {
  await emu.addFault({ action: 'addon-slow', addonName: 'vpc-cni', seconds: 3, count: 1 });
  const t0 = Date.now();
  await eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'vpc-cni' }));
  await sleep(1800);
  assert.equal((await describeAddon('vpc-cni')).status, 'CREATING', 'still CREATING after 1.8 s (normal transition is 1 s)');
  await settle('vpc-cni', 'ACTIVE');
  const took = Date.now() - t0;
  assert.ok(took >= 2800, `became ACTIVE after ${took} ms, expected about 3000`);
  await removeAddon('vpc-cni');
});
