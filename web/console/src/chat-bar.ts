import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from './api.ts';
import { live, type Frame } from './live.ts';
import { navigate } from './router.ts';

type Offer = { id: number; reference: string; subject: string; category: string | null; expires: number };
type Presence = 'online' | 'away' | 'offline';

/**
 * The agent's chat presence (online agents are offered chats) and the offers waiting for an
 * answer: Accept opens the chat, Decline passes it on. Shown only where the chat gateway runs.
 */
export function ChatBar() {
  const [presence, setPresence] = useState<Presence>('offline');
  const [offers, setOffers] = useState<Offer[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [connected, setConnected] = useState(live.state === 'live');
  useEffect(() => {
    const offState = live.onState((s) => setConnected(s === 'live'));
    const off = live.subscribe((f: Frame) => {
      if (f.type === 'welcome' && typeof f.presence === 'string') setPresence(f.presence as Presence);
      if (f.type === 'offer') {
        const c = f.conversation as { id: number; reference: string; subject: string; category: string | null };
        const expiresIn = typeof f.expires_in === 'number' ? f.expires_in : 30;
        setOffers((list) => [...list.filter((o) => o.id !== c.id), { ...c, expires: Date.now() + expiresIn * 1000 }]);
      }
      if (f.type === 'offer_withdrawn' || f.type === 'offer_expired') {
        const id = (f.conversation_id ?? (f.conversation as { id?: number } | undefined)?.id) as number | undefined;
        setOffers((list) => list.filter((o) => o.id !== id));
      }
    });
    const tick = setInterval(() => setOffers((list) => list.filter((o) => o.expires > Date.now())), 1000);
    return () => { off(); offState(); clearInterval(tick); };
  }, []);
  if (!connected) return null;
  const change = async (status: Presence): Promise<void> => {
    setError(null);
    try {
      await live.ask({ type: 'presence', status });
      setPresence(status);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const answer = async (offer: Offer, accept: boolean): Promise<void> => {
    setOffers((list) => list.filter((o) => o.id !== offer.id));
    try {
      await live.ask({ type: accept ? 'accept' : 'decline', conversation_id: offer.id });
      if (accept) navigate(`/tickets/${offer.reference}`);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return h('div', { class: 'chat-bar' },
    h('label', { for: 'presence', class: 'sr-only' }, 'Chat availability'),
    h('select', { id: 'presence', class: `presence ${presence}`, value: presence, onChange: (e: Event) => void change((e.target as HTMLSelectElement).value as Presence) },
      h('option', { value: 'online' }, 'Chat: online'), h('option', { value: 'away' }, 'Chat: away'), h('option', { value: 'offline' }, 'Chat: offline')),
    error ? h('span', { class: 'error small', role: 'alert' }, error) : null,
    offers.length ? h('div', { class: 'offers', role: 'region', 'aria-label': 'Chat offers', 'aria-live': 'assertive' }, offers.map((o) =>
      h('div', { key: o.id, class: 'offer card' },
        h('strong', null, 'New chat: '), o.subject, h('span', { class: 'muted small' }, ` ${o.reference} · ${Math.max(0, Math.round((o.expires - Date.now()) / 1000))} s`),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'primary', onClick: () => void answer(o, true) }, 'Accept'),
          h('button', { type: 'button', onClick: () => void answer(o, false) }, 'Decline'))))) : null);
}
