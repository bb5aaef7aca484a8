import net from 'node:net';

/** True when CI demands every suite: a missing service then fails instead of skipping. */
export const servicesRequired = process.env.CARELINE_REQUIRE_SERVICES === '1';

export const PG_URL = process.env.CARELINE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.CARELINE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachableOnce(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port) }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.setTimeout(3000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Three tries over a few seconds: a loaded machine starting many test files at once is slow to accept. */
async function reachable(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await reachableOnce(url)) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

const probes = new Map<string, Promise<boolean>>();

/**
 * Whether a suite needing this service should be skipped: false when it is up; when it is
 * down, a reason to skip, or a thrown error if CI requires every suite.
 */
export async function skipUnless(service: 'postgres' | 'redis'): Promise<false | string> {
  const url = service === 'postgres' ? PG_URL : REDIS_URL;
  if (!probes.has(url)) probes.set(url, reachable(url));
  if (await probes.get(url)!) return false;
  const reason = `${service} is not reachable at ${url}`;
  if (servicesRequired) throw new Error(`${reason}, and CARELINE_REQUIRE_SERVICES=1 requires it`);
  return reason;
}
