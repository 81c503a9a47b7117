// STS GetCallerIdentity and AssumeRole; assumed credentials then work against EKS, IAM and STS.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { GetCallerIdentityCommand, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { ListClustersCommand } from '@aws-sdk/client-eks';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { startEmulator, ACCOUNT, roleArn } from '../lib/emulator.js';
import { rejectsAws, assertDate } from '../lib/util.js';

const emu = await startEmulator();
after(() => emu.dispose());
const sts = emu.sts();

const assume = (RoleArn = roleArn('target-role'), RoleSessionName = 'conformance', extra = {}) =>
  sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName, ...extra }));
const asCredentials = ({ AccessKeyId, SecretAccessKey, SessionToken }) =>
  ({ accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken });

test('GetCallerIdentity for the configured key', async () => {
  const r = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(r.Account, ACCOUNT);
  assert.match(r.Arn, new RegExp(`^arn:aws:(iam|sts)::${ACCOUNT}:`));
  assert.ok(r.UserId, 'UserId is set');
  assert.ok(r.$metadata.requestId, 'RequestId comes back');
});

test('AssumeRole returns session credentials and the assumed-role user', async () => {
  const r = await assume(roleArn('target-role'), 'conf-session', { DurationSeconds: 900 });
  const c = r.Credentials;
  assert.match(c.AccessKeyId, /^ASIA[A-Z0-9]{12,}$/);
  assert.ok(c.SecretAccessKey.length >= 20);
  assert.ok(c.SessionToken.length > 0);
  assertDate(c.Expiration, 'Expiration');
  const ttl = c.Expiration.getTime() - Date.now();
  assert.ok(ttl > 800_000 && ttl <= 905_000, `Expiration should be ~900 s ahead, is ${ttl} ms`);
  assert.equal(r.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/target-role/conf-session`);
  assert.match(r.AssumedRoleUser.AssumedRoleId, /^AROA[A-Z0-9]+:conf-session$/);
  const { Role } = await emu.iam().send(new GetRoleCommand({ RoleName: 'target-role' }));
  assert.equal(r.AssumedRoleUser.AssumedRoleId, `${Role.RoleId}:conf-session`);
});

test('assumed credentials are accepted by STS, EKS and IAM', async () => {
  const { Credentials } = await assume(roleArn('target-role'), 'used');
  const credentials = asCredentials(Credentials);
  const who = await emu.sts({ credentials }).send(new GetCallerIdentityCommand({}));
  assert.equal(who.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/target-role/used`);
  assert.equal(who.Account, ACCOUNT);
  const { clusters } = await emu.eks({ credentials }).send(new ListClustersCommand({}));
  assert.ok(clusters.includes('demo'));
  const { Role } = await emu.iam({ credentials }).send(new GetRoleCommand({ RoleName: 'pod-role' }));
  assert.equal(Role.RoleName, 'pod-role');
});

test('an assumed key with a tampered or missing session token is rejected', async () => {
  const { Credentials } = await assume(roleArn('target-role'), 'tamper');
  const tampered = { ...asCredentials(Credentials), sessionToken: `${Credentials.SessionToken}x` };
  await rejectsAws(emu.eks({ credentials: tampered }).send(new ListClustersCommand({})),
    { name: 'UnrecognizedClientException', status: 403 });
  await rejectsAws(emu.sts({ credentials: tampered }).send(new GetCallerIdentityCommand({})),
    { name: 'InvalidClientTokenId', status: 403 });
  const noToken = { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretAccessKey };
  await rejectsAws(emu.eks({ credentials: noToken }).send(new ListClustersCommand({})),
    { name: 'UnrecognizedClientException', status: 403 });
});

test('role with a path can be assumed', async () => {
  const r = await assume(roleArn('string-trust-role', '/svc/'), 'pathy');
  assert.equal(r.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/string-trust-role/pathy`);
});

test('AssumeRole of a role that does not exist -> 403 AccessDenied', async () => {
  await rejectsAws(assume(roleArn('no-such-role')), { name: 'AccessDenied', status: 403 });
});

test('AssumeRole DurationSeconds below 900 or above the role maximum -> 400 ValidationError', async () => {
  await rejectsAws(assume(roleArn('target-role'), 'short', { DurationSeconds: 899 }), { name: 'ValidationError', status: 400 });
  await rejectsAws(assume(roleArn('target-role'), 'long', { DurationSeconds: 3601 }), { name: 'ValidationError', status: 400 });
});

test('AssumeRole with an invalid session name -> 400 ValidationError', async () => {
  await rejectsAws(assume(roleArn('target-role'), 'has spaces!'), { name: 'ValidationError', status: 400 });
});
