// ListPodIdentityAssociations filters, maxResults bounds and opaque nextToken pagination.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreatePodIdentityAssociationCommand as Create, ListPodIdentityAssociationsCommand as List,
  paginateListPodIdentityAssociations, ListClustersCommand, paginateListClusters,
} from '@aws-sdk/client-eks';
import { startEmulator, CLUSTER, roleArn } from '../lib/emulator.js';
import { rejectsAws, inParallel } from '../lib/util.js';

const emu = await startEmulator();
after(() => emu.dispose());
const eks = emu.eks();
const created = [];

before(async () => {
  // 5 in "five", 105 in "many", 2 in "mixed" sharing a service account name with one in "five".
  const specs = [
    ...Array.from({ length: 5 }, (_, i) => ({ namespace: 'five', serviceAccount: `sa-${i}` })),
    ...Array.from({ length: 105 }, (_, i) => ({ namespace: 'many', serviceAccount: `m-${String(i).padStart(3, '0')}` })),
    { namespace: 'mixed', serviceAccount: 'sa-0' }, { namespace: 'mixed', serviceAccount: 'other' },
  ];
  created.push(...await inParallel(specs, 8, async (s) => (await eks.send(new Create({
    clusterName: CLUSTER, roleArn: roleArn('pod-role'), ...s,
  }))).association));
});

const ids = (list) => list.map((a) => a.associationId).sort();
const expectedIds = (ns) => created.filter((a) => a.namespace === ns).map((a) => a.associationId).sort();

test('namespace filter returns exactly that namespace', async () => {
  const { associations } = await eks.send(new List({ clusterName: CLUSTER, namespace: 'five' }));
  assert.deepEqual(ids(associations), expectedIds('five'));
  for (const a of associations) assert.equal(a.namespace, 'five');
});

test('namespace + serviceAccount filter returns the one match', async () => {
  const { associations } = await eks.send(new List({ clusterName: CLUSTER, namespace: 'mixed', serviceAccount: 'sa-0' }));
  assert.equal(associations.length, 1);
  assert.equal(associations[0].namespace, 'mixed');
  assert.equal(associations[0].serviceAccount, 'sa-0');
  const none = await eks.send(new List({ clusterName: CLUSTER, namespace: 'mixed', serviceAccount: 'nobody' }));
  assert.deepEqual(none.associations, []);
});

test('serviceAccount without namespace -> InvalidRequestException', async () => {
  await rejectsAws(eks.send(new List({ clusterName: CLUSTER, serviceAccount: 'sa-0' })),
    { name: 'InvalidRequestException', status: 400 });
});

test('maxResults outside 1..100 is rejected', async () => {
  for (const maxResults of [0, 101, -1]) {
    await rejectsAws(eks.send(new List({ clusterName: CLUSTER, maxResults })),
      { name: ['InvalidParameterException', 'InvalidRequestException'], status: 400 });
  }
});

test('maxResults 2 over 5 pages with an opaque nextToken and loses nothing', async () => {
  const seen = [];
  let nextToken;
  let pages = 0;
  do {
    const page = await eks.send(new List({ clusterName: CLUSTER, namespace: 'five', maxResults: 2, nextToken }));
    pages++;
    assert.ok(page.associations.length <= 2, `page of ${page.associations.length} > maxResults`);
    seen.push(...page.associations);
    nextToken = page.nextToken;
    if (nextToken !== undefined) {
      assert.equal(typeof nextToken, 'string');
      assert.ok(!/^\d+$/.test(nextToken) || nextToken.length > 8, 'nextToken should be opaque, not a bare index');
    }
  } while (nextToken);
  assert.equal(pages, 3);
  assert.deepEqual(ids(seen), expectedIds('five'));
});

test('a garbage nextToken is rejected, not silently treated as the start', async () => {
  await rejectsAws(eks.send(new List({ clusterName: CLUSTER, namespace: 'five', maxResults: 2, nextToken: 'not-a-token' })),
    { name: ['InvalidParameterException', 'InvalidRequestException'], status: 400 });
});

test('maxResults 100 over 105 gives two pages; paginator collects all', async () => {
  const first = await eks.send(new List({ clusterName: CLUSTER, namespace: 'many', maxResults: 100 }));
  assert.equal(first.associations.length, 100);
  assert.ok(first.nextToken, 'a nextToken is expected after a full page');
  const second = await eks.send(new List({ clusterName: CLUSTER, namespace: 'many', maxResults: 100, nextToken: first.nextToken }));
  assert.equal(second.associations.length, 5);
  assert.equal(second.nextToken, undefined);

  const all = [];
  for await (const page of paginateListPodIdentityAssociations({ client: eks, pageSize: 7 }, { clusterName: CLUSTER, namespace: 'many' })) {
    all.push(...page.associations);
  }
  assert.equal(all.length, 105);
  assert.deepEqual(ids(all), expectedIds('many'));
});

test('listing the whole cluster with the paginator returns every association once', async () => {
  const all = [];
  for await (const page of paginateListPodIdentityAssociations({ client: eks, pageSize: 50 }, { clusterName: CLUSTER })) {
    all.push(...page.associations);
  }
  assert.equal(all.length, created.length);
  assert.deepEqual(ids(all), created.map((a) => a.associationId).sort());
});

test('ListClusters paginates too', async () => {
  const { clusters } = await eks.send(new ListClustersCommand({}));
  assert.ok(clusters.includes(CLUSTER));
  assert.ok(!clusters.includes('east'), 'us-east-1 cluster must not be listed in us-west-2');
  const names = [];
  for await (const page of paginateListClusters({ client: eks, pageSize: 1 }, {})) names.push(...page.clusters);
  assert.deepEqual(names.sort(), clusters.slice().sort());
  await rejectsAws(eks.send(new ListClustersCommand({ maxResults: 101 })),
    { name: ['InvalidParameterException', 'InvalidRequestException', 'ClientException'], status: 400 });
});
