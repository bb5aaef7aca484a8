// The chat widget's entry: one <script src="…/widget.js" async> on any page. It reads its data
// attributes, mounts itself in a shadow root, and answers window.Careline(command, argument),
// including calls queued before it loaded (see docs/widget.md).
import { findScript, readConfig } from './config.ts';
import type { Identity } from './protocol.ts';
import { Widget } from './widget.ts';

type Command = 'identify' | 'open' | 'close' | 'toggle' | 'reset';
type Api = ((command: Command, argument?: unknown) => void) & { q?: ArrayLike<unknown>[]; loaded?: boolean };
type Host = Window & { Careline?: Api };

function run(widget: Widget, command: Command, argument: unknown): void {
  switch (command) {
    case 'identify':
      widget.identify((argument ?? null) as Identity | null);
      break;
    case 'open':
    case 'close':
      widget.setOpen(command === 'open', true);
      break;
    case 'toggle':
      widget.toggle();
      break;
    case 'reset':
      widget.reset();
      break;
  }
}

function boot(script: HTMLScriptElement | null): void {
  const host = window as Host;
  if (host.Careline?.loaded) return;
  const widget = new Widget(readConfig(script));
  const queued = host.Careline?.q ?? [];
  const api: Api = (command, argument) => run(widget, command, argument);
  api.loaded = true;
  host.Careline = api;
  for (const args of Array.from(queued)) run(widget, args[0] as Command, args[1]);
}

const script = findScript();
if (document.body) boot(script);
else document.addEventListener('DOMContentLoaded', () => boot(script), { once: true });
