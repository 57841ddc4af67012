import { render } from 'preact';
import { App } from './app/App.js';
import { locale } from './i18n/i18n.js';
import { applyTheme } from './state/theme.js';
import './styles/app.css';

document.documentElement.lang = locale();
try {
  const stored = localStorage.getItem('npskit-dashboard:theme');
  if (stored === 'light' || stored === 'dark') applyTheme(stored);
} catch {}
const root = document.getElementById('app');
if (root) render(<App />, root);
