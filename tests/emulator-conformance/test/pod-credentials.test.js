// Pod identity from the pod's side: the official container credential provider (@aws-sdk/credential-provider-http,
// configured by AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE as EKS sets them) asks
// the emulated node agent, then STS GetCallerIdentity runs with what it got.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { STSClient, GetCallerIdentityCommand, AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import {
  CreateAddonCommand, DescribeAddonCommand, CreatePodIdentityAssociationCommand as Create,
} from '@aws-sdk/client-eks';
import { startEmulator, defaultSeed, ACCOUNT, REGION, CLUSTER, roleArn, trustPolicy } from '../lib/emulator.js';
import { poll, sleep } from '../lib/util.js';

const seed = defaultSeed();
seed.clusters.push({ name: 'no-agent', region: REGION, version: '1.31' });
const statement = (Principal, Action) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal, Action }] });
seed.roles.push(
  { name: 'untagged-role', assumeRolePolicyDocument: statement({ Service: 'pods.eks.amazonaws.com' }, 'sts:AssumeRole') },
  { name: 'chained-target', assumeRolePolicyDocument: statement({ AWS: roleArn('pod-role') }, ['sts:AssumeRole', 'sts:TagSession']) },
  { name: 'web-role', assumeRolePolicyDocument: statement({ Federated: 'PROVIDER' }, 'sts:AssumeRoleWithWebIdentity') },
);
const emu = await startEmulator({ seed, addonTransition: 0.2 });
after(() => emu.dispose());
const eks = emu.eks();

const agentUrl = (cluster = CLUSTER) => `${emu.baseUrl}/_emulator/clusters/${cluster}/agent/v1/credentials`;

async function token(cluster, namespace, serviceAccount, extra = {}) {
  const r = await emu.admin('POST', `clusters/${cluster}/service-account-token`,
    { namespace, serviceAccount, podName: `${serviceAccount}-pod`, ...extra });
  assert.equal(r.status, 200, r.text);
  return r.json.token;
}

/** What a pod sees: the env EKS sets, the SDK's container provider, then GetCallerIdentity. */
async function callerIdentity(tokenValue, cluster = CLUSTER) {
  const tokenFile = join(emu.dir, `token-${Math.random().toString(16).slice(2)}`);
  writeFileSync(tokenFile, tokenValue);
  process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = agentUrl(cluster);
  process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE = tokenFile;
  try {
    const credentials = await fromHttp({ maxRetries: 0, timeout: 5000 })();
    const sts = new STSClient({ endpoint: emu.baseUrl, region: REGION, credentials, maxAttempts: 1 });
    try {
      return { credentials, identity: await sts.send(new GetCallerIdentityCommand({})) };
    } finally {
      sts.destroy();
    }
  } finally {
    delete process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    delete process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
  }
}

/** The provider must fail, and the agent's own answer says why. */
async function refused(tokenValue, { status, code, message }, cluster = CLUSTER) {
  await assert.rejects(callerIdentity(tokenValue, cluster), (e) => {
    assert.equal(e.name, 'CredentialsProviderError');
    assert.match(e.message, new RegExp(`status: ${status}`));
    return true;
  });
  const res = await fetch(agentUrl(cluster), { headers: { authorization: tokenValue } });
  assert.equal(res.status, status);
  const body = await res.json();
  assert.equal(body.Code, code);
  if (message) assert.match(body.Message, message);
}

const associate = (namespace, serviceAccount, roleName, extra = {}) =>
  eks.send(new Create({ clusterName: CLUSTER, namespace, serviceAccount, roleArn: roleArn(roleName), ...extra }));

const sessions = async () => (await emu.admin('GET', 'sessions')).json;

before(async () => {
  await eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'eks-pod-identity-agent' }));
  await poll(() => eks.send(new DescribeAddonCommand({ clusterName: CLUSTER, addonName: 'eks-pod-identity-agent' })),
    (r) => r.addon.status === 'ACTIVE', { what: 'the agent add-on to be ACTIVE' });
});

test('the plain role: assumed-role ARN with the eks-<cluster>-<pod>-<uuid> session, UserId role id:session', async () => {
  await associate('payments', 'api', 'pod-role');
  const { credentials, identity } = await callerIdentity(await token(CLUSTER, 'payments', 'api'));
  assert.match(identity.Arn, new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/pod-role/eks-demo-api-pod-[0-9a-f-]{36}$`));
  assert.equal(identity.Account, ACCOUNT);
  const sessionName = identity.Arn.split('/').pop();
  assert.match(identity.UserId, new RegExp(`^AROA[A-Z0-9]+:${sessionName}$`));
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.ok(credentials.expiration instanceof Date && credentials.expiration > new Date(Date.now() + 5 * 3600_000));
  const s = (await sessions()).find((x) => x.accessKeyId === credentials.accessKeyId);
  assert.deepEqual(Object.keys(s.tags).sort(), ['eks-cluster-arn', 'eks-cluster-name', 'kubernetes-namespace',
    'kubernetes-pod-name', 'kubernetes-pod-uid', 'kubernetes-service-account']);
  assert.equal(s.tags['kubernetes-service-account'], 'api');
  assert.equal(s.tags['eks-cluster-arn'], `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${CLUSTER}`);
});

test('a chained target role: the pod sees the target role', async () => {
  await associate('ledger', 'reader', 'pod-role', { targetRoleArn: roleArn('chained-target') });
  const { identity } = await callerIdentity(await token(CLUSTER, 'ledger', 'reader'));
  assert.match(identity.Arn, new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/chained-target/eks-demo-reader-pod-`));
});

test('session tags disabled: no tags, and a role that does not allow sts:TagSession works', async () => {
  await associate('batch', 'untagged', 'untagged-role', { disableSessionTags: true });
  const { credentials, identity } = await callerIdentity(await token(CLUSTER, 'batch', 'untagged'));
  assert.match(identity.Arn, /assumed-role\/untagged-role\//);
  const s = (await sessions()).find((x) => x.accessKeyId === credentials.accessKeyId);
  assert.deepEqual(s.tags, {});
});

test('a session policy travels with the session', async () => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
  await associate('batch', 'scoped', 'untagged-role', { disableSessionTags: true, policy });
  const { credentials, identity } = await callerIdentity(await token(CLUSTER, 'batch', 'scoped'));
  assert.match(identity.Arn, /assumed-role\/untagged-role\//);
  const s = (await sessions()).find((x) => x.accessKeyId === credentials.accessKeyId);
  assert.equal(s.policy, policy);
});

test('no association for the service account', async () => {
  await refused(await token(CLUSTER, 'payments', 'nobody'), { status: 404, code: 'ResourceNotFoundException', message: /nobody/ });
});

test('a role whose trust policy does not let pods.eks.amazonaws.com in', async () => {
  await associate('bad', 'trust', 'cluster-role');
  await refused(await token(CLUSTER, 'bad', 'trust'), { status: 400, code: 'AccessDeniedException', message: /cluster-role/ });
});

test('no agent add-on on the cluster', async () => {
  await refused(await token('no-agent', 'payments', 'api'),
    { status: 503, code: 'ServiceUnavailable', message: /eks-pod-identity-agent add-on is not installed/ }, 'no-agent');
});

test('an expired token', async () => {
  const shortLived = await token(CLUSTER, 'payments', 'api', { expirationSeconds: 1 });
  await sleep(1200);
  await refused(shortLived, { status: 400, code: 'ExpiredTokenException' });
});

test('a token of another cluster', async () => {
  await refused(await token('no-agent', 'payments', 'api'), { status: 400, code: 'InvalidTokenException' });
});

test('AssumeRoleWithWebIdentity (unsigned) with a cluster token and a Federated trust', async () => {
  const cluster = await eks.send(new (await import('@aws-sdk/client-eks')).DescribeClusterCommand({ name: CLUSTER }));
  const provider = `arn:aws:iam::${ACCOUNT}:oidc-provider/${cluster.cluster.identity.oidc.issuer.replace('https://', '')}`;
  const iam = emu.iam();
  const { UpdateAssumeRolePolicyCommand } = await import('@aws-sdk/client-iam');
  await iam.send(new UpdateAssumeRolePolicyCommand({
    RoleName: 'web-role',
    PolicyDocument: JSON.stringify(statement({ Federated: provider }, 'sts:AssumeRoleWithWebIdentity')),
  }));
  const sts = emu.sts();
  const r = await sts.send(new AssumeRoleWithWebIdentityCommand({
    RoleArn: roleArn('web-role'), RoleSessionName: 'irsa', WebIdentityToken: await token(CLUSTER, 'payments', 'api'),
  }));
  assert.equal(r.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/web-role/irsa`);
  assert.equal(r.SubjectFromWebIdentityToken, 'system:serviceaccount:payments:api');
  assert.equal(r.Provider, provider);
  const log = (await emu.admin('GET', 'call-log')).json;
  const call = log.findLast((e) => e.operation === 'AssumeRoleWithWebIdentity');
  assert.equal(call.callerArn, null, 'the SDK sends it unsigned');
});
