// The part of autocannon 8's programmatic API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };

  export type RequestStep = Request & {
    /** Mutates the request about to be sent; returning a falsy value restarts the sequence. */
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
  };

  /** One connection; destroys itself before its next request once reqsMade >= responseMax (when responseMax > 0). */
  export interface Client extends EventEmitter {
    reqsMade: number;
    responseMax: number;
  }

  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: RequestStep[];
    setupClient?: (client: Client) => void;
    excludeErrorStats?: boolean;
  };

  export type Histogram = { mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p99: number };

  export type Result = {
    duration: number;
    latency: Histogram;
    requests: Histogram & { total: number; sent: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
  };

  export interface Instance extends EventEmitter {
    stop(): void;
  }

  export default function autocannon(options: Options, done: (error: Error | null, result: Result) => void): Instance;
}
