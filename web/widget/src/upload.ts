import type { Strings } from './i18n.ts';
import type { WidgetConfig } from './config.ts';

/** Why a file cannot be sent, checked before uploading; the server checks again and has the last word. */
export function fileProblem(file: File, cfg: WidgetConfig, t: Strings): string | null {
  if (file.size > cfg.maxUploadBytes) return t.fileTooLarge(Math.round(cfg.maxUploadBytes / 1024 / 1024));
  // browsers often give .log files no type; the server takes them as text
  const given = file.type || (/\.(log|txt)$/i.test(file.name) ? 'text/plain' : '');
  const ok = cfg.uploadTypes.some((type) => (type.endsWith('/*') ? given.startsWith(type.slice(0, -1)) : given === type));
  return ok ? null : t.fileType;
}

/** POST /chat/uploads as this visitor; resolves to the attachment id, rejects with the server's problem detail. */
export async function uploadFile(base: string, token: string, file: File): Promise<number> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await fetch(`${base}/chat/uploads`, { method: 'POST', body, headers: { 'x-visitor-token': token }, credentials: 'omit' });
  const json = (await res.json().catch(() => ({}))) as { id?: number; attachment?: { id?: number }; detail?: string; title?: string };
  const id = json.id ?? json.attachment?.id;
  if (!res.ok || typeof id !== 'number') throw new Error(json.detail ?? json.title ?? `HTTP ${res.status}`);
  return id;
}
