import type { Identity } from './protocol.ts';
import type { Locale } from './i18n.ts';

/** What the embedding <script> tag says, with defaults. */
export type WidgetConfig = {
  /** Where the script came from: the Careline server the widget talks to. */
  base: string;
  locale: Locale;
  title: string | null;
  team: string | null;
  category: string | null;
  color: string | null;
  position: 'left' | 'right';
  open: boolean;
  identity: Identity | null;
  maxUploadBytes: number;
  uploadTypes: string[];
};

const DEFAULT_UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'text/x-log'];

/** The <script> that loaded the widget: currentScript while it runs, else the first one whose src ends in widget.js. */
export function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  const all = Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]'));
  return all.find((s) => /\/widget\.js(\?|#|$)/.test(s.src)) ?? null;
}

function identityFrom(d: DOMStringMap): Identity | null {
  if (d.identityJwt) return { jwt: d.identityJwt };
  if (d.userId && d.userEmail && d.userSignature && d.userExpires) {
    return { user_id: d.userId, email: d.userEmail, expires: Number(d.userExpires), signature: d.userSignature, ...(d.userName ? { name: d.userName } : {}) };
  }
  return null;
}

/** Reads the data attributes of the script tag (documented in docs/widget.md). */
export function readConfig(script: HTMLScriptElement | null): WidgetConfig {
  const d = script?.dataset ?? {};
  const base = script ? new URL(script.src, location.href).origin : location.origin;
  const lang = (d.locale ?? document.documentElement.lang ?? 'en').toLowerCase();
  const mb = Number(d.maxUploadMb);
  return {
    base,
    locale: lang.startsWith('de') ? 'de' : 'en',
    title: d.title ?? null,
    team: d.team ?? null,
    category: d.category ?? null,
    color: d.color && /^#[0-9a-f]{3,8}$/i.test(d.color) ? d.color : null,
    position: d.position === 'left' ? 'left' : 'right',
    open: d.open === 'true',
    identity: identityFrom(d),
    maxUploadBytes: (Number.isFinite(mb) && mb > 0 ? mb : 10) * 1024 * 1024,
    uploadTypes: d.uploadTypes ? d.uploadTypes.split(',').map((t) => t.trim()).filter(Boolean) : DEFAULT_UPLOAD_TYPES,
  };
}
