import type { CategoryLexicon } from './types.ts';

/**
 * Security: suspected compromise, unknown logins, phishing, vulnerability reports, breach and
 * encryption questions. Compromise reports themselves are escalation rules (escalation.ts).
 */
export const SECURITY: CategoryLexicon = {
  category: 'security',
  threshold: 2,
  strong: [
    '~hack*', '~compromis*', '~breach*', '~phish*', '~scam*', '~fake', '~spoof*', '~fraud*', 'impersonat*',
    '~suspicious', '~unauthori*', 'unknown device|devices|login|logins|signin|signins|location|ip|session|sessions|browser',
    'unrecogni*', 'not me', 'wasnt me', 'malware', 'keylogger', 'infostealer', 'trojan', 'vulnerab*', 'exploit*', 'xss',
    'csrf', 'injection', 'bug bounty', 'responsible disclosure', 'security researcher', 'security contact|team|audit',
    '~security issue|problem|concern|risk|flaw|bug|hole|question', 'encrypt*', 'zero knowledge', 'end to end',
    'soc #', 'soc2', 'iso #', 'pen test', 'pentest*', 'penetration', 'audited', 'whitepaper', '~leak*', '~stolen', 'stole',
    '~exposed', 'key derivation', 'pbkdf2', 'argon2', 'kdf', 'certificate', 'tls', 'ssl', 'openssl', 'cve', 'attacker*',
    'intruder', 'takeover', 'login history', 'activity log', 'is it safe', 'safe to', 'how safe', 'is .. safe',
    'employees see', 'who can see', 'compliant', 'servers located', 'seed phrase', 'pgp', 'security risk',
    'devices .. logged', 'logged in devices', 'new device', 'new login|signin', 'login|signin|logins|signins from',
    'logged in from', 'someone', 'pretend*', 'claim* to be', 'se fait passer', 'lookalike',
  ],
  medium: ['security', 'safe', 'safety', 'privacy', 'private', 'attack*', 'virus', 'alert', 'sessions', 'devices'],
  weak: ['device', 'ip', 'location'],
  priority: {
    high: [
      'found .. vulnerab*|bug|issue|flaw|xss|exploit|hole', 'bug bounty', 'responsible disclosure', 'security researcher',
      'report .. vulnerab*|bug', 'pgp', 'cve', 'leak* .. url|urls|data|information|info|history|credentials',
      'proof of concept', 'poc',
    ],
  },
};
