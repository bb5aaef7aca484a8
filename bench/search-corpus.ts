/**
 * A deterministic knowledge base for the search bench: articles and queries built from a
 * password-manager support vocabulary by a seeded PRNG, so every run searches the same text.
 */

/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = ('vault sync password master recovery emergency kit secret key device phone laptop browser extension autofill login account email ' +
  'billing invoice refund subscription plan family premium team share item folder tag attachment export import backup csv lastpass chrome ' +
  'firefox safari edge android iphone ipad windows macos linux install update uninstall crash freeze slow unlock biometrics fingerprint ' +
  'passkey yubikey security two-factor authenticator code totp breach monitoring generator passphrase offline conflict server firewall ' +
  'proxy certificate vpn network storage limit upgrade downgrade cancel payment card paypal vat receipt notification settings timeout ' +
  'lock clipboard history trash restore permission admin member invite policy audit encryption argon2id aes key-derivation').split(' ');
const FILLER = ('the a to of and in your you is it for on with can this that if when from or be by are not will after before open then ' +
  'select choose check make sure try again still see need use new other more some all any each only also there here what which how').split(' ');
const VERBS = 'fix reset change find turn enable disable set use move add remove delete recover restore create edit check contact'.split(' ');
const CODES = Array.from({ length: 60 }, (_, i) => `E-${1000 + i * 37}`);
const VERSIONS = Array.from({ length: 30 }, (_, i) => `4.${Math.floor(i / 10)}.${i % 10}`);
const SYLLABLES = 'ka lo mi ten ser van dor pel ri cus tra mon fi gel ba nor quin sol ve dra'.split(' ');

/** One generated article. */
export type BenchArticle = { slug: string; title: string; description: string; tags: string[]; category: string; body: string };

/** A Zipf-like pick: early entries are common, late ones rare, as words are in real text. */
function zipf<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.min(list.length - 1, Math.floor(list.length ** rand()) - 1)]!;
}

function uniform<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** A long tail of made-up words (product names, jargon) so the vocabulary is as large as a real one. */
function longTail(rand: () => number, n: number): string[] {
  return Array.from({ length: n }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => uniform(rand, SYLLABLES)).join(''));
}

/**
 * `count` articles, the same every time for the same seed. Each is about 2–4 topic words (its
 * title, tags and a share of its body); the rest of the body is other topics, common words and
 * a long tail, each Zipf-distributed, with error codes and versions sprinkled in.
 */
export function generateArticles(count: number, seed = 42): BenchArticle[] {
  const rand = prng(seed);
  const tail = longTail(rand, 3000);
  const out: BenchArticle[] = [];
  for (let i = 0; i < count; i++) {
    const topics = [...new Set(Array.from({ length: 2 + Math.floor(rand() * 3) }, () => uniform(rand, TOPICS)))];
    const word = (): string => {
      const r = rand();
      return r < 0.15 ? uniform(rand, topics) : r < 0.3 ? zipf(rand, TOPICS) : r < 0.75 ? zipf(rand, FILLER) : zipf(rand, tail);
    };
    const paragraphs = Array.from({ length: 3 + Math.floor(rand() * 5) }, () => {
      const sentence = Array.from({ length: 30 + Math.floor(rand() * 40) }, word);
      if (rand() < 0.15) sentence.splice(Math.floor(rand() * sentence.length), 0, uniform(rand, CODES));
      if (rand() < 0.1) sentence.splice(Math.floor(rand() * sentence.length), 0, `version ${uniform(rand, VERSIONS)}`);
      return `${sentence.join(' ')}.`;
    });
    const title = [uniform(rand, VERBS), ...topics].join(' ');
    out.push({
      slug: `bench-${i}`,
      title: title[0]!.toUpperCase() + title.slice(1),
      description: [...topics, ...Array.from({ length: 8 + Math.floor(rand() * 8) }, word)].join(' '),
      tags: [...topics, zipf(rand, TOPICS)],
      category: uniform(rand, ['account', 'billing', 'sync', 'security', 'installation', 'general']),
      body: `## ${topics.join(' ')}\n\n${paragraphs.join('\n\n')}`,
    });
  }
  return out;
}

function typo(rand: () => number, word: string): string {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(rand() * (word.length - 2));
  return rand() < 0.5 ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

/** Queries like readers type: 1–4 topic words with a common word now and then, some misspelt, some cut short, some error codes. */
export function generateQueries(count: number, seed = 7): string[] {
  const rand = prng(seed);
  return Array.from({ length: count }, () => {
    const r = rand();
    if (r < 0.05) return uniform(rand, CODES);
    if (r < 0.08) return `${uniform(rand, VERSIONS)} crash`;
    const q = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => (rand() < 0.8 ? uniform(rand, TOPICS) : zipf(rand, FILLER)));
    if (rand() < 0.2) q[0] = typo(rand, q[0]!);
    if (rand() < 0.2) q[q.length - 1] = q[q.length - 1]!.slice(0, Math.max(3, q[q.length - 1]!.length - 2));
    return q.join(' ');
  });
}
