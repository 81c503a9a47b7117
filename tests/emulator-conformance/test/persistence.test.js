// --state FILE: every change survives a SIGKILL and a restart with the same file.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  CreatePodIdentityAssociationCommand, DescribePodIdentityAssociationCommand, DeletePodIdentityAssociationCommand,
  CreateAddonCommand, DescribeAddonCommand, ListTagsForResourceCommand, TagResourceCommand, CreateClusterCommand,
  DescribeClusterCommand, UpdatePodIdentityAssociationCommand, ListPodIdentityAssociationsCommand,
} from '@aws-sdk/client-eks';
import { CreateRoleCommand, GetRoleCommand, AttachRolePolicyCommand, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { startEmulator, CLUSTER, roleArn, trustPolicy } from '../lib/emulator.js';
import { poll, inParallel } from '../lib/util.js';

const dir = mkdtempSync(join(tmpdir(), 'emu-conf-state-'));
const stateFile = join(dir, 'state.json');
const removeDir = () => rmSync(dir, { recursive: true, force: true });
let emu = await startEmulator({ dir, stateFile }).catch((e) => { removeDir(); throw e; });
after(() => emu.dispose());

test('state survives SIGKILL and restart', async () => {
  let eks = emu.eks();
  let iam = emu.iam();
  await iam.send(new CreateRoleCommand({ RoleName: 'persisted-role', Path: '/p/',
    AssumeRolePolicyDocument: JSON.stringify(trustPolicy('pods.eks.amazonaws.com')) }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'persisted-role', PolicyArn: 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy' }));
  const role = roleArn('persisted-role', '/p/');
  const { association: kept } = await eks.send(new CreatePodIdentityAssociationCommand({
    clusterName: CLUSTER, namespace: 'persist', serviceAccount: 'kept', roleArn: role,
    targetRoleArn: roleArn('target-role'), tags: { durable: 'yes' },
  }));
  await eks.send(new UpdatePodIdentityAssociationCommand({ clusterName: CLUSTER, associationId: kept.associationId, disableSessionTags: true }));
  const { association: gone } = await eks.send(new CreatePodIdentityAssociationCommand({
    clusterName: CLUSTER, namespace: 'persist', serviceAccount: 'gone', roleArn: role,
  }));
  await eks.send(new DeletePodIdentityAssociationCommand({ clusterName: CLUSTER, associationId: gone.associationId }));
  const { addon } = await eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'kube-proxy', tags: { a: 'b' } }));
  await eks.send(new CreateClusterCommand({ name: 'made-later', roleArn: roleArn('cluster-role'),
    resourcesVpcConfig: { subnetIds: ['subnet-0123456789abcdef0'] } }));
  const clusterArn = (await eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster.arn;
  await eks.send(new TagResourceCommand({ resourceArn: clusterArn, tags: { persisted: 'true' } }));

  assert.ok(existsSync(stateFile), `state file ${stateFile} must exist after changes`);
  assert.ok(readFileSync(stateFile).length > 0);

  await emu.stop('SIGKILL');
  emu = await startEmulator({ dir, stateFile });
  eks = emu.eks();
  iam = emu.iam();

  const { association: back } = await eks.send(new DescribePodIdentityAssociationCommand({ clusterName: CLUSTER, associationId: kept.associationId }));
  assert.equal(back.associationArn, kept.associationArn);
  assert.equal(back.roleArn, role);
  assert.equal(back.targetRoleArn, roleArn('target-role'));
  assert.equal(back.externalId, kept.externalId, 'externalId survives');
  assert.equal(back.disableSessionTags, true, 'the update survives');
  assert.equal(back.createdAt.getTime(), kept.createdAt.getTime());
  assert.deepEqual(back.tags, { durable: 'yes' });
  const { associations } = await eks.send(new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER, namespace: 'persist' }));
  assert.deepEqual(associations.map((a) => a.serviceAccount), ['kept'], 'the deleted association stays deleted');

  const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'persisted-role' }));
  assert.equal(Role.Arn, role);
  const { AttachedPolicies } = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'persisted-role' }));
  assert.deepEqual(AttachedPolicies.map((p) => p.PolicyName), ['AmazonEKS_CNI_Policy']);

  const a = await poll(async () => (await eks.send(new DescribeAddonCommand({ clusterName: CLUSTER, addonName: 'kube-proxy' }))).addon,
    (x) => x.status === 'ACTIVE', { what: 'kube-proxy ACTIVE after restart' });
  assert.equal(a.addonArn, addon.addonArn);
  assert.equal(a.tags.a, 'b');
  assert.equal((await eks.send(new DescribeClusterCommand({ name: 'made-later' }))).cluster.name, 'made-later');
  assert.deepEqual((await eks.send(new ListTagsForResourceCommand({ resourceArn: clusterArn }))).tags, { persisted: 'true' });

  // Concurrent changes are all on disk by the time each answer arrives.
  await inParallel(Array.from({ length: 40 }, (_, i) => i), 16, (i) => eks.send(new CreatePodIdentityAssociationCommand({
    clusterName: CLUSTER, namespace: 'burst', serviceAccount: `sa-${i}`, roleArn: role,
  })));
  await emu.stop('SIGKILL');
  emu = await startEmulator({ dir, stateFile });
  eks = emu.eks();
  const burst = await eks.send(new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER, namespace: 'burst', maxResults: 100 }));
  assert.equal(burst.associations.length, 40, 'every acknowledged create survives a SIGKILL');

  // The restarted process keeps persisting: one more change, one more kill.
  await eks.send(new CreatePodIdentityAssociationCommand({ clusterName: CLUSTER, namespace: 'persist', serviceAccount: 'second', roleArn: role }));
  await emu.stop('SIGKILL');
  emu = await startEmulator({ dir, stateFile });
  const again = await emu.eks().send(new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER, namespace: 'persist' }));
  assert.deepEqual(again.associations.map((x) => x.serviceAccount).sort(), ['kept', 'second']);
});
