import { Resolver } from 'node:dns/promises';
import { authenticate, type MailauthResolver, type MailauthResult } from 'mailauth';
import type { SenderAuth } from '../../modules/tickets/index.ts';

/** A DNS lookup as mailauth calls it: `(name, 'TXT' | 'A' | 'MX' | …)`, rejecting with a DNS error code. */
export type DnsResolver = MailauthResolver;

/** Who handed the message over, as SPF needs it. */
export type SmtpPeer = { ip: string; helo: string; mailFrom: string };

/** Checks one raw message's sender; never throws, never takes longer than its time budget. */
export type SenderCheck = (raw: Buffer, peer: SmtpPeer) => Promise<SenderAuth>;

/** The whole check's time budget: a slow DNS delays the 250 by at most this, then it is `temperror`. */
export const SENDER_CHECK_TIMEOUT_MS = 5_000;

const CACHE_MS = 60_000;
const CACHE_ENTRIES = 10_000;
const FINAL = new Set(['ENOTFOUND', 'ENODATA']);

/**
 * Real DNS, each query bounded (2 s, 2 tries) so one dead name server cannot eat the whole
 * budget, and answers (or "no such name") kept for a minute, so a burst of mail from one
 * domain asks once; mailauth itself caches nothing.
 */
export function systemResolver(dns: { resolve(name: string, rrtype: string): Promise<unknown> } = new Resolver({ timeout: 2_000, tries: 2 })): DnsResolver {
  const cache = new Map<string, { until: number; answer: Promise<unknown> }>();
  return (name, rrtype) => {
    const key = `${rrtype} ${name.toLowerCase()}`;
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.answer;
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    const answer = dns.resolve(name, rrtype);
    cache.set(key, { until: Date.now() + CACHE_MS, answer });
    answer.catch((error: unknown) => {
      if (!FINAL.has(String((error as { code?: unknown }).code)) && cache.get(key)?.answer === answer) cache.delete(key);
    });
    return answer;
  };
}

/**
 * SPF, DKIM and DMARC for one inbound SMTP message through mailauth, with `resolver` (real DNS
 * unless a test injects one) and a total time budget; a timeout or an internal error gives a
 * `temperror` verdict that does not mark the sender unverified.
 */
export function senderCheck(options: { resolver?: DnsResolver; timeoutMs?: number; mta?: string } = {}): SenderCheck {
  const resolver = options.resolver ?? systemResolver();
  const timeoutMs = options.timeoutMs ?? SENDER_CHECK_TIMEOUT_MS;
  return async (raw, peer) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    try {
      const result = await Promise.race([
        authenticate(raw, { ip: peer.ip, helo: peer.helo, sender: peer.mailFrom, mta: options.mta ?? 'careline', resolver, disableArc: true, disableBimi: true }),
        timeout,
      ]);
      return result ? senderVerdict(result) : TEMPERROR;
    } catch {
      return TEMPERROR;
    } finally {
      clearTimeout(timer);
    }
  };
}

const TEMPERROR: SenderAuth = Object.freeze({ spf: 'temperror', dkim: 'temperror', dkimAligned: false, dmarc: 'temperror', dmarcPolicy: null, fromDomain: null, unverified: false });
const FAILING = new Set(['fail', 'softfail']);

/**
 * mailauth's result as the verdict we keep. Unverified: DMARC fails; or, where the domain
 * publishes no DMARC policy, SPF fails (or softfails) and no DKIM signature aligned with the
 * From domain passes. Temporary and permanent errors never mark a sender unverified.
 */
export function senderVerdict(result: MailauthResult): SenderAuth {
  const spf = result.spf ? result.spf.status.result : 'none';
  const signatures = result.dkim.results ?? [];
  const aligned = signatures.find((s) => s.status.result === 'pass' && Boolean(s.status.aligned));
  const dkim = aligned ? 'pass' : (signatures.find((s) => s.status.result === 'pass') ?? signatures[0])?.status.result ?? 'none';
  const dmarc = result.dmarc ? result.dmarc.status.result : 'none';
  const fromDomain = (result.dmarc && (result.dmarc.domain ?? result.dmarc.status.header?.from)) || null;
  const unverified = dmarc === 'fail' || (dmarc === 'none' && FAILING.has(spf) && !aligned);
  return { spf, dkim, dkimAligned: Boolean(aligned), dmarc, dmarcPolicy: (result.dmarc && result.dmarc.policy) || null, fromDomain, unverified };
}
