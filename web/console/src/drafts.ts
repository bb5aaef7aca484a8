/** A ticket's unsent reply and note, kept in localStorage so a reload or crash loses nothing. */
export type Draft = { reply: string; note: string; mode: 'reply' | 'note' };

const key = (reference: string): string => `careline.draft.${reference}`;

export function loadDraft(reference: string): Draft {
  try {
    const raw = localStorage.getItem(key(reference));
    if (raw) return { reply: '', note: '', mode: 'reply', ...(JSON.parse(raw) as Partial<Draft>) };
  } catch {
    // a broken entry: start empty
  }
  return { reply: '', note: '', mode: 'reply' };
}

export function saveDraft(reference: string, draft: Draft): void {
  if (!draft.reply && !draft.note) localStorage.removeItem(key(reference));
  else localStorage.setItem(key(reference), JSON.stringify(draft));
}
