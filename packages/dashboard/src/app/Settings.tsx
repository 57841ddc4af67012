import { type Locale, setLocale, t, useLocale } from '../i18n/i18n.js';
import { type ThemeChoice, useTheme } from '../state/theme.js';

/** Language and theme pickers (remembered in this browser). */
export function Settings() {
  const locale = useLocale();
  const [theme, setTheme] = useTheme();
  return (
    <div class="settings">
      <p class="setting">
        <label for="setting-language">{t('settings.language')}</label>
        <select
          id="setting-language"
          value={locale}
          onChange={(event) =>
            setLocale((event.currentTarget as HTMLSelectElement).value as Locale)
          }
        >
          <option value="en" lang="en">
            English
          </option>
          <option value="sv" lang="sv">
            Svenska
          </option>
        </select>
      </p>
      <p class="setting">
        <label for="setting-theme">{t('settings.theme')}</label>
        <select
          id="setting-theme"
          value={theme}
          onChange={(event) =>
            setTheme((event.currentTarget as HTMLSelectElement).value as ThemeChoice)
          }
        >
          <option value="system">{t('theme.system')}</option>
          <option value="light">{t('theme.light')}</option>
          <option value="dark">{t('theme.dark')}</option>
        </select>
      </p>
    </div>
  );
}
