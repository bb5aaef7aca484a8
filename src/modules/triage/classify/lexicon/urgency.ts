/**
 * Words of urgency and time pressure. Any of them raises the priority one step: to urgent only
 * for lost access (account lockouts, sync data loss), to high at most elsewhere.
 */
export const URGENCY: readonly string[] = [
  '~asap', '~urgent*', '~immediately', 'right now', 'right away', 'an|this|its emergency', 'as soon as possible',
  'at once', 'cant access anything', 'cant get into anything', 'locked out of everything', 'need .. now|today|tonight',
  'in # minutes|mins|hours|hour', 'in an|one|two|few|half|a hour|hours|minutes', '~deadline', 'time sensitive',
  '~critical',
];
