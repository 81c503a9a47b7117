// TagResource / UntagResource / ListTagsForResource on associations, add-ons and clusters, with limits.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  TagResourceCommand as Tag, UntagResourceCommand as Untag, ListTagsForResourceCommand as ListTags,
  CreatePodIdentityAssociationCommand, CreateAddonCommand, DescribeClusterCommand, DescribeAddonCommand,
  DescribePodIdentityAssociationCommand,
} from '@aws-sdk/client-eks';
import { startEmulator, ACCOUNT, REGION, CLUSTER, roleArn } from '../lib/emulator.js';
import { rejectsAws, unique } from '../lib/util.js';

const emu = await startEmulator();
after(() => emu.dispose());
const eks = emu.eks();
const arns = {};

before(async () => {
  arns.association = (await eks.send(new CreatePodIdentityAssociationCommand({
    clusterName: CLUSTER, namespace: 'default', serviceAccount: 'tagged', roleArn: roleArn('pod-role'),
  }))).association.associationArn;
  arns.addon = (await eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'kube-proxy' }))).addon.addonArn;
  arns.cluster = (await eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster.arn;
});

const tags = async (resourceArn) => (await eks.send(new ListTags({ resourceArn }))).tags;
const BAD = { name: 'BadRequestException', status: 400 };

test('cluster ARN has the AWS form', () => {
  assert.equal(arns.cluster, `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${CLUSTER}`);
  assert.match(arns.addon, new RegExp(`^arn:aws:eks:${REGION}:${ACCOUNT}:addon/${CLUSTER}/kube-proxy/[0-9a-f-]{36}$`));
});

for (const kind of ['association', 'addon', 'cluster']) {
  test(`${kind}: tag, list, overwrite, untag`, async () => {
    const arn = arns[kind];
    assert.deepEqual(await tags(arn), {});
    const tagged = await eks.send(new Tag({ resourceArn: arn, tags: { env: 'dev', team: 'blue', empty: '' } }));
    assert.equal(tagged.$metadata.httpStatusCode, 200);
    assert.deepEqual(await tags(arn), { env: 'dev', team: 'blue', empty: '' });
    await eks.send(new Tag({ resourceArn: arn, tags: { env: 'prod' } }));
    assert.deepEqual(await tags(arn), { env: 'prod', team: 'blue', empty: '' });
    await eks.send(new Untag({ resourceArn: arn, tagKeys: ['team', 'empty', 'never-set'] }));
    assert.deepEqual(await tags(arn), { env: 'prod' });
    await eks.send(new Untag({ resourceArn: arn, tagKeys: ['env'] }));
    assert.deepEqual(await tags(arn), {});
  });
}

test('tags show up on the resource itself', async () => {
  await eks.send(new Tag({ resourceArn: arns.association, tags: { seen: 'yes' } }));
  await eks.send(new Tag({ resourceArn: arns.addon, tags: { seen: 'yes' } }));
  await eks.send(new Tag({ resourceArn: arns.cluster, tags: { seen: 'yes' } }));
  const id = arns.association.split('/').pop();
  const a = (await eks.send(new DescribePodIdentityAssociationCommand({ clusterName: CLUSTER, associationId: id }))).association;
  assert.equal(a.tags.seen, 'yes');
  const ad = (await eks.send(new DescribeAddonCommand({ clusterName: CLUSTER, addonName: 'kube-proxy' }))).addon;
  assert.equal(ad.tags.seen, 'yes');
  const c = (await eks.send(new DescribeClusterCommand({ name: CLUSTER }))).cluster;
  assert.equal(c.tags.seen, 'yes');
  for (const arn of Object.values(arns)) await eks.send(new Untag({ resourceArn: arn, tagKeys: ['seen'] }));
});

test('a tag key with special characters survives the round trip', async () => {
  const key = 'app.kubernetes.io/name:x+y=z @v';
  await eks.send(new Tag({ resourceArn: arns.association, tags: { [key]: 'ünïcødé value' } }));
  assert.equal((await tags(arns.association))[key], 'ünïcødé value');
  await eks.send(new Untag({ resourceArn: arns.association, tagKeys: [key] }));
  assert.equal((await tags(arns.association))[key], undefined);
});

test('50 tags are fine, 51 are not (counting existing tags)', async () => {
  const arn = arns.cluster;
  const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, `v${i}`]));
  await eks.send(new Tag({ resourceArn: arn, tags: fifty }));
  assert.equal(Object.keys(await tags(arn)).length, 50);
  await rejectsAws(eks.send(new Tag({ resourceArn: arn, tags: { one: 'more' } })), BAD);
  assert.equal(Object.keys(await tags(arn)).length, 50, 'a rejected TagResource changes nothing');
  await eks.send(new Tag({ resourceArn: arn, tags: { k0: 'overwrite is not a new tag' } }));
  await eks.send(new Untag({ resourceArn: arn, tagKeys: Object.keys(fifty) }));
  const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
  await rejectsAws(eks.send(new Tag({ resourceArn: arn, tags: many })), BAD);
  assert.deepEqual(await tags(arn), {});
});

test('key length 1-128 and value length 0-256', async () => {
  const arn = arns.association;
  await eks.send(new Tag({ resourceArn: arn, tags: { ['k'.repeat(128)]: 'v'.repeat(256) } }));
  await rejectsAws(eks.send(new Tag({ resourceArn: arn, tags: { ['k'.repeat(129)]: 'v' } })), BAD);
  await rejectsAws(eks.send(new Tag({ resourceArn: arn, tags: { k: 'v'.repeat(257) } })), BAD);
  await rejectsAws(eks.send(new Tag({ resourceArn: arn, tags: { '': 'v' } })), BAD);
  await eks.send(new Untag({ resourceArn: arn, tagKeys: ['k'.repeat(128)] }));
});

test('aws: prefix is reserved in any case', async () => {
  for (const key of ['aws:owner', 'AWS:owner', 'Aws:x']) {
    await rejectsAws(eks.send(new Tag({ resourceArn: arns.addon, tags: { [key]: 'me' } })), BAD);
  }
  await rejectsAws(eks.send(new Untag({ resourceArn: arns.addon, tagKeys: ['aws:owner'] })), BAD);
  assert.deepEqual(await tags(arns.addon), {});
});

test('empty tag set and empty key list are rejected', async () => {
  await rejectsAws(eks.send(new Tag({ resourceArn: arns.cluster, tags: {} })), BAD);
  await rejectsAws(eks.send(new Untag({ resourceArn: arns.cluster, tagKeys: [] })), BAD);
});

test('well-formed ARN of a missing resource -> 404 NotFoundException', async () => {
  const missing = [
    `arn:aws:eks:${REGION}:${ACCOUNT}:podidentityassociation/${CLUSTER}/a-zzzzzzzzzzzzzzzzz`,
    `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${unique('nope')}`,
    `arn:aws:eks:${REGION}:${ACCOUNT}:addon/${CLUSTER}/vpc-cni/00000000-0000-0000-0000-000000000000`,
  ];
  for (const resourceArn of missing) {
    const nf = { name: 'NotFoundException', status: 404 };
    await rejectsAws(eks.send(new ListTags({ resourceArn })), nf);
    await rejectsAws(eks.send(new Tag({ resourceArn, tags: { a: 'b' } })), nf);
    await rejectsAws(eks.send(new Untag({ resourceArn, tagKeys: ['a'] })), nf);
  }
});

test('malformed ARN -> 400 BadRequestException', async () => {
  for (const resourceArn of ['not-an-arn', `arn:aws:iam::${ACCOUNT}:role/pod-role`]) {
    await rejectsAws(eks.send(new ListTags({ resourceArn })), BAD);
  }
});
