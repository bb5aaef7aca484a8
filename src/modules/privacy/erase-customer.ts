import type { Actor } from '../../kernel/events.ts';
import type { Logger } from '../../kernel/logger.ts';
import type { Tx } from '../../store/database.ts';
import type { UnitOfWork } from '../../store/unit-of-work.ts';
import { eraseCustomerRecord } from '../customers/index.ts';
import { eraseFromAudit } from '../identity/index.ts';
import { eraseMailsTo } from '../outbox/index.ts';
import { eraseCustomerTickets, ticketIdsOf } from '../tickets/index.ts';
import { deleteTrackingLinks } from '../tracking/index.ts';
import type { AttachmentFiles } from './attachment-files.ts';

/** What an erasure did; filesNotDeleted lists attachment files to remove by hand. */
export type Erasure = {
  customerId: number;
  erasedAt: string;
  alreadyErased: boolean;
  tickets: number;
  messages: number;
  attachments: number;
  emails: number;
  filesNotDeleted: string[];
};

/** The raw inbound mail kept for replay holds the whole message: it goes with the person. */
async function eraseInboundMail(trx: Tx, ticketIds: number[], addresses: string[]): Promise<void> {
  if (ticketIds.length === 0 && addresses.length === 0) return;
  await trx
    .deleteFrom('inbound_emails')
    .where((eb) => eb.or([...(ticketIds.length ? [eb('ticket_id', 'in', ticketIds)] : []), ...(addresses.length ? [eb('from_address', 'in', addresses), eb('envelope_from', 'in', addresses)] : [])]))
    .execute();
}

/**
 * Erases a customer (GDPR Art. 17) in one transaction: their messages anonymized, name,
 * email and identities removed, mail to them cleared, raw inbound mail and tracking links deleted, their
 * addresses scrubbed from the audit log; tickets stay (subject "[erased]") for reporting and a
 * customer.erased event is recorded once. Attachment files are deleted after commit.
 * Erasing again is safe and reports alreadyErased.
 */
export async function eraseCustomer(uow: UnitOfWork, files: AttachmentFiles, log: Logger, id: number, actor: Actor): Promise<Erasure> {
  const { erasure, storageKeys } = await uow(async (work) => {
    const record = await eraseCustomerRecord(work, id);
    const customerIds = [record.customerId, ...record.mergedIds];
    const ticketIds = await ticketIdsOf(work.trx, customerIds);
    const tickets = await eraseCustomerTickets(work, customerIds);
    const emails = await eraseMailsTo(work.trx, { customerId: record.customerId, ticketIds, addresses: record.identities }, work.now);
    await eraseInboundMail(work.trx, ticketIds, record.identities);
    await deleteTrackingLinks(work.trx, ticketIds);
    await eraseFromAudit(work.trx, record.identities.filter((v) => v.includes('@')));
    const counts = { tickets: tickets.tickets, messages: tickets.messages, attachments: tickets.storageKeys.length, emails };
    if (record.firstTime) work.emit({ type: 'customer.erased', ticketId: null, customerId: record.customerId, actor, data: counts });
    return { erasure: { customerId: record.customerId, erasedAt: record.erasedAt, alreadyErased: !record.firstTime, ...counts, filesNotDeleted: [] as string[] }, storageKeys: tickets.storageKeys };
  });
  for (const key of storageKeys) {
    try {
      await files.remove(key);
    } catch (error) {
      log.error({ err: error, storageKey: key, customerId: erasure.customerId }, 'erasure could not delete an attachment file');
      erasure.filesNotDeleted.push(key);
    }
  }
  return erasure;
}
