// DescribePodIdentityAssociation load generator: 8 keep-alive connections, each sending the next request as
// soon as the previous answer arrives. Requests are SigV4-signed once (node:crypto, no SDK) and replayed; the
// emulator still verifies every signature. Usage: node load.mjs BASE_URL [seconds] [connections]
import http from 'node:http';
import { createHash, createHmac } from 'node:crypto';

const [base, seconds = '5', connections = '8'] = process.argv.slice(2);
const url = new URL(base);
const region = 'us-west-2';
const sha = (d) => createHash('sha256').update(d).digest('hex');
const hmac = (k, d) => createHmac('sha256', k).update(d).digest();

function sign(method, path, body) {
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const date = amzDate.slice(0, 8);
  const host = url.host;
  const canonical = [method, path, '', `host:${host}`, `x-amz-date:${amzDate}`, '', 'host;x-amz-date', sha(body)].join('\n');
  const scope = `${date}/${region}/eks/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n');
  let key = hmac('AWS4test', date);
  for (const part of [region, 'eks', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return {
    host, 'x-amz-date': amzDate, 'content-type': 'application/json',
    authorization: `AWS4-HMAC-SHA256 Credential=test/${scope}, SignedHeaders=host;x-amz-date, Signature=${signature}`,
  };
}

function send(agent, method, path, body = '') {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, agent, headers: sign(method, path, body) }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const setupAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const created = await send(setupAgent, 'POST', '/clusters/demo/pod-identity-associations',
  JSON.stringify({ namespace: 'bench', serviceAccount: `sa-${Date.now()}`, roleArn: 'arn:aws:iam::123456789012:role/pod-role' }));
if (created.status !== 200) throw new Error(`create failed: ${created.status} ${created.body}`);
const id = JSON.parse(created.body).association.associationId;
const path = `/clusters/demo/pod-identity-associations/${id}`;
const headers = sign('GET', path, '');

// Prove signature checking is on: the same request with one signature digit changed must be refused.
const forged = await new Promise((resolve, reject) => {
  const bad = { ...headers, authorization: headers.authorization.replace(/.$/, (c) => (c === '0' ? '1' : '0')) };
  http.request({ host: url.hostname, port: url.port, method: 'GET', path, agent: setupAgent, headers: bad }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  }).on('error', reject).end();
});
if (forged !== 403) throw new Error(`a forged signature got ${forged}, expected 403: signature checking is off`);

const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connections) });
let ok = 0, failed = 0;
const deadline = Date.now() + Number(seconds) * 1000;
async function worker() {
  while (Date.now() < deadline) {
    await new Promise((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, method: 'GET', path, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => { if (res.statusCode === 200) ok++; else failed++; resolve(); });
      });
      req.on('error', reject);
      req.end();
    });
  }
}
const start = process.hrtime.bigint();
await Promise.all(Array.from({ length: Number(connections) }, worker));
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ requests: ok, failed, seconds: +elapsed.toFixed(2), rps: Math.round(ok / elapsed) }));
agent.destroy();
setupAgent.destroy();
