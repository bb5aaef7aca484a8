import { h } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiError, csrf, messageOf, type Session } from './api.ts';
import type { Agent } from './types.ts';

type Step = 'password' | 'totp' | 'setup';

/** Email and password, then a TOTP code when two-factor is on (or enrolment when it is required). */
export function Login({ onDone, notice }: { onDone: (agent: Agent) => void; notice?: string | null }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>('password');
  const [setup, setSetup] = useState<{ secret: string; otpauth_url: string } | null>(null);
  const [setupToken, setSetupToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = step === 'setup' && setupToken
        ? await api<Session>('POST', '/auth/totp/enrol/enable', { setup_token: setupToken, code }, { quiet401: true })
        : await api<Session>('POST', '/auth/login', { email, password, ...(step === 'totp' ? { totp_code: code } : {}) }, { quiet401: true });
      csrf.set(session.csrf_token);
      onDone(session.agent);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        if (step === 'totp') setError('That code did not match. Codes change every 30 seconds.');
        setStep('totp');
      } else if (err instanceof ApiError && err.code === 'totp_setup_required') {
        const errors = (err.body.errors ?? {}) as { setup_token?: unknown };
        const token = typeof errors.setup_token === 'string' ? errors.setup_token : null;
        setSetupToken(token);
        setStep('setup');
        try {
          if (!token) throw new Error('the server sent no setup token');
          setSetup(await api<{ secret: string; otpauth_url: string }>('POST', '/auth/totp/enrol/setup', { setup_token: token }, { quiet401: true }));
        } catch (e2) {
          setError(`Two-factor is required, but enrolment could not start: ${messageOf(e2)}`);
        }
      } else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return h('main', { class: 'login' },
    h('form', { class: 'card login-card', onSubmit: (e: Event) => void submit(e), 'aria-labelledby': 'login-title' },
      h('h1', { id: 'login-title' }, 'Careline console'),
      notice ? h('p', { class: 'notice', role: 'status' }, notice) : null,
      step === 'password'
        ? [
            h('label', { for: 'login-email' }, 'Email'),
            h('input', { id: 'login-email', type: 'email', autocomplete: 'username', required: true, value: email, onInput: (e: Event) => setEmail((e.target as HTMLInputElement).value) }),
            h('label', { for: 'login-password' }, 'Password'),
            h('input', { id: 'login-password', type: 'password', autocomplete: 'current-password', required: true, value: password, onInput: (e: Event) => setPassword((e.target as HTMLInputElement).value) }),
          ]
        : [
            step === 'setup'
              ? h('div', { class: 'totp-setup' },
                  h('p', null, 'Your workspace requires two-factor sign-in. Add this key to your authenticator app, then enter the 6-digit code it shows.'),
                  setup ? h('p', null, h('code', { class: 'secret' }, setup.secret)) : h('p', null, 'Preparing a key…'),
                  setup ? h('p', { class: 'muted small' }, h('a', { href: setup.otpauth_url }, 'Open in an authenticator app')) : null)
              : h('p', null, 'Enter the 6-digit code from your authenticator app.'),
            h('label', { for: 'login-totp' }, 'Authentication code'),
            h('input', { id: 'login-totp', inputMode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxLength: 6, required: true, value: code, autoFocus: true, onInput: (e: Event) => setCode((e.target as HTMLInputElement).value.trim()) }),
          ],
      error ? h('p', { class: 'error', role: 'alert' }, error) : null,
      h('button', { type: 'submit', class: 'primary', disabled: busy }, busy ? 'Signing in…' : step === 'password' ? 'Sign in' : 'Verify'),
    ),
  );
}
