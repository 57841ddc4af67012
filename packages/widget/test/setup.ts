import { beforeEach } from 'vitest';
import { resetWarnings } from '../src/util/warn.js';

// happy-dom reports itself as an automated browser (navigator.webdriver), which the widget treats as
// a bot; the tests play an ordinary visitor unless they say otherwise.
Object.defineProperty(navigator, 'webdriver', { get: () => false, configurable: true });

// Every test is a fresh page: a warning said by an earlier test is said again.
beforeEach(() => {
  resetWarnings();
});
