/** Test fixtures for sender authentication: a fake DNS for example.org and DKIM signing with its key. */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import type { DnsResolver } from './sender-auth.ts';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const PRIVATE = keys.privateKey.export({ type: 'pkcs8', format: 'pem' });

/** DNS for example.org: SPF allows 127.0.0.1 only, DMARC p=reject, DKIM key at `sel`; every other name does not exist. */
export const fakeDns: DnsResolver = async (name, rrtype) => {
  const txt: Record<string, string> = {
    'example.org': 'v=spf1 ip4:127.0.0.1 -all',
    '_dmarc.example.org': 'v=DMARC1; p=reject',
    'sel._domainkey.example.org': `v=DKIM1; k=rsa; p=${PUBLIC}`,
  };
  if (rrtype === 'TXT' && txt[name.toLowerCase()]) return [[txt[name.toLowerCase()]!]];
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

/** The raw message with a DKIM-Signature of example.org (selector `sel`) prepended. */
export async function signed(raw: Buffer): Promise<Buffer> {
  const signature = await dkimSign(raw, { signatureData: [{ signingDomain: 'example.org', selector: 'sel', privateKey: PRIVATE }] });
  assert.deepEqual(signature.errors, []);
  return Buffer.concat([Buffer.from(signature.signatures), raw]);
}
