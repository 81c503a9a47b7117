// Constraints the EKS model documents (lengths, patterns, enums, ranges) answered with the operation's own errors.
import { test, after } from 'node:test';
import {
  CreatePodIdentityAssociationCommand, CreateClusterCommand, CreateAddonCommand, ListAddonsCommand,
  DescribeAddonVersionsCommand, UpdatePodIdentityAssociationCommand,
} from '@aws-sdk/client-eks';
import { startEmulator, CLUSTER, roleArn } from '../lib/emulator.js';
import { rejectsAws, unique } from '../lib/util.js';

const emu = await startEmulator();
after(() => emu.dispose());
const eks = emu.eks();
const PARAM = ['InvalidParameterException', 'InvalidRequestException'];
const vpc = { subnetIds: ['subnet-0123456789abcdef0'] };

test('CreatePodIdentityAssociation: more than 50 tags -> 400', async () => {
  const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
  await rejectsAws(eks.send(new CreatePodIdentityAssociationCommand({
    clusterName: CLUSTER, namespace: 'default', serviceAccount: unique('sa'), roleArn: roleArn('pod-role'), tags,
  })), { name: PARAM, status: 400 });
});

test('CreatePodIdentityAssociation: roleArn that is not an IAM role ARN -> 400', async () => {
  await rejectsAws(eks.send(new CreatePodIdentityAssociationCommand({
    clusterName: CLUSTER, namespace: 'default', serviceAccount: unique('sa'), roleArn: 'not-an-arn',
  })), { name: PARAM, status: 400 });
});

test('UpdatePodIdentityAssociation of a malformed id -> 4xx', async () => {
  await rejectsAws(eks.send(new UpdatePodIdentityAssociationCommand({
    clusterName: CLUSTER, associationId: 'not-an-id', roleArn: roleArn('pod-role'),
  })), { name: ['ResourceNotFoundException', ...PARAM] });
});

test('CreateCluster: name longer than 100 or against the pattern -> 400', async () => {
  for (const name of ['c'.repeat(101), '-leading-dash', 'has.dot', 'has space']) {
    await rejectsAws(eks.send(new CreateClusterCommand({ name, roleArn: roleArn('cluster-role'), resourcesVpcConfig: vpc })),
      { name: ['InvalidParameterException', 'ClientException'], status: 400 });
  }
});

test('CreateAddon: resolveConflicts outside the enum -> 400 InvalidParameterException', async () => {
  await rejectsAws(eks.send(new CreateAddonCommand({ clusterName: CLUSTER, addonName: 'kube-proxy', resolveConflicts: 'SOMETIMES' })),
    { name: PARAM, status: 400 });
});

test('ListAddons and DescribeAddonVersions: maxResults outside 1..100 -> 400', async () => {
  await rejectsAws(eks.send(new ListAddonsCommand({ clusterName: CLUSTER, maxResults: 0 })), { name: PARAM, status: 400 });
  await rejectsAws(eks.send(new DescribeAddonVersionsCommand({ maxResults: 101 })), { name: PARAM, status: 400 });
});
