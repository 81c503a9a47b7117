// Add-ons: catalog, lifecycle and state transitions, updates, owned pod identity associations, configuration.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAddonCommand, DescribeAddonCommand, ListAddonsCommand, UpdateAddonCommand, DeleteAddonCommand,
  DescribeUpdateCommand, DescribeAddonConfigurationCommand,
  ListPodIdentityAssociationsCommand, DescribePodIdentityAssociationCommand, CreatePodIdentityAssociationCommand,
  paginateDescribeAddonVersions, waitUntilAddonActive, waitUntilAddonDeleted,
} from '@aws-sdk/client-eks';
import { startEmulator, ACCOUNT, REGION, CLUSTER, CLUSTER_VERSION, roleArn } from '../lib/emulator.js';
import { rejectsAws, poll, assertDate, compareAddonVersions } from '../lib/util.js';

const emu = await startEmulator({ addonTransition: 1 });
after(() => emu.dispose());
const eks = emu.eks();
const AGENT = 'eks-pod-identity-agent';
const PINNED = 'v1.3.10-eksbuild.2';
// AWS appends the schema validator's detail after this prefix.
const CONFIG_REJECTED = /^ConfigurationValue provided in request is not supported/;
const waitCfg = { client: eks, maxWaitTime: 20, minDelay: 1, maxDelay: 1 };

const describeAddon = async (addonName, clusterName = CLUSTER) =>
  (await eks.send(new DescribeAddonCommand({ clusterName, addonName }))).addon;
const waitStatus = (addonName, status, clusterName = CLUSTER) => poll(() => describeAddon(addonName, clusterName),
  (a) => a.status === status, { what: `${addonName} ${status}` });
const owned = async (namespace) =>
  (await eks.send(new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER, namespace }))).associations;

async function catalog(input = {}) {
  const addons = [];
  for await (const page of paginateDescribeAddonVersions({ client: eks }, input)) addons.push(...page.addons);
  return addons;
}

test('catalog has the five add-ons', async () => {
  const names = (await catalog()).map((a) => a.addonName);
  for (const n of [AGENT, 'vpc-cni', 'coredns', 'kube-proxy', 'aws-ebs-csi-driver']) {
    assert.ok(names.includes(n), `${n} missing from DescribeAddonVersions (got ${names})`);
  }
});

test(`${AGENT}: ${PINNED} for 1.29-1.34, one default per version, a newer latest`, async () => {
  const [info] = await catalog({ addonName: AGENT });
  assert.equal(info.addonName, AGENT);
  assert.ok(info.type, 'type is set');
  const versions = info.addonVersions.map((v) => v.addonVersion);
  assert.ok(versions.includes(PINNED), `versions: ${versions}`);
  const newest = versions.slice().sort(compareAddonVersions).pop();
  assert.ok(compareAddonVersions(newest, PINNED) > 0, `newest ${newest} must be newer than ${PINNED}`);
  for (const k of ['1.29', '1.30', '1.31', '1.32', '1.33', '1.34']) {
    const compatible = info.addonVersions.filter((v) => v.compatibilities?.some((c) => c.clusterVersion === k));
    assert.ok(compatible.some((v) => v.addonVersion === PINNED), `${PINNED} must support ${k}`);
    const defaults = compatible.filter((v) => v.compatibilities.find((c) => c.clusterVersion === k).defaultVersion);
    assert.equal(defaults.length, 1, `exactly one default for ${k}, got ${defaults.map((d) => d.addonVersion)}`);
  }
  for (const v of info.addonVersions) {
    assert.ok(Array.isArray(v.architecture) && v.architecture.length > 0, `${v.addonVersion} architecture`);
  }
});

test('DescribeAddonVersions filters by kubernetesVersion', async () => {
  const [info] = await catalog({ addonName: AGENT, kubernetesVersion: '1.29' });
  assert.ok(info.addonVersions.length > 0);
  for (const v of info.addonVersions) {
    assert.ok(v.compatibilities.some((c) => c.clusterVersion === '1.29'), `${v.addonVersion} is not for 1.29`);
  }
});

test('DescribeAddonConfiguration gives a JSON schema and the pod identity service accounts', async () => {
  const cases = [['vpc-cni', 'aws-node'], ['aws-ebs-csi-driver', 'ebs-csi-controller-sa']];
  for (const [addonName, sa] of cases) {
    const [info] = await catalog({ addonName });
    const addonVersion = info.addonVersions[0].addonVersion;
    const res = await eks.send(new DescribeAddonConfigurationCommand({ addonName, addonVersion }));
    assert.equal(res.addonName, addonName);
    assert.equal(res.addonVersion, addonVersion);
    const schema = JSON.parse(res.configurationSchema);
    assert.equal(typeof schema, 'object');
    const sas = (res.podIdentityConfiguration ?? []).map((p) => p.serviceAccount);
    assert.ok(sas.includes(sa), `${addonName} pod identity service accounts: ${sas}`);
  }
});

test('DescribeAddonConfiguration of an unknown add-on or version is rejected', async () => {
  const bad = { name: ['InvalidParameterException', 'ResourceNotFoundException'] };
  await rejectsAws(eks.send(new DescribeAddonConfigurationCommand({ addonName: 'no-such-addon', addonVersion: 'v1.0.0-eksbuild.1' })), bad);
  await rejectsAws(eks.send(new DescribeAddonConfigurationCommand({ addonName: 'vpc-cni', addonVersion: 'v0.0.1-eksbuild.9' })), bad);
});

test('create -> CREATING -> ACTIVE, list, duplicate 409, update -> Successful, delete -> gone', async () => {
  const t0 = Date.now();
  const { addon } = await eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: AGENT, addonVersion: PINNED }));
  assert.equal(addon.addonName, AGENT);
  assert.equal(addon.clusterName, CLUSTER);
  assert.equal(addon.status, 'CREATING');
  assert.equal(addon.addonVersion, PINNED);
  assert.match(addon.addonArn, new RegExp(`^arn:aws:eks:${REGION}:${ACCOUNT}:addon/${CLUSTER}/${AGENT}/[0-9a-f-]{36}$`));
  assertDate(addon.createdAt, 'createdAt');
  assertDate(addon.modifiedAt, 'modifiedAt');
  assert.deepEqual(addon.health?.issues ?? [], []);

  const active = await waitStatus(AGENT, 'ACTIVE');
  assert.ok(Date.now() - t0 >= 700, 'CREATING should last about --addon-transition (1 s)');
  assert.equal(active.addonArn, addon.addonArn);

  assert.ok((await eks.send(new ListAddonsCommand({ clusterName: CLUSTER }))).addons.includes(AGENT));
  await rejectsAws(eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: AGENT })),
    { name: 'ResourceInUseException', status: 409 });

  const [info] = await catalog({ addonName: AGENT, kubernetesVersion: CLUSTER_VERSION });
  const newest = info.addonVersions.map((v) => v.addonVersion).sort(compareAddonVersions).pop();
  const { update } = await eks.send(new UpdateAddonCommand({ clusterName: CLUSTER, addonName: AGENT, addonVersion: newest }));
  assert.equal(typeof update.id, 'string');
  assert.ok(update.id.length > 0);
  assert.equal(update.type, 'AddonUpdate');
  assert.equal(update.status, 'InProgress');
  assertDate(update.createdAt, 'update.createdAt');
  assert.ok(update.params.some((p) => p.type === 'AddonVersion' && p.value === newest),
    `params should carry AddonVersion=${newest}: ${JSON.stringify(update.params)}`);
  assert.equal((await describeAddon(AGENT)).status, 'UPDATING');

  const done = await poll(() => eks.send(new DescribeUpdateCommand({ name: CLUSTER, updateId: update.id, addonName: AGENT })),
    (r) => r.update.status !== 'InProgress', { what: 'update finished' });
  assert.equal(done.update.status, 'Successful');
  assert.equal(done.update.id, update.id);
  const updated = await waitStatus(AGENT, 'ACTIVE');
  assert.equal(updated.addonVersion, newest);

  const { addon: deleting } = await eks.send(new DeleteAddonCommand({ clusterName: CLUSTER, addonName: AGENT }));
  assert.equal(deleting.status, 'DELETING');
  await waitUntilAddonDeleted(waitCfg, { clusterName: CLUSTER, addonName: AGENT });
  await rejectsAws(eks.send(new DescribeAddonCommand({ clusterName: CLUSTER, addonName: AGENT })),
    { name: 'ResourceNotFoundException', status: 404 });
  assert.ok(!(await eks.send(new ListAddonsCommand({ clusterName: CLUSTER }))).addons.includes(AGENT));
});

test('the waiter waitUntilAddonActive sees the add-on become ACTIVE; default version is chosen', async () => {
  await eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'coredns' }));
  const result = await waitUntilAddonActive(waitCfg, { clusterName: CLUSTER, addonName: 'coredns' });
  assert.equal(result.state, 'SUCCESS');
  const a = await describeAddon('coredns');
  const [info] = await catalog({ addonName: 'coredns', kubernetesVersion: CLUSTER_VERSION });
  const def = info.addonVersions.find((v) => v.compatibilities.find((c) => c.clusterVersion === CLUSTER_VERSION)?.defaultVersion);
  assert.equal(a.addonVersion, def.addonVersion, 'no addonVersion -> the default for the cluster version');
});

test('DescribeUpdate: unknown id -> 404', async () => {
  await rejectsAws(eks.send(new DescribeUpdateCommand({ name: CLUSTER, updateId: '00000000-0000-0000-0000-000000000000', addonName: 'coredns' })),
    { name: 'ResourceNotFoundException', status: 404 });
});

test('unknown add-on, unknown version, unknown cluster are rejected', async () => {
  await rejectsAws(eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'no-such-addon' })),
    { name: 'InvalidParameterException', status: 400 });
  await rejectsAws(eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'vpc-cni', addonVersion: 'v9.9.9-eksbuild.1' })),
    { name: 'InvalidParameterException', status: 400 });
  await rejectsAws(eks.send(new CreateAddonCommand({ clusterName: 'no-such-cluster', addonName: 'vpc-cni' })),
    { name: 'ResourceNotFoundException', status: 404 });
  await rejectsAws(eks.send(new DescribeAddonCommand({ clusterName: CLUSTER, addonName: 'vpc-cni' })),
    { name: 'ResourceNotFoundException', status: 404 });
  await rejectsAws(eks.send(new UpdateAddonCommand({ clusterName: CLUSTER, addonName: 'vpc-cni', addonVersion: PINNED })),
    { name: 'ResourceNotFoundException', status: 404 });
  await rejectsAws(eks.send(new DeleteAddonCommand({ clusterName: CLUSTER, addonName: 'vpc-cni' })),
    { name: 'ResourceNotFoundException', status: 404 });
  await rejectsAws(eks.send(new ListAddonsCommand({ clusterName: 'no-such-cluster' })),
    { name: 'ResourceNotFoundException', status: 404 });
});

test('a version for another Kubernetes version is rejected', async () => {
  // Find an agent version not compatible with the cluster version, if the catalog has one.
  const [info] = await catalog({ addonName: AGENT });
  const foreign = info.addonVersions.find((v) => !v.compatibilities.some((c) => c.clusterVersion === '1.30'));
  if (!foreign) return;
  const east = emu.eks({ region: 'us-east-1' });
  await rejectsAws(east.send(new CreateAddonCommand({ clusterName: 'east', addonName: AGENT, addonVersion: foreign.addonVersion })),
    { name: 'InvalidParameterException', status: 400 });
});

test('add-on podIdentityAssociations create owned associations; [] removes them; delete removes them', async () => {
  const role = roleArn('pod-role');
  const { addon } = await eks.send(new CreateAddonCommand({
    clusterName: CLUSTER, addonName: 'vpc-cni', podIdentityAssociations: [{ serviceAccount: 'aws-node', roleArn: role }],
  }));
  await waitStatus('vpc-cni', 'ACTIVE');
  const list = await owned('kube-system');
  assert.equal(list.length, 1, JSON.stringify(list));
  const [summary] = list;
  assert.equal(summary.serviceAccount, 'aws-node');
  assert.equal(summary.ownerArn, addon.addonArn);
  const { association } = await eks.send(new DescribePodIdentityAssociationCommand({
    clusterName: CLUSTER, associationId: summary.associationId,
  }));
  assert.equal(association.ownerArn, addon.addonArn);
  assert.equal(association.roleArn, role);
  assert.equal(association.namespace, 'kube-system');
  assert.deepEqual((await describeAddon('vpc-cni')).podIdentityAssociations, [association.associationArn]);

  // The key is taken by the add-on's association.
  await rejectsAws(eks.send(new CreatePodIdentityAssociationCommand({
    clusterName: CLUSTER, namespace: 'kube-system', serviceAccount: 'aws-node', roleArn: role,
  })), { name: 'ResourceInUseException', status: 409 });

  const { update } = await eks.send(new UpdateAddonCommand({ clusterName: CLUSTER, addonName: 'vpc-cni', podIdentityAssociations: [] }));
  assert.equal(update.type, 'AddonUpdate');
  await poll(() => eks.send(new DescribeUpdateCommand({ name: CLUSTER, updateId: update.id, addonName: 'vpc-cni' })),
    (r) => r.update.status === 'Successful', { what: 'update Successful' });
  await waitStatus('vpc-cni', 'ACTIVE');
  assert.deepEqual(await owned('kube-system'), []);
  assert.deepEqual((await describeAddon('vpc-cni')).podIdentityAssociations ?? [], []);

  await eks.send(new UpdateAddonCommand({
    clusterName: CLUSTER, addonName: 'vpc-cni', podIdentityAssociations: [{ serviceAccount: 'aws-node', roleArn: role }],
  }));
  await waitStatus('vpc-cni', 'ACTIVE');
  assert.equal((await owned('kube-system')).length, 1);

  await eks.send(new DeleteAddonCommand({ clusterName: CLUSTER, addonName: 'vpc-cni' }));
  await waitUntilAddonDeleted(waitCfg, { clusterName: CLUSTER, addonName: 'vpc-cni' });
  await poll(() => owned('kube-system'), (l) => l.length === 0, { what: 'owned associations removed' });
});

test('add-on podIdentityAssociations with a missing role are rejected', async () => {
  await rejectsAws(eks.send(new CreateAddonCommand({
    clusterName: CLUSTER, addonName: 'aws-ebs-csi-driver',
    podIdentityAssociations: [{ serviceAccount: 'ebs-csi-controller-sa', roleArn: roleArn('no-such-role') }],
  })), { name: 'InvalidParameterException', status: 400 });
});

test('DeleteAddon with preserve=true removes the add-on', async () => {
  await eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'kube-proxy' }));
  await waitStatus('kube-proxy', 'ACTIVE');
  const { addon } = await eks.send(new DeleteAddonCommand({ clusterName: CLUSTER, addonName: 'kube-proxy', preserve: true }));
  assert.equal(addon.addonName, 'kube-proxy');
  assert.equal(addon.status, 'DELETING');
  await waitUntilAddonDeleted(waitCfg, { clusterName: CLUSTER, addonName: 'kube-proxy' });
  // It can be created again afterwards.
  await eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'kube-proxy' }));
  await waitStatus('kube-proxy', 'ACTIVE');
});

test('configurationValues: valid JSON and YAML accepted, others rejected with the AWS message', async () => {
  const [info] = await catalog({ addonName: 'vpc-cni', kubernetesVersion: CLUSTER_VERSION });
  const addonVersion = info.addonVersions[0].addonVersion;
  const { configurationSchema } = await eks.send(new DescribeAddonConfigurationCommand({ addonName: 'vpc-cni', addonVersion }));
  const schema = JSON.parse(configurationSchema);
  const bad = { name: 'InvalidParameterException', status: 400, message: CONFIG_REJECTED };
  const create = (configurationValues) => eks.send(new CreateAddonCommand({
    clusterName: CLUSTER, addonName: 'vpc-cni', addonVersion, configurationValues,
  }));

  await rejectsAws(create('{"unbalanced": '), bad);
  await rejectsAws(create('key: [unclosed'), bad);
  await rejectsAws(create('"just a string"'), bad);
  if (schema.additionalProperties === false) {
    await rejectsAws(create('{"definitelyNotAConfigKey": true}'), bad);
    await rejectsAws(create('definitelyNotAConfigKey: true'), bad);
  }
  const sample = sampleConfig(schema);
  const { addon } = await create(JSON.stringify(sample));
  assert.deepEqual(JSON.parse(addon.configurationValues), sample);
  await waitStatus('vpc-cni', 'ACTIVE');

  const yaml = toYaml(sample);
  await eks.send(new UpdateAddonCommand({ clusterName: CLUSTER, addonName: 'vpc-cni', configurationValues: yaml }));
  // New values replace the old ones when the update succeeds (a failed update keeps the old ones).
  await waitStatus('vpc-cni', 'ACTIVE');
  assert.equal((await describeAddon('vpc-cni')).configurationValues, yaml, 'configurationValues are kept verbatim');
  await rejectsAws(eks.send(new UpdateAddonCommand({ clusterName: CLUSTER, addonName: 'vpc-cni', configurationValues: '{"unbalanced": ' })), bad);
  await eks.send(new DeleteAddonCommand({ clusterName: CLUSTER, addonName: 'vpc-cni' }));
  await waitUntilAddonDeleted(waitCfg, { clusterName: CLUSTER, addonName: 'vpc-cni' });
});

// A small valid value for a JSON schema: one scalar property somewhere, or {}.
function sampleConfig(schema) {
  const props = schema.properties ?? {};
  for (const [key, p] of Object.entries(props)) {
    const v = sampleScalar(p);
    if (v !== undefined) return { [key]: v };
  }
  for (const [key, p] of Object.entries(props)) {
    if (p.type === 'object' && p.properties) {
      for (const [inner, q] of Object.entries(p.properties)) {
        const v = sampleScalar(q);
        if (v !== undefined) return { [key]: { [inner]: v } };
      }
    }
  }
  return {};
}

function sampleScalar(p) {
  if (p.enum) return p.enum[0];
  if (p.type === 'boolean') return true;
  if (p.type === 'integer' || p.type === 'number') return p.minimum ?? 1;
  if (p.type === 'string' && !p.pattern) return 'x'.repeat(Math.max(1, p.minLength ?? 1));
  return undefined;
}

function toYaml(obj, indent = '') {
  if (Object.keys(obj).length === 0) return '{}\n';
  return Object.entries(obj).map(([k, v]) => (v && typeof v === 'object'
    ? `${indent}${k}:\n${toYaml(v, `${indent}  `)}`
    : `${indent}${k}: ${JSON.stringify(v)}\n`)).join('');
}
