import { GAP, OPT_GAP, WORD_START, allMatches } from './scan.ts';
import type { Detector, Match } from './types.ts';

const LABEL = '[API token removed]';

/** Characters that may continue a token; a token must not start or end inside a run of them. */
const T = 'A-Za-z0-9_\\-';

/**
 * Token formats that identify themselves by prefix. Each starts at a token boundary and has
 * bounded repetition, so one attempt costs at most the token's length.
 */
const SELF_IDENTIFYING: readonly RegExp[] = [
  /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/g, // AWS access key id
  new RegExp(String.raw`(?<![${T}])(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}(?![${T}])`, 'g'), // GitHub
  new RegExp(String.raw`(?<![${T}])github_pat_[A-Za-z0-9_]{20,255}(?![${T}])`, 'g'), // GitHub fine-grained
  new RegExp(String.raw`(?<![${T}])xox[abprs]-[A-Za-z0-9-]{10,250}(?![${T}])`, 'g'), // Slack
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,120}/g, // Slack incoming webhook
  new RegExp(String.raw`(?<![${T}])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247}(?![${T}])`, 'g'), // Stripe secret
  new RegExp(String.raw`(?<![${T}])whsec_[A-Za-z0-9+/=]{20,100}(?![${T}])`, 'g'), // Stripe webhook secret
  new RegExp(String.raw`(?<![${T}])AIza[0-9A-Za-z_-]{35}(?![${T}])`, 'g'), // Google API key
  new RegExp(String.raw`(?<![${T}])sk-[A-Za-z0-9_-]{32,300}(?![${T}])`, 'g'), // OpenAI-style
  new RegExp(String.raw`(?<![${T}.])eyJ[A-Za-z0-9_-]{5,4000}\.eyJ[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{0,2000}(?![${T}.])`, 'g'), // JWT
  new RegExp(String.raw`(?<![${T}])cl[ts]_[A-Za-z0-9_-]{43}(?![${T}])`, 'g'), // Careline API token, session id
];

/** Keywords after which a long mixed token is taken to be a credential, e.g. `api key: …`, `Bearer …`. */
const NAMED = new RegExp(
  String.raw`${WORD_START}(?:(?:x-)?api[ _-]?(?:key|token|secret)|access[ _-]?(?:key|token)|auth(?:orization)?[ _-]?token` +
    String.raw`|secret[ _-]?token|client[ _-]?secret|(?:personal|private)[ _-]?(?:access[ _-]?)?token|token)` +
    String.raw`["']?${OPT_GAP}(?:[:=]|${GAP}(?:is|was)${GAP})${OPT_GAP}["']?` +
    String.raw`|${WORD_START}bearer${GAP}`,
  'giu',
);
const NAMED_VALUE = /[A-Za-z0-9_\-.+/=~]{20,500}(?![A-Za-z0-9_\-.+/=~])/y;

/** AWS secret access keys: 40 characters after their well-known name. */
const AWS_SECRET = new RegExp(
  String.raw`${WORD_START}(?:aws[ _-]?)?secret[ _-]?access[ _-]?key["']?${OPT_GAP}(?:[:=]|${GAP}is${GAP})${OPT_GAP}["']?`,
  'giu',
);
const AWS_SECRET_VALUE = /[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/y;

/**
 * Every format above holds a run of at least 15 of these characters (a Slack webhook from its
 * `//`, a JWT with its dots, a named value of 20 or more): text without one holds no token.
 */
const TOKEN_RUN = /[A-Za-z0-9_\-.+/=~]{15}/;

/** API tokens and cloud credentials in the common formats, and long mixed tokens after "api key:", "token:", "Bearer". */
export const apiTokens: Detector = {
  kind: 'api_token',
  find(text) {
    if (!TOKEN_RUN.test(text)) return [];
    const found: Match[] = [];
    for (const re of SELF_IDENTIFYING) {
      for (const m of allMatches(re, text)) {
        if (m[0].startsWith('sk-') && !hasLetterAndDigit(m[0].slice(3))) continue;
        found.push(at(m.index, m.index + m[0].length));
      }
    }
    found.push(...valuesAfter(text, AWS_SECRET, AWS_SECRET_VALUE, () => true));
    found.push(...valuesAfter(text, NAMED, NAMED_VALUE, hasLetterAndDigit));
    return found.sort((a, b) => a.start - b.start);
  },
};

function valuesAfter(text: string, phrase: RegExp, value: RegExp, accept: (v: string) => boolean): Match[] {
  const found: Match[] = [];
  for (const p of allMatches(phrase, text)) {
    value.lastIndex = p.index + p[0].length;
    const v = value.exec(text);
    if (v !== null && accept(v[0])) found.push(at(v.index, v.index + v[0].length));
  }
  return found;
}

function hasLetterAndDigit(s: string): boolean {
  return /[A-Za-z]/.test(s) && /[0-9]/.test(s);
}

function at(start: number, end: number): Match {
  return { start, end, kind: 'api_token', label: LABEL };
}
