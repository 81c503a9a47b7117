// Command-line flags and configuration: --account-id, --credentials, --addon-transition, AWS_ENDPOINT_URL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  EKSClient, DescribeClusterCommand, CreatePodIdentityAssociationCommand, ListClustersCommand, CreateAddonCommand,
  DescribeAddonCommand,
} from '@aws-sdk/client-eks';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { IAMClient, GetRoleCommand } from '@aws-sdk/client-iam';
import { startEmulator, REGION, trustPolicy, CREDENTIALS } from '../lib/emulator.js';
import { rejectsAws, poll, sleep } from '../lib/util.js';

const ACCOUNT = '111122223333';
const emu = await startEmulator({
  extraArgs: ['--account-id', ACCOUNT, '--credentials', 'ONLYKEY:only-secret'],
  addonTransition: 2,
  seed: {
    clusters: [{ name: 'acct', region: REGION, version: '1.32' }],
    roles: [{ name: 'r', assumeRolePolicyDocument: trustPolicy('pods.eks.amazonaws.com') }],
  },
});
after(() => emu.dispose());
const credentials = { accessKeyId: 'ONLYKEY', secretAccessKey: 'only-secret' };
const eks = emu.eks({ credentials });

test('--account-id shows in STS, IAM and EKS ARNs when the seed names no account', async () => {
  assert.equal((await emu.sts({ credentials }).send(new GetCallerIdentityCommand({}))).Account, ACCOUNT);
  const { Role } = await emu.iam({ credentials }).send(new GetRoleCommand({ RoleName: 'r' }));
  assert.equal(Role.Arn, `arn:aws:iam::${ACCOUNT}:role/r`);
  const { cluster } = await eks.send(new DescribeClusterCommand({ name: 'acct' }));
  assert.equal(cluster.arn, `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/acct`);
  const { association } = await eks.send(new CreatePodIdentityAssociationCommand({
    clusterName: 'acct', namespace: 'default', serviceAccount: 'sa', roleArn: Role.Arn,
  }));
  assert.equal(association.associationArn,
    `arn:aws:eks:${REGION}:${ACCOUNT}:podidentityassociation/acct/${association.associationId}`);
});

test('a role ARN of another account is rejected', async () => {
  await rejectsAws(eks.send(new CreatePodIdentityAssociationCommand({
    clusterName: 'acct', namespace: 'default', serviceAccount: 'other', roleArn: 'arn:aws:iam::123456789012:role/r',
  })), { name: 'InvalidParameterException', status: 400 });
});

test('--credentials replaces the default test:test key', async () => {
  await rejectsAws(emu.eks({ credentials: CREDENTIALS }).send(new ListClustersCommand({})),
    { name: 'UnrecognizedClientException', status: 403 });
  await eks.send(new ListClustersCommand({}));
});

test('--addon-transition 2: CREATING lasts about two seconds', async () => {
  const t0 = Date.now();
  await eks.send(new CreateAddonCommand({ clusterName: 'acct', addonName: 'coredns' }));
  await sleep(1200);
  const describe = async () => (await eks.send(new DescribeAddonCommand({ clusterName: 'acct', addonName: 'coredns' }))).addon;
  assert.equal((await describe()).status, 'CREATING', 'still CREATING after 1.2 s');
  await poll(describe, (a) => a.status === 'ACTIVE', { what: 'coredns ACTIVE' });
  assert.ok(Date.now() - t0 >= 1900, `ACTIVE after ${Date.now() - t0} ms`);
});

test('AWS_ENDPOINT_URL alone points every SDK client at the emulator', async () => {
  const saved = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = emu.baseUrl;
  const clients = [];
  try {
    const config = { region: REGION, credentials: { ...credentials }, maxAttempts: 1 };
    const [e, i, s] = [new EKSClient(config), new IAMClient({ ...config, credentials: { ...credentials } }),
      new STSClient({ ...config, credentials: { ...credentials } })];
    clients.push(e, i, s);
    assert.ok((await e.send(new ListClustersCommand({}))).clusters.includes('acct'));
    assert.equal((await i.send(new GetRoleCommand({ RoleName: 'r' }))).Role.RoleName, 'r');
    assert.equal((await s.send(new GetCallerIdentityCommand({}))).Account, ACCOUNT);
  } finally {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL; else process.env.AWS_ENDPOINT_URL = saved;
    for (const c of clients) c.destroy();
  }
});
