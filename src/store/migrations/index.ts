import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-triage.ts';
import * as m0003 from './0003-email.ts';
import * as m0004 from './0004-trust.ts';
import * as m0005 from './0005-helpcenter.ts';
import * as m0006 from './0006-imap.ts';
import * as m0007 from './0007-sender-auth.ts';
import * as m0008 from './0008-tracking.ts';
import * as m0009 from './0009-chat.ts';
import * as m0010 from './0010-routing.ts';
import * as m0011 from './0011-console.ts';
import * as m0012 from './0012-email-outbound.ts';
import * as m0013 from './0013-helpcenter-media.ts';
import * as m0014 from './0014-search-feed.ts';
import * as m0015 from './0015-inbound-by-ticket.ts';

/** Every migration, in order; a migration never changes once it has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-triage': m0002,
  '0003-email': m0003,
  '0004-trust': m0004,
  '0005-helpcenter': m0005,
  '0006-imap': m0006,
  '0007-sender-auth': m0007,
  '0008-tracking': m0008,
  '0009-chat': m0009,
  '0010-routing': m0010,
  '0011-console': m0011,
  '0012-email-outbound': m0012,
  '0013-helpcenter-media': m0013,
  '0014-search-feed': m0014,
  '0015-inbound-by-ticket': m0015,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
