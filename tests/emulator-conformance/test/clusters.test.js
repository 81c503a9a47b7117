// CreateCluster / DescribeCluster / ListClusters / DeleteCluster and per-region separation.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateClusterCommand, DescribeClusterCommand, ListClustersCommand, DeleteClusterCommand,
  waitUntilClusterActive, waitUntilClusterDeleted,
} from '@aws-sdk/client-eks';
import { startEmulator, ACCOUNT, REGION, REGION2, CLUSTER, CLUSTER_VERSION, roleArn } from '../lib/emulator.js';
import { rejectsAws, unique, assertDate, poll } from '../lib/util.js';

const emu = await startEmulator();
after(() => emu.dispose());
const eks = emu.eks();
const eksEast = emu.eks({ region: REGION2 });
const vpc = { subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] };

test('seeded cluster is ACTIVE with AWS shape', async () => {
  const { cluster } = await eks.send(new DescribeClusterCommand({ name: CLUSTER }));
  assert.equal(cluster.name, CLUSTER);
  assert.equal(cluster.arn, `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${CLUSTER}`);
  assert.equal(cluster.version, CLUSTER_VERSION);
  assert.equal(cluster.status, 'ACTIVE');
  assertDate(cluster.createdAt, 'createdAt');
});

test('create -> ACTIVE, list, delete -> gone', async () => {
  const name = unique('c');
  const { cluster } = await eks.send(new CreateClusterCommand({
    name, version: '1.30', roleArn: roleArn('cluster-role'), resourcesVpcConfig: vpc, tags: { owner: 'conformance' },
  }));
  assert.equal(cluster.name, name);
  assert.equal(cluster.arn, `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${name}`);
  assert.equal(cluster.version, '1.30');
  assert.equal(cluster.roleArn, roleArn('cluster-role'));
  assert.ok(['CREATING', 'ACTIVE'].includes(cluster.status), cluster.status);
  assert.deepEqual(cluster.tags, { owner: 'conformance' });
  assertDate(cluster.createdAt, 'createdAt');

  const waited = await waitUntilClusterActive({ client: eks, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { name });
  assert.equal(waited.state, 'SUCCESS');
  assert.equal((await eks.send(new DescribeClusterCommand({ name }))).cluster.status, 'ACTIVE');

  assert.ok((await eks.send(new ListClustersCommand({}))).clusters.includes(name));
  assert.ok(!(await eksEast.send(new ListClustersCommand({}))).clusters.includes(name), 'clusters are per region');

  await rejectsAws(eks.send(new CreateClusterCommand({ name, roleArn: roleArn('cluster-role'), resourcesVpcConfig: vpc })),
    { name: 'ResourceInUseException', status: 409 });

  const { cluster: deleting } = await eks.send(new DeleteClusterCommand({ name }));
  assert.equal(deleting.name, name);
  assert.ok(['DELETING', 'ACTIVE'].includes(deleting.status), deleting.status);
  await waitUntilClusterDeleted({ client: eks, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { name });
  await rejectsAws(eks.send(new DescribeClusterCommand({ name })), { name: 'ResourceNotFoundException', status: 404 });
  await poll(() => eks.send(new ListClustersCommand({})), (r) => !r.clusters.includes(name), { what: 'cluster unlisted' });
});

test('the same name can exist in two regions independently', async () => {
  const name = unique('twin');
  await eks.send(new CreateClusterCommand({ name, roleArn: roleArn('cluster-role'), resourcesVpcConfig: vpc }));
  const { cluster } = await eksEast.send(new CreateClusterCommand({ name, roleArn: roleArn('cluster-role'), resourcesVpcConfig: vpc }));
  assert.equal(cluster.arn, `arn:aws:eks:${REGION2}:${ACCOUNT}:cluster/${name}`);
  await eksEast.send(new DeleteClusterCommand({ name }));
  await waitUntilClusterDeleted({ client: eksEast, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { name });
  assert.equal((await eks.send(new DescribeClusterCommand({ name }))).cluster.name, name, 'us-west-2 twin survives');
});

test('seeded us-east-1 cluster is visible only in us-east-1', async () => {
  const { cluster } = await eksEast.send(new DescribeClusterCommand({ name: 'east' }));
  assert.equal(cluster.arn, `arn:aws:eks:${REGION2}:${ACCOUNT}:cluster/east`);
  assert.equal(cluster.version, '1.30');
  await rejectsAws(eks.send(new DescribeClusterCommand({ name: 'east' })), { name: 'ResourceNotFoundException', status: 404 });
});

test('unknown cluster -> 404 on describe and delete', async () => {
  const nf = { name: 'ResourceNotFoundException', status: 404 };
  await rejectsAws(eks.send(new DescribeClusterCommand({ name: 'no-such' })), nf);
  await rejectsAws(eks.send(new DeleteClusterCommand({ name: 'no-such' })), nf);
});

test('create without required members -> 400', async () => {
  await rejectsAws(eks.send(new CreateClusterCommand({ name: unique('c'), resourcesVpcConfig: vpc })),
    { name: ['InvalidParameterException', 'InvalidRequestException', 'ClientException'], status: 400 });
});
