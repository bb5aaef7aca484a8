/**
 * Whether an error is the unique index on messages (channel, external_id) firing: a concurrent
 * twin of the same request (same Idempotency-Key, Message-ID, client id) committed first.
 */
export function isDuplicateExternalId(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === '23505') return e.constraint === 'messages_external';
  return typeof e.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT') && /messages\.channel, messages\.external_id/.test(String(e.message));
}

/**
 * Runs a command that dedupes by external id, once more if it lost that race: the second run
 * finds what the twin stored and answers with it, so concurrent retries never fail.
 * @example await retryOnDuplicate(() => deps.uow((work) => createTicket(work, input, actor)))
 */
export async function retryOnDuplicate<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isDuplicateExternalId(error)) throw error;
    return run();
  }
}
