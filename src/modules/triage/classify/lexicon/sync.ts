import type { CategoryLexicon } from './types.ts';

/** Sync & performance: items not syncing, slow unlock, high CPU, crashes during sync, offline mode. */
export const SYNC: CategoryLexicon = {
  category: 'sync',
  threshold: 2,
  strong: [
    'sync*', 'synchron*', 'resync*', 'out of sync', 'offline', 'sync server', 'cpu', 'ram', 'memory usage', 'battery',
    'fan', 'performance', 'lag', 'lags', 'lagging', 'laggy', 'freez*', 'froze', 'slow*', 'sluggish', 'takes forever|ages',
    'takes .. seconds|minutes|forever', 'conflict*', 'overwrit*', 'duplicat*', 'keep* coming back', 'came back',
    'not updating', 'isnt updating', 'doesnt update', 'dont|doesnt|not show* up', 'dont|doesnt|not appear*',
    'never reach*', 'missing on', 'not on my phone|laptop|desktop|computer|pc|mac|ipad|iphone|tablet',
    'between .. phone|laptop|desktop|computer|pc|mac|ipad|iphone|tablet|devices',
    'other devices', 'all devices', 'every device', 'any device', 'across .. devices', 'vault .. empty',
    'vault .. wont|not load*', 'shared folder* .. not|doesnt|dont|different', 'shared items .. not|dont|doesnt',
    'still .. old version|password|one|data', 'unlock* .. slow|takes|forever|seconds|minutes|ages',
    'search .. slow|forever|takes', 'spinning', 'loading forever', 'unable to reach', 'cannot reach', 'cant reach',
    'crash* .. sync*', 'gone', 'disappear*', 'vanish*', 'lost .. items|passwords|logins|notes|entries|data|vault',
    'lost all|everything', 'missing all|everything', '0 items', 'zero items', 'wiped', 'data loss', 'not working between',
  ],
  medium: [
    'crash*', 'hang*', 'missing', 'lost', 'shared folder*', 'shared collection*', 'shared items', 'not updating',
    'uses .. gb|mb', 'gb', 'background', 'outage', 'servers down', 'old version', 'old one', 'edits',
    'changes .. never|not|dont', 'last synced|sync', 'laptop .. phone', 'phone .. laptop', 'desktop .. phone',
    'phone .. desktop', 'ipad', 'iphone',
  ],
  weak: ['vault', 'items', 'entries', 'phone', 'laptop', 'desktop', 'app', 'mac', 'pc', 'extension'],
  priority: {
    high: [
      'all .. gone|lost|missing|disappeared|vanished|deleted|wiped|erased', 'everything .. gone|lost|disappeared|vanished|wiped',
      'vault .. empty', 'empty vault', '0 items', 'zero items', 'lost .. items|passwords|logins|notes|entries|data|vault|everything',
      'lost all', 'missing all|everything', 'items|passwords|logins|notes|entries|data|folders|half .. gone|disappeared|vanished|lost|wiped|erased',
      'disappeared', 'vanished', 'data loss', 'is everything lost',
    ],
  },
};
