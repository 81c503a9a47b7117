// Raw SigV4-signed HTTP requests, for malformed bodies and routes the SDK would never send.
import http from 'node:http';
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { CREDENTIALS, REGION } from './emulator.js';

// The signer only needs update/digest; node's crypto does the work.
class Sha256 {
  constructor(secret) { this.hash = secret ? createHmac('sha256', secret) : createHash('sha256'); }
  update(data) { this.hash.update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data); }
  async digest() { return new Uint8Array(this.hash.digest()); }
}

/**
 * Sends one signed request. body: string or Buffer; sendBody (same length) replaces it after signing, to tamper;
 * contentSha256Header false leaves out x-amz-content-sha256, so the server has to hash the body itself.
 * agent: an http.Agent for keep-alive bulk work (default: a fresh connection per request).
 * Returns { status, headers, text, json }.
 * A server that answers early and closes on an oversized body is fine: the answer is what counts.
 */
export async function signedRequest(baseUrl, { service, method = 'GET', path, query = {}, headers = {}, body,
  region = REGION, credentials = CREDENTIALS, sendBody, contentSha256Header = true, agent = false }) {
  const url = new URL(baseUrl);
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const signer = new SignatureV4({
    service, region, credentials, sha256: Sha256, uriEscapePath: true, applyChecksum: contentSha256Header,
  });
  const request = {
    method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path,
    query,
    headers: { host: url.host, ...headers, ...(payload ? { 'content-length': String(payload.length) } : {}) },
    body: payload,
  };
  const signed = await signer.sign(request);
  const qs = new URLSearchParams(query).toString();
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname, port: url.port, method, path: qs ? `${path}?${qs}` : path, headers: signed.headers,
      agent,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    // EPIPE/ECONNRESET while we are still writing only matters if no answer ever arrives.
    req.on('error', (e) => setTimeout(() => reject(e), 500));
    if (payload) req.write(sendBody === undefined ? payload : Buffer.from(sendBody, 'utf8'));
    req.end();
  });
}

/** Form-encoded query-protocol request (IAM/STS). */
export function queryRequest(baseUrl, service, params, opts = {}) {
  return signedRequest(baseUrl, {
    service,
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(params).toString(),
    ...opts,
  });
}
