import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { login, type Session } from '../api/session.js';
import { t } from '../i18n/i18n.js';
import { Settings } from './Settings.js';

/**
 * The login form: the read key goes once to `POST /v1/session` and comes back as an HttpOnly
 * cookie; the field is cleared and the key is never written to storage.
 */
export function Login(props: { onLogin: (session: Session) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return (
    <div class="login-page">
      <header class="login-header">
        <span class="brand">{t('appName')}</span>
        <Settings />
      </header>
      <main id="main" class="login" tabIndex={-1}>
        <h1>{t('login.title')}</h1>
        <p>{t('login.intro')}</p>
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const form = event.currentTarget as HTMLFormElement;
            const input = form.elements.namedItem('key') as HTMLInputElement;
            const key = input.value.trim();
            if (!key) return;
            setBusy(true);
            setError(undefined);
            try {
              const session = await login(key);
              input.value = '';
              props.onLogin(session);
            } catch (caught) {
              if (caught instanceof ApiError && caught.status === 401) setError(t('login.invalid'));
              else if (caught instanceof ApiError && caught.status === 404) {
                setError(t('login.unavailable'));
              } else {
                setError(
                  t('login.failed', { status: caught instanceof ApiError ? caught.status : '–' }),
                );
              }
              input.focus();
            } finally {
              setBusy(false);
            }
          }}
        >
          <label for="login-key">{t('login.key')}</label>
          <input
            id="login-key"
            name="key"
            type="password"
            autoComplete="off"
            spellcheck={false}
            required
            aria-describedby={error ? 'login-error' : undefined}
            aria-invalid={error ? true : undefined}
          />
          <button type="submit" disabled={busy}>
            {busy ? t('login.busy') : t('login.submit')}
          </button>
          {error ? (
            <p id="login-error" class="state state-error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      </main>
    </div>
  );
}
