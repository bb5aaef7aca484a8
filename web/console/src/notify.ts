import { live, type Frame } from './live.ts';
import type { Agent } from './types.ts';

/**
 * Browser notifications for new chats that reach this agent (an offer, or a chat ticket
 * assigned to them), while the tab is in the background. Permission is asked on first use.
 */
export function startNotifications(me: Agent): () => void {
  const notify = (title: string, body: string, reference: string | null): void => {
    if (!('Notification' in window) || Notification.permission !== 'granted' || document.visibilityState === 'visible') return;
    const n = new Notification(title, { body, tag: reference ?? title });
    n.onclick = () => {
      window.focus();
      if (reference) location.assign(`/console/tickets/${reference}`);
    };
  };
  if ('Notification' in window && Notification.permission === 'default') {
    const ask = (): void => {
      void Notification.requestPermission();
      removeEventListener('click', ask);
    };
    addEventListener('click', ask);
  }
  return live.subscribe((frame: Frame) => {
    if (frame.type === 'offer') {
      const c = frame.conversation as { reference?: string; subject?: string } | undefined;
      notify('New chat for you', c?.subject ?? 'A customer is waiting', c?.reference ?? null);
    }
    if (frame.type === 'event') {
      const e = frame.event as { type: string; data: { reference?: string; changes?: Record<string, readonly [unknown, unknown]>; channel?: string } };
      const assigned = e.type === 'ticket.updated' && e.data.changes?.assigneeId?.[1] === me.id;
      if (assigned && e.data.reference) notify('A chat was assigned to you', e.data.reference, e.data.reference);
    }
  });
}
