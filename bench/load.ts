import autocannon, { type Client, type RequestStep } from 'autocannon';

/** One thing to hammer: a request (or a per-request setup) against the server. */
export type Scenario = {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** Builds each request in turn (path, body); called once per request on the load generator. */
  next?: () => { path?: string; body?: string };
};

/** What one run measured; only 2xx responses count as successes and in the latency figures. */
export type Measurement = {
  name: string;
  seconds: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx responses per second over the whole run, drain included. */
  rps: number;
  p50: number;
  p99: number;
  statusCounts: Record<string, number>;
};

/**
 * Runs a scenario for `seconds` on `connections` connections, then drains: each connection
 * sends nothing more and closes once its request in flight has been answered, so every
 * request sent is counted (a write the server committed always has its response here).
 */
export function runLoad(baseUrl: string, scenario: Scenario, seconds: number, connections: number): Promise<Measurement> {
  const clients: Client[] = [];
  const step: RequestStep = { method: scenario.method, path: scenario.path, headers: scenario.headers ?? {} };
  if (scenario.next) {
    const next = scenario.next;
    step.setupRequest = (request) => ({ ...request, ...next() });
  }
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let lastResponse = started;
    const drain = setTimeout(() => {
      // responseMax 0 means "no limit", but every client has sent at least its first request.
      for (const client of clients) client.responseMax = Math.max(1, client.reqsMade);
    }, seconds * 1000);
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        // The drain ends the run; this is only a safety net should a connection never answer.
        duration: seconds + 60,
        timeout: 30,
        requests: [step],
        setupClient: (client) => void clients.push(client),
        excludeErrorStats: true,
      },
      (error, result) => {
        clearTimeout(drain);
        if (error) return reject(error);
        const elapsed = Math.max(lastResponse - started, 1) / 1000;
        const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
        resolve({
          name: scenario.name,
          seconds: elapsed,
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          rps: result['2xx'] / elapsed,
          p50: result.latency.p50,
          p99: result.latency.p99,
          statusCounts,
        });
      },
    );
    instance.on('response', () => {
      lastResponse = performance.now();
    });
  });
}
