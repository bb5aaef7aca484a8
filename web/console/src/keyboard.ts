import { useEffect, useRef } from 'preact/hooks';

/** Keys a view handles; the most recently mounted view that handles a key gets it. */
export type KeyMap = Record<string, (e: KeyboardEvent) => void>;

const stack: Array<{ current: KeyMap }> = [];

/** Whether focus is where typing text goes, so single-letter shortcuts must stay quiet. */
export function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el?.tagName) return false;
  return el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((el as HTMLInputElement).type));
}

function keyName(e: KeyboardEvent): string {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return 'mod+Enter';
  return e.key;
}

/** Installs the one document keydown listener that routes keys to the views' maps. */
export function installKeyboard(): void {
  document.addEventListener('keydown', (e) => {
    if (e.altKey || ((e.ctrlKey || e.metaKey) && e.key !== 'Enter')) return;
    const name = keyName(e);
    if (typingIn(e.target) && name !== 'Escape' && name !== 'mod+Enter') return;
    // Enter on a focused link or button does what that control does.
    if (name === 'Enter' && (e.target as HTMLElement | null)?.closest?.('a[href], button, summary, [role="button"], [role="tab"]')) return;
    for (let i = stack.length - 1; i >= 0; i--) {
      const handler = stack[i]!.current[name];
      if (handler) {
        e.preventDefault();
        handler(e);
        return;
      }
    }
  });
}

/** Registers a view's shortcuts while it is mounted; the map may change on every render. */
export function useKeys(map: KeyMap): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    stack.push(ref);
    return () => {
      const i = stack.indexOf(ref);
      if (i >= 0) stack.splice(i, 1);
    };
  }, []);
}

/** What the "?" overlay lists. */
export const SHORTCUTS: Array<[string, string]> = [
  ['j / k', 'Next / previous ticket'],
  ['o or Enter', 'Open the selected ticket'],
  ['u or Esc', 'Back to the inbox'],
  ['r', 'Reply'],
  ['n', 'Add an internal note'],
  ['s', 'Solve the ticket'],
  ['Ctrl+Enter', 'Send the reply or note'],
  ['/', 'Search tickets'],
  ['?', 'Show these shortcuts'],
];
