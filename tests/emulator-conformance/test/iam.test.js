// IAM (query protocol, XML) role operations as the official SDK sees them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRoleCommand, GetRoleCommand, DeleteRoleCommand, ListRolesCommand, UpdateAssumeRolePolicyCommand,
  TagRoleCommand, UntagRoleCommand, AttachRolePolicyCommand, DetachRolePolicyCommand,
  ListAttachedRolePoliciesCommand, paginateListRoles,
} from '@aws-sdk/client-iam';
import { CreatePodIdentityAssociationCommand } from '@aws-sdk/client-eks';
import { startEmulator, ACCOUNT, trustPolicy, accountTrustPolicy } from '../lib/emulator.js';
import { rejectsAws, unique, assertDate } from '../lib/util.js';

const emu = await startEmulator();
after(() => emu.dispose());
const iam = emu.iam();
const CNI_POLICY = 'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy';
const NO_SUCH = { name: /^NoSuchEntity(Exception)?$/, status: 404 };

// AWS sends the trust policy URL-encoded; the SDK hands it over as is.
const decodePolicy = (doc) => JSON.parse(decodeURIComponent(doc));

test('CreateRole returns the AWS role shape', async () => {
  const name = unique('role');
  const policy = trustPolicy('pods.eks.amazonaws.com');
  const { Role: r, $metadata } = await iam.send(new CreateRoleCommand({
    RoleName: name, Path: '/team/', AssumeRolePolicyDocument: JSON.stringify(policy), Description: 'conformance',
    MaxSessionDuration: 7200, Tags: [{ Key: 'env', Value: 'dev' }],
  }));
  assert.equal($metadata.httpStatusCode, 200);
  assert.ok($metadata.requestId, 'RequestId comes back in ResponseMetadata');
  assert.equal(r.RoleName, name);
  assert.equal(r.Path, '/team/');
  assert.equal(r.Arn, `arn:aws:iam::${ACCOUNT}:role/team/${name}`);
  assert.match(r.RoleId, /^AROA[A-Z0-9]{16,}$/);
  assertDate(r.CreateDate, 'CreateDate');
  assert.deepEqual(decodePolicy(r.AssumeRolePolicyDocument), policy);
  assert.ok(r.AssumeRolePolicyDocument.startsWith('%7B'), `trust policy must be URL-encoded: ${r.AssumeRolePolicyDocument.slice(0, 40)}`);
  assert.deepEqual(r.Tags, [{ Key: 'env', Value: 'dev' }]);
});

test('GetRole returns the same role, with description, max session and URL-encoded trust policy', async () => {
  const name = unique('role');
  const policy = trustPolicy('pods.eks.amazonaws.com');
  const created = (await iam.send(new CreateRoleCommand({
    RoleName: name, AssumeRolePolicyDocument: JSON.stringify(policy), Description: 'd e s c', MaxSessionDuration: 7200,
  }))).Role;
  const { Role: r } = await iam.send(new GetRoleCommand({ RoleName: name }));
  assert.equal(r.Arn, `arn:aws:iam::${ACCOUNT}:role/${name}`);
  assert.equal(r.Path, '/');
  assert.equal(r.RoleId, created.RoleId);
  assert.equal(r.Description, 'd e s c');
  assert.equal(r.MaxSessionDuration, 7200);
  assert.equal(r.CreateDate.getTime(), created.CreateDate.getTime());
  assert.ok(r.AssumeRolePolicyDocument.startsWith('%7B'), `trust policy must be URL-encoded: ${r.AssumeRolePolicyDocument.slice(0, 40)}`);
  assert.deepEqual(decodePolicy(r.AssumeRolePolicyDocument), policy);
});

test('seeded roles: object and string trust policies, path', async () => {
  const { Role: pod } = await iam.send(new GetRoleCommand({ RoleName: 'pod-role' }));
  assert.deepEqual(decodePolicy(pod.AssumeRolePolicyDocument), trustPolicy('pods.eks.amazonaws.com'));
  const { Role: s } = await iam.send(new GetRoleCommand({ RoleName: 'string-trust-role' }));
  assert.equal(s.Path, '/svc/');
  assert.equal(s.Arn, `arn:aws:iam::${ACCOUNT}:role/svc/string-trust-role`);
  assert.deepEqual(decodePolicy(s.AssumeRolePolicyDocument), accountTrustPolicy());
});

test('duplicate CreateRole -> 409 EntityAlreadyExists', async () => {
  const name = unique('dup');
  const doc = JSON.stringify(trustPolicy('pods.eks.amazonaws.com'));
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: doc }));
  await rejectsAws(iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: doc })),
    { name: /^EntityAlreadyExists(Exception)?$/, status: 409 });
});

test('CreateRole with a malformed policy document -> 400 MalformedPolicyDocument', async () => {
  await rejectsAws(iam.send(new CreateRoleCommand({ RoleName: unique('bad'), AssumeRolePolicyDocument: '{not json' })),
    { name: /^MalformedPolicyDocument(Exception)?$/, status: 400 });
});

test('unknown role -> 404 NoSuchEntity on every role operation', async () => {
  const RoleName = unique('ghost');
  await rejectsAws(iam.send(new GetRoleCommand({ RoleName })), NO_SUCH);
  await rejectsAws(iam.send(new DeleteRoleCommand({ RoleName })), NO_SUCH);
  await rejectsAws(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName, PolicyDocument: JSON.stringify(accountTrustPolicy()) })), NO_SUCH);
  await rejectsAws(iam.send(new TagRoleCommand({ RoleName, Tags: [{ Key: 'a', Value: 'b' }] })), NO_SUCH);
  await rejectsAws(iam.send(new UntagRoleCommand({ RoleName, TagKeys: ['a'] })), NO_SUCH);
  await rejectsAws(iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn: CNI_POLICY })), NO_SUCH);
  await rejectsAws(iam.send(new ListAttachedRolePoliciesCommand({ RoleName })), NO_SUCH);
});

test('UpdateAssumeRolePolicy replaces the trust policy', async () => {
  const name = unique('trust');
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trustPolicy('pods.eks.amazonaws.com')) }));
  const updated = accountTrustPolicy();
  const res = await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: JSON.stringify(updated) }));
  assert.equal(res.$metadata.httpStatusCode, 200);
  const { Role } = await iam.send(new GetRoleCommand({ RoleName: name }));
  assert.deepEqual(decodePolicy(Role.AssumeRolePolicyDocument), updated);
});

test('TagRole / UntagRole show in GetRole', async () => {
  const name = unique('tags');
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(accountTrustPolicy()) }));
  await iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
  await iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'a', Value: 'one' }] }));
  const tags = async () => Object.fromEntries(((await iam.send(new GetRoleCommand({ RoleName: name }))).Role.Tags ?? [])
    .map((t) => [t.Key, t.Value]));
  assert.deepEqual(await tags(), { a: 'one', b: '2' });
  await iam.send(new UntagRoleCommand({ RoleName: name, TagKeys: ['a'] }));
  assert.deepEqual(await tags(), { b: '2' });
});

test('Attach / ListAttached / Detach role policies; DeleteRole refuses while attached', async () => {
  const name = unique('attach');
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(accountTrustPolicy()) }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: CNI_POLICY }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: CNI_POLICY }));
  const { AttachedPolicies } = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }));
  assert.deepEqual(AttachedPolicies, [{ PolicyName: 'AmazonEKS_CNI_Policy', PolicyArn: CNI_POLICY }]);

  await rejectsAws(iam.send(new DeleteRoleCommand({ RoleName: name })), { name: /^DeleteConflict(Exception)?$/, status: 409 });
  await iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: CNI_POLICY }));
  assert.deepEqual((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))).AttachedPolicies, []);
  await rejectsAws(iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: CNI_POLICY })), NO_SUCH);
  await iam.send(new DeleteRoleCommand({ RoleName: name }));
  await rejectsAws(iam.send(new GetRoleCommand({ RoleName: name })), NO_SUCH);
});

test('IAM is global: a role made through us-east-1 is seen from us-west-2 and usable by EKS in us-east-1', async () => {
  const name = unique('global');
  const east = emu.iam({ region: 'us-east-1' });
  await east.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(trustPolicy('pods.eks.amazonaws.com')) }));
  assert.equal((await iam.send(new GetRoleCommand({ RoleName: name }))).Role.RoleName, name);
  const { association } = await emu.eks({ region: 'us-east-1' }).send(new CreatePodIdentityAssociationCommand({
    clusterName: 'east', namespace: 'default', serviceAccount: name, roleArn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  }));
  assert.match(association.associationArn, /^arn:aws:eks:us-east-1:/);
});

test('ListRoles lists every role, paginates with Marker, honours PathPrefix', async () => {
  const names = [];
  for (let i = 0; i < 3; i++) {
    const RoleName = unique('list');
    names.push(RoleName);
    await iam.send(new CreateRoleCommand({ RoleName, Path: '/listed/', AssumeRolePolicyDocument: JSON.stringify(accountTrustPolicy()) }));
  }
  const all = [];
  let pages = 0;
  for await (const page of paginateListRoles({ client: iam, pageSize: 2 }, {})) {
    pages++;
    all.push(...page.Roles);
  }
  assert.ok(pages >= 2, 'pageSize 2 must give several pages');
  const allNames = all.map((r) => r.RoleName);
  assert.equal(new Set(allNames).size, allNames.length, 'no role listed twice');
  for (const n of [...names, 'pod-role', 'string-trust-role']) assert.ok(allNames.includes(n), `${n} missing`);
  for (const r of all) assertDate(r.CreateDate, `${r.RoleName} CreateDate`);

  const { Roles } = await iam.send(new ListRolesCommand({ PathPrefix: '/listed/' }));
  assert.deepEqual(Roles.map((r) => r.RoleName).sort(), names.slice().sort());
});
