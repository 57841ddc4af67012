// Entry of the UI chunk (dist/npskit-ui.js, and the ESM build's lazy chunk): the UiModule.
export { present } from './present.js';
