import type { CategoryLexicon } from './types.ts';

/** How-to questions, feature requests, feedback and everything else; also the fallback. */
/** Product topics of how-to questions and feature requests: naming one makes a general message low priority. */
const TOPICS = [
  'tutorial', 'documentation', 'keyboard shortcut*', 'shortcut*', 'dark mode', 'theme', 'import*', 'export*',
  'share .. password|item|items|login|folder|with', 'sharing', 'generator', 'generate', 'passphrase', 'tags', 'tag',
  'custom field*', 'favorite*', 'favourite*', 'passkey*', 'emergency access', 'api', 'cli', 'print', 'language',
  'auto lock', 'autolock', 'timeout', 'secure note*', 'login item', 'watch app', 'address forms', 'compact view',
  'whats the difference', 'difference between',
];

/** Feature requests and feedback: low priority. */
const REQUESTS = [
  'feature request', 'would be great|nice|cool|awesome|helpful|useful|good', 'would love', 'it would be', 'please add',
  'can|could you add', 'add support', 'add .. option', 'add a way', 'suggestion*', 'suggest*', 'feedback', 'wish*',
  'love the app', 'great app', 'great job', 'good work', 'keep up', 'well done', 'bring back', 'ugly', 'confusing',
  'design', 'layout', 'new look', 'ui', 'icons', 'curious', 'two cents',
];

/** Messages for a person rather than the product: press, partners, jobs, complaints about us. */
const FOR_A_PERSON = [
  'journalist', 'article', 'interview', 'press', 'partnership', 'partner*', 'reseller', 'looking for a job', 'job at',
  'jobs at', 'job opening*', 'career*', 'hiring', 'openings', 'open positions', 'complaint', 'complain*', 'human',
  'talk to', 'speak with|to', 'real person', 'legal', 'lawyer', 'nobody .. answered|replied|responded|followed',
  'no answer|reply|response', 'followed up', 'support chat', 'bot',
];

/** How-to questions, feature requests, feedback and everything else; also the fallback. */
export const GENERAL: CategoryLexicon = {
  category: 'general',
  threshold: 0,
  strong: [...TOPICS, ...REQUESTS, ...FOR_A_PERSON, 'referral'],
  medium: [
    'how do i', 'how can i', 'how to', 'is there a way', 'is there an|a', 'where do|can i', 'can i', 'what does',
    'does vaultly have|support', 'do you have', 'thank*', 'great', 'love', 'nice', 'autofill*', 'folder*', 'ticket',
  ],
  weak: ['question', 'hello', 'hi'],
  priority: {
    low: [
      ...TOPICS, ...REQUESTS, 'love', 'great', 'thank*', 'how do i', 'how can i', 'how to', 'is there', 'where do|can i',
      'can i', 'whats', 'what does', 'what is', 'does .. have', 'do you have', 'nice', 'referral',
    ],
    normal: FOR_A_PERSON,
  },
};
