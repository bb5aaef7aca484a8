import { h, render } from 'preact';
import { App } from './app.ts';
import { csrf } from './api.ts';
import { prefetchInbox } from './inbox.ts';
import { installKeyboard } from './keyboard.ts';

// A returning agent most likely has a session: fetch the inbox while the session is checked.
if (csrf.likely() && /^\/console\/?$/.test(location.pathname)) prefetchInbox(new URLSearchParams(location.search));

installKeyboard();
render(h(App, null), document.getElementById('app')!);
